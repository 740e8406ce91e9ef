import Foundation
import GRDB
import ImpactTestSupport
import Testing
@testable import ImpactAnalysis
import ImpactIngest
import ImpactStatistics
import ImpactStore
import ImpactSynthetic

// The hand-made dataset (Fixtures/outcomes/handmade) has one programme P, cohorts P23A and P23B
// (2023) and P24A and P24B (2024), and these people (flags: fsm, first_generation, polar4_q12,
// imd_q12, working_class, care_experienced → low_ses, multiple_disadvantage):
//
//   A  P23A completed 10 h              1 1 1 1 1 0 → 1, 1   he_entry yes, stem_degree yes
//   B  P23A withdrawn 2 h, P24A done 8 h 0 0 0 0 0 0 → 0, 0   he_entry no
//   C  P23A started, hours unknown     all unknown → unknown, 0 (no outcome)
//   D  P23A applied, P23B completed 5 h 1 ? ? 0 ? ? → 1, 0   he_entry yes
//   E  P23A started 4 h, P23B completed 5 h (9 h in 2023)
//                                       0 1 0 1 0 0 → 1, 1   he_entry no
//   F  P23A completed, consent_research = no: left out of everything (he_entry yes)
//   G  P23A applied     cell (0,0,0,0) he_entry yes  ┐
//   H  P23B offered     cell (0,0,0,0) he_entry no   │ comparison group of P 2023
//   J  P23B declined    cell (1,1,1,1) he_entry no   │ (cell: fsm, first_generation,
//   M  P23B applied     cell (0,1,1,0) he_entry yes  ┘  low_ses, imd_q12)
//   K  P24A applied; L  P24B applied (a cohort with no participants)
//
// Benchmarks (he_entry): fsm_england 2021 0.25, 2024 0.3, 2025 0.9; all_england 2023 0.5.

@Suite struct ReachFunnelOutcomesTests {
    // MARK: Reach

