import ImpactStore

/// The stored table a file kind writes, and the natural key that keeps imports idempotent (the
/// store's upsert, ``InsertTarget``).
struct TableTarget {
    /// The table name.
    let table: String
    /// The inserted columns, in the order the converter produces values.
    let columns: [String]
    /// The natural key (the conflict target of the upsert).
    let key: [String]
    /// The column whose later value replaces a stored row (besides the row having changed).
    var newerWins: String? = nil

    /// The table of `kind`: its stored columns come from the kind's column declaration
    /// (`FileKind.columns`), then `extra`.
    static func `for`(_ kind: FileKind) -> TableTarget {
        let columns = kind.storedColumns + ["extra"]
        switch kind {
        case .programmes: return .init(table: "programmes", columns: columns, key: ["programme_id"])
        case .cohorts: return .init(table: "cohorts", columns: columns, key: ["cohort_id"])
        case .participants: return .init(table: "participants", columns: columns, key: ["participant_id"])
        case .enrolments: return .init(table: "enrolments", columns: columns, key: ["participant_id", "cohort_id"])
        case .surveyItems: return .init(table: "survey_items", columns: columns, key: ["instrument_id", "item_id"])
        case .responses:
            // The later responded_on wins; an unknown date counts as the earliest; on a tie the row read later wins.
            return .init(table: "answers", columns: columns, key: ["participant_key", "cohort_key", "item_key", "wave"],
                         newerWins: "responded_on")
        case .outcomes: return .init(table: "outcomes", columns: columns, key: ["participant_id", "outcome"])
        case .benchmarks: return .init(table: "benchmarks", columns: columns, key: ["outcome", "population", "year"])
        }
    }

    /// The store's view of the table, for its inserts.
    var insertTarget: InsertTarget { InsertTarget(table: table, columns: columns, key: key, newerWins: newerWins) }

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
}
