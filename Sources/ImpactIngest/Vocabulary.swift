import ImpactStore

/// What a cell's text means for a column with a fixed set of values.
enum CellReading: Equatable {
    /// One of the column's values, as the contract writes it.
    case value(String)
    /// A word that means "not known" (`Don't know`, `N/A`): stored as unknown.
    case unknown
    /// Text the vocabulary does not know.
    case unreadable
}

/// The values of a categorical column and every spelling of them the engine reads, built in
/// and documented in docs/data-contract.md ("Values the engine reads"). Spellings are matched
/// after folding: case, accents aside, typographic quotes and dashes as typed ones, and every run
/// of other characters as one space (`Don’t know` is `don t know`, `Non-binary` is `non binary`).
struct Vocabulary: Sendable {
    /// The column's values as the contract writes them.
    let values: [String]
    /// Folded spelling → value (`nil`: a word for "not known").
    private let spellings: [String: String?]
    /// A rule for spellings the table does not list (ONS detailed ethnic groups), if any.
    private let rule: (@Sendable (_ words: [Substring]) -> String?)?

    init(_ values: [String], spellings: [String: String?] = [:], rule: (@Sendable ([Substring]) -> String?)? = nil) {
        self.values = values
        var table: [String: String?] = [:]
        for word in Self.unknownWords { table[Self.fold(word)] = .some(nil) }
        for value in values { table[Self.fold(value)] = value }
        for (spelling, value) in spellings { table[Self.fold(spelling)] = value }
        self.spellings = table
        self.rule = rule
    }

    /// What `text` (trimmed, not empty) means.
    func read(_ text: String) -> CellReading {
        if values.contains(text) { return .value(text) }
        let folded = Self.fold(text)
        if let known = spellings[folded] { return known.map(CellReading.value) ?? .unknown }
        if let rule, let value = rule(folded.split(separator: " ")) { return .value(value) }
        return .unreadable
    }

    /// Every spelling the vocabulary reads, folded, with its value (`nil`: "not known"), sorted:
    /// for the test that keeps docs/data-contract.md in step with the declaration.
    var spellingsForDocs: [(spelling: String, value: String?)] {
        spellings.map { (spelling: $0.key, value: $0.value) }.sorted { $0.spelling < $1.spelling }
    }

    /// Whether `text` is a word for "not known" (`N/A`, `Don't know`, `Prefer not to say`).
    static func isNotKnown(_ text: String) -> Bool { yesNo.read(text) == .unknown }

    /// The folded form that spellings are matched in: lower case, accents dropped from Latin
    /// letters, `+` kept, and every run of other characters (spaces, punctuation, typographic
    /// quotes and dashes) one space, none at the ends. Works on bytes: ASCII text (nearly every
    /// cell) never goes through `Character`.
    static func fold(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        func append(_ byte: UInt8) {
            if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
            pendingSpace = false
            bytes.append(byte)
        }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                switch byte {
                case 0x41...0x5A: append(byte | 0x20)
                case 0x61...0x7A, 0x30...0x39: append(byte)
                case 0x2B: bytes.append(byte)
                default: pendingSpace = true
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                switch byte {
                case 0x41...0x5A: append(byte | 0x20)
                case 0x61...0x7A, 0x30...0x39: append(byte)
                case 0x2B: bytes.append(byte)
                default: pendingSpace = true
                }
            } else if let plain = latinBase[scalar.value] {
                append(plain)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(contentsOf: String(scalar).lowercased().utf8)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Accented Latin letters and the plain letter they fold to.
    private static let latinBase: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for (letters, plain) in [("àáâãäåÀÁÂÃÄÅ", "a"), ("èéêëÈÉÊË", "e"), ("ìíîïÌÍÎÏ", "i"), ("òóôõöøÒÓÔÕÖØ", "o"),
                                 ("ùúûüÙÚÛÜ", "u"), ("çÇ", "c"), ("ñÑ", "n"), ("ýÿÝ", "y")] {
            for scalar in letters.unicodeScalars { table[scalar.value] = plain.utf8.first }
        }
        return table
    }()

    /// Words that mean the value is not known, in any optional column: stored as unknown.
    static let unknownWords = [
        "unknown", "not known", "don't know", "dont know", "do not know", "not sure", "unsure", "n/a", "na",
        "n.a.", "not applicable", "not available", "not recorded", "not stated", "not given", "not provided",
        "no data", "no answer", "no idea", "no response", "no reply", "missing", "null", "nil", "-", "--", "?", "#n/a", "tbc",
        "to be confirmed", "prefer not to say", "prefer not to answer", "rather not say", "i would prefer not to say",
    ]
}

extension Vocabulary {
    /// Yes/no columns: the contract's words, checkbox exports and the words of the column's own
    /// subject (`Eligible`, `FSM Ever 6`, `Care leaver`); `Yes - …` and `No - …` by their first word.
    static func boolean(saying positives: [String] = [], negatives: [String] = []) -> Vocabulary {
        var spellings: [String: String?] = [
            "y": "yes", "true": "yes", "1": "yes", "t": "yes", "checked": "yes", "ticked": "yes", "x": "yes",
            "n": "no", "false": "no", "0": "no", "f": "no", "unchecked": "no", "not checked": "no",
            "prefer not to say": nil, "prefer not to answer": nil, "rather not say": nil,
        ]
        for positive in positives {
            spellings[positive] = "yes"
            for negation in negations { spellings[negation + positive] = "no" }
        }
        for negative in negatives { spellings[negative] = "no" }
        return Vocabulary(["yes", "no"], spellings: spellings) { words in
            // "Yes - eligible", "No, not first in family": the first word decides.
            guard words.count > 1 else { return nil }
            switch words[0] {
            case "yes": return "yes"
            case "no": return "no"
            default: return nil
            }
        }
    }

