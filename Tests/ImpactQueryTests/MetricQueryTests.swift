import Foundation
import GRDB
import ImpactAnalysis
import ImpactQuery
import ImpactStore
import ImpactTestSupport
import Testing

// The metric layer must give the report's figures for the same slice. Each test runs a metric on
// SyntheticDataset(participants: 400, seed: 11) and finds every one of its rows, cell for cell
// (as text, so to the last bit), in the table the report computes (ImpactAnalysis), and checks
// that the report has no row of that slice the metric lacks.

private func reportTables() throws -> [String: OutputTable] {
    let tables = try Analysis(database: try SyntheticDatabase.small.get().database).tables()
    return Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })
}

private let report: Result<[String: OutputTable], any Error> = Result { try reportTables() }

private func records(_ name: String) throws -> [[String: String]] {
    let table = try #require(try report.get()[name])
    return table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.columns, $0.map(\.text))) }
}

private func metric(_ name: String, by: [String] = [], filters: [(dimension: String, value: String)] = []) throws -> ResultTable {
    let registry = try MetricRegistry.shipped()
    return try syntheticStore().read { db in
        try MetricQuery(metric: name, by: by, filters: filters).run(questions(db), registry: registry)
    }
}

/// Every row of `metric` equals a row of `expected` on `keys` (metric column → report column) in
/// each of `figures`, and `expected` has as many rows.
private func expectAgreement(_ metric: ResultTable, _ expected: [[String: String]], keys: [(String, String)],
                             figures: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!metric.rows.isEmpty, "the metric has no rows", sourceLocation: sourceLocation)
    #expect(metric.rows.count == expected.count, "\(metric.rows.count) metric rows for \(expected.count) report rows",
            sourceLocation: sourceLocation)
    for record in metric.records {
        let matches = expected.filter { row in keys.allSatisfy { row[$0.1] == record[$0.0]?.text } }
        guard matches.count == 1, let row = matches.first else {
            Issue.record("no single report row for \(keys.map { record[$0.0]?.text ?? "" })", sourceLocation: sourceLocation)
            continue
        }
        for (metricColumn, reportColumn) in figures {
            #expect(record[metricColumn]?.text == row[reportColumn],
                    "\(keys.map { record[$0.0]?.text ?? "" }) \(metricColumn)", sourceLocation: sourceLocation)
        }
    }
}

private let programmeYear = [("programme", "programme_id"), ("year", "year")]

@Test(arguments: ["fsm", "first_generation", "polar4_q12", "imd_q12", "working_class", "care_experienced",
                  "low_ses", "multiple_disadvantage"])
func eachReachIndicatorEqualsReachCSV(indicator: String) throws {
    let reach = try records("reach.csv").filter { $0["indicator"] == indicator }
    let figures = [("participants", "participants"), ("n_known", "n_known"), ("n_yes", "n_yes"),
                   ("rate", "pct_yes"), ("pct_unknown", "pct_unknown")]
    expectAgreement(try metric("reach_" + indicator, by: ["programme", "year"]),
                    reach.filter { $0["level"] == "programme_year" }, keys: programmeYear, figures: figures)
    expectAgreement(try metric("reach_" + indicator, by: ["cohort"]),
                    reach.filter { $0["level"] == "cohort" }, keys: [("cohort", "cohort_id")], figures: figures)
}

@Test func participantsAndCompletionRateEqualFunnelCSV() throws {
    let funnel = try records("funnel.csv").filter { $0["started"] != "0" }
    expectAgreement(try metric("participants", by: ["programme", "year"]), funnel.filter { $0["level"] == "programme_year" },
                    keys: programmeYear, figures: [("participants", "started")])
    expectAgreement(try metric("completion_rate", by: ["programme", "year"]), funnel.filter { $0["level"] == "programme_year" },
                    keys: programmeYear, figures: [("participants", "started"), ("n_yes", "completed"), ("rate", "completion_rate")])
    expectAgreement(try metric("completion_rate", by: ["cohort"]), funnel.filter { $0["level"] == "cohort" },
                    keys: [("cohort", "cohort_id")], figures: [("n_yes", "completed"), ("rate", "completion_rate")])
}

