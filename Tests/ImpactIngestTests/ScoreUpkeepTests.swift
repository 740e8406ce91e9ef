import Foundation
import GRDB
@testable import ImpactIngest
import ImpactStore
import ImpactSynthetic
import ImpactTestSupport
import Testing

// The construct score table (schema/migrations/006) against the rule computed from `answers` in SQL, after
// the ways an import can change what it depends on.

/// construct_score_values recomputed from answers and survey_items by one GROUP BY: the rule of
/// 003_construct_scores (reverse coding, count and integer sum per person, cohort, construct and
/// wave), with the complete values in item_id order, as sorted text lines.
private func reference(_ db: Database) throws -> [String] {
    try Row.fetchAll(db, sql: """
        WITH coded AS (
            SELECT a.participant_key, a.cohort_key, i.instrument_id, i.construct, i.item_id, a.wave,
                   CASE WHEN i.reverse_coded = 1 THEN i.scale_min + i.scale_max - a.value ELSE a.value END AS value
            FROM answers AS a JOIN survey_items AS i ON i.item_key = a.item_key
        ), k AS (
            SELECT instrument_id, construct, count(*) AS k_items FROM survey_items GROUP BY instrument_id, construct
        )
        SELECT g.participant_key, g.cohort_key, g.instrument_id, g.construct, g.wave, g.n AS n_answered, g.total AS coded_sum,
               CASE WHEN g.n = k.k_items THEN (
                   SELECT group_concat(value, ',') FROM (
                       SELECT c.value FROM coded AS c
                       WHERE c.participant_key = g.participant_key AND c.cohort_key = g.cohort_key
                         AND c.instrument_id = g.instrument_id AND c.construct = g.construct AND c.wave = g.wave
                       ORDER BY c.item_id)) END AS complete_values
        FROM (SELECT participant_key, cohort_key, instrument_id, construct, wave, count(*) AS n, sum(value) AS total
              FROM coded GROUP BY participant_key, cohort_key, instrument_id, construct, wave) AS g
        JOIN k ON k.instrument_id = g.instrument_id AND k.construct = g.construct
        """).map(\.description).sorted()
}

/// The stored table in the same form.
private func stored(_ db: Database) throws -> [String] {
    try Row.fetchAll(db, sql: """
        SELECT s.participant_key, s.cohort_key, k.instrument_id, k.construct, s.wave, s.n_answered, s.coded_sum, s.complete_values
        FROM construct_score_values AS s JOIN survey_constructs AS k USING (construct_key)
        """).map(\.description).sorted()
}

private func expectTableMatchesAnswers(_ database: ImpactDatabase, _ comment: Comment) throws {
    let (expected, actual) = try database.writer.read { db in (try reference(db), try stored(db)) }
    #expect(!actual.isEmpty, comment)
    #expect(actual.count == expected.count, comment)
    let missing = Set(expected).subtracting(actual)
    let extra = Set(actual).subtracting(expected)
    #expect(missing.isEmpty && extra.isEmpty,
            "\(comment): \(missing.count) rows missing, e.g. \(missing.sorted().first ?? ""); \(extra.count) extra, e.g. \(extra.sorted().first ?? "")")
}

/// SyntheticDataset(participants: 300, seed: 5) written to a folder and imported.
private func importedSynthetic(_ folder: URL) throws -> (ImpactDatabase, Importer) {
    _ = try SyntheticDataset(participants: 300, seed: 5).write(to: folder)
    let database = try ImpactDatabase.inMemory()
    let importer = Importer(database: database, hasher: testHasher)
    try importFolder(folder, with: importer)
    return (database, importer)
}

@Test func anImportStoresTheScoresOfEveryAnswer() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (database, _) = try importedSynthetic(folder)
    try expectTableMatchesAnswers(database, "after the first import")
    // Some rows are complete (alpha's data) and some are not.
    let (complete, partial) = try database.writer.read { db in
        (try Int.fetchOne(db, sql: "SELECT count(*) FROM construct_score_values WHERE complete_values IS NOT NULL") ?? 0,
         try Int.fetchOne(db, sql: "SELECT count(*) FROM construct_score_values WHERE complete_values IS NULL") ?? 0)
    }
    #expect(complete > 0 && partial > 0)
}

