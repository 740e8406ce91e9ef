/// How the rows of a table add up, for secondary suppression.
public enum PartitionRule: Sendable, Hashable {
    /// No row is a total or a part of another.
    case none
    /// Per unit, the programme-year row is the total of its cohort rows and, separately, of each
    /// dimension's subgroup rows (the `.level` and `.group` columns).
    case levels
    /// Every row is a part of the programme-year row of the same unit in another table, with the
    /// suppression class of the same base and rule on both sides.
    case partsOf(TableKind)
    /// Each row's matched participants (`part`) are a part of the programme-year row of the same
    /// unit in another table (its class `total`); the rest of that total, counted in the column
    /// `unlisted`, is a part no row lists.
    case matchedPartOf(TableKind, total: SuppressionClass, part: SuppressionClass, unlisted: String)
}
