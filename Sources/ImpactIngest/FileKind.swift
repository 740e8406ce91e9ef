/// The contract's input files, in dependency order.
public enum FileKind: String, CaseIterable, Sendable, Comparable {
    case programmes, cohorts, participants, enrolments
    case surveyItems = "survey_items"
    case responses, outcomes, benchmarks

    /// The file name the kind is recognised by, e.g. `survey_items.csv`.
    public var fileName: String { rawValue + ".csv" }

    /// The order files are imported in: parents before the rows that refer to them.
    public var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: FileKind, rhs: FileKind) -> Bool { lhs.order < rhs.order }

    /// The kind a file name stands for (`Participants.CSV` counts), if any.
    public static func recognising(fileName: String) -> FileKind? {
        let lower = fileName.lowercased()
        guard lower.hasSuffix(".csv") else { return nil }
        return FileKind(rawValue: String(lower.dropLast(4)))
    }

    /// The columns the engine knows for this file (others go to `extra`).
    public var columns: [ColumnSpec] {
        switch self {
        case .programmes:
            return [.init("programme_id", required: true), .init("name", required: true), .init("description")]
        case .cohorts:
            return [.init("cohort_id", required: true), .init("programme_id", required: true),
                    .init("year", required: true), .init("delivery_mode"), .init("region"),
                    .init("start_date"), .init("end_date")]
        case .participants:
            // participant_id is required unless email is there to derive it.
            return ["participant_id", "email", "name", "birth_year", "gender", "ethnicity", "region", "postcode",
                    "school_type", "fsm", "first_generation", "parental_occupation", "polar4_quintile",
                    "imd_quintile", "care_experienced", "disability", "consent_research"].map { ColumnSpec($0) }
        case .enrolments:
            return [.init("participant_id"), .init("email"), .init("cohort_id", required: true),
                    .init("status", required: true), .init("applied_on"), .init("hours")]
        case .surveyItems:
            return [.init("instrument_id", required: true), .init("item_id", required: true),
                    .init("construct", required: true), .init("scale_min", required: true),
                    .init("scale_max", required: true), .init("reverse_coded"), .init("text")]
        case .responses:
            return [.init("participant_id"), .init("email"), .init("cohort_id", required: true),
                    .init("instrument_id", required: true), .init("wave", required: true),
                    .init("item_id", required: true), .init("value", required: true), .init("responded_on")]
        case .outcomes:
            return [.init("participant_id"), .init("email"), .init("outcome", required: true),
                    .init("value", required: true), .init("observed_on"), .init("source")]
        case .benchmarks:
            return [.init("outcome", required: true), .init("population", required: true),
                    .init("year", required: true), .init("rate", required: true), .init("source")]
        }
    }

    /// Whether rows identify a person by `participant_id`, or by `email` through the keyed hash.
    var identifiesParticipant: Bool {
        [.participants, .enrolments, .responses, .outcomes].contains(self)
    }

    // Categories of the contract.
    static let genders = ["female", "male", "non_binary", "other", "prefer_not_to_say"]
    static let ethnicities = ["asian", "black", "mixed", "white", "other", "prefer_not_to_say"]
    static let schoolTypes = ["state_non_selective", "state_selective", "independent", "other"]
    static let occupations = ["professional", "intermediate", "working_class", "other"]
    static let deliveryModes = ["in_person", "online", "hybrid"]
    static let statuses = ["applied", "offered", "declined", "started", "withdrawn", "completed"]
    static let waves = ["pre", "post", "follow_up"]
}

/// One known column of an input file.
public struct ColumnSpec: Sendable, Equatable, ExpressibleByStringLiteral {
    /// The header name, lower case.
    public let name: String
    /// Whether a file without this column is refused.
    public let required: Bool

    public init(_ name: String, required: Bool = false) {
        self.name = name
        self.required = required
    }

    public init(stringLiteral value: String) { self.init(value) }
}
