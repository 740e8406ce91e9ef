import Foundation
import GRDB
import ImpactQuery
import ImpactStore
import Testing

@Test func aHeaderGivesNameDescriptionAndParametersWithDefaults() throws {
    let query = try NamedQuery(file: "x.sql", sql: """
        -- name: reach-by-region
        -- description: Participants by home region
        -- and year.
        -- param: year = 2024
        -- param: programme =
        -- param: outcome
        SELECT :year, :programme, :outcome
        -- name: not header any more
        """)
    #expect(query.name == "reach-by-region")
    #expect(query.description == "Participants by home region and year.")
    #expect(query.parameters == [.init(name: "year", defaultValue: "2024"), .init(name: "programme", defaultValue: ""),
                                 .init(name: "outcome", defaultValue: nil)])
    #expect(query.parameterSummary == "year=2024, programme=, outcome (required)")
    #expect(throws: QueryError.missingParameters(["outcome"])) { _ = try query.query(with: [:]) }
    #expect(throws: QueryError.unknownParameters(["yaer"], accepted: ["year", "programme", "outcome"])) {
        _ = try query.query(with: ["yaer": "1", "outcome": "x"])
    }
    #expect(try query.query(with: ["outcome": "he_entry"]).parameters == ["year": "2024", "programme": "", "outcome": "he_entry"])
    #expect(try query.query(with: ["outcome": "he_entry", "year": "2023"]).parameters["year"] == "2023")
}

@Test(arguments: [
    ("-- description: no name\nSELECT 1", 1, "no name line (-- name: NAME)"),
    ("-- name: x\nSELECT 1", 1, "no description line (-- description: …)"),
    ("-- name: x\n-- description: d\n-- params: y = 1\nSELECT 1", 3, "unknown header key \"params\" (known: name, description, param)"),
    ("-- name: x\n-- description: d\n-- param: y = 1\n-- param: y = 2\nSELECT 1", 4, "param y is declared twice"),
    ("-- name: x\n-- description: d\n-- param: = 1\nSELECT 1", 3, "param needs a name of letters, digits and _ (param: year = 2024)"),
])
func aBadHeaderIsRefusedWithItsLine(sql: String, line: Int, reason: String) {
    #expect(throws: QueryError.badQueryHeader(file: "x.sql", line: line, reason: reason)) {
        _ = try NamedQuery(file: "x.sql", sql: sql)
    }
}

@Test func theShippedQueriesAreAtLeastTenWithNamesOfTheirFiles() throws {
    let queries = try NamedQuery.all()
    #expect(queries.count >= 10)
    #expect(Set(queries.map(\.name)).count == queries.count)
    for expected in ["reach-by-region", "programme-pipeline", "survey-response-rates", "identity-breaks", "outcomes-by-school-type",
                     "eligibility-audit", "construct-by-cohort"] {
        #expect(queries.contains { $0.name == expected }, "\(expected)")
    }
}

@Test(arguments: try NamedQuery.all().map(\.name))
func eachShippedQueryDeclaresExactlyTheParametersItUsesAndRunsOnSyntheticData(name: String) throws {
    let query = try #require(try NamedQuery.all().first { $0.name == name })
    let store = try syntheticStore()
    let used = try store.read { db in try AdHocQuery(sql: query.sql).parameterNames(questions(db)) }
    #expect(Set(used) == Set(query.parameters.map(\.name)))
    let table = try store.read { db in try query.query(with: [:]).fetchAll(questions(db)) }
    #expect(!table.columns.isEmpty)
    // Only the rejected rows are empty: the synthetic data import cleanly.
    if name == "rejection-reasons" {
        #expect(table.rows.isEmpty)
    } else {
        #expect(!table.rows.isEmpty, "\(name) returned no rows on the synthetic data")
    }
}

@Test func reachByRegionCountsEachPersonOncePerYearAsTheMetricDoes() throws {
    let store = try syntheticStore()
    let named = try #require(try NamedQuery.all().first { $0.name == "reach-by-region" })
    let table = try store.read { db in try named.query(with: ["year": "2023"]).fetchAll(questions(db)) }
    let registry = try MetricRegistry.shipped()
    let metric = try store.read { db in
        try MetricQuery(metric: "reach_fsm", by: ["region"], filters: [(dimension: "year", value: "2023")]).run(questions(db), registry: registry)
    }
    #expect(!table.rows.isEmpty)
    for record in table.records {
        #expect(record["year"] == .integer(2023))
        let region = try #require(metric.records.first { $0["region"] == record["region"] })
        #expect(region["participants"] == record["participants"])
        #expect(region["n_known"] == record["fsm_known"])
        #expect(region["n_yes"] == record["fsm_yes"])
    }
    #expect(table.rows.count == metric.rows.count)
}

@Test func eligibilityAuditSplitsEveryParticipantIntoMeetsFailsOrUnknown() throws {
    let store = try syntheticStore()
    let named = try #require(try NamedQuery.all().first { $0.name == "eligibility-audit" })
    let table = try store.read { db in try named.query(with: [:]).fetchAll(questions(db)) }
    for record in table.records {
        let sum = [record["meets"], record["fails"], record["unknown"]].compactMap { $0?.number }.reduce(0, +)
        #expect(sum == record["participants"]?.number)
    }
}

@Test func thePipelineFollowsPeopleFromOneProgrammeToAnother() throws {
    let store = try syntheticStore()
    let named = try #require(try NamedQuery.all().first { $0.name == "programme-pipeline" })
    let table = try store.read { db in try named.query(with: ["from": "ONLINE", "to": "IN2R"]).fetchAll(questions(db)) }
    let direct = try store.read { db in
        try Int.fetchOne(db, sql: """
            SELECT count(DISTINCT a.participant_id) FROM cohort_participants a JOIN cohort_participants b
            ON b.participant_id = a.participant_id AND b.programme_id = 'IN2R' AND b.year > a.year
            WHERE a.programme_id = 'ONLINE'
              AND a.year = (SELECT min(year) FROM cohort_participants WHERE participant_id = a.participant_id AND programme_id = 'ONLINE')
            """) ?? -1
    }
    let wentOn = table.records.compactMap { $0["went_on"]?.number }.reduce(0, +)
    // Later years are counted by both; the named query also counts a later cohort of the same year.
    #expect(wentOn >= Double(direct))
    #expect(direct > 0)
}
