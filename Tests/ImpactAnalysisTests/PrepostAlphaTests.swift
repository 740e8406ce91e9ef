import Foundation
import GRDB
import ImpactIngest
import ImpactStatistics
import ImpactStore
import ImpactSynthetic
import ImpactTestSupport
import Testing
@testable import ImpactAnalysis

// MARK: - A hand-made dataset, small enough to check every figure by hand

/// `Fixtures/prepost/handmade/`: programme P (2024) with cohorts C1 and C2, programme Q (2024)
/// with cohort C3. Instrument `inst`: `three` (t1, t2, t3 reversed: a score needs 2 of 3 answers)
/// and `five` (f1…f5, f5 reversed: 3 of 5), all on 1–5, so a reversed 4 counts 2.
///
/// Scores (participant/cohort: pre → post), by hand:
/// - three: A/C1 (2+3+2)/3 = 7/3 → (4+4+4)/3 = 4; B/C1 (3+3)/2 = 3 → (4+5)/2 = 4.5; C/C1 one answer of
///   three, so no pre → 2; F/C1 1 → no post; A/C2 3 → 3; G/C2 2 → 3; H/C3 (5+4+5)/3 → 5.
/// - five: A/C1 4 (4 answers) → 5 (3 answers); B/C1 two answers, no pre → 3; A/C2 3 → 3; G/C2 4 → 4.
/// D (consent no) and E (applied, not a participant) answer too, and must count nowhere.
/// Hours: A/C1 2.5, B/C1 5, C/C1 unknown, F/C1 10, A/C2 8, G/C2 3, H/C3 1.
private enum HandMade {
    static func database() throws -> ImpactDatabase {
        try importedDatabase(fixtures.appendingPathComponent("handmade"))
    }
}

/// `Fixtures/prepost/` in the test bundle.
private var fixtures: URL {
    get throws { try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/prepost") }
}

// MARK: - Reading tables

/// The rows of `table` whose cells in the named columns have these texts.
private func rows(_ table: OutputTable, _ keys: [String: String]) -> [[String: Cell]] {
    table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.columns, $0)) }
        .filter { row in keys.allSatisfy { row[$0.key]?.text == $0.value } }
}

/// The one row with these keys (a failed expectation and an empty row otherwise).
private func row(_ table: OutputTable, _ keys: [String: String], sourceLocation: SourceLocation = #_sourceLocation) -> [String: Cell] {
    let found = rows(table, keys)
    #expect(found.count == 1, "\(found.count) rows for \(keys)", sourceLocation: sourceLocation)
    return found.first ?? [:]
}

private func number(_ cell: Cell?) -> Double? {
    if case let .number(value)? = cell { return value }
    if case let .integer(value)? = cell { return Double(value) }
    return nil
}

/// Scores as (coded sum, items answered).
private func fractions(_ parts: [(Int, Int)]) -> [ScoreFraction] {
    parts.compactMap { ScoreFraction(codedSum: $0.0, answered: $0.1) }
}

/// Expects the figure cells of a prepost.csv row to be those of `pairedChange(pre:post:)` on the
/// scores (as (coded sum, items answered)), figures to 1e-12 relative: the row's pairs may have
/// other denominators for the same scores (3/1 or 9/3), which can move the last bit.
private func expectFigures(_ row: [String: Cell], pre: [(Int, Int)], post: [(Int, Int)], sourceLocation: SourceLocation = #_sourceLocation) {
    let expected = Dictionary(uniqueKeysWithValues: zip(Array(Analysis.prepostColumns[8..<22]),
                                                        Analysis.figureCells(pairedChange(pre: fractions(pre), post: fractions(post)))))
    for (column, cell) in expected {
        let matches: Bool
        if case let .number(wanted?) = cell, case let .number(found?)? = row[column] {
            matches = abs(found - wanted) <= 1e-12 * max(1, abs(wanted))
        } else {
            matches = row[column] == cell
        }
        #expect(matches, "\(column): \(row[column]?.text ?? "missing") instead of \(cell.text)", sourceLocation: sourceLocation)
    }
}

