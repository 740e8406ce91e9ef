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

        /// `count` cells of `column` holding `value`.
        public init(column: String, value: String, count: Int) {
            self.column = column
            self.value = value
            self.count = count
        }
    }

    /// One rejection reason and how many rows it rejected.
    public struct Reason: Sendable, Equatable {
        /// The reason.
        public let reason: String
        /// How many rows.
        public let count: Int

        /// `count` rows rejected for `reason`.
        public init(reason: String, count: Int) {
            self.reason = reason
            self.count = count
        }
    }

    /// The unread values.
    public let values: [Value]
    /// The reasons.
    public let reasons: [Reason]

    /// The findings `values` and `reasons`.
    public init(values: [Value], reasons: [Reason]) {
        self.values = values
        self.reasons = reasons
    }
}
