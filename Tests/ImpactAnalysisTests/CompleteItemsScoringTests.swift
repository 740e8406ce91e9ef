import Foundation
import GRDB
import ImpactIngest
import ImpactStore
import ImpactTestSupport
import Testing
@testable import ImpactAnalysis

// `Fixtures/prepost/complete-items/`: programme P (2024), cohorts C1 (A, B, C) and C2 (D, E, F; G
// applied only). Instrument `asq` is scored all_items: `belonging` (b1…b4, b4 reversed) and
// `expectations` (e1…e3); instrument `core` leaves its scoring cells empty, the default
// at_least_half: `confidence` (c1…c4). Items answered, pre/post:
//   belonging     A 4/4, B 3/4, C 4/4, D 4/4, E 4/4, F 2/4
//   expectations  A 3/2, B 3/3, C 3/3, D 2/3, E 3/3, F 3/1
//   confidence    A 2/4, B 4/3, C 1/4, D 3/2, E 4/4, F 4/4
// So asq's pairs are belonging A, C, D, E (B's 3 of 4 and F's 2 of 4 are no score) and
// expectations B, C, E, where the half rule would also pair B and F, and A and D; core pairs A,
// B, D, E, F (C's 1 of 4 is too few under either rule).

/// The fixture folder, imported into a fresh in-memory database; `clearingScoring` empties
/// every scoring cell first (a copy), which makes every instrument at_least_half.
private func completeItemsDatabase(clearingScoring: Bool = false) throws -> ImpactDatabase {
    let source = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/prepost/complete-items")
    return try withTemporaryFolder { folder in
        let database = try ImpactDatabase.inMemory()
        let importer = Importer(database: database, hasher: testHasher)
        for kind in FileKind.allCases {
            let path = source.appendingPathComponent(kind.fileName).path
            guard FileManager.default.fileExists(atPath: path) else { continue }
            var text = try String(contentsOfFile: path, encoding: .utf8)
            if clearingScoring, kind == .surveyItems { text = text.replacingOccurrences(of: ",all_items\n", with: ",\n") }
            let summary = try importer.importFile(at: write(text, to: kind.fileName, in: folder), as: kind)
            #expect(summary.rejected == 0, "\(kind.fileName): \(summary.rejected) rows rejected")
        }
        return database
    }
}

/// n_pairs of prepost.csv's programme_year rows, by "instrument/construct".
private func programmeYearPairs(_ database: ImpactDatabase) throws -> [String: String] {
    let table = try Analysis(database: database).prepost()
    var pairs: [String: String] = [:]
    for row in table.rows.map({ Dictionary(uniqueKeysWithValues: zip(table.columns, $0.map(\.text))) }) where row["level"] == "programme_year" {
        pairs["\(row["instrument_id"] ?? "")/\(row["construct"] ?? "")"] = row["n_pairs"]
    }
    return pairs
}

@Test func anInstrumentScoredOnAllItemsLosesTheScoresTheHalfRuleWouldKeep() throws {
    let database = try completeItemsDatabase()
    #expect(try programmeYearPairs(database) == ["asq/belonging": "4", "asq/expectations": "3", "core/confidence": "5"])
    let scores = try database.writer.read { db in
        Set(try String.fetchAll(db, sql: "SELECT participant_id || '/' || construct || '/' || wave FROM construct_scores"))
    }
    #expect(!scores.contains("B/belonging/pre"))       // 3 of 4 items: not every item
    #expect(!scores.contains("A/expectations/post"))   // 2 of 3
    #expect(scores.contains("A/confidence/pre"))       // core: 2 of 4 is half
    #expect(!scores.contains("C/confidence/pre"))      // 1 of 4 is too few under either rule
    // The same answers with the default rule everywhere.
    let half = try completeItemsDatabase(clearingScoring: true)
    #expect(try programmeYearPairs(half) == ["asq/belonging": "6", "asq/expectations": "5", "core/confidence": "5"])
}

@Test func prepostAndTheViewsAgreeOnThePairsOfEachRule() throws {
    for database in [try completeItemsDatabase(), try completeItemsDatabase(clearingScoring: true)] {
        let table = try Analysis(database: database).prepost()
        let rows = table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.columns, $0)) }
            .filter { $0["level"]?.text == "programme_year" || $0["level"]?.text == "cohort" }
        let view = try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT NULL AS cohort_id, instrument_id, construct, count(*) AS n, avg(pre_score) AS pre
                FROM prepost_pairs GROUP BY instrument_id, construct
                UNION ALL
                SELECT cohort_id, instrument_id, construct, count(*), avg(pre_score)
                FROM prepost_pairs GROUP BY cohort_id, instrument_id, construct
                """)
        }
        #expect(!rows.isEmpty)
        for row in rows {
            let cohort = row["cohort_id"]?.text ?? ""
            let match = view.first { ($0["cohort_id"] as String? ?? "") == cohort && $0["instrument_id"] == row["instrument_id"]?.text
                && $0["construct"] == row["construct"]?.text }
            #expect(match.map { "\($0["n"] as Int)" } == row["n_pairs"]?.text, "\(cohort) \(row["construct"]?.text ?? "")")
            if let match, case let .number(mean?)? = row["mean_pre"] {
                #expect(abs(mean - (match["pre"] as Double)) < 1e-12)
            }
        }
    }
}

@Test func pairingCountsAScoreThatLacksAnItemAsNoScore() throws {
    let table = try Analysis(database: try completeItemsDatabase()).pairing()
    let belonging = table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.columns, $0.map(\.text))) }
        .first { $0["construct"] == "belonging" }
    // Six participants; B (3 of 4) and F (2 of 4) have no pre score, everybody a post score.
    let counts = ["participants", "had_pre", "had_post", "pairs", "pre_only", "post_only", "no_score"]
    #expect(counts.map { "\($0)=\(belonging?[$0] ?? "")" }
            == ["participants=6", "had_pre=4", "had_post=6", "pairs=4", "pre_only=0", "post_only=2", "no_score=0"])
}