private let prepostKeys = ["programme_id", "year", "level", "cohort_id", "instrument_id", "construct", "group_dim", "group_value"]

// MARK: - Construct scores

@Test func scoresReverseCodeAndNeedHalfTheItemsRoundedUp() throws {
    let database = try HandMade.database()
    let scores = try database.writer.read { db in
        try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
            SELECT participant_id || '/' || cohort_id || '/' || construct || '/' || wave, score FROM construct_scores
            """).map { ($0[0] as String, $0[1] as Double) })
    }
    #expect(scores["A/C1/three/pre"] == 7.0 / 3)       // t3 = 4 reversed is 2: (2 + 3 + 2) / 3
    #expect(scores["B/C1/three/pre"] == 3)             // 2 of 3 items: enough
    #expect(scores["B/C1/three/post"] == 4.5)          // t1 = 4, t3 = 1 reversed is 5
    #expect(scores["C/C1/three/pre"] == nil)           // 1 of 3 items: below ⌈3/2⌉ = 2
    #expect(scores["A/C1/five/post"] == 5)             // 3 of 5 items: exactly ⌈5/2⌉
    #expect(scores["B/C1/five/pre"] == nil)            // 2 of 5 items: too few
    #expect(scores["G/C2/five/pre"] == 4)              // f5 = 2 reversed is 4
    #expect(scores["E/C1/three/pre"] == 1)             // an applicant's answers are scored…
    #expect(scores.keys.allSatisfy { !$0.hasPrefix("D/") })  // …but nobody's without consent
}

@Test func theSwiftPassGivesTheViewsScoresOnTheHandMadeData() throws {
    try expectSwiftScoresEqualTheView(try HandMade.database())
}

@Test func theSwiftPassGivesTheViewsScoresOnTheSyntheticData() throws {
    try expectSwiftScoresEqualTheView(try syntheticDatabase())
}

@Test func theSwiftPassGivesTheViewsScoresWhenAnInstrumentNeedsEveryItem() throws {
    try expectSwiftScoresEqualTheView(try importedDatabase(fixtures.appendingPathComponent("complete-items")))
}

/// Scores every consenting person-cohort with answers in Swift and expects exactly the rows and
/// the Doubles of the `construct_scores` view.
private func expectSwiftScoresEqualTheView(_ database: ImpactDatabase) throws {
    let view = try database.writer.read { db in
        try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
            SELECT participant_id, cohort_id, instrument_id, construct, wave, score FROM construct_scores
            """).map { row -> (String, Double) in
                ([0, 1, 2, 3, 4].map { row[$0] as String }.joined(separator: "/"), row[5])
            })
    }
    // Three parts, so that respondents fall on both sides of a split.
    let swift = try swiftScores(database, parts: 3)
    #expect(!view.isEmpty)
    #expect(Set(swift.keys) == Set(view.keys))
    let different = view.filter { swift[$0.key] != $0.value }
    #expect(different.isEmpty, "\(different.count) scores differ, e.g. \(different.first.map { "\($0.key): view \($0.value), Swift \(swift[$0.key] ?? .nan)" } ?? "")")
}