    /// What, before a yes/no column's own word for yes, makes it a no (`Not eligible`).
    static let negations = ["not ", "non ", "non-", "no ", "not a ", "not an "]

    static let yesNo = boolean()

    static let fsm = boolean(
        saying: ["eligible", "fsm", "fsm eligible", "eligible for fsm", "eligible for free school meals", "fsm ever 6",
                 "ever 6", "ever 6 fsm", "ever6", "fsm ever6", "fsm6", "free school meals", "receives free school meals",
                 "in receipt of free school meals", "currently eligible", "previously eligible"],
        negatives: ["ineligible", "not fsm", "non fsm", "never eligible", "not eligible for free school meals"])

    static let firstGeneration = boolean(
        saying: ["first in family", "first in family to attend university", "first in family to go to university",
                 "first generation", "first gen", "first generation student"],
        negatives: ["parent has a degree", "parents have a degree", "a parent went to university", "parent attended university",
                    "one or both parents attended university"])

    static let careExperienced = boolean(
        saying: ["care experienced", "care experience", "care leaver", "looked after", "looked after child", "in care",
                 "has been in care", "cla"],
        negatives: ["never in care"])

    static let disability = boolean(
        saying: ["disabled", "disability", "has a disability", "declared disability", "disability declared"],
        negatives: ["no disability", "no known disability", "none declared", "no disability declared"])

    static let consent = boolean(
        saying: ["consent", "consented", "consent given", "i consent", "i agree", "agree", "agreed", "given", "granted",
                 "opted in", "opt in"],
        negatives: ["declined", "refused", "withdrawn", "consent withdrawn", "i do not consent", "i don't consent",
                    "do not consent", "i do not agree", "do not agree", "disagree", "opted out", "opt out", "not given",
                    "no consent"])

    static let gender = Vocabulary(
        ["female", "male", "non_binary", "other", "prefer_not_to_say"],
        spellings: [
            "f": "female", "woman": "female", "girl": "female", "w": "female", "trans woman": "female", "transgender woman": "female",
            "m": "male", "man": "male", "boy": "male", "trans man": "male", "transgender man": "male",
            "non binary": "non_binary", "nonbinary": "non_binary", "nb": "non_binary", "enby": "non_binary",
            "genderqueer": "non_binary", "genderfluid": "non_binary", "agender": "non_binary",
            "prefer to self describe": "other", "self describe": "other", "in another way": "other",
            "another gender": "other", "other gender": "other", "my gender is not listed": "other", "not listed": "other",
            "prefer not to say": "prefer_not_to_say", "prefer not to answer": "prefer_not_to_say", "rather not say": "prefer_not_to_say",
            "i would prefer not to say": "prefer_not_to_say", "declined to answer": "prefer_not_to_say",
        ])