@Test(arguments: [1, 1_000_000])
func reimportedAnswersAreScoredAgain(lookupLimit: Int) throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (database, importer) = try importedSynthetic(folder)
    // Every answer of the first 40 data lines changes value (within the scale), and the first
    // person-cohort's answers move to a later date so that they replace the stored ones.
    let responses = try String(contentsOf: folder.appendingPathComponent("responses.csv"), encoding: .utf8)
    var lines = responses.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let header = lines[0].split(separator: ",").map(String.init)
    let value = try #require(header.firstIndex(of: "value"))
    let date = header.firstIndex(of: "responded_on")
    for index in 1...40 where index < lines.count && !lines[index].isEmpty {
        var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[value] = fields[value] == "1" ? "2" : "1"
        if let date { fields[date] = "2099-01-01" }
        lines[index] = fields.joined(separator: ",")
    }
    let changed = try write(lines.prefix(41).joined(separator: "\n") + "\n", to: "responses-changed.csv", in: folder)
    let before = try database.writer.read { try stored($0) }
    // Through the importer (person-cohorts looked up one by one: 40 rows touch few of them)…
    _ = try importer.importFile(at: changed, as: .responses)
    try expectTableMatchesAnswers(database, "after a re-import of changed answers")
    #expect(try database.writer.read { try stored($0) } != before, "the changed answers changed some scores")
    // …and through both ways of refreshing every person-cohort.
    try database.writer.write { db in
        let pairs = try Row.fetchAll(db, sql: "SELECT DISTINCT participant_key, cohort_key FROM answers").map {
            ConstructScoreTable.PersonCohort(participantKey: $0[0], cohortKey: $0[1])
        }
        try ConstructScoreTable.refresh(db, touched: pairs.reversed() + pairs, lookupLimit: lookupLimit)
    }
    try expectTableMatchesAnswers(database, "after a refresh with lookupLimit \(lookupLimit)")
}

@Test func changedItemsRescoreEveryAnswer() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (database, importer) = try importedSynthetic(folder)
    let before = try database.writer.read { try stored($0) }
    // Every item's reverse coding flips, and one item moves to a construct of its own.
    let items = try String(contentsOf: folder.appendingPathComponent("survey_items.csv"), encoding: .utf8)
    var lines = items.split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",").map(String.init)
    let reverse = try #require(header.firstIndex(of: "reverse_coded"))
    let construct = try #require(header.firstIndex(of: "construct"))
    for index in 1..<lines.count {
        var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[reverse] = ["yes", "true", "1", "y"].contains(fields[reverse].lowercased()) ? "no" : "yes"
        if index == 1 { fields[construct] = "moved" }
        lines[index] = fields.joined(separator: ",")
    }
    _ = try importer.importFile(at: write(lines.joined(separator: "\n") + "\n", to: "items-changed.csv", in: folder), as: .surveyItems)
    try expectTableMatchesAnswers(database, "after the items changed")
    #expect(try database.writer.read { try stored($0) } != before)
    #expect(try database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM survey_constructs WHERE construct = 'moved'") } == 1)
}

@Test func aDatabaseWithoutStoredScoresIsScoredOnOpening() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("impact.sqlite").path
    do {
        let database = try ImpactDatabase.open(at: path)
        let importer = Importer(database: database, hasher: testHasher)
        let data = folder.appendingPathComponent("data")
        _ = try SyntheticDataset(participants: 120, seed: 3).write(to: data)
        for item in try ImportPlan(arguments: [data.path]).items { _ = try importer.importItem(item) }
        // As a database from before schema/migrations/006 would be: answers, no stored scores.
        try database.writer.write { db in
            try db.execute(sql: "DELETE FROM construct_score_values; DELETE FROM survey_constructs")
        }
    }
    let reopened = try ImpactDatabase.open(at: path)
    try expectTableMatchesAnswers(reopened, "after reopening")
}

@Test func answersOfNewPeopleOutOfOrderOrRepeatedAreScoredFromWhatIsStored() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (database, importer) = try Parents.database(in: folder)
    // New people (no answers stored): P1's answers come in two runs, P3 answers se1 twice in the
    // pre wave (the later row is the one stored), P2's come together and are scored as written.
    let responses = """
        participant_id,cohort_id,instrument_id,wave,item_id,value
        P1,IN2R-2024-01,core_v1,pre,se1,4
        P2,IN2R-2024-01,core_v1,pre,se1,3
        P2,IN2R-2024-01,core_v1,pre,se2,2
        P2,IN2R-2024-01,core_v1,post,sb1,5
        P1,IN2R-2024-01,core_v1,pre,se2,1
        P3,IN2R-2024-01,core_v1,pre,se1,1
        P3,IN2R-2024-01,core_v1,pre,se1,5
        P3,IN2R-2024-01,core_v1,pre,se2,5

        """
    let summary = try importer.importFile(at: write(responses, to: "responses.csv", in: folder), as: .responses)
    #expect(summary.rejected == 0)
    try expectTableMatchesAnswers(database, "after out-of-order and repeated answers")
    let sums = try database.writer.read { db in
        try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
            SELECT p.participant_id || '/' || k.construct || '/' || v.wave, v.n_answered || ':' || v.coded_sum
            FROM construct_score_values AS v JOIN participants AS p USING (participant_key)
            JOIN survey_constructs AS k USING (construct_key)
            """).map { ($0[0] as String, $0[1] as String) })
    }
    // se2 is reverse-coded on 1–5: a 1 counts 5, a 2 counts 4, a 5 counts 1.
    #expect(sums["P1/self_efficacy/pre"] == "2:9")
    #expect(sums["P2/self_efficacy/pre"] == "2:7")
    #expect(sums["P2/belonging/post"] == "1:5")
    #expect(sums["P3/self_efficacy/pre"] == "2:6")
}
