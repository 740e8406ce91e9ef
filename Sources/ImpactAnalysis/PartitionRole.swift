/// What a column is to the totals and parts of secondary suppression (docs/reports.md).
public enum PartitionRole: Sendable, Hashable {
    /// One of the keys that identify a unit: rows with the same values are a total and its parts.
    case unit
    /// The level (`programme_year` is the total, `cohort` and `subgroup` rows its parts).
    case level
    /// The dimension of a subgroup row: each dimension's groups are a partition of their own.
    case group
}