    /// ONS 2021 (and 2011) ethnic groups, detailed or top level, read as the contract's top level.
    static let ethnicity = Vocabulary(
        ["asian", "black", "mixed", "white", "other", "prefer_not_to_say"],
        spellings: [
            "prefer not to say": "prefer_not_to_say", "prefer not to answer": "prefer_not_to_say", "rather not say": "prefer_not_to_say",
            "i would prefer not to say": "prefer_not_to_say", "declined to answer": "prefer_not_to_say",
            "other ethnic group": "other", "any other ethnic group": "other", "arab": "other", "other": "other",
        ],
        rule: EthnicGroup.topLevel)

    static let schoolType = Vocabulary(
        ["state_non_selective", "state_selective", "independent", "other"],
        spellings: [
            "comprehensive": "state_non_selective", "comprehensive school": "state_non_selective", "academy": "state_non_selective",
            "academy school": "state_non_selective", "free school": "state_non_selective", "state": "state_non_selective",
            "state school": "state_non_selective", "state non selective": "state_non_selective",
            "non selective state": "state_non_selective", "non selective": "state_non_selective",
            "state comprehensive": "state_non_selective", "community school": "state_non_selective",
            "foundation school": "state_non_selective", "voluntary aided": "state_non_selective",
            "voluntary controlled": "state_non_selective", "maintained": "state_non_selective",
            "maintained school": "state_non_selective", "local authority maintained": "state_non_selective",
            "multi academy trust": "state_non_selective", "studio school": "state_non_selective",
            "university technical college": "state_non_selective", "utc": "state_non_selective",
            "sixth form college": "state_non_selective", "state sixth form college": "state_non_selective",
            "further education college": "state_non_selective", "fe college": "state_non_selective",
            "state funded": "state_non_selective", "state funded school": "state_non_selective",
            "grammar": "state_selective", "grammar school": "state_selective", "selective": "state_selective",
            "state selective": "state_selective", "selective state": "state_selective", "selective state school": "state_selective",
            "state grammar": "state_selective",
            "private": "independent", "private school": "independent", "independent school": "independent",
            "fee paying": "independent", "fee paying school": "independent", "independent fee paying": "independent",
            "home educated": "other", "home schooled": "other", "home school": "other", "elective home education": "other",
            "alternative provision": "other", "pupil referral unit": "other", "pru": "other", "special school": "other",
            "other school": "other", "international school": "other", "overseas school": "other",
        ])

    /// The Social Mobility Commission's grouping of the main earner's job at 14.
    static let parentalOccupation = Vocabulary(
        ["professional", "intermediate", "working_class", "other"],
        spellings: [
            "working class": "working_class", "lower socio economic": "working_class", "long term unemployed": "working_class",
            "unemployed": "working_class", "never worked": "working_class",
            "retired": "other", "not working": "other", "other": "other",
        ],
        rule: { words in
            let text = " " + words.joined(separator: " ") + " "
            if text.contains(" routine ") || text.contains(" semi routine ") || text.contains(" technical and craft ")
                || text.contains(" manual ") || text.contains(" unemployed ") || text.contains(" never worked ") {
                return "working_class"
            }
            if text.contains(" retired ") || text.contains(" does not apply ") { return "other" }
            if text.contains(" clerical ") || text.contains(" intermediate ") || text.contains(" small business ") || text.contains(" office ")
                || text.contains(" secretary ") || text.contains(" receptionist ")
                || text.contains(" self employed ") || text.contains(" own account ") {
                return "intermediate"
            }
            if text.contains(" professional ") || text.contains(" manager ") || text.contains(" managers ")
                || text.contains(" managerial ") || text.contains(" administrator ") || text.contains(" administrators ") {
                return "professional"
            }
            return nil
        })

    static let deliveryMode = Vocabulary(
        ["in_person", "online", "hybrid"],
        spellings: [
            "in person": "in_person", "face to face": "in_person", "f2f": "in_person", "on site": "in_person",
            "onsite": "in_person", "residential": "in_person", "on campus": "in_person", "in lab": "in_person",
            "virtual": "online", "remote": "online", "digital": "online", "online only": "online", "distance": "online",
            "blended": "hybrid", "mixed": "hybrid", "hybrid online and in person": "hybrid",
        ])

