import GRDB
// The C API, for the pass over the stored scores: GRDB's Row cursor is markedly slower there (as in
// the import's TableWriter; docs/performance.md).
import GRDBSQLite

extension SQLiteAnalysisSnapshot {
    /// The pass over the stored scores (queries/engine/analysis/scores.sql) of participant keys in
    /// `keys`, where each person-cohort's rows are contiguous.
    public func scorePass(keys: Range<Int64>, catalogue: ConstructCatalogue, cohorts: Set<Int64>?,
                          reliability: Bool) throws -> StoredScorePass {
        let waveCount = SurveyWave.allCases.count
        var pass = StoredScorePass(catalogue: catalogue)
        var current = ConstructScoreTable.PersonCohort(participantKey: -1, cohortKey: -1)
        var isKept = false
        var group = -1
        var values: [Double] = []

        let statement = try db.makeStatement(sql: try StoreResources.query("analysis/scores"))
        try statement.setArguments(["from": keys.lowerBound])
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while try stepRow(statement, in: db) {
            let participantKey = sqlite3_column_int64(handle, 0)
            let cohortKey = sqlite3_column_int64(handle, 1)
            if participantKey != current.participantKey || cohortKey != current.cohortKey {
                guard participantKey < keys.upperBound else { break }
                current = ConstructScoreTable.PersonCohort(participantKey: participantKey, cohortKey: cohortKey)
                isKept = cohorts?.contains(cohortKey) ?? true
                if isKept {
                    group = pass.groups.count
                    pass.groups.append(current)
                }
            }
            guard isKept, let construct = catalogue.construct(key: sqlite3_column_int64(handle, 2)),
                  let wave = sqlite3_column_text(handle, 3) else { continue }
            let slot = construct * waveCount + SurveyWave.of(text: wave).rawValue
            let answered = Int(sqlite3_column_int64(handle, 4))
            let itemCount = catalogue.constructs[construct].itemCount
            // The import's scale limits (−1000 to 1000) keep a coded sum within 32 bits.
            if answered >= catalogue.constructs[construct].requiredAnswers, answered > 0,
               let codedSum = Int32(exactly: sqlite3_column_int64(handle, 5)), let count = Int32(exactly: answered) {
                pass.scores.append(StoredScorePass.Score(group: group, slot: slot, codedSum: codedSum, answered: count))
            }
            guard reliability else { continue }
            pass.answering[slot].append(group)
            if let text = sqlite3_column_text(handle, 6) {
                values.removeAll(keepingCapacity: true)
                Self.parseIntegers(text, count: Int(sqlite3_column_bytes(handle, 6)), into: &values)
                // A row written for a different k (items changed since) is not used for alpha; the
                // importer rescores everything when items change, so this does not happen.
                if values.count == itemCount {
                    pass.completeGroups[slot].append(group)
                    for position in 0..<itemCount { pass.completeAnswers[slot][position].append(values[position]) }
                }
            }
        }
        return pass
    }

    /// Appends the comma-separated integers of `text` (`count` bytes) to `values`.
    private static func parseIntegers(_ text: UnsafePointer<UInt8>, count: Int, into values: inout [Double]) {
        var number = 0
        var sign = 1
        var hasDigits = false
        for index in 0...count {
            let byte = index < count ? text[index] : UInt8(ascii: ",")
            if byte == UInt8(ascii: ",") {
                if hasDigits { values.append(Double(sign * number)) }
                number = 0
                sign = 1
                hasDigits = false
            } else if byte == UInt8(ascii: "-") {
                sign = -1
            } else {
                number = number * 10 + Int(byte &- UInt8(ascii: "0"))
                hasDigits = true
            }
        }
    }
}