/// `ConstructScores` of every consenting person-cohort with answers, by
/// "participant/cohort/instrument/construct/wave".
private func swiftScores(_ database: ImpactDatabase, parts: Int) throws -> [String: Double] {
    let (names, catalogue) = try database.writer.read { db in
        (try Row.fetchAll(db, sql: """
            SELECT DISTINCT a.participant_key, a.cohort_key, p.participant_id, c.cohort_id
            FROM answers AS a JOIN participants AS p USING (participant_key) JOIN cohorts AS c USING (cohort_key)
            WHERE p.consent_research = 1
            """), try ConstructCatalogue.read(db))
    }
    let keys = names.map { RespondentKey(participantKey: $0[0], cohortKey: $0[1]) }
    // The passes over the stored scores in `parts` key ranges, read at the same time on a pool.
    let ranges = try database.read { snapshot in try snapshot.scoreKeyRanges(parts: parts) }
    let passes = try concurrently(ranges.count) { part in
        try database.read { snapshot in
            try snapshot.scorePass(keys: ranges[part], catalogue: catalogue, cohorts: nil, reliability: true)
        }
    }
    let scores = ConstructScores(catalogue: catalogue, respondents: keys, passes: passes)
    var result: [String: Double] = [:]
    for (index, name) in names.enumerated() {
        for (construct, entry) in catalogue.constructs.enumerated() {
            for wave in SurveyWave.allCases {
                if let score = scores.score(respondent: index, construct: construct, wave: wave) {
                    result[[name[2] as String, name[3], entry.instrumentID, entry.name, wave.text].joined(separator: "/")] = score.value
                }
            }
        }
    }
    return result
}

