/// An optional cell that could not be read: stored as unknown, recorded in `unread_cells`.
public struct UnreadCell: Sendable, Equatable {
    /// The line of the row (0 until the row is placed).
    public var line = 0
    /// The contract column.
    public let column: String
    /// The cell as written (redacted of anything shaped like an e-mail or a full postcode).
    public let value: String
    /// Why it could not be read.
    public let reason: String

    init(line: Int = 0, column: String, value: String, reason: String) {
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
    }
}