@Test(arguments: ["fsm", "first_generation", "gender", "ethnicity", "low_ses"])
func outcomeRatesWithWilsonIntervalsEqualOutcomesCSV(subgroup: String) throws {
    let outcomes = try records("outcomes.csv").filter { $0["n_known"] != "0" }
    let figures = [("n_known", "n_known"), ("n_yes", "n_yes"), ("rate", "rate"), ("ci_low", "ci_low"), ("ci_high", "ci_high")]
    expectAgreement(try metric("outcome_rate", by: ["programme", "year"]), outcomes.filter { $0["level"] == "programme_year" },
                    keys: programmeYear + [("outcome", "outcome")], figures: figures)
    expectAgreement(try metric("outcome_rate", by: ["programme", "year", subgroup]),
                    outcomes.filter { $0["level"] == "subgroup" && $0["group_dim"] == subgroup },
                    keys: programmeYear + [("outcome", "outcome"), (subgroup, "group_value")], figures: figures)
}

@Test func outcomeRatesByDosageBandEqualDosageOutcomesCSV() throws {
    let dosage = try records("dosage_outcomes.csv").filter { $0["n_known"] != "0" }
    expectAgreement(try metric("outcome_rate", by: ["programme", "year", "dosage_band"]), dosage,
                    keys: programmeYear + [("outcome", "outcome"), ("dosage_band", "hours_band")],
                    figures: [("n_known", "n_known"), ("n_yes", "n_yes"), ("rate", "rate"), ("ci_low", "ci_low"), ("ci_high", "ci_high")])
    var bands: [String: String] = [:]
    for row in try records("dosage_outcomes.csv") {
        bands[[row["programme_id"], row["year"], row["hours_band"]].map { $0 ?? "" }.joined(separator: "/")] = row["participants"]
    }
    // dosage_outcomes.csv has rows for the programme-years with an outcome recorded; there, every
    // band's participants (outcome recorded or not) equal the metric's.
    let participants = try metric("participants", by: ["programme", "year", "dosage_band"])
    var matched = 0
    for record in participants.records {
        let key = ["programme", "year", "dosage_band"].map { record[$0]?.text ?? "" }.joined(separator: "/")
        guard let expected = bands[key] else { continue }
        #expect(expected == record["participants"]?.text, "\(key)")
        matched += 1
    }
    #expect(matched == bands.count)
}

private let prepostFigures = ["n_pairs", "mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "t", "df",
                              "p_value", "cohens_dz", "hedges_gav", "wilcoxon_p", "pct_improved"].map { ($0, $0) }

@Test func prepostChangeEqualsPrepostCSVOnEveryLevel() throws {
    let prepost = try records("prepost.csv").filter { $0["n_pairs"] != "0" }
    let construct = [("instrument", "instrument_id"), ("construct", "construct")]
    expectAgreement(try metric("prepost_change", by: ["programme", "year"]), prepost.filter { $0["level"] == "programme_year" },
                    keys: programmeYear + construct, figures: prepostFigures)
    expectAgreement(try metric("prepost_change", by: ["cohort"]), prepost.filter { $0["level"] == "cohort" },
                    keys: [("cohort", "cohort_id")] + construct, figures: prepostFigures)
    expectAgreement(try metric("prepost_change", by: ["programme", "year", "ethnicity"]),
                    prepost.filter { $0["level"] == "subgroup" && $0["group_dim"] == "ethnicity" },
                    keys: programmeYear + construct + [("ethnicity", "group_value")], figures: prepostFigures)
}

