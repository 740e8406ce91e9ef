/// What a column of an output table is, for publication: kept, rounded, dropped, or a figure
/// that is shown only when its base is large enough (docs/reports.md, "Public mode").
public enum PublicationRole: Sendable, Hashable {
    /// A key or label, published as is.
    case key
    /// A count of people (or pairs, or enrolments): rounded to 5.
    case count
    /// Left out of public tables (t, df: they give away an exact count).
    case dropped
    /// A figure of a suppression class: shown only when the class's base allows it.
    case figure(SuppressionClass, Format)
    /// A national rate that is already public (benchmark_rate): rounded like a proportion.
    case published(Format)

    /// How a shown figure is written.
    public enum Format: Sendable, Hashable {
        /// A proportion: two decimals.
        case proportion
        /// Percentage points: whole points.
        case percentagePoints
        /// A mean, SD, interval limit, effect size or alpha: two decimals.
        case mean
        /// A p-value: two significant figures, or `<0.001`.
        case pValue
    }
}
