import Foundation
public import GRDB
// The C API, for the pass over the answers (as in the import's SQLiteTableInserts and ImpactAnalysis's
// ScorePass: GRDB's Row cursor is markedly slower there).
import GRDBSQLite

/// The upkeep of `construct_score_values` and `survey_constructs` (schema/migrations/006): the importer calls
/// `refresh(_:touched:)` after writing answers and `rebuild(_:)` after changing survey_items, in
/// the file's transaction, so the table always holds the scores of the stored answers.
public enum ConstructScoreTable {
    /// A person in a cohort: `(participant_key, cohort_key)`, ordered like the answers' primary key.
    public struct PersonCohort: Hashable, Comparable, Sendable {
        public let participantKey: Int64
        public let cohortKey: Int64

        public init(participantKey: Int64, cohortKey: Int64) {
            self.participantKey = participantKey
            self.cohortKey = cohortKey
        }

        public static func < (left: Self, right: Self) -> Bool {
            left.participantKey != right.participantKey ? left.participantKey < right.participantKey : left.cohortKey < right.cohortKey
        }
    }

    /// Below this many person-cohorts, their answers are looked up one by one; from it on, one
    /// pass over the answers in key order is faster.
    public static let lookupLimit = 2_000

    /// Numbers the constructs of survey_items afresh and scores every stored answer again.
    public static func rebuild(_ db: Database) throws {
        try db.execute(sql: try StoreResources.query("scores/rebuild_constructs"))
        try score(db, catalogue: try ConstructCatalogue.read(db), touched: nil, lookupLimit: lookupLimit)
    }

    /// Rebuilds when survey_items has rows but survey_constructs none (a database migrated from
    /// before schema/migrations/006); true if it did.
    @discardableResult
    public static func rebuildIfNeeded(_ db: Database) throws -> Bool {
        guard try Bool.fetchOne(db, sql: try StoreResources.query("scores/needs_rebuild")) == true else { return false }
        try rebuild(db)
        return true
    }

    /// Scores again every answer of the person-cohorts `touched` (any order, repeats allowed):
    /// fewer than `lookupLimit` are looked up one by one, more in one pass over the answers.
    /// `catalogue`: the one already read, if any.
    public static func refresh(_ db: Database, touched: [PersonCohort], catalogue: ConstructCatalogue? = nil,
                               lookupLimit: Int = lookupLimit) throws {
        guard !touched.isEmpty else { return }
        let sorted = Array(Set(touched)).sorted()
        // People with a key above every stored one (new people, numbered in import order) have no
        // rows to forget.
        let delete = try db.makeStatement(sql: try StoreResources.query("scores/delete_scores_of"))
        let highest = try Int64.fetchOne(db, sql: try StoreResources.query("scores/highest_scored_key")) ?? .min
        for pair in sorted where pair.participantKey <= highest {
            try delete.execute(arguments: ["participant": pair.participantKey, "cohort": pair.cohortKey])
        }
        try score(db, catalogue: try catalogue ?? ConstructCatalogue.read(db), touched: sorted, lookupLimit: lookupLimit)
    }

    /// Scores the answers of `touched` (sorted; nil: every answer) into the table, whose rows for
    /// them are already gone.
    private static func score(_ db: Database, catalogue: ConstructCatalogue, touched: [PersonCohort]?, lookupLimit: Int) throws {
        guard !catalogue.constructs.isEmpty else { return }
        let writer = try ScoreWriter(db)
        var group = GroupScores(catalogue: catalogue)
        if let touched, touched.count < lookupLimit {
            let lookup = try db.makeStatement(sql: try StoreResources.query("scores/answers_of"))
            for pair in touched {
                try lookup.setArguments(["participant": pair.participantKey, "cohort": pair.cohortKey])
                try passOver(lookup, db: db, catalogue: catalogue, touched: nil, group: &group, writer: writer)
            }
        } else {
            let scan = try db.makeStatement(sql: try StoreResources.query("scores/answers_from"))
            try scan.setArguments(["from": touched?.first?.participantKey ?? Int64.min])
            try passOver(scan, db: db, catalogue: catalogue, touched: touched, group: &group, writer: writer)
        }
        try writer.flush()
    }