@Test func prepostChangeByDosageBandEqualsDosagePrepostCSV() throws {
    let dosage = try records("dosage_prepost.csv").filter { $0["n_pairs"] != "0" }
    let figures = ["n_pairs", "mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "cohens_dz"].map { ($0, $0) }
    expectAgreement(try metric("prepost_change", by: ["programme", "year", "dosage_band"]), dosage,
                    keys: programmeYear + [("instrument", "instrument_id"), ("construct", "construct"), ("dosage_band", "hours_band")],
                    figures: figures)
}

// The pairs the metric layer forms in Swift (participant enrolments joined by key to the stored
// scores) are the rows of the prepost_pairs view, which SQLite joins its own way: same count and
// same sums of pre and post scores per cohort, construct and FSM group, filtered or not.
@Test func prepostPairsAreTheRowsOfThePrepostPairsView() throws {
    let registry = try MetricRegistry.shipped()
    let sql = """
        SELECT pp.cohort_id, pp.instrument_id, pp.construct,
               CASE f.fsm WHEN 1 THEN 'yes' WHEN 0 THEN 'no' ELSE 'unknown' END AS fsm,
               count(*) AS n, sum(pp.pre_score) AS pre, sum(pp.post_score) AS post
        FROM prepost_pairs AS pp JOIN participant_flags AS f ON f.participant_id = pp.participant_id
        GROUP BY 1, 2, 3, 4
        """
    try syntheticStore().read { db in
        var expected: [String: (n: Int, pre: Double, post: Double)] = [:]
        for row in try Row.fetchAll(db, sql: sql) {
            let key = [row["cohort_id"], row["instrument_id"], row["construct"], row["fsm"]].map { $0 as String }.joined(separator: "/")
            expected[key] = (row["n"], row["pre"], row["post"])
        }
        #expect(expected.count > 20)
        let table = try MetricQuery(metric: "prepost_change", by: ["cohort", "fsm"]).run(questions(db), registry: registry)
        #expect(table.rows.count == expected.count)
        for record in table.records {
            let key = ["cohort", "instrument", "construct", "fsm"].map { record[$0]?.text ?? "" }.joined(separator: "/")
            guard let (n, pre, post) = expected[key], let pairs = record["n_pairs"]?.numericValue,
                  let meanPre = record["mean_pre"]?.numericValue, let meanPost = record["mean_post"]?.numericValue else {
                Issue.record("\(key) is not a group of prepost_pairs")
                continue
            }
            #expect(Int(pairs) == n, "\(key)")
            #expect(abs(meanPre * pairs - pre) < 1e-9 && abs(meanPost * pairs - post) < 1e-9, "\(key)")
        }
        // A construct-level filter and a person-level one, together: the same rows as unfiltered.
        let construct = try #require(table.records.first?["construct"]?.text)
        let filtered = try MetricQuery(metric: "prepost_change", by: ["cohort", "fsm"],
                                       filters: [(dimension: "construct", value: construct), (dimension: "fsm", value: "yes")])
            .run(questions(db), registry: registry)
        #expect(!filtered.rows.isEmpty)
        #expect(filtered.rows == table.rows.filter { row in
            row[table.columns.firstIndex(of: "construct") ?? 0].text == construct && row[table.columns.firstIndex(of: "fsm") ?? 0].text == "yes"
        })
        let none = try MetricQuery(metric: "prepost_change", filters: [(dimension: "instrument", value: "no_such_instrument")])
            .run(questions(db), registry: registry)
        #expect(none.rows.isEmpty)
    }
}

