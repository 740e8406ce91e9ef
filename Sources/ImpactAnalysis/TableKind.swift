/// The tables a report writes, each declared once (`declaration`): its columns with their kind,
/// publication role and partition role. A new case does not compile without its declaration,
/// so no table can reach a public report without publication rules.
public enum TableKind: String, CaseIterable, Sendable, Hashable {
    /// reach.csv.
    case reach = "reach.csv"
    /// funnel.csv.
    case funnel = "funnel.csv"
    /// prepost.csv.
    case prepost = "prepost.csv"
    /// sustained.csv (an extension): prepost.csv for the pairs with the follow-up.
    case sustained = "sustained.csv"
    /// outcomes.csv.
    case outcomes = "outcomes.csv"
    /// alpha.csv.
    case alpha = "alpha.csv"
    /// alpha_items.csv (an extension).
    case alphaItems = "alpha_items.csv"
    /// dosage_outcomes.csv (an extension).
    case dosageOutcomes = "dosage_outcomes.csv"
    /// dosage_prepost.csv (an extension).
    case dosagePrepost = "dosage_prepost.csv"
    /// intersections.csv (an extension).
    case intersections = "intersections.csv"
    /// comparison.csv (an extension).
    case comparison = "comparison.csv"
    /// pairing.csv (an extension).
    case pairing = "pairing.csv"

    /// The file name, e.g. `reach.csv`.
    public var fileName: String { rawValue }

    /// The table's one declaration.
    public var declaration: TableDeclaration {
        switch self {
        case .reach: return .reach
        case .funnel: return .funnel
        case .prepost: return .prepost
        case .sustained: return .sustained
        case .outcomes: return .outcomes
        case .alpha: return .alpha
        case .alphaItems: return .alphaItems
        case .dosageOutcomes: return .dosageOutcomes
        case .dosagePrepost: return .dosagePrepost
        case .intersections: return .intersections
        case .comparison: return .comparison
        case .pairing: return .pairing
        }
    }
}