@Test func aDatabaseFileIsScoredInParallelRangesWithTheSameResults() throws {
    try withTemporaryFolder { folder in
        // A file is a pool of connections: the pass's ranges are read at the same time.
        let file = try importedDatabase(fixtures.appendingPathComponent("handmade"),
                                    into: ImpactDatabase.open(at: folder.appendingPathComponent("impact.sqlite").path))
        let oneRange = try swiftScores(file, parts: 1)
        for parts in [2, 3, 8] { #expect(try swiftScores(file, parts: parts) == oneRange, "\(parts) ranges") }
        #expect(try Analysis(database: file).surveyTables() == Analysis(database: HandMade.database()).surveyTables())
    }
}

@Test func prepostPairsViewHoldsParticipantsWithBothWaves() throws {
    let database = try HandMade.database()
    let pairs = try database.writer.read { db in
        try Row.fetchAll(db, sql: """
            SELECT participant_id, cohort_id, pre_score, post_score, change FROM prepost_pairs
            WHERE construct = 'three' AND programme_id = 'P' ORDER BY participant_id, cohort_id
            """).map { "\($0[0] as String)/\($0[1] as String) \($0[2] as Double) \($0[3] as Double) \($0[4] as Double)" }
    }
    #expect(pairs == ["A/C1 \(7.0 / 3) 4.0 \(4 - 7.0 / 3)", "A/C2 3.0 3.0 0.0", "B/C1 3.0 4.5 1.5", "G/C2 2.0 3.0 1.0"])
}

// MARK: - prepost.csv

@Test func programmeYearPoolsEveryPersonCohortPair() throws {
    let table = try Analysis(database: HandMade.database()).prepost()
    let three = row(table, ["programme_id": "P", "level": "programme_year", "construct": "three"])
    // Pairs in (participant_id, cohort_id) order: A/C1, A/C2, B/C1, G/C2; C (post only), F (pre
    // only), D (no consent) and E (applied) are not pairs.
    expectFigures(three, pre: [(7, 3), (9, 3), (9, 3), (6, 3)], post: [(12, 3), (9, 3), (9, 2), (9, 3)])
    #expect(three["n_pairs"] == .integer(4))
    #expect(three["mean_post"] == .number(3.625))             // (4 + 3 + 4.5 + 3) / 4
    #expect(three["pct_improved"] == .number(0.75))           // A/C2 did not change
    #expect(three["df"] == .integer(3))
    #expect(three["p_holm"] == .empty && three["p_bh"] == .empty)
    #expect(three["cohort_id"] == .empty && three["group_dim"] == .empty && three["group_value"] == .empty)
}

@Test func aCohortOfTwoPairsHasEveryFigureAndHedgesGOfZero() throws {
    let table = try Analysis(database: HandMade.database()).prepost()
    let cohort = row(table, ["level": "cohort", "cohort_id": "C1", "construct": "three"])
    expectFigures(cohort, pre: [(7, 3), (9, 3)], post: [(12, 3), (9, 2)])
    #expect(cohort["n_pairs"] == .integer(2) && cohort["df"] == .integer(1))
    #expect(cohort["hedges_gav"] == .number(0))               // J = 1 − 3/(4·1 − 1) = 0
    #expect(number(cohort["t"]) != nil && number(cohort["p_value"]) != nil)
}

@Test func onePairHasMeansShareAndWilcoxonOnly() throws {
    let table = try Analysis(database: HandMade.database()).prepost()
    let cohort = row(table, ["level": "cohort", "cohort_id": "C1", "construct": "five"])  // A/C1 4 → 5; B has no pre
    #expect(cohort["n_pairs"] == .integer(1))
    #expect(cohort["mean_pre"] == .number(4) && cohort["mean_post"] == .number(5) && cohort["mean_change"] == .number(1))
    #expect(cohort["pct_improved"] == .number(1))
    // scipy.stats.wilcoxon([1.0], zero_method='wilcox', correction=False, method='approx').pvalue (SciPy 1.17.1)
    #expect(number(cohort["wilcoxon_p"]).map { abs($0 - 0.31731050786291415) < 1e-12 } == true)
    for column in ["sd_change", "ci_low", "ci_high", "t", "df", "p_value", "cohens_dz", "hedges_gav"] {
        #expect(cohort[column]?.text == "", "\(column) should be empty")
    }
}

@Test func allZeroChangesHaveAZeroWidthIntervalAndNoTests() throws {
    let table = try Analysis(database: HandMade.database()).prepost()
    let cohort = row(table, ["level": "cohort", "cohort_id": "C2", "construct": "five"])  // A 3 → 3, G 4 → 4
    #expect(cohort["n_pairs"] == .integer(2))
    #expect(cohort["mean_change"] == .number(0) && cohort["sd_change"] == .number(0))
    #expect(cohort["ci_low"] == .number(0) && cohort["ci_high"] == .number(0) && cohort["df"] == .integer(1))
    #expect(cohort["pct_improved"] == .number(0))
    #expect(cohort["hedges_gav"] == .number(0))               // the scores vary, J = 0
    for column in ["t", "p_value", "cohens_dz", "wilcoxon_p"] {
        #expect(cohort[column]?.text == "", "\(column) should be empty")
    }
}

@Test func aGroupWithScoresButNoPairsHasARowOfEmptyFigures() throws {
    let table = try Analysis(database: HandMade.database()).prepost()
    // C has a post score for `three` but no pre: fsm unknown, with no pair.
    let unknown = row(table, ["level": "subgroup", "construct": "three", "group_dim": "fsm", "group_value": "unknown"])
    #expect(unknown["n_pairs"] == .integer(0))
    for column in Analysis.prepostColumns[9...] {
        #expect(unknown[column]?.text == "", "\(column) should be empty")
    }
    // B's only `five` score is post: fsm no has a row with n_pairs 0.
    #expect(row(table, ["level": "subgroup", "construct": "five", "group_dim": "fsm", "group_value": "no"])["n_pairs"] == .integer(0))
}

@Test func subgroupsSplitTheProgrammeYearByEachDimension() throws {
    let table = try Analysis(database: HandMade.database()).prepost()
    let subgroups = rows(table, ["programme_id": "P", "level": "subgroup", "construct": "three"])
    let groups = subgroups.map { "\($0["group_dim"]?.text ?? "")=\($0["group_value"]?.text ?? ""):\($0["n_pairs"]?.text ?? "")" }
    // Members A/C1, A/C2, B/C1, C/C1, F/C1, G/C2; pairs A/C1, A/C2, B/C1, G/C2.
    #expect(groups == [
        "fsm=yes:3", "fsm=no:1", "fsm=unknown:0",
        "first_generation=yes:2", "first_generation=no:1", "first_generation=unknown:1",
        "gender=female:2", "gender=male:1", "gender=prefer_not_to_say:1", "gender=unknown:0",
        "ethnicity=asian:2", "ethnicity=white:1", "ethnicity=other:1", "ethnicity=unknown:0",
        "low_ses=yes:3", "low_ses=no:1", "low_ses=unknown:0",
    ])
    expectFigures(row(table, ["level": "subgroup", "construct": "three", "group_dim": "fsm", "group_value": "yes"]),
                  pre: [(7, 3), (9, 3), (6, 3)], post: [(12, 3), (9, 3), (9, 3)])
}