@Test func aRegistryThatDoesNotFitTheLevelsIsRefused() throws {
    let levels = """
        levels:
          person: {description: d, sql: SELECT * FROM participant_flags}
          cohort: {description: d, sql: SELECT * FROM cohorts}
          enrolment: {description: d, sql: SELECT * FROM enrolments}
          construct: {description: d, sql: SELECT * FROM survey_constructs}

        """
    let sources = """
        sources:
          participants: {description: d, levels: [enrolment, person, cohort], hours: programme_year}
          pairs: {description: d, levels: [enrolment, person, cohort, construct], hours: enrolment}

        """
    func registry(_ dimensions: String, _ metrics: String, levels: String = levels, sources: String = sources) throws -> MetricRegistry {
        try MetricRegistry(yaml: levels + sources + "dimensions:\n" + dimensions + "metrics:\n" + metrics, file: "test.yaml")
    }
    let construct = "  - {name: c, description: d, level: construct, sql: construct}\n"
    let valid = "  - {name: m, description: d, source: pairs, kind: paired_change, keys: [c]}\n"
    #expect(throws: Never.self) { _ = try registry(construct, valid) }
    // paired_change over a source without constructs, and a count over one with them.
    #expect(throws: QueryError.self) { _ = try registry(construct, "  - {name: m, description: d, source: participants, kind: paired_change}\n") }
    #expect(throws: QueryError.self) { _ = try registry(construct, "  - {name: m, description: d, source: pairs, kind: count}\n") }
    // A key of a level the source lacks; a share without a level; a level the engine does not know.
    #expect(throws: QueryError.self) {
        _ = try registry(construct, "  - {name: m, description: d, source: participants, kind: count, keys: [c]}\n")
    }
    #expect(throws: QueryError.self) {
        _ = try registry(construct, "  - {name: m, description: d, source: participants, kind: share, value: fsm}\n")
    }
    #expect(throws: QueryError.self) { _ = try registry(construct, valid, levels: levels + "  school: {description: d, sql: SELECT 1}\n") }
    // A dimension with neither a level nor bands, and a source without a person level.
    #expect(throws: QueryError.self) { _ = try registry("  - {name: c, description: d, sql: construct}\n", "") }
    #expect(throws: QueryError.self) {
        _ = try registry("", "", sources: "sources:\n  p: {description: d, levels: [enrolment, cohort], hours: enrolment}\n")
    }
    // The shipped registry: a construct dimension applies to pairs only.
    let shipped = try MetricRegistry.shipped()
    let dimension = try #require(shipped.dimensions.first { $0.name == "construct" })
    #expect(shipped.sources(of: dimension) == ["pairs"])
}

