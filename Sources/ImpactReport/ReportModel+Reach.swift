extension ReportModel {
    /// The reach of each programme-year: participants and each indicator's share of those whose
    /// value is known ("not recorded" where nobody's is).
    func reachTable() -> [String: Any] {
        let indicators = ["low_ses", "fsm", "first_generation", "polar4_q12", "imd_q12", "working_class", "care_experienced", "multiple_disadvantage"]
        var order: [[String]] = []
        var cells: [[String]: [String: String]] = [:]
        var participants: [[String]: String] = [:]
        for row in rows(.reach) where row["level"] == "programme_year" {
            let key = [row["programme_id"], row["year"]]
            if cells[key] == nil { order.append(key); cells[key] = [:] }
            cells[key]?[row["indicator"]] = reachShare(row)
            participants[key] = row["participants"]
        }
        let body = order.map { key -> [String] in
            let shares: [String] = indicators.map { cells[key]?[$0] ?? "" }
            return key + [participants[key] ?? ""] + shares
        }
        return Self.table(["programme", "year", "participants"] + indicators, body)
    }

    /// A reach share as the report writes it: "not recorded" when no participant has the value
    /// recorded (`ReachRecording`), else the percentage (or `..`).
    func reachShare(_ row: TableRows.Row) -> String {
        recording.isNotRecorded(row) ? ReachRecording.notRecorded : format.percent(row[cell: "pct_yes"])
    }

    /// Whether `reachShare(row)` is a suppressed share (not a share not recorded).
    func isReachShareSuppressed(_ row: TableRows.Row) -> Bool {
        !recording.isNotRecorded(row) && row.isSuppressed("pct_yes")
    }

    /// The reach rows of one programme-year.
    func reachRows(programme: String, year: String) -> [TableRows.Row] {
        rows(.reach).filter { $0["level"] == "programme_year" && $0["programme_id"] == programme && $0["year"] == year }
    }

    /// Notes under the reach table: what "not recorded" means, when a cell says it, and which
    /// indicators low SES rests on in the programme-years where some were not recorded.
    func reachNotes() -> [String] {
        let totals = rows(.reach).filter { $0["level"] == "programme_year" }
        var notes: [String] = []
        if totals.contains(where: recording.isNotRecorded) {
            notes.append(format.isPublic
                ? "“not recorded”: no participant in the report's scope has the value recorded."
                : "“not recorded”: no participant of the programme-year has the value recorded.")
        }
        var bases: [(years: [String], basis: String)] = []
        var seen: Set<[String]> = []
        for row in totals where seen.insert([row["programme_id"], row["year"]]).inserted {
            guard let basis = recording.lowSESBasis(of: reachRows(programme: row["programme_id"], year: row["year"])) else { continue }
            let name = "\(row["programme_id"]) \(row["year"])"
            if let index = bases.firstIndex(where: { $0.basis == basis }) { bases[index].years.append(name) } else { bases.append(([name], basis)) }
        }
        return notes + bases.map { "\(ReachRecording.list($0.years)): low SES is \($0.basis)." }
    }

    func intersectionsTable() -> [String: Any] {
        let rows = rows(.intersections).filter { $0.integer("year") == focusYear }
        return Self.table(["programme", "ethnicity", "gender", "participants", "low SES known", "low SES"],
                          rows.map { [$0["programme_id"], $0["ethnicity"], $0["gender"], $0["participants"], $0["n_known"], reachShare($0)] })
    }
}
