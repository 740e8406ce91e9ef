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

    /// Whether rows are about people (identified by `participant_id`, or by `email` through the
    /// keyed hash): such files keep an unknown column only when the user keeps it by name.
    public var isAboutPeople: Bool {
        [.participants, .enrolments, .responses, .outcomes].contains(self)
    }

    /// The columns the engine knows for this file: the one declaration that header matching,
    /// cell parsing, the stored table's columns and the docs all read.
    public var columns: [InputColumn] {
        switch self {
        case .programmes:
            return [
                .init("programme_id", .identifier, .required, synonyms: ["program id", "programme code", "program code"]),
                .init("name", .text, .required, synonyms: ["programme name", "program name", "title"]),
                .init("description", .text, synonyms: ["programme description", "summary"]),
            ]
        case .cohorts:
            return [
                .init("cohort_id", .identifier, .required, synonyms: ["cohort", "cohort code", "run id"]),
                .init("programme_id", .identifier, .required, synonyms: ["program id", "programme code", "program code"]),
                .init("year", .integer(1900...2200), .required, synonyms: ["cohort year", "programme year", "calendar year"]),
                .init("delivery_mode", .category(.deliveryMode), synonyms: ["delivery", "mode", "mode of delivery", "delivery method"]),
                .init("region", .text, synonyms: ["delivery region", "location region"]),
                .init("start_date", .date, synonyms: ["start", "starts on", "start on", "begins"]),
                .init("end_date", .date, synonyms: ["end", "ends on", "end on", "finishes"]),
            ]
        case .participants:
            return [
                Self.participantID,
                Self.email,
                .init("name", .personalText, stored: false, synonyms: ["full name"]),
                .init("birth_year", .integer(1900...2200), synonyms: ["year of birth", "birth year", "yob"]),
                .init("gender", .category(.gender), synonyms: ["sex", "gender identity", "legal sex", "sex gender"]),
                .init("ethnicity", .category(.ethnicity), synonyms: ["ethnic group", "ethnic origin", "ethnic background", "ethnicity group", "ethnicity ons"]),
                .init("region", .text, synonyms: ["home region", "region of residence"]),
                .init("postcode", .postcodeDistrict, synonyms: ["post code", "postal code", "home postcode", "zip postal code",
                                                              "mailing zip postal code", "mailing postal code", "postcode district"]),
                .init("school_type", .category(.schoolType), synonyms: ["type of school", "school category", "school sector", "school type at 16"]),
                .init("fsm", .boolean(.fsm), synonyms: ["free school meals", "fsm eligible", "fsm eligibility", "eligible for free school meals",
                                                        "fsm ever 6", "fsm ever6", "ever 6 fsm", "fsm status", "free school meals eligibility",
                                                        "received free school meals", "eligible for fsm"]),
                .init("first_generation", .boolean(.firstGeneration), synonyms: ["first in family", "first in family to attend university",
                                                                                   "first in family to go to university", "first generation student",
                                                                                   "first gen", "first generation university"]),
                .init("parental_occupation", .category(.parentalOccupation), synonyms: ["parent occupation", "parents occupation",
                                                                                          "occupation of main earner", "main earner occupation",
                                                                                          "parental occupation at 14", "socio economic background"]),
                .init("polar4_quintile", .integer(1...5), synonyms: ["polar4", "polar 4", "polar4 quintile", "polar quintile", "polar"]),
                .init("imd_quintile", .integer(1...5), synonyms: ["imd", "imd quintile", "index of multiple deprivation quintile", "imd q"]),
                .init("care_experienced", .boolean(.careExperienced), synonyms: ["care leaver", "care experience", "looked after child",
                                                                                   "looked after", "in care", "care status"]),
                .init("disability", .boolean(.disability), synonyms: ["disabled", "has disability", "declared disability", "disability declared"]),
                .init("consent_research", .boolean(.consent), synonyms: ["research consent", "consent to research", "consent research",
                                                                          "consent to data use for research", "consent for research",
                                                                          "research use consent", "consent to use data for research",
                                                                          "data consent research", "research data consent"]),
            ]
        case .enrolments:
            return [
                Self.participantID,
                Self.email,
                .init("cohort_id", .identifier, .required, synonyms: ["cohort", "cohort code"]),
                .init("status", .category(.status), .required, synonyms: ["stage", "enrolment status", "enrollment status",
                                                                          "application status", "application stage", "engagement stage",
                                                                          "participation status"]),
                .init("applied_on", .date, synonyms: ["application date", "date applied", "applied date", "date of application"]),
                // At most the hours of a year (8,760): more is a typing slip or a unit mix-up.
                .init("hours", .decimal(0...8_760), synonyms: ["contact hours", "hours attended", "hours of contact", "total hours", "dosage hours"]),
            ]
        case .surveyItems:
            return [
                .init("instrument_id", .identifier, .required, synonyms: ["instrument", "survey id", "questionnaire"]),
                .init("item_id", .identifier, .required, synonyms: ["item", "question id", "question code"]),
                .init("construct", .identifier, .required, synonyms: ["outcome area", "construct name"]),
                .init("scale_min", .integer(-1000...1000), .required, synonyms: ["min", "minimum"]),
                .init("scale_max", .integer(-1000...1000), .required, synonyms: ["max", "maximum"]),
                .init("reverse_coded", .boolean(.yesNo), synonyms: ["reverse", "reversed", "reverse scored"]),
                .init("text", .text, synonyms: ["question", "question text", "wording"]),
                // The instrument's rule (schema/migrations/010), one for all its rows: ScoringDeclarations.
                .init("scoring", .category(.scoring), synonyms: ["scoring rule", "scoring method", "score rule"]),
            ]
        case .responses:
            return [
                Self.participantID.storing("participant_key"),
                Self.email,
                .init("cohort_id", .identifier, .required, stored: "cohort_key", synonyms: ["cohort", "cohort code"]),
                .init("instrument_id", .identifier, .required, stored: nil, synonyms: ["instrument", "survey id"]),
                .init("item_id", .identifier, .required, stored: "item_key", synonyms: ["item", "question id", "question code"]),
                .init("wave", .category(.wave), .required, synonyms: ["survey wave", "timepoint", "time point"]),
                .init("value", .integer(Int64.min...Int64.max), .required, synonyms: ["answer", "response", "score"]),
                .init("responded_on", .date, synonyms: ["response date", "date responded", "recorded date", "completed on", "submitted on"]),
            ]
        case .outcomes:
            return [
                Self.participantID,
                Self.email,
                .init("outcome", .identifier, .required, synonyms: ["outcome measure", "measure"]),
                .init("value", .boolean(.yesNo), .required, synonyms: ["result", "achieved", "outcome value"]),
                .init("observed_on", .date, synonyms: ["observed", "date observed", "observation date", "outcome date"]),
                .init("source", .text, synonyms: ["data source", "outcome source"]),
            ]
        case .benchmarks:
            return [
                .init("outcome", .identifier, .required, synonyms: ["outcome measure", "measure"]),
                .init("population", .identifier, .required, synonyms: ["group", "comparison group", "benchmark population"]),
                .init("year", .integer(1900...2200), .required, synonyms: ["benchmark year"]),
                .init("rate", .decimal(0...1), .required, synonyms: ["proportion", "benchmark rate"]),
                .init("source", .text, synonyms: ["citation", "reference"]),
            ]
        }
    }

    /// The participant id of files about people: the key that a bad cell rejects the row for.
    private static let participantID = InputColumn(
        "participant_id", .identifier, .key,
        synonyms: ["contact id", "student id", "participant id", "learner id", "pupil id", "person id", "young person id",
                   "applicant id", "participant reference", "participant ref", "student number", "contact 18 digit id",
                   "contact id 18", "case safe id", "contact casesafe id", "contact case safe id", "external reference",
                   "external data reference"])

    /// The e-mail that finds or derives the person (keyed hash); never stored.
    private static let email = InputColumn(
        "email", .email, .key, stored: false,
        synonyms: ["email address", "e mail", "e mail address", "email addr", "student email", "personal email",
                   "participant email", "contact email", "primary email", "preferred email", "school email", "respondent email",
                   "recipient email", "email address of respondent"])

    /// The names of the columns of the stored table that rows of this kind are written to.
    var storedColumns: [String] { columns.compactMap(\.storedName) }

    /// Whether this kind's file has a column of this contract name.
    func column(named name: String) -> InputColumn? { columns.first { $0.name == name } }

    // Categories of the contract.
    static let genders = Vocabulary.gender.values
    static let deliveryModes = Vocabulary.deliveryMode.values
    static let waves = Vocabulary.wave.values
}

