/// The unread values and rejection reasons of one import, most frequent first.
public struct DryRunFindings: Sendable, Equatable {
    /// One unread value: its column, the value and how many cells held it.
    public struct Value: Sendable, Equatable {
        /// The column.
        public let column: String
        /// The value as written.
        public let value: String
        /// How many cells.
        public let count: Int
    }

    /// One rejection reason and how many rows it rejected.
    public struct Reason: Sendable, Equatable {
        /// The reason.
        public let reason: String
        /// How many rows.
        public let count: Int
    }

    /// The unread values.
    public let values: [Value]
    /// The reasons.
    public let reasons: [Reason]
}
