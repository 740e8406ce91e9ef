/// How many of a construct's items must be answered for a score, as an instrument declares it
/// (`survey_items.scoring`, schema/migrations/010; docs/metrics.md "Construct scores").
public enum ScoringRule: String, CaseIterable, Sendable {
    /// The contract's rule and the default: at least ⌈k/2⌉ of the k items.
    case atLeastHalf = "at_least_half"
    /// Every item: for validated scales that ask for complete answers.
    case allItems = "all_items"

    /// What the rule asks for, in words: "at least half the items answered".
    public var requirement: String {
        switch self {
        case .atLeastHalf: return "at least half the items answered"
        case .allItems: return "every item answered"
        }
    }
}
