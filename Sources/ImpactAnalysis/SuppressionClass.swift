/// A group of figures of one row that stand or fall together, with the base they rest on and
/// the rule applied to it (the thresholds are the report's: `Disclosure` in ImpactReport).
public struct SuppressionClass: Sendable, Hashable {
    /// The exact count the figures rest on.
    public let base: Base
    /// The rule on the base.
    public let rule: Rule

    /// Where a row's base is read.
    public enum Base: Sendable, Hashable {
        /// A count column of the row (a denominator or a number of people).
        case column(String)
        /// The smaller of two count columns (a difference resting on both sides).
        case smallerOf(String, String)

        /// The columns read.
        public var columns: [String] {
            switch self {
            case let .column(name): return [name]
            case let .smallerOf(first, second): return [first, second]
            }
        }
    }

    /// The rule on a base.
    public enum Rule: Sendable, Hashable {
        /// A rate: shown when the base is 22.5 or more.
        case rate
        /// A mean or effect size: shown when the base is more than 7.
        case mean
    }

    /// A class whose base is one column.
    public init(base: String, rule: Rule) {
        self.init(base: .column(base), rule: rule)
    }

    /// A class with any base.
    public init(base: Base, rule: Rule) {
        self.base = base
        self.rule = rule
    }
}