@Test func holmAndBHAdjustEachProgrammeYearConstructFamilyOfSubgroupRows() throws {
    let table = try Analysis(database: HandMade.database()).prepost()
    for construct in ["three", "five"] {
        let family = rows(table, ["programme_id": "P", "level": "subgroup", "construct": construct])
        let pValues = family.map { number($0["p_value"]) }
        #expect(pValues.contains { $0 != nil })
        #expect(family.map { number($0["p_holm"]) } == holmAdjusted(pValues))
        #expect(family.map { number($0["p_bh"]) } == benjaminiHochbergAdjusted(pValues))
    }
    for level in ["programme_year", "cohort"] {
        #expect(rows(table, ["level": level]).allSatisfy { $0["p_holm"] == .empty && $0["p_bh"] == .empty })
    }
}

@Test func rowsComeInTheContractsOrder() throws {
    let table = try Analysis(database: HandMade.database()).prepost()
    let keys = table.rows.prefix(6).map { Array($0[2..<6].map(\.text)) }
    #expect(keys == [
        ["programme_year", "", "inst", "five"], ["programme_year", "", "inst", "three"],
        ["cohort", "C1", "inst", "five"], ["cohort", "C1", "inst", "three"],
        ["cohort", "C2", "inst", "five"], ["cohort", "C2", "inst", "three"],
    ])
    #expect(table.rows.last.map { [$0[0].text, $0[2].text] } == ["Q", "subgroup"])
    #expect(table.columns == prepostKeys + Array(Analysis.prepostColumns[8...]))
}

@Test func aScopeKeepsOnlyItsProgrammeYears() throws {
    let database = try HandMade.database()
    let all = try Analysis(database: database).prepost()
    let scoped = try Analysis(database: database, scope: AnalysisScope(programme: "P")).prepost()
    #expect(rows(all, ["programme_id": "Q"]).count > 0)
    #expect(scoped.rows == all.rows.filter { $0[0] == .text("P") })
}

// MARK: - alpha.csv

@Test func alphaUsesCompleteReverseCodedAnswersOfConsentingParticipantsInScope() throws {
    let database = try HandMade.database()
    let scoped = try Analysis(database: database, scope: AnalysisScope(programme: "P")).alpha()
    // three, pre: complete coded answers A/C1 (2, 3, 2), F/C1 (1, 1, 1), A/C2 (3, 3, 3), G/C2 (2, 2, 2);
    // B and C answered too few, D (no consent) and E (applied) do not count, H is in programme Q.
    // Item variances 2/3, 11/12, 2/3 (sum 9/4); totals 7, 3, 9, 6 with variance 25/4:
    // alpha = 3/2 · (1 − (9/4)/(25/4)) = 0.96.
    let pre = row(scoped, ["construct": "three", "wave": "pre"])
    #expect(pre["n"] == .integer(4) && pre["k_items"] == .integer(3))
    #expect(number(pre["alpha"]).map { abs($0 - 0.96) < 1e-12 } == true)
    // With programme Q, H/C3 (5, 4, 5) joins: numpy gives 0.9700598802395209.
    let all = try Analysis(database: database).alpha()
    let withQ = row(all, ["construct": "three", "wave": "pre"])
    #expect(withQ["n"] == .integer(5))
    #expect(number(withQ["alpha"]).map { abs($0 - 0.9700598802395209) < 1e-12 } == true)
}