// The engine's rows are the participants of cohort_participants, and the person's hours in the
// programme-year are summed over all their cohorts of it, also when --where keeps only one:
// here against the rule written as SQL (the correlated subquery the registry used to hold).
@Test func participantRowsAndProgrammeYearHoursFollowTheViews() throws {
    let registry = try MetricRegistry.shipped()
    let bands = DosageBands.standard
    let sql = """
        SELECT cp.programme_id, cp.year, cp.cohort_id, cp.participant_id,
               (SELECT CASE WHEN count(*) = count(y.hours) THEN sum(y.hours) END
                FROM cohort_participants AS y
                WHERE y.participant_id = cp.participant_id AND y.programme_id = cp.programme_id AND y.year = cp.year) AS hours
        FROM cohort_participants AS cp
        """
    // The synthetic data have one cohort per person and programme-year: some people of one cohort
    // join a second cohort of its programme-year here (one with hours unknown, one only applied).
    let database = try SyntheticDatabase().database
    try database.writer.write { db in
        let cohorts = try Row.fetchAll(db, sql: """
            SELECT programme_id, year, min(cohort_id) AS first, max(cohort_id) AS second FROM cohorts
            GROUP BY programme_id, year HAVING count(*) > 1 ORDER BY programme_id, year LIMIT 1
            """)
        let pair = try #require(cohorts.first)
        let people = try String.fetchAll(db, sql: "SELECT participant_id FROM cohort_participants WHERE cohort_id = ? ORDER BY participant_id LIMIT 6",
                                         arguments: [pair["first"] as String])
        #expect(people.count == 6)
        for (index, person) in people.enumerated() {
            try db.execute(sql: "INSERT INTO enrolments (participant_id, cohort_id, status, hours) VALUES (?, ?, ?, ?)",
                           arguments: [person, pair["second"] as String, index == 1 ? "applied" : "started", index == 0 ? nil : 2.5 * Double(index)])
        }
        // A region recorded as the text "unknown" groups with the missing ones.
        try db.execute(sql: "UPDATE participants SET region = 'unknown' WHERE participant_key IN (SELECT participant_key FROM participants WHERE region IS NOT NULL LIMIT 3)")
    }
    try ReadOnlyStore(reading: database).read { db in
        var expected: [String: Set<String>] = [:]
        var expectedByCohort: [String: Set<String>] = [:]
        let rows = try Row.fetchAll(db, sql: sql)
        #expect(rows.count > 300)
        for row in rows {
            let band = bands.label(of: bands.band(of: row["hours"] as Double?))
            let person: String = row["participant_id"]
            expected["\(row["programme_id"] as String)/\(row["year"] as Int)/\(band)", default: []].insert(person)
            expectedByCohort["\(row["cohort_id"] as String)/\(band)", default: []].insert(person)
        }
        let table = try MetricQuery(metric: "participants", by: ["programme", "year", "dosage_band"]).run(questions(db), registry: registry)
        #expect(table.rows.count == expected.count)
        for record in table.records {
            let key = ["programme", "year", "dosage_band"].map { record[$0]?.text ?? "" }.joined(separator: "/")
            #expect(record["participants"]?.text == expected[key].map { String($0.count) }, "\(key)")
        }
        // One cohort kept: its people's bands still come from the whole programme-year.
        let multi = Dictionary(grouping: rows, by: { "\($0["participant_id"] as String)/\($0["programme_id"] as String)/\($0["year"] as Int)" })
            .values.first { $0.count > 1 }
        let cohort: String = try #require(multi?.first)["cohort_id"]
        let one = try MetricQuery(metric: "participants", by: ["cohort", "dosage_band"], filters: [(dimension: "cohort", value: cohort)])
            .run(questions(db), registry: registry)
        #expect(!one.rows.isEmpty)
        for record in one.records {
            let key = "\(cohort)/\(record["dosage_band"]?.text ?? "")"
            #expect(record["participants"]?.text == expectedByCohort[key].map { String($0.count) }, "\(key)")
        }
        // --where on bands keeps those bands' rows, as they are unfiltered.
        let kept = try MetricQuery(metric: "participants", by: ["programme", "year", "dosage_band"],
                                   filters: [(dimension: "dosage_band", value: "<3"), (dimension: "dosage_band", value: "unknown")])
            .run(questions(db), registry: registry)
        #expect(!kept.rows.isEmpty)
        #expect(kept.rows == table.rows.filter { ["<3", "unknown"].contains($0[2].text) })
        let regions = try MetricQuery(metric: "participants", by: ["region"]).run(questions(db), registry: registry)
        let unknown = try Int.fetchOne(db, sql: """
            SELECT count(DISTINCT cp.participant_id) FROM cohort_participants AS cp JOIN participants AS p USING (participant_id)
            WHERE p.region IS NULL OR p.region = 'unknown'
            """)
        #expect(regions.records.filter { $0["region"]?.text == "unknown" }.count == 1)
        #expect(regions.records.last?["region"]?.text == "unknown")
        #expect(regions.records.last?["participants"]?.numericValue == unknown.map(Double.init))
        let shown: [Double] = one.records.map { $0["participants"]?.numericValue ?? 0 }
        let inCohort: [Int] = expectedByCohort.filter { $0.key.hasPrefix(cohort + "/") }.map { $0.value.count }
        #expect(Int(shown.reduce(0, +)) == inCohort.reduce(0, +))
    }
}