/// How the cells of an input column are read.
enum CellFormat: Sendable {
    /// Free text, kept as written.
    case text
    /// An identifier, kept as written (`007` and `7` differ).
    case identifier
    /// Yes or no, in the column's own words too.
    case boolean(Vocabulary)
    /// One of a fixed set of values.
    case category(Vocabulary)
    /// A calendar date, stored ISO.
    case date
    /// A whole number within a range.
    case integer(ClosedRange<Int64>)
    /// A decimal number within a range.
    case decimal(ClosedRange<Double>)
    /// A UK postcode, of which only the district is kept.
    case postcodeDistrict
    /// An e-mail address: hashed to find or derive a person, never stored.
    case email
    /// Personal text (a name): read, never stored.
    case personalText
}

/// One column the engine knows in a file kind: its contract name, how its cells are read,
/// whether it is required, where it is stored, and the header spellings it is known by.
public struct InputColumn: Sendable {
    /// What a missing or unreadable cell of the column does.
    public enum Role: Sendable {
        /// The file is refused without the column; a row without a readable cell is rejected.
        case required
        /// A key (the person): a row whose cell cannot be read is rejected.
        case key
        /// An unreadable cell is stored as unknown and recorded in `unread_cells`.
        case optional
    }

    /// The contract's name, e.g. `fsm`.
    public let name: String
    let format: CellFormat
    /// What a missing or unreadable cell does.
    public let role: Role
    /// The stored table's column the value is written to; nil for what is never stored.
    public let storedName: String?
    /// Header spellings the sector's tools use for the column (matched as header names are).
    public let synonyms: [String]

    init(_ name: String, _ format: CellFormat, _ role: Role = .optional, stored: Bool = true, synonyms: [String] = []) {
        self.init(name, format, role, stored: stored ? name : nil, synonyms: synonyms)
    }

    init(_ name: String, _ format: CellFormat, _ role: Role = .optional, stored: String?, synonyms: [String] = []) {
        self.name = name
        self.format = format
        self.role = role
        self.storedName = stored
        self.synonyms = synonyms
    }

    /// Whether a file without this column is refused.
    public var required: Bool { role == .required }

    /// Whether the column holds personal data the engine never stores as written.
    public var isPersonal: Bool {
        switch format {
        case .email, .personalText, .postcodeDistrict: return true
        default: return false
        }
    }

    /// The same column stored under another name.
    func storing(_ stored: String) -> InputColumn {
        InputColumn(name, format, role, stored: stored, synonyms: synonyms)
    }

    /// The values the column accepts, for messages and the docs.
    var acceptedValues: [String]? {
        switch format {
        case let .category(vocabulary): return vocabulary.values
        case .boolean: return ["yes", "no"]
        default: return nil
        }
    }
}