@Test func alphaHasARowForEveryWaveAnsweredAndIsEmptyWithoutTwoCompleteRespondents() throws {
    let table = try Analysis(database: HandMade.database(), scope: AnalysisScope(programme: "P")).alpha()
    #expect(table.rows.map { $0[1].text + "/" + $0[2].text } == [
        "five/pre", "five/post", "five/follow_up", "three/pre", "three/post", "three/follow_up",
    ])
    // five, follow_up: B answered one item, so nobody is complete.
    let followUp = row(table, ["construct": "five", "wave": "follow_up"])
    #expect(followUp["n"] == .integer(0) && followUp["k_items"] == .integer(5) && followUp["alpha"]?.text == "")
    // three, follow_up: A/C2 (2, 3, 2) and G/C2 (4, 4, 4); numpy gives 0.96.
    let three = row(table, ["construct": "three", "wave": "follow_up"])
    #expect(three["n"] == .integer(2))
    #expect(number(three["alpha"]).map { abs($0 - 0.96) < 1e-12 } == true)
}

// MARK: - alpha_items.csv

/// `Fixtures/prepost/reliability/`: programme R (2024), cohorts K1 and K2, instrument `rel`:
/// `scale` (s1, s2, s3 reversed, s4), `pair` (p1, p2) and `clash` (c1, c2, c3, which disagree).
/// P01–P08 take part in K1 and P03 in K2 too; P09 applied only and P10 declined research use.
private func reliabilityDatabase() throws -> ImpactDatabase {
    try importedDatabase(fixtures.appendingPathComponent("reliability"))
}

@Test func alphaItemsDescribeEachItemOfTheSameCompleteRespondents() throws {
    let analysis = Analysis(database: try reliabilityDatabase())
    let alpha = try analysis.alpha()
    let items = try analysis.alphaItems()
    #expect(items.columns == ["instrument_id", "construct", "wave", "item_id", "reverse_coded", "n", "k_items",
                              "item_mean", "item_sd", "r_drop", "alpha_if_deleted"])
    // scale, pre: coded answers (s1, s2, s3, s4) of P01 (3, 3, 3, 3), P02 (4, 2, 3, 3), P03/K1
    // (1, 3, 2, 3), P03/K2 (2, 1, 2, 3), P04 (1, 2, 2, 3), P05 (1, 2, 3, 3), P06 (3, 3, 2, 3) and
    // P07 (3, 5, 4, 3); P08 left out s4, P09 and P10 do not count. Everyone answered s4 with 3.
    let scale: [[Double]] = [[3, 4, 1, 2, 1, 1, 3, 3], [3, 2, 3, 1, 2, 2, 3, 5], [3, 3, 2, 2, 2, 3, 2, 4], [3, 3, 3, 3, 3, 3, 3, 3]]
    let reliability = try #require(ScaleReliability(items: scale))
    let total = row(alpha, ["construct": "scale", "wave": "pre"])
    #expect(total["n"] == .integer(8) && number(total["alpha"]) == reliability.alpha)
    #expect(number(total["alpha_ci_low"]) == reliability.confidenceInterval?.low && number(total["alpha_ci_high"]) == reliability.confidenceInterval?.high)
    let pre = rows(items, ["construct": "scale", "wave": "pre"])
    #expect(pre.map { $0["item_id"]?.text ?? "" } == ["s1", "s2", "s3", "s4"])
    #expect(pre.map { $0["reverse_coded"]?.text ?? "" } == ["no", "no", "yes", "no"])
    #expect(pre.allSatisfy { $0["n"] == .integer(8) && $0["k_items"] == .integer(4) })
    for (item, figures) in zip(pre, reliability.items) {
        #expect(number(item["item_mean"]) == figures.mean && number(item["item_sd"]) == figures.standardDeviation)
        #expect(number(item["r_drop"]) == figures.correctedItemTotalCorrelation && number(item["alpha_if_deleted"]) == figures.alphaIfDeleted)
    }
    // The constant item: SD 0, no correlation; without it, alpha of s1–s3.
    #expect(pre.count == 4 && pre[3]["item_sd"] == .number(0) && pre[3]["r_drop"]?.text == "")
    #expect(number(pre.last?["alpha_if_deleted"]) == cronbachAlpha(items: Array(scale.prefix(3))))
    // pair: two items, so no alpha without one of them.
    #expect(rows(items, ["construct": "pair"]).map { $0["alpha_if_deleted"]?.text ?? "?" } == ["", ""])
    // scale, follow_up: one complete respondent, so means and nothing else.
    let followUp = rows(items, ["construct": "scale", "wave": "follow_up"])
    #expect(followUp.map { $0["item_mean"]?.text ?? "" } == ["2", "3", "3", "3"])
    #expect(followUp.allSatisfy { item in ["item_sd", "r_drop", "alpha_if_deleted"].allSatisfy { item[$0]?.text == "" } })
    // clash, post: one answer, nobody complete; a row per item all the same.
    #expect(rows(items, ["construct": "clash", "wave": "post"]).map { $0["n"]?.text ?? "" } == ["0", "0", "0"])
}

