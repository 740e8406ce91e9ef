/// The thresholds the checks apply, bound as parameters of the `queries/check/*.sql` files.
/// The defaults and their reasons are in docs/data-quality.md.
public struct CheckThresholds: Sendable, Equatable {
    /// A cohort's field is a warning when more than this share of its participants lack it
    /// (the worst-case bounds of a reach figure are as wide as its unknown share).
    public var missingWarning = 0.2
    /// … and an error above this share (the known values are a minority).
    public var missingError = 0.5
    /// Attrition becomes a warning when more than this share of pre respondents have no post.
    public var attritionWarning = 0.5
    /// A pre answer more than this many days before the cohort's start is a warning.
    public var daysBeforeStart = 180
    /// A post answer more than this many days after the cohort's end is a warning.
    public var daysAfterEnd = 180
    /// An application more than this many days before the cohort's start is a warning.
    public var daysAppliedBeforeStart = 730
    /// Ages (cohort year − birth year) outside `minimumAge...maximumAge` are a warning.
    public var minimumAge = 10
    /// See `minimumAge`.
    public var maximumAge = 30
    /// Example ids listed per finding.
    public var examples = 5

    /// The default thresholds.
    public init() {}

    /// The named parameters of the check queries.
    var arguments: [String: Double] {
        [
            "missing_warning": missingWarning, "missing_error": missingError,
            "attrition_warning": attritionWarning,
            "days_before_start": Double(daysBeforeStart), "days_after_end": Double(daysAfterEnd),
            "days_applied_before_start": Double(daysAppliedBeforeStart),
            "min_age": Double(minimumAge), "max_age": Double(maximumAge),
            "examples": Double(examples),
        ]
    }
}
