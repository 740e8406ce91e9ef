/// The stored table a file kind writes, and the upsert that keeps imports idempotent.
struct TableTarget {
    /// The table name.
    let table: String
    /// The inserted columns, in the order the converter produces values.
    let columns: [String]
    /// The natural key (the conflict target of the upsert).
    let key: [String]
    /// An extra condition for replacing a stored row (besides the row having changed).
    let replaceCondition: String?

    /// The table of `kind`: its stored columns come from the kind's column declaration
    /// (`FileKind.columns`), then `extra`.
    static func `for`(_ kind: FileKind) -> TableTarget {
        let columns = kind.storedColumns + ["extra"]
        switch kind {
        case .programmes: return .init(table: "programmes", columns: columns, key: ["programme_id"], replaceCondition: nil)
        case .cohorts: return .init(table: "cohorts", columns: columns, key: ["cohort_id"], replaceCondition: nil)
        case .participants: return .init(table: "participants", columns: columns, key: ["participant_id"], replaceCondition: nil)
        case .enrolments: return .init(table: "enrolments", columns: columns, key: ["participant_id", "cohort_id"], replaceCondition: nil)
        case .surveyItems: return .init(table: "survey_items", columns: columns, key: ["instrument_id", "item_id"], replaceCondition: nil)
        case .responses:
            // The later responded_on wins; an unknown date counts as the earliest; on a tie the row read later wins.
            return .init(table: "answers", columns: columns, key: ["participant_key", "cohort_key", "item_key", "wave"],
                         replaceCondition: "coalesce(excluded.responded_on, '') >= coalesce(answers.responded_on, '')")
        case .outcomes: return .init(table: "outcomes", columns: columns, key: ["participant_id", "outcome"], replaceCondition: nil)
        case .benchmarks: return .init(table: "benchmarks", columns: columns, key: ["outcome", "population", "year"], replaceCondition: nil)
        }
    }

    /// `SELECT count(*)` of the table (the importer's `inserted` is the difference before and after).
    var countSQL: String { "SELECT count(*) FROM \(table)" }

    /// The stored columns a file with this header does not give, which an update leaves as they
    /// are: a column whose name is not in the header (`extra` when the file has no unknown
    /// columns). Rows built from a wide survey export give every column.
    func columnsKept(by map: ColumnMap) -> Set<String> {
        Set(columns.filter { column in
            guard !key.contains(column) else { return false }
            // `extra` is replaced whenever the file has columns of its own, personal ones
            // included: a re-import then clears personal data an older version kept there.
            return column == "extra" ? map.unknown.isEmpty && map.personal.isEmpty && map.ignored.isEmpty : map[column] == nil
        })
    }

    /// `INSERT … VALUES (…) × rows ON CONFLICT (key) DO UPDATE … WHERE changed [AND condition]`;
    /// the columns in `keeping` are inserted but never updated (`DO NOTHING` when none is left).
    /// Identifiers come from this file's constants, never from input.
    func upsertSQL(rows: Int, keeping: Set<String> = []) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let values = Array(repeating: tuple, count: rows).joined(separator: ",")
        let others = columns.filter { !key.contains($0) && !keeping.contains($0) }
        guard !others.isEmpty else {
            return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(values) ON CONFLICT (\(key.joined(separator: ", "))) DO NOTHING"
        }
        let set = others.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let stored = "(" + others.map { "\(table).\($0)" }.joined(separator: ", ") + ")"
        let incoming = "(" + others.map { "excluded.\($0)" }.joined(separator: ", ") + ")"
        var condition = "\(stored) IS NOT \(incoming)"
        if let replaceCondition { condition = "\(replaceCondition) AND \(condition)" }
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(values) ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET \(set) WHERE \(condition)"
    }
}