    @Test func reachCountsEachPersonOncePerProgrammeYearWithUnknownsAsTheContractDefines() throws {
        let reach = try HandMade.analysis().reach()
        // P 2023: A, B, C, D, E (E is in both cohorts, F has not consented).
        let expected: [(String, Int, Int)] = [
            ("fsm", 4, 2), ("first_generation", 3, 2), ("polar4_q12", 3, 1), ("imd_q12", 4, 2),
            ("working_class", 3, 1), ("care_experienced", 3, 0), ("low_ses", 4, 3), ("multiple_disadvantage", 5, 2),
        ]
        for (indicator, known, yes) in expected {
            let row = try reach.row(["year": "2023", "level": "programme_year", "indicator": indicator])
            #expect(row["participants"] == "5")
            #expect(row["n_known"] == String(known), "\(indicator)")
            #expect(row["n_yes"] == String(yes), "\(indicator)")
            #expect(row["pct_yes"] == shortestText(Double(yes) / Double(known)), "\(indicator)")
            #expect(row["pct_unknown"] == shortestText(Double(5 - known) / 5), "\(indicator)")
            #expect(row["cohort_id"] == "")
        }
        // P23A: A, B, C, E; fsm known for A, B, E, yes for A.
        let cohort = try reach.row(["cohort_id": "P23A", "indicator": "fsm"])
        #expect(cohort["level"] == "cohort")
        #expect([cohort["participants"], cohort["n_known"], cohort["n_yes"], cohort["pct_yes"], cohort["pct_unknown"]]
            == ["4", "3", "1", shortestText(1.0 / 3), "0.25"])
        let second = try reach.row(["cohort_id": "P23B", "indicator": "low_ses"])
        #expect([second["participants"], second["n_known"], second["n_yes"]] == ["2", "2", "2"])
    }

    @Test func reachRowsRunProgrammeYearThenCohortsWithIndicatorsInTheContractsOrder() throws {
        let reach = try HandMade.analysis().reach()
        let units = reach.rows.map { [$0[1].text, $0[2].text, $0[3].text] }
        var seen: [[String]] = []
        for unit in units where seen.last != unit { seen.append(unit) }
        // P24B has applicants only: no participants, so no reach rows.
        #expect(seen == [["2023", "programme_year", ""], ["2023", "cohort", "P23A"], ["2023", "cohort", "P23B"],
                         ["2024", "programme_year", ""], ["2024", "cohort", "P24A"]])
        #expect(reach.rows.prefix(8).map { $0[4].text } == ReachIndicator.allCases.map(\.rawValue))
        #expect(reach.columns == ["programme_id", "year", "level", "cohort_id", "indicator",
                                  "participants", "n_known", "n_yes", "pct_yes", "pct_unknown"])
    }

    // MARK: Funnel

    @Test func funnelCountsEnrolmentsAndLeavesOutThoseWithoutConsent() throws {
        let funnel = try HandMade.analysis().funnel()
        // A programme-year counts every enrolment of its cohorts (the contract's "applied (all
        // enrolments)"), so P 2023 is the sum of P23A and P23B although some people are in both.
        #expect(funnel.csv() == """
            programme_id,year,level,cohort_id,applied,offered,started,completed,completion_rate
            P,2023,programme_year,,11,8,6,3,0.5
            P,2023,cohort,P23A,6,4,4,1,0.25
            P,2023,cohort,P23B,5,4,2,2,1
            P,2024,programme_year,,3,1,1,1,1
            P,2024,cohort,P24A,2,1,1,1,1
            P,2024,cohort,P24B,1,0,0,0,

            """)
    }

    // MARK: Outcomes

    @Test func outcomesTakeTheBenchmarkOfTheSameYearElseTheLatestEarlierOne() throws {
        let outcomes = try HandMade.analysis().outcomes()
        // P 2023 he_entry: A yes, B no, D yes, E no (C unknown, F left out); benchmark 2021's 0.25.
        let year2023 = try outcomes.row(["year": "2023", "level": "programme_year", "outcome": "he_entry"])
        #expect([year2023["n_known"], year2023["n_yes"], year2023["rate"], year2023["benchmark_rate"], year2023["diff_pp"]]
            == ["4", "2", "0.5", "0.25", "25"])
        // Wilson 2/4 at z = 1.959964 and the z-test against 0.25 (z = 0.25/√(0.25·0.75/4)):
        // Python 3.11 formulas in scripts/reference; statsmodels 0.15.0 proportions_ztest(2, 4,
        // value=0.25, prop_var=0.25) gives the same p.
        try expectClose(year2023["ci_low"], 0.15003898774401986)
        try expectClose(year2023["ci_high"], 0.8499610122559802)
        try expectClose(year2023["p_value"], 0.24821307898992362)
        #expect(year2023["p_holm"] == "" && year2023["p_bh"] == "")
        // P 2024 he_entry: B no; the 2024 benchmark itself (0.3), not 2025's.
        let year2024 = try outcomes.row(["year": "2024", "level": "programme_year", "outcome": "he_entry"])
        #expect([year2024["n_known"], year2024["rate"], year2024["ci_low"], year2024["benchmark_rate"], year2024["diff_pp"]]
            == ["1", "0", "0", "0.3", "-30"])
        // No benchmark for stem_degree: empty cells. Cohort P23B has nobody with it recorded.
        let stem = try outcomes.row(["year": "2023", "level": "programme_year", "outcome": "stem_degree"])
        #expect([stem["n_known"], stem["rate"], stem["benchmark_rate"], stem["diff_pp"], stem["p_value"]] == ["1", "1", "", "", ""])
        let empty = try outcomes.row(["cohort_id": "P23B", "outcome": "stem_degree"])
        #expect([empty["n_known"], empty["rate"], empty["ci_low"], empty["ci_high"]] == ["0", "", "", ""])
        // stem_degree is reported only where a participant has it: not in 2024.
        #expect(outcomes.rows(["year": "2024", "outcome": "stem_degree"]).isEmpty)
    }

    @Test func outcomeSubgroupsHaveUnknownGroupsAndAdjustedPValuesOverTheProgrammeYearsFamily() throws {
        let outcomes = try HandMade.analysis().outcomes()
        let fsmYes = try outcomes.row(["year": "2023", "outcome": "he_entry", "group_dim": "fsm", "group_value": "yes"])
        #expect([fsmYes["level"], fsmYes["n_known"], fsmYes["n_yes"], fsmYes["rate"], fsmYes["diff_pp"]] == ["subgroup", "2", "2", "1", "75"])
        // The family is the 12 he_entry subgroup rows of P 2023 with a p-value (unknown groups
        // with nobody known have none). statsmodels 0.15.0 multipletests(p, method="holm" /
        // "fdr_bh") on those 12 p-values:
        try expectClose(fsmYes["p_value"], 0.014305878435429619)
        try expectClose(fsmYes["p_holm"], 0.17167054122515543)
        try expectClose(fsmYes["p_bh"], 0.08583527061257772)
        let lowSES = try outcomes.row(["year": "2023", "outcome": "he_entry", "group_dim": "low_ses", "group_value": "yes"])
        try expectClose(lowSES["p_holm"], 0.832645166635504)
        try expectClose(lowSES["p_bh"], 0.22939369090951056)
        // D's first_generation is unknown: the group `unknown` holds her, with her outcome.
        let unknown = try outcomes.row(["year": "2023", "outcome": "he_entry", "group_dim": "first_generation", "group_value": "unknown"])
        #expect([unknown["n_known"], unknown["n_yes"]] == ["1", "1"])
        // C is the only one with gender unknown, and has no outcome: a row with empty figures.
        let noOutcome = try outcomes.row(["year": "2023", "outcome": "he_entry", "group_dim": "gender", "group_value": "unknown"])
        #expect([noOutcome["n_known"], noOutcome["rate"], noOutcome["p_value"], noOutcome["p_holm"], noOutcome["benchmark_rate"]]
            == ["0", "", "", "", "0.25"])
        // Group values in the contract's order, only groups with participants (P 2023 has no
        // mixed or other ethnicity).
        let ethnicities = outcomes.rows(["year": "2023", "outcome": "he_entry", "group_dim": "ethnicity"]).map { $0["group_value"] ?? "" }
        #expect(ethnicities == ["asian", "black", "white", "unknown"])
    }

    @Test func outcomesCanBeBenchmarkedAgainstAnotherPopulation() throws {
        let outcomes = try HandMade.analysis().outcomes(benchmarkPopulation: "all_england")
        let year2023 = try outcomes.row(["year": "2023", "level": "programme_year", "outcome": "he_entry"])
        let year2024 = try outcomes.row(["year": "2024", "level": "programme_year", "outcome": "he_entry"])
        #expect(year2023["benchmark_rate"] == "0.5" && year2023["diff_pp"] == "0")
        #expect(year2024["benchmark_rate"] == "0.5")
    }

    // MARK: Comparison group

    @Test func comparisonStandardisesToTheParticipantsCellsAndCountsWhatItDrops() throws {
        let comparison = try HandMade.analysis().comparison()
        let row = try comparison.row(["year": "2023", "outcome": "he_entry"])
        // Participants A (1,1,1,1) yes, B (0,0,0,0) no, D (1,?,1,0) yes, E (0,1,1,1) no;
        // comparison G, H (0,0,0,0) yes and no, J (1,1,1,1) no, M (0,1,1,0) yes. D's, E's and
        // M's cells have one side only: 3 cells dropped, 2 used.
        #expect([row["participants_known"], row["comparison_known"], row["participants_matched"], row["comparison_matched"],
                 row["participants_unmatched"], row["comparison_unmatched"], row["cells_used"], row["cells_dropped"]]
            == ["4", "4", "2", "3", "2", "1", "2", "3"])
        // Weights ½, ½: participants (1 + 0)/2; comparison ½·0/1 + ½·1/2 = 0.25; crude 2/4.
        #expect([row["rate_participants"], row["rate_comparison_standardised"], row["rate_comparison_crude"], row["diff_pp"]]
            == ["0.5", "0.25", "0.5", "25"])
        // Var = ¼(0 + 0) + ¼(0 + ¼/2) = 1/32; limits 25 ∓ 100 · 1.959964 · √(1/32).
        let halfWidth = 100 * 1.959964 * (1.0 / 32).squareRoot()
        try expectClose(row["ci_low_pp"], 25 - halfWidth)
        try expectClose(row["ci_high_pp"], 25 + halfWidth)
        // No applicant in 2024 who did not take part: nothing matched, figures empty.
        let alone = try comparison.row(["year": "2024", "outcome": "he_entry"])
        #expect([alone["participants_matched"], alone["cells_dropped"], alone["rate_participants"], alone["diff_pp"]] == ["0", "1", "", ""])
    }

    @Test func stratifiedDifferenceOfOneCellIsTheWaldDifferenceOfTwoRates() throws {
        let stratum = StratifiedRateDifference.Stratum(participants: .init(known: 40, yes: 30), comparison: .init(known: 50, yes: 20))
        let difference = try #require(StratifiedRateDifference(strata: [stratum]))
        let standardError = (0.75 * 0.25 / 40 + 0.4 * 0.6 / 50).squareRoot()
        #expect(abs(difference.difference - 0.35) < 1e-15)
        #expect(abs(difference.standardError - standardError) < 1e-15)
        #expect(abs(difference.confidenceInterval.low - (0.35 - 1.959964 * standardError)) < 1e-15)
        #expect(StratifiedRateDifference(strata: []) == nil)
    }

    // MARK: Dosage

    @Test func dosageSumsAPersonsHoursOverTheProgrammeYearAndKeepsUnknownHoursApart() throws {
        let dosage = try HandMade.analysis().dosageOutcomes()
        let bands = dosage.rows(["year": "2023", "outcome": "he_entry"])
        // B 2 h; D 5 h; A 10 h and E 4 + 5 = 9 h; C unknown.
        #expect(bands.map { $0["hours_band"] ?? "" } == ["<3", "3-8", ">=8", "unknown"])
        #expect(bands.map { [$0["participants"], $0["n_known"], $0["n_yes"], $0["rate"]] }
            == [["1", "1", "0", "0"], ["1", "1", "1", "1"], ["2", "2", "1", "0.5"], ["1", "0", "0", ""]])
        #expect(bands.map { [$0["hours_from"], $0["hours_below"]] } == [["0", "3"], ["3", "8"], ["8", ""], ["", ""]])
        // 8 hours is in the band ≥ 8.
        let year2024 = dosage.rows(["year": "2024", "outcome": "he_entry"])
        #expect(year2024.map { $0["hours_band"] ?? "" } == [">=8"])
    }

    @Test func dosageBandsFollowTheCutPointsGiven() throws {
        let bands = try #require(DosageBands(cutPoints: [5, 9.5]))
        let dosage = try HandMade.analysis().dosageOutcomes(bands: bands)
        let rows = dosage.rows(["year": "2023", "outcome": "he_entry"])
        // B 2 h; D 5 h and E 9 h; A 10 h; C unknown.
        #expect(rows.map { $0["hours_band"] ?? "" } == ["<5", "5-9.5", ">=9.5", "unknown"])
        #expect(rows.map { $0["participants"] ?? "" } == ["1", "2", "1", "1"])
    }

    @Test(arguments: [[], [0, 3], [8, 3], [3, 3], [3, .infinity], [-1, 2], [.nan]] as [[Double]])
    func dosageBandsRefuseCutPointsThatAreNotIncreasingPositiveNumbers(cutPoints: [Double]) {
        #expect(DosageBands(cutPoints: cutPoints) == nil)
    }

    @Test func dosageBandsPlaceHoursOnTheCutPointInTheUpperBand() {
        let bands = DosageBands.standard
        #expect([0, 2.99, 3, 7.99, 8, 80].map { bands.band(of: $0) } == [0, 0, 1, 1, 2, 2])
        #expect(bands.band(of: nil) == nil && bands.label(of: nil) == "unknown")
    }

    // MARK: Scope and empty data

    @Test func aScopeOfOneYearKeepsOnlyThatYearButFindsAnEarlierYearsBenchmark() throws {
        let analysis = Analysis(database: try HandMade.database(), scope: AnalysisScope(programme: "P", year: 2023))
        let tables = try analysis.reachOutcomeTables()
        for table in tables.all {
            #expect(!table.rows.isEmpty, "\(table.name)")
            #expect(table.rows.allSatisfy { $0[1] == .integer(2023) }, "\(table.name)")
        }
        let row = try tables.outcomes.row(["level": "programme_year", "outcome": "he_entry"])
        #expect(row["benchmark_rate"] == "0.25")
        #expect(try Analysis(database: try HandMade.database(), scope: AnalysisScope(programme: "Q")).reach().rows.isEmpty)
    }

    @Test func anEmptyDatabaseGivesTablesWithAHeaderOnly() throws {
        let analysis = Analysis(database: try ImpactDatabase.inMemory())
        for table in [try analysis.reach(), try analysis.funnel(), try analysis.outcomes(), try analysis.comparison(), try analysis.dosageOutcomes()] {
            #expect(table.rows.isEmpty, "\(table.name)")
            #expect(table.csv().split(separator: "\n").count == 1, "\(table.name)")
        }
    }

    @Test func theParticipantsAreThoseOfTheCohortParticipantsView() throws {
        let database = try SyntheticGolden.database.get()
        let reach = try Analysis(database: database).reach().rows(["indicator": "fsm"])
        let (byCohort, byYear) = try database.writer.read { db in
            (try Row.fetchAll(db, sql: "SELECT cohort_id, COUNT(*) FROM cohort_participants GROUP BY cohort_id"),
             try Row.fetchAll(db, sql: """
                SELECT programme_id || ' ' || year, COUNT(DISTINCT participant_id) FROM cohort_participants
                GROUP BY programme_id, year
                """))
        }
        let cohorts = Dictionary(uniqueKeysWithValues: byCohort.map { ($0[0] as String, String($0[1] as Int)) })
        let years = Dictionary(uniqueKeysWithValues: byYear.map { ($0[0] as String, String($0[1] as Int)) })
        #expect(reach.filter { $0["level"] == "cohort" }.count == cohorts.count)
        #expect(reach.filter { $0["level"] == "programme_year" }.count == years.count)
        for row in reach {
            let expected = row["level"] == "cohort" ? cohorts[row["cohort_id"] ?? ""] : years["\(row["programme_id"] ?? "") \(row["year"] ?? "")"]
            #expect(row["participants"] == expected, "\(row)")
        }
    }

    @Test func theOnePassTablesEqualTheTablesComputedOneByOne() throws {
        let analysis = try HandMade.analysis()
        let bands = try #require(DosageBands(cutPoints: [5]))
        let tables = try analysis.reachOutcomeTables(bands: bands, benchmarkPopulation: "all_england")
        #expect(tables.reach == (try analysis.reach()))
        #expect(tables.funnel == (try analysis.funnel()))
        #expect(tables.outcomes == (try analysis.outcomes(benchmarkPopulation: "all_england")))
        #expect(tables.comparison == (try analysis.comparison()))
        #expect(tables.dosageOutcomes == (try analysis.dosageOutcomes(bands: bands)))
        #expect(tables.all.map(\.name) == ["reach.csv", "funnel.csv", "outcomes.csv", "comparison.csv", "dosage_outcomes.csv"])
    }

    // MARK: Golden files

    /// Every cell of every table against the files of the independent reference
    /// `python3 scripts/reference/reach_funnel_outcomes.py DATA OUT` (Python 3.11.7, SciPy 1.17.1),
    /// which reads the CSV files alone: for SyntheticDataset(participants: 400, seed: 11)
    /// (Fixtures/outcomes/synthetic-400-seed-11) and for the hand-made data
    /// (Fixtures/outcomes/handmade/expected). Numbers agree to 1e-9 relative (1e-12 absolute near 0).
    @Test(arguments: ["synthetic-400-seed-11", "handmade/expected"],
          ["reach.csv", "funnel.csv", "outcomes.csv", "comparison.csv", "dosage_outcomes.csv"])
    func tablesMatchTheIndependentPythonReference(dataset: String, file: String) throws {
        let tables = dataset == "handmade/expected"
            ? try HandMade.analysis().reachOutcomeTables().all
            : try SyntheticGolden.tables.get()
        let actual = try #require(tables.first { $0.name == file })
        let folder = URL(fileURLWithPath: try #require(Bundle.module.resourcePath)).appendingPathComponent("Fixtures/outcomes/" + dataset)
        let expected = try CSVText(contentsOf: folder.appendingPathComponent(file))
        let computed = try CSVText(actual.csv())
        #expect(computed.header == expected.header)
        #expect(computed.rows.count == expected.rows.count, "\(dataset)/\(file): row count")
        for (index, (left, right)) in zip(computed.rows, expected.rows).enumerated() {
            for (column, (got, want)) in zip(computed.header, zip(left, right)) where !cellsAgree(got, want) {
                Issue.record("\(dataset)/\(file) row \(index + 2) column \(column): \(got) ≠ reference \(want)")
            }
        }
    }
}

// MARK: - Helpers

/// The hand-made dataset, imported afresh for each test.
private enum HandMade {
    static var folder: String {
        get throws { try #require(Bundle.module.resourcePath) + "/Fixtures/outcomes/handmade" }
    }

    static func database() throws -> ImpactDatabase {
        try importedDatabase(URL(fileURLWithPath: folder))
    }

    static func analysis() throws -> Analysis {
        Analysis(database: try database())
    }
}

/// SyntheticDataset(participants: 400, seed: 11) imported once, and its five tables.
private enum SyntheticGolden {
    static let database: Result<ImpactDatabase, any Error> = Result {
        let synthetic = try SyntheticDatabase.small.get()
        for summary in synthetic.imports { #expect(summary.rejected == 0, "\(summary.path): rows rejected") }
        return synthetic.database
    }

    static let tables: Result<[OutputTable], any Error> = Result {
        try Analysis(database: try database.get()).reachOutcomeTables().all
    }
}

/// A CSV of plain fields (no quoting: the tables compared here have none).
private struct CSVText {
    let header: [String]
    let rows: [[String]]

    init(_ text: String) throws {
        #expect(!text.contains("\""))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        header = try #require(lines.first)
        rows = Array(lines.dropFirst())
    }

    init(contentsOf url: URL) throws {
        try self.init(String(contentsOf: url, encoding: .utf8))
    }
}

/// Text cells equal, or numbers equal to 1e-9 relative (1e-12 absolute, for figures that
/// cancel to about 0 such as a difference of equal rates).
private func cellsAgree(_ got: String, _ want: String) -> Bool {
    if got == want { return true }
    guard let left = Double(got), let right = Double(want) else { return false }
    return abs(left - right) <= max(1e-9 * max(abs(left), abs(right)), 1e-12)
}

private func expectClose(_ text: String?, _ value: Double, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let number = try #require(text.flatMap(Double.init), "not a number: \(text ?? "nil")", sourceLocation: sourceLocation)
    #expect(isClose(number, value, relative: 1e-12, absolute: 1e-12), "\(number) ≠ \(value)", sourceLocation: sourceLocation)
}

extension OutputTable {
    /// The rows whose cells equal `keys` (column name → text), each as column name → text.
    fileprivate func rows(_ keys: [String: String]) -> [[String: String]] {
        rows.map { Dictionary(uniqueKeysWithValues: zip(columns, $0.map(\.text))) }
            .filter { row in keys.allSatisfy { row[$0.key] == $0.value } }
    }

    /// The one row whose cells equal `keys`.
    fileprivate func row(_ keys: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: String] {
        let matches = rows(keys)
        try #require(matches.count == 1, "\(name): \(matches.count) rows for \(keys)", sourceLocation: sourceLocation)
        return matches[0]
    }
}