    /// Steps `statement` (rows of participant_key, cohort_key, item_key, wave, value in key order)
    /// and writes the scores of each person-cohort in `touched` (nil: all).
    private static func passOver(_ statement: Statement, db: Database, catalogue: ConstructCatalogue,
                                 touched: [PersonCohort]?, group: inout GroupScores, writer: ScoreWriter) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var current = PersonCohort(participantKey: .min, cohortKey: .min)
        var isKept = false
        var next = 0
        while try stepRow(statement, in: db) {
            let pair = PersonCohort(participantKey: sqlite3_column_int64(handle, 0), cohortKey: sqlite3_column_int64(handle, 1))
            if pair != current {
                if isKept { try group.finish(current, into: writer) }
                current = pair
                if let touched {
                    while next < touched.count, touched[next] < pair { next += 1 }
                    guard next < touched.count else { isKept = false; break }
                    isKept = touched[next] == pair
                } else {
                    isKept = true
                }
            }
            guard isKept, let item = catalogue.item(key: sqlite3_column_int64(handle, 2)),
                  let wave = sqlite3_column_text(handle, 3) else { continue }
            group.add(item.coded(Int(sqlite3_column_int64(handle, 4))), construct: item.construct,
                      wave: SurveyWave.of(text: wave), position: item.position)
        }
        if isKept { try group.finish(current, into: writer) }
    }

    /// One person-cohort's answers during a pass: count, integer sum and coded values per
    /// construct and wave (a slot), and the slots touched.
    struct GroupScores {
        let catalogue: ConstructCatalogue
        let waveCount = SurveyWave.allCases.count
        let width: Int
        var counts: [Int]
        var sums: [Int]
        var values: [Int]
        /// Which item positions of each slot have a value (to tell a repeated answer).
        var isSet: [Bool]
        var touched: [Int] = []

        init(catalogue: ConstructCatalogue) {
            self.catalogue = catalogue
            let slotCount = catalogue.constructs.count * waveCount
            width = max(catalogue.maximumItemCount, 1)
            counts = [Int](repeating: 0, count: slotCount)
            sums = [Int](repeating: 0, count: slotCount)
            values = [Int](repeating: 0, count: slotCount * width)
            isSet = [Bool](repeating: false, count: slotCount * width)
        }

        /// Adds one answer; false (and nothing added) when the item already has one in this wave.
        @discardableResult
        mutating func add(_ coded: Int, construct: Int, wave: SurveyWave, position: Int) -> Bool {
            let slot = construct * waveCount + wave.rawValue
            guard !isSet[slot * width + position] else { return false }
            if counts[slot] == 0 { touched.append(slot) }
            counts[slot] += 1
            sums[slot] += coded
            values[slot * width + position] = coded
            isSet[slot * width + position] = true
            return true
        }

        /// Forgets the group's answers without writing them.
        mutating func reset() {
            for slot in touched { clear(slot) }
            touched.removeAll(keepingCapacity: true)
        }

        private mutating func clear(_ slot: Int) {
            counts[slot] = 0
            sums[slot] = 0
            for position in 0..<width { isSet[slot * width + position] = false }
        }

        /// Writes the group's rows and starts afresh.
        mutating func finish(_ pair: PersonCohort, into writer: ScoreWriter) throws {
            touched.sort()
            for slot in touched {
                let construct = catalogue.constructs[slot / waveCount]
                let answered = counts[slot]
                if let key = construct.key {
                    let complete = answered == construct.itemCount ? values[(slot * width)..<(slot * width + answered)] : nil
                    try writer.append(pair, construct: key, wave: SurveyWave.allCases[slot % waveCount],
                                      answered: answered, sum: sums[slot], complete: complete)
                }
                clear(slot)
            }
            touched.removeAll(keepingCapacity: true)
        }
    }

    /// Writes rows through a prepared statement of many rows (the VALUES tuple of
    /// queries/engine/scores/insert_score.sql repeated), bound through the C API.
    final class ScoreWriter {
        static let rowsPerStatement = 128
        static let width = 7
        private let connection: OpaquePointer?
        private let batch: Statement
        private let single: Statement

        init(_ db: Database) throws {
            let sql = try StoreResources.query("scores/insert_score")
            guard let values = sql.range(of: "VALUES", options: .backwards) else {
                throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "queries/engine/scores/insert_score.sql has no VALUES")
            }
            let head = sql[..<values.upperBound]
            let tuple = sql[values.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";")))
            connection = db.sqliteConnection
            batch = try db.makeStatement(sql: head + " " + Array(repeating: tuple, count: Self.rowsPerStatement).joined(separator: ", "))
            single = try db.makeStatement(sql: head + " " + tuple)
        }

        /// A row waiting for its statement.
        private struct Pending {
            let pair: PersonCohort
            let construct: Int64
            let wave: SurveyWave
            let answered: Int
            let sum: Int
            /// The complete coded values as text ("3,4,2,5"), or nil.
            let complete: [UInt8]?
        }

        private var rows: [Pending] = []

        func append(_ pair: PersonCohort, construct: Int64, wave: SurveyWave, answered: Int, sum: Int,
                    complete: ArraySlice<Int>?) throws {
            var text: [UInt8]?
            if let complete {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(complete.count * 2)
                for (offset, value) in complete.enumerated() {
                    if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                    bytes.append(contentsOf: String(value).utf8)
                }
                text = bytes
            }
            rows.append(Pending(pair: pair, construct: construct, wave: wave, answered: answered, sum: sum, complete: text))
            if rows.count == Self.rowsPerStatement {
                for (index, row) in rows.enumerated() { bind(row, to: batch, at: Int32(index * Self.width)) }
                try step(batch)
                rows.removeAll(keepingCapacity: true)
            }
        }

        /// Writes the rows waiting (fewer than a batch) one by one.
        func flush() throws {
            for row in rows {
                bind(row, to: single, at: 0)
                try step(single)
            }
            rows.removeAll()
        }

        private func bind(_ row: Pending, to statement: Statement, at offset: Int32) {
            let handle = statement.sqliteStatement
            sqlite3_bind_int64(handle, offset + 1, row.pair.participantKey)
            sqlite3_bind_int64(handle, offset + 2, row.pair.cohortKey)
            sqlite3_bind_int64(handle, offset + 3, row.construct)
            let wave = row.wave.storedText
            sqlite3_bind_text(handle, offset + 4, UnsafeRawPointer(wave.utf8Start).assumingMemoryBound(to: CChar.self),
                              Int32(wave.utf8CodeUnitCount), nil)
            sqlite3_bind_int64(handle, offset + 5, Int64(row.answered))
            sqlite3_bind_int64(handle, offset + 6, Int64(row.sum))
            if let complete = row.complete {
                complete.withUnsafeBufferPointer { bytes in
                    _ = sqlite3_bind_text(handle, offset + 7, UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self),
                                          Int32(bytes.count), sqliteTransient)
                }
            } else {
                sqlite3_bind_null(handle, offset + 7)
            }
        }


        private func step(_ statement: Statement) throws {
            let handle = statement.sqliteStatement
            let code = sqlite3_step(handle)
            sqlite3_reset(handle)
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: String(cString: sqlite3_errmsg(connection)), sql: statement.sql)
            }
        }
    }
}
