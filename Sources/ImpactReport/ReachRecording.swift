import ImpactAnalysis

/// Which reach indicators were not recorded, so that report.md and report.html say "not
/// recorded" where a share has no base (nobody with the value known) instead of an empty cell,
/// `..` or 0%, and say which indicators the low SES composite rests on (docs/reports.md).
///
/// An internal report reads each row's own `n_known`. A public one cannot: a rounded 0 is 0, 1
/// or 2 people, and telling them apart is what the rounding prevents. There an indicator reads
/// "not recorded" only when nobody in the report's whole scope has it recorded (what the charity
/// collects, read from the exact tables), and otherwise keeps its `..`.
struct ReachRecording {
    /// What a share reads when no participant has the value recorded.
    static let notRecorded = "not recorded"

    /// The six indicators the composites are built from, in the contract's order, with the
    /// names sentences give them.
    static let components: [(indicator: String, name: String)] = ReachIndicator.components.map { ($0.rawValue, name(of: $0)) }

    /// An indicator's name in a sentence: what was recorded, not the derived flag
    /// (`working_class` is "parental occupation").
    static func name(of indicator: ReachIndicator) -> String {
        switch indicator {
        case .fsm: return "FSM"
        case .firstGeneration: return "first generation"
        case .polar4Q12: return "POLAR4"
        case .imdQ12: return "IMD"
        case .workingClass: return "parental occupation"
        case .careExperienced: return "care experience"
        case .lowSES: return "low SES"
        case .multipleDisadvantage: return "multiple disadvantage"
        }
    }

    /// Whether the report is public (then only the scope-wide fact is used).
    let isPublic: Bool
    /// Indicators recorded for no participant of the report's scope, composites included when
    /// none of the six is recorded.
    let unrecordedInScope: Set<String>
    /// Rows of the exact reach table (programme, year, level, cohort) whose `low_ses` is known for
    /// nobody: their `multiple_disadvantage` (never unknown, so "no" for all) reads "not recorded" too.
    private let unrecordedComposites: Set<[String]>

    /// The recording of the exact reach table `reach` (nil: no reach table, nothing unrecorded).
    init(exactReach reach: OutputTable?, isPublic: Bool) {
        self.isPublic = isPublic
        let rows = reach.map { Array(TableRows($0)) } ?? []
        unrecordedComposites = Set(rows.filter { $0["indicator"] == ReachIndicator.lowSES.rawValue && $0["n_known"] == "0" }.map(Self.key))
        let totals = rows.filter { $0["level"] == "programme_year" }
        var unrecorded = Set<String>()
        for indicator in Set(totals.map { $0["indicator"] }) {
            let own = totals.filter { $0["indicator"] == indicator }
            if own.allSatisfy({ $0["n_known"] == "0" }) { unrecorded.insert(indicator) }
        }
        if unrecorded.contains(ReachIndicator.lowSES.rawValue) { unrecorded.insert(ReachIndicator.multipleDisadvantage.rawValue) }
        unrecordedInScope = unrecorded
    }

    /// Whether a row of reach.csv or intersections.csv, as published, reads "not recorded".
    func isNotRecorded(_ row: TableRows.Row) -> Bool {
        if isPublic { return unrecordedInScope.contains(row["indicator"]) }
        if row["indicator"] == ReachIndicator.multipleDisadvantage.rawValue { return unrecordedComposites.contains(Self.key(row)) }
        return row["n_known"] == "0"
    }

    /// What low SES rests on in one programme-year or cohort, given its reach rows, when some of
    /// the six indicators but not all were not recorded: "based on FSM and first generation;
    /// POLAR4, IMD, parental occupation and care experience not recorded". Nil otherwise.
    func lowSESBasis(of rows: [TableRows.Row]) -> String? {
        var recorded: [String] = []
        var unrecorded: [String] = []
        for component in Self.components {
            guard let row = rows.first(where: { $0["indicator"] == component.indicator }) else { return nil }
            if isNotRecorded(row) { unrecorded.append(component.name) } else { recorded.append(component.name) }
        }
        guard !recorded.isEmpty, !unrecorded.isEmpty else { return nil }
        return "based on \(Self.list(recorded)); \(Self.list(unrecorded)) not recorded"
    }

    /// Names as a sentence's list: "a", "a and b", "a, b and c" (or another conjunction).
    static func list(_ names: [String], conjunction: String = "and") -> String {
        guard let last = names.last, names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }

    private static func key(_ row: TableRows.Row) -> [String] {
        [row["programme_id"], row["year"], row["level"], row["cohort_id"]]
    }
}