@Test func filtersKeepTheirSliceAndEqualTheSameRowsUnfiltered() throws {
    let all = try metric("reach_fsm", by: ["programme", "year"])
    let year = try #require(all.records.first?["year"]?.text)
    let filtered = try metric("reach_fsm", by: ["programme", "year"], filters: [(dimension: "year", value: year)])
    #expect(!filtered.rows.isEmpty)
    #expect(filtered.rows == all.rows.filter { $0[1].text == year })
    let two = try metric("participants", by: ["region"], filters: [(dimension: "region", value: "London"), (dimension: "region", value: "Wales")])
    #expect(two.records.map { $0["region"]?.text } == ["London", "Wales"])
}

@Test func groupsComeInTheRegistrysOrderWithUnknownLast() throws {
    let table = try metric("participants", by: ["fsm"])
    #expect(table.records.map { $0["fsm"]?.text } == ["yes", "no", "unknown"])
    let bands = try metric("participants", by: ["dosage_band"])
    #expect(bands.records.map { $0["dosage_band"]?.text } == ["<3", "3-8", ">=8", "unknown"].filter { band in
        bands.records.contains { $0["dosage_band"]?.text == band }
    })
    #expect(bands.rows.count >= 3)
}

@Test(arguments: ["programme; DROP TABLE participants", "year) OR 1=1 --", "nonsense", "participant_id"])
func anUnknownDimensionIsRefusedWithTheValidOnes(name: String) throws {
    let registry = try MetricRegistry.shipped()
    #expect(throws: QueryError.unknownDimension(name, valid: registry.dimensions(for: try registry.metric(named: "participants")).map(\.name))) {
        _ = try metric("participants", by: [name])
    }
    #expect(throws: QueryError.self) { _ = try metric("participants", filters: [(dimension: name, value: "1")]) }
}

@Test func aDimensionOfAnotherSourceIsRefusedByName() throws {
    #expect(throws: QueryError.self) { _ = try metric("participants", by: ["construct"]) }
    do {
        _ = try metric("reach_fsm", by: ["outcome"])
        Issue.record("no error")
    } catch let error as QueryError {
        guard case let .dimensionNotApplicable(name, metricName, valid) = error else { Issue.record("\(error)"); return }
        #expect(name == "outcome" && metricName == "reach_fsm" && !valid.contains("outcome") && valid.contains("region"))
    }
}

@Test func whereValuesAreBoundSoSQLInThemMatchesNothing() throws {
    let hostile = try metric("participants", by: ["fsm"], filters: [(dimension: "fsm", value: "yes' OR '1'='1")])
    #expect(hostile.rows.isEmpty)
    #expect(throws: QueryError.badDimensionValue(dimension: "year", value: "2024 OR 1=1", reason: "year is a whole number")) {
        _ = try metric("participants", filters: [(dimension: "year", value: "2024 OR 1=1")])
    }
    #expect(throws: QueryError.unknownMetric("participants; DROP TABLE x", known: try MetricRegistry.shipped().metrics.map(\.name))) {
        _ = try metric("participants; DROP TABLE x")
    }
}

@Test func theRegistryIsConsistentAndCoversTheIssuesDimensions() throws {
    let registry = try MetricRegistry.shipped()
    let names = Set(registry.dimensions.map(\.name))
    for required in ["programme", "year", "cohort", "region", "delivery_mode", "gender", "ethnicity", "fsm", "first_generation",
                     "low_ses", "imd_quintile", "polar4_quintile", "school_type", "dosage_band"] {
        #expect(names.contains(required), "\(required)")
    }
    // Every metric can be split by every dimension of its source, one at a time.
    for entry in registry.metrics {
        for dimension in registry.dimensions(for: entry) {
            #expect(throws: Never.self) { _ = try metric(entry.name, by: [dimension.name]) }
        }
    }
    #expect(throws: QueryError.self) { _ = try MetricRegistry(yaml: "sources: {}\ndimensions: []\nmetrics:\n  - {name: m, description: d, source: nowhere, kind: count}\n", file: "test.yaml") }
}