@Test func alphaTablesMatchTheIndependentReferenceOnTheReliabilityData() throws {
    // Only the alpha tables: this dataset's prepost.csv has no golden file.
    let tables = try Analysis(database: reliabilityDatabase()).surveyTables()
    let expected = try fixtures.appendingPathComponent("reliability/expected")
    for table in [tables.alpha, tables.alphaItems] {
        expectSameCells(table, try String(contentsOf: expected.appendingPathComponent(table.name), encoding: .utf8))
    }
}

// MARK: - dosage_prepost.csv

@Test func dosageBandsUseTheEnrolmentsHoursWithUnknownLast() throws {
    let table = try Analysis(database: HandMade.database(), scope: AnalysisScope(programme: "P")).dosagePrepost()
    let three = rows(table, ["construct": "three"])
    // A/C1 2.5 h; B/C1 5 h and G/C2 3 h; F/C1 10 h (pre only) and A/C2 8 h; C/C1 unknown (post only).
    #expect(three.map { "\($0["hours_band"]?.text ?? "")=\($0["n_pairs"]?.text ?? "")" } == ["<3=1", "3-8=2", ">=8=1", "unknown=0"])
    let middle = three[1]
    let change = pairedChange(pre: fractions([(9, 3), (6, 3)]), post: fractions([(9, 2), (9, 3)]))
    func near(_ found: Double?, _ wanted: Double?) -> Bool { isClose(found, wanted, relative: 1e-12, absolute: 1e-12) }
    #expect(near(number(middle["mean_change"]), change.meanChange) && near(number(middle["ci_low"]), change.ciLow))
    #expect(near(number(middle["cohens_dz"]), change.cohensDz) && number(middle["hours_from"]) == 3 && number(middle["hours_below"]) == 8)
    let custom = try Analysis(database: HandMade.database(), scope: AnalysisScope(programme: "P"))
        .dosagePrepost(bands: try #require(DosageBands(cutPoints: [5])))
    #expect(rows(custom, ["construct": "three"]).map { $0["hours_band"]?.text ?? "" } == ["<5", ">=5", "unknown"])
}

@Test func surveyTablesEqualTheTablesComputedOneByOne() throws {
    let analysis = Analysis(database: try HandMade.database())
    let together = try analysis.surveyTables()
    #expect(together.prepost == (try analysis.prepost()))
    #expect(together.alpha == (try analysis.alpha()))
    #expect(together.alphaItems == (try analysis.alphaItems()))
    #expect(together.dosagePrepost == (try analysis.dosagePrepost()))
}

// MARK: - Golden files from the independent reference

/// SyntheticDataset(participants: 400, seed: 11), imported (the shared copy: these tests only read it).
private func syntheticDatabase() throws -> ImpactDatabase {
    let synthetic = try SyntheticDatabase.small.get()
    // The fixtures were made from these files; other counts mean the generator changed.
    #expect(synthetic.rowsWritten["responses.csv"] == 9753 && synthetic.rowsWritten["enrolments.csv"] == 531,
            "the synthetic data changed: remake the fixtures (Fixtures/prepost/README.md)")
    for summary in synthetic.imports {
        #expect(summary.rejected == 0, "\(summary.path): \(summary.rejected) rows rejected")
    }
    return synthetic.database
}

