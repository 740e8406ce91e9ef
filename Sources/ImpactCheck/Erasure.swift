/// What one erasure removed: rows per table (only tables that held the person).
public struct Erasure: Sendable, Equatable {
    /// The row of the audit table `erasures`.
    public let erasureID: Int64
    /// Rows removed, by table name (`rejected_rows` included).
    public let rowsByTable: [String: Int]
    /// Whether the file was vacuumed afterwards.
    public let vacuumed: Bool

    /// All rows removed.
    public var rowsRemoved: Int { rowsByTable.values.reduce(0, +) }
}
