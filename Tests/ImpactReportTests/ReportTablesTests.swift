import GRDB
import ImpactAnalysis
import Testing
@testable import ImpactReport

// The tables the report adds to the analysis (Analysis+ReportTables.swift), checked against the
// derived views in SQL or the tables they describe, on the 400-person dataset.

@Test func intersectionsAgreeWithTheViewsInSQL() throws {
    let data = try SmallDataset.loaded.get()
    let table = try #require(data.tables.first { $0.name == "intersections.csv" })
    let expected = try data.database.writer.read { db in
        try Row.fetchAll(db, sql: """
            SELECT p.programme_id, p.year, coalesce(f.ethnicity, 'unknown'), coalesce(f.gender, 'unknown'),
                   count(*), count(f.low_ses), coalesce(sum(f.low_ses), 0)
            FROM (SELECT DISTINCT participant_id, programme_id, year FROM cohort_participants) AS p
            JOIN participant_flags AS f ON f.participant_id = p.participant_id
            GROUP BY 1, 2, 3, 4
            """).map { row -> [String] in
            [row[0], String(row[1] as Int), row[2], row[3], String(row[4] as Int), String(row[5] as Int), String(row[6] as Int)]
        }
    }
    let actual = table.rows.map { [$0[0].text, $0[1].text, $0[3].text, $0[4].text, $0[5].text, $0[6].text, $0[7].text] }
    #expect(actual.sorted { $0.lexicographicallyPrecedes($1) } == expected.sorted { $0.lexicographicallyPrecedes($1) })
    #expect(actual.count > 50)
    // Within a programme-year: ethnicity in the contract's order, then gender, unknown last.
    let first = table.rows.prefix { $0[0] == table.rows[0][0] && $0[1] == table.rows[0][1] }.map { $0[3].text }
    let order = ["asian", "black", "mixed", "white", "other", "prefer_not_to_say", "unknown"]
    #expect(first.map { order.firstIndex(of: $0) ?? 99 } == first.map { order.firstIndex(of: $0) ?? 99 }.sorted())
}

@Test func pairingCountsAgreeWithPrepostAndTheScoresView() throws {
    let data = try SmallDataset.loaded.get()
    let pairing = Array(TableRows(try #require(data.tables.first { $0.name == "pairing.csv" })))
    let prepost = Array(TableRows(try #require(data.tables.first { $0.name == "prepost.csv" })))
    #expect(!pairing.isEmpty)
    for row in pairing {
        let total = try #require(prepost.first {
            $0["level"] == "programme_year" && $0["programme_id"] == row["programme_id"] && $0["year"] == row["year"]
                && $0["instrument_id"] == row["instrument_id"] && $0["construct"] == row["construct"]
        })
        #expect(row["pairs"] == total["n_pairs"])
        let (participants, pre, post, pairs, preOnly, postOnly, none) = (Int(row["participants"]) ?? -1, Int(row["had_pre"]) ?? -1, Int(row["had_post"]) ?? -1,
                                                                      Int(row["pairs"]) ?? -1, Int(row["pre_only"]) ?? -1, Int(row["post_only"]) ?? -1, Int(row["no_score"]) ?? -1)
        #expect(pre == pairs + preOnly && post == pairs + postOnly)
        #expect(participants == pairs + preOnly + postOnly + none)
    }
    // had_pre against the construct_scores view, for one programme-year and construct.
    let sample = pairing[0]
    let preCount = try data.database.writer.read { db in
        try Int.fetchOne(db, sql: """
            SELECT count(*) FROM construct_scores s JOIN cohort_participants c USING (participant_id, cohort_id)
            WHERE s.wave = 'pre' AND c.programme_id = ? AND c.year = ? AND s.instrument_id = ? AND s.construct = ?
            """, arguments: [sample["programme_id"], Int(sample["year"]), sample["instrument_id"], sample["construct"]])
    }
    #expect(preCount.map(String.init) == sample["had_pre"])
}

@Test func alphaItemsHaveARowPerItemOfEveryAlphaRowWithItsRespondents() throws {
    let data = try SmallDataset.loaded.get()
    let alpha = Array(TableRows(try #require(data.tables.first { $0.name == "alpha.csv" })))
    let items = Array(TableRows(try #require(data.tables.first { $0.name == "alpha_items.csv" })))
    #expect(!alpha.isEmpty)
    var next = 0
    for row in alpha {
        let count = Int(row["k_items"]) ?? 0
        let group = items.dropFirst(next).prefix(count)
        next += count
        #expect(group.count == count && group.allSatisfy {
            $0["instrument_id"] == row["instrument_id"] && $0["construct"] == row["construct"] && $0["wave"] == row["wave"]
                && $0["n"] == row["n"] && $0["k_items"] == row["k_items"]
        }, "\(row["construct"]) \(row["wave"])")
        #expect(group.map { $0["item_id"] } == group.map { $0["item_id"] }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
    #expect(next == items.count)
}