/// `complete-items/`: an instrument scored on all items beside one scored on half (README.md).
@Test(arguments: ["synthetic-400-11", "handmade", "complete-items"])
func tablesMatchTheIndependentReferenceCellByCell(dataset: String) throws {
    let isSynthetic = dataset.hasPrefix("synthetic")
    let database = isSynthetic ? try syntheticDatabase() : try importedDatabase(fixtures.appendingPathComponent(dataset))
    let expected = isSynthetic ? try fixtures.appendingPathComponent(dataset)
        : try fixtures.appendingPathComponent(dataset + "/expected")
    let tables = try Analysis(database: database).surveyTables()
    for table in [tables.prepost, tables.alpha, tables.alphaItems, tables.dosagePrepost, tables.sustained] {
        expectSameCells(table, try String(contentsOf: expected.appendingPathComponent(table.name), encoding: .utf8))
    }
}

/// Feldt's limits come from an iterative F quantile on both sides (Swift's and SciPy's).
private let iterativeColumns: Set<String> = ["alpha_ci_low", "alpha_ci_high"]

/// Keys and counts equal as text; figures equal to 1e-9 relative (1e-6 for `iterativeColumns`;
/// 1e-12 absolute); empty as empty.
private func expectSameCells(_ table: OutputTable, _ expectedCSV: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let expected = expectedCSV.split(separator: "\n", omittingEmptySubsequences: true)
        .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let actual = [table.columns] + table.rows.map { $0.map(\.text) }
    #expect(actual.first == expected.first, "\(table.name): header", sourceLocation: sourceLocation)
    #expect(actual.count == expected.count, "\(table.name): \(actual.count - 1) rows, reference \(expected.count - 1)", sourceLocation: sourceLocation)
    var mismatches: [String] = []
    for (line, (mine, theirs)) in zip(actual, expected).enumerated().dropFirst() {
        for (column, (a, b)) in zip(table.columns, zip(mine, theirs)) where a != b {
            let relative = iterativeColumns.contains(column) ? 1e-6 : 1e-9
            if let x = Double(a), let y = Double(b), isClose(x, y, relative: relative, absolute: 1e-12) { continue }
            mismatches.append("line \(line + 1) \(column): \(a.isEmpty ? "empty" : a) vs reference \(b.isEmpty ? "empty" : b)")
        }
    }
    #expect(mismatches.isEmpty, "\(table.name): \(mismatches.count) cells differ: \(mismatches.prefix(5).joined(separator: "; "))",
            sourceLocation: sourceLocation)
}

// MARK: - sustained.csv

@Test func sustainedChangePairsEachWaveWithTheFollowUpWhereOneWasRun() throws {
    let table = try Analysis(database: HandMade.database()).sustained()
    #expect(table.columns == Analysis.sustainedColumns && table.columns[8] == "waves")
    // Q 2024 never ran a follow-up survey: no rows, rather than rows of n_pairs = 0.
    #expect(rows(table, ["programme_id": "Q"]).isEmpty)
    // three, pre → follow_up: A/C2 (pre 3, follow-up (2 + 3 + 2)/3) and G/C2 (pre 2, follow-up 4).
    let fromPre = row(table, ["programme_id": "P", "level": "programme_year", "construct": "three", "waves": "pre_follow_up"])
    #expect(fromPre["n_pairs"] == .integer(2))
    #expect(fromPre["mean_from"] == .number(2.5))
    #expect(number(fromPre["mean_to"]).map { abs($0 - 19.0 / 6) < 1e-15 } == true)
    #expect(number(fromPre["mean_change"]).map { abs($0 - 2.0 / 3) < 1e-15 } == true)
    let waves = Set(table.rows.compactMap { $0[8].text.isEmpty ? nil : $0[8].text })
    #expect(waves == ["pre_follow_up", "post_follow_up"])
}
