/// The counts an import ends with, recorded in its ledger row.
public struct ImportCounts: Sendable, Equatable {
    /// The file's SHA-256, in hex.
    public let sha256: String
    /// Data rows read.
    public let rowsRead: Int
    /// Rows accepted.
    public let accepted: Int
    /// Rows inserted.
    public let inserted: Int
    /// Rows replaced.
    public let updated: Int
    /// Rows that changed nothing.
    public let unchanged: Int
    /// Rows rejected.
    public let rejected: Int
    /// When the import finished (ISO 8601).
    public let finished: String

    /// The counts of an import.
    public init(sha256: String, rowsRead: Int, accepted: Int, inserted: Int, updated: Int, unchanged: Int, rejected: Int, finished: String) {
        self.sha256 = sha256
        self.rowsRead = rowsRead
        self.accepted = accepted
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.rejected = rejected
        self.finished = finished
    }
}
