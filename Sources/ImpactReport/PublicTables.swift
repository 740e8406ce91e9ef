public import ImpactAnalysis

/// The public version of a report's tables: the contract's "Publication" rules applied to every
/// cell, and secondary suppression so that no suppressed figure can be recovered by
/// differencing a total and the rows shown beside it (docs/reports.md, "Public mode").
///
/// Pure: exact tables in, public tables out. Every cell of the result is text.
public struct PublicTables: Sendable {
    /// The public tables, in the order given, with `t` and `df` left out.
    public let tables: [OutputTable]
    /// How many figures were suppressed for a small base (the primary rules).
    public let primarySuppressed: Int
    /// How many more were suppressed so that the first cannot be recovered by differencing.
    public let secondarySuppressed: Int

    /// Applies the rules to `exact` (tables named as the report writes them).
    public init(_ exact: [OutputTable]) {
        var state = SuppressionState(exact)
        state.suppressComplements()
        tables = state.render()
        primarySuppressed = state.primaryCount
        secondarySuppressed = state.secondaryCount
    }
}
