import Foundation
import Testing
import GRDB
import ImpactTestSupport
@testable import ImpactStore

@Test func migratorCreatesEveryContractTable() throws {
    let database = try ImpactDatabase.inMemory()
    let names = try database.writer.read { db in
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type IN ('table','view') ORDER BY name")
    }
    for table in ["programmes", "cohorts", "participants", "enrolments", "survey_items", "responses", "outcomes", "benchmarks", "imports", "rejected_rows"] {
        #expect(names.contains(table), "missing \(table)")
    }
}

// A database made before the instruments' scoring rules (schema/migrations/010) migrates to at_least_half,
// the rule its scores were made by: the same scores, the same thresholds.
@Test func aDatabaseFromBeforeTheScoringRulesKeepsItsScores() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("old.sqlite").path
    let queue = try DatabaseQueue(path: path)
    try ImpactDatabase.makeMigrator().migrate(queue, upTo: "009_skipped_rows")
    let scores = "SELECT participant_id, construct, wave, n_answered, k_items, score FROM construct_scores ORDER BY 1, 2, 3"
    let before = try queue.write { db -> [String] in
        try db.execute(sql: """
            INSERT INTO programmes (programme_id, name) VALUES ('P', 'Placements');
            INSERT INTO cohorts (cohort_id, programme_id, year) VALUES ('C1', 'P', 2024);
            INSERT INTO participants (participant_id) VALUES ('A'), ('B');
            INSERT INTO enrolments (participant_id, cohort_id, status) VALUES ('A', 'C1', 'completed'), ('B', 'C1', 'completed');
            INSERT INTO survey_items (instrument_id, item_id, construct, scale_min, scale_max)
            VALUES ('inst', 'i1', 'four', 1, 5), ('inst', 'i2', 'four', 1, 5), ('inst', 'i3', 'four', 1, 5), ('inst', 'i4', 'four', 1, 5);
            INSERT INTO survey_constructs (instrument_id, construct, k_items) VALUES ('inst', 'four', 4);
            -- A: 4 of 4 pre, 2 of 4 post (a score under the half rule); B: 1 of 4 (none).
            INSERT INTO construct_score_values (participant_key, cohort_key, construct_key, wave, n_answered, coded_sum, complete_values)
            SELECT participant_key, 1, 1, 'pre', 4, 12, '3,3,3,3' FROM participants WHERE participant_id = 'A'
            UNION ALL SELECT participant_key, 1, 1, 'post', 2, 9, NULL FROM participants WHERE participant_id = 'A'
            UNION ALL SELECT participant_key, 1, 1, 'pre', 1, 5, NULL FROM participants WHERE participant_id = 'B';
            """)
        return try Row.fetchAll(db, sql: scores).map(\.description)
    }
    try queue.close()
    #expect(before.count == 2)
    let database = try ImpactDatabase.open(at: path, create: false)
    try database.writer.read { db in
        #expect(try Row.fetchAll(db, sql: scores).map(\.description) == before)
        #expect(try String.fetchAll(db, sql: "SELECT DISTINCT scoring FROM survey_items") == ["at_least_half"])
        let construct = try #require(try Row.fetchOne(db, sql: "SELECT scoring, min_answered FROM survey_constructs"))
        #expect(construct[0] as String == "at_least_half" && construct[1] as Int == 2)
        #expect(try Row.fetchAll(db, sql: "SELECT * FROM construct_items").map(\.description)
                == [#"[instrument_id:"inst" construct:"four" k_items:4 min_answered:2 scoring:"at_least_half"]"#])
        #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM prepost_pairs") == 1)
        let catalogue = try ConstructCatalogue.read(db)
        #expect(catalogue.constructs.map(\.requiredAnswers) == [2] && catalogue.constructs.map(\.scoring) == [.atLeastHalf])
    }
}
