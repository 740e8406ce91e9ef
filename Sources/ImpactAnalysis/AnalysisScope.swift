/// Which programme-years a report covers.
public struct AnalysisScope: Sendable, Equatable {
    /// Only this programme, if set.
    public var programme: String?
    /// Only this year, if set.
    public var year: Int?

    /// Everything, or one programme and/or one year.
    public init(programme: String? = nil, year: Int? = nil) {
        self.programme = programme
        self.year = year
    }

    /// Whether a programme-year is in scope.
    public func contains(programme candidate: String, year candidateYear: Int) -> Bool {
        (programme == nil || programme == candidate) && (year == nil || year == candidateYear)
    }
}

/// The levels of the contract's output tables.
public enum Level: String, Sendable, CaseIterable {
    /// A programme and year, all its cohorts pooled (cohort_id empty).
    case programmeYear = "programme_year"
    /// One cohort.
    case cohort
    /// A programme-year split by group_dim = group_value.
    case subgroup
}

/// The subgroup dimensions of pre/post change and outcomes, with the group value of a
/// person as stored text: `yes`/`no` for booleans, the category for others, `unknown`.
public enum SubgroupDimension: String, Sendable, CaseIterable {
    case fsm
    case firstGeneration = "first_generation"
    case gender
    case ethnicity
    case lowSES = "low_ses"

    /// The column of `participant_flags` that holds it.
    public var column: String { rawValue }

    /// Whether the column is a 0/1 flag (shown as yes/no).
    public var isBoolean: Bool { self == .fsm || self == .firstGeneration || self == .lowSES }

    /// The group value for a stored flag (0/1/NULL) or category (text/NULL).
    public func groupValue(flag: Int?) -> String {
        switch flag {
        case 1?: return "yes"
        case 0?: return "no"
        default: return "unknown"
        }
    }

    /// The group value for a stored category.
    public func groupValue(category: String?) -> String {
        category ?? "unknown"
    }
}