    /// CRM stages as the furthest stage reached.
    static let status = Vocabulary(
        ["applied", "offered", "declined", "started", "withdrawn", "completed"],
        spellings: [
            "application submitted": "applied", "application received": "applied", "submitted": "applied",
            "applicant": "applied", "application": "applied", "application started": "applied", "application complete": "applied",
            "in review": "applied", "under review": "applied", "shortlisted": "applied", "interviewed": "applied",
            "waitlisted": "applied", "wait listed": "applied", "waiting list": "applied", "reserve list": "applied",
            "rejected": "applied", "unsuccessful": "applied", "not offered": "applied", "not selected": "applied",
            "offer made": "offered", "offer": "offered", "place offered": "offered", "offer accepted": "offered",
            "accepted offer": "offered", "accepted": "offered", "place accepted": "offered",
            "place confirmed": "offered", "did not attend": "offered", "no show": "offered", "dna": "offered",
            "offer declined": "declined", "declined offer": "declined", "place declined": "declined", "turned down": "declined",
            "attending": "started", "enrolled": "started", "active": "started", "in progress": "started", "ongoing": "started",
            "participating": "started", "on programme": "started", "current": "started",
            "dropped out": "withdrawn", "drop out": "withdrawn", "dropped": "withdrawn", "left": "withdrawn",
            "left early": "withdrawn", "did not complete": "withdrawn", "not completed": "withdrawn", "incomplete": "withdrawn",
            "withdrew": "withdrawn",
            "complete": "completed", "finished": "completed", "graduated": "completed", "passed": "completed",
            "completed programme": "completed", "certificate awarded": "completed",
        ])

    /// How an instrument is scored (survey_items' `scoring`): ``ScoringRule``'s stored texts.
    static let scoring = Vocabulary(
        ScoringRule.allCases.map(\.rawValue),
        spellings: [
            "half": "at_least_half", "half the items": "at_least_half", "at least half the items": "at_least_half",
            "all": "all_items", "every item": "all_items", "all items answered": "all_items", "complete": "all_items",
        ])

    static let wave = Vocabulary(
        ["pre", "post", "follow_up"],
        spellings: [
            "baseline": "pre", "before": "pre", "pre programme": "pre", "pre survey": "pre", "start": "pre", "entry": "pre",
            "after": "post", "end": "post", "endline": "post", "post programme": "post", "post survey": "post", "exit": "post",
            "follow up": "follow_up", "followup": "follow_up", "follow up survey": "follow_up", "longitudinal": "follow_up",
        ])
}

/// ONS ethnic groups (2021 and 2011 classifications, detailed or top level) as their top level.
enum EthnicGroup {
    /// The contract's top-level group of a folded ONS label such as `asian or asian british
    /// pakistani`, `mixed multiple ethnic groups white and black caribbean` or `white irish`.
    static func topLevel(_ words: [Substring]) -> String? {
        let text = " " + words.joined(separator: " ") + " "
        func has(_ phrase: String) -> Bool { text.contains(" " + phrase + " ") }
        // Mixed first: "White and Black Caribbean" names two groups and is one.
        if has("mixed") || has("multiple") || has("white and") || has("and white") || has("dual heritage") { return "mixed" }
        // The Caribbean's "West Indian" is a Black group, not an Indian one.
        if has("west indian") { return "black" }
        let asian = ["asian", "bangladeshi", "chinese", "indian", "pakistani", "sri lankan", "nepali", "kashmiri"]
        if asian.contains(where: has) { return "asian" }
        let black = ["black", "african", "caribbean", "somali", "nigerian", "ghanaian"]
        if black.contains(where: has) { return "black" }
        // A bare "British" or "English" is a nationality, not a group: only the ONS label itself counts.
        let white = ["white", "irish", "gypsy", "traveller", "roma", "northern irish or british"]
        if white.contains(where: has) { return "white" }
        if has("arab") || has("other") || has("any other") { return "other" }
        return nil
    }
}
