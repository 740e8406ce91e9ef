import ImpactAnalysis
import Testing
@testable import ImpactReport

// MARK: Tables made by hand

let outcomeColumns = ["programme_id", "year", "level", "cohort_id", "outcome", "group_dim", "group_value",
                      "n_known", "n_yes", "rate", "ci_low", "ci_high", "benchmark_rate", "diff_pp", "p_value", "p_holm", "p_bh"]

/// An outcomes.csv row with exact figures derived from the counts.
func outcomeRow(level: String = "subgroup", cohort: String = "", dimension: String = "", group: String = "",
                known: Int, yes: Int, year: Int = 2025) -> [Cell] {
    let rate = known > 0 ? Double(yes) / Double(known) : nil
    return [.text("P"), .integer(year), .text(level), cohort.isEmpty ? .empty : .text(cohort), .text("he_entry"),
            dimension.isEmpty ? .empty : .text(dimension), group.isEmpty ? .empty : .text(group),
            .integer(known), .integer(yes), .number(rate), .number(rate.map { $0 - 0.05 }), .number(rate.map { $0 + 0.05 }),
            .number(0.29), .number(rate.map { ($0 - 0.29) * 100 }), .number(0.0123), .number(0.04), .number(0.03)]
}

let prepostColumns = ["programme_id", "year", "level", "cohort_id", "instrument_id", "construct", "group_dim", "group_value",
                      "n_pairs", "mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "t", "df",
                      "p_value", "cohens_dz", "hedges_gav", "wilcoxon_p", "pct_improved", "p_holm", "p_bh"]

func prepostRow(level: String = "subgroup", dimension: String = "", group: String = "", pairs: Int, change: Double) -> [Cell] {
    [.text("P"), .integer(2025), .text(level), .empty, .text("core"), .text("belonging"),
     dimension.isEmpty ? .empty : .text(dimension), group.isEmpty ? .empty : .text(group),
     .integer(pairs), .number(3.1), .number(3.1 + change), .number(change), .number(0.8), .number(change - 0.2), .number(change + 0.2),
     .number(4.2), .integer(max(pairs - 1, 0)), .number(0.0004), .number(change / 0.8), .number(change / 0.9), .number(0.002),
     .number(0.61), .number(0.01), .number(0.01)]
}

/// The cells of a public table by column name.
func column(_ table: OutputTable, _ name: String) -> [String] {
    guard let index = table.columns.firstIndex(of: name) else { return [] }
    return table.rows.map { $0[index].text }
}

// MARK: The primary rules

@Test func publicPrepostLeavesOutTAndDfAndRoundsWhatItShows() throws {
    let exact = OutputTable(.prepost, named: prepostColumns, rows: [
        prepostRow(level: "programme_year", pairs: 123, change: 0.4567),
    ])
    let table = try #require(PublicTables([exact]).tables.first)
    #expect(!table.columns.contains("t"))
    #expect(!table.columns.contains("df"))
    #expect(column(table, "n_pairs") == ["125"])
    #expect(column(table, "mean_change") == ["0.46"])
    #expect(column(table, "p_value") == ["<0.001"])
    #expect(column(table, "p_holm") == ["0.01"])
    #expect(column(table, "pct_improved") == ["0.61"])
}

@Test(arguments: [(7, false), (8, true)])
func meansAndEffectSizesNeedMoreThanSevenPairs(pairs: Int, shown: Bool) throws {
    let exact = OutputTable(.prepost, named: prepostColumns, rows: [prepostRow(level: "programme_year", pairs: pairs, change: 0.5)])
    let table = try #require(PublicTables([exact]).tables.first)
    for name in ["mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "cohens_dz", "hedges_gav", "p_value", "wilcoxon_p"] {
        #expect((column(table, name).first != Cell.suppressedMark) == shown, "\(name) at \(pairs) pairs")
    }
    // pct_improved is a percentage: it needs 23 pairs whatever the mean does.
    #expect(column(table, "pct_improved") == [Cell.suppressedMark])
}

@Test(arguments: [(7, false), (8, true)])
func alphaItsIntervalAndItsItemsNeedMoreThanSevenPeople(people: Int, shown: Bool) throws {
    let alpha = OutputTable(.alpha, named: ["instrument_id", "construct", "wave", "n", "k_items", "alpha", "alpha_ci_low", "alpha_ci_high"],
                            rows: [[.text("core"), .text("belonging"), .text("pre"), .integer(people), .integer(2), .number(0.8123), .number(0.5321), .number(0.9147)]])
    let items = OutputTable(.alphaItems, named: ["instrument_id", "construct", "wave", "item_id", "reverse_coded", "n", "k_items",
                                                               "item_mean", "item_sd", "r_drop", "alpha_if_deleted"],
                            rows: [[.text("core"), .text("belonging"), .text("pre"), .text("b1"), .text("yes"), .integer(people), .integer(2),
                                    .number(3.456), .number(1.04), .number(0.6789), .number(nil)]])
    let tables = PublicTables([alpha, items]).tables
    let expected = shown ? ["0.81", "0.53", "0.91"] : [String](repeating: Cell.suppressedMark, count: 3)
    #expect(["alpha", "alpha_ci_low", "alpha_ci_high"].map { column(tables[0], $0).first ?? "" } == expected)
    let rounded = shown ? "10" : "5"
    #expect(column(tables[0], "n") == [rounded] && column(tables[1], "n") == [rounded] && column(tables[1], "k_items") == ["2"])
    #expect(column(tables[1], "item_id") == ["b1"] && column(tables[1], "reverse_coded") == ["yes"])
    // An undefined figure that the rule would show stays empty; one it hides is `..`.
    let figures = ["item_mean", "item_sd", "r_drop", "alpha_if_deleted"].map { column(tables[1], $0).first ?? "?" }
    #expect(figures == (shown ? ["3.46", "1.04", "0.68", ""] : [String](repeating: Cell.suppressedMark, count: 4)))
}

@Test(arguments: [(22, false), (23, true)])
func ratesNeedADenominatorOfTwentyThree(known: Int, shown: Bool) throws {
    let exact = OutputTable(.outcomes, named: outcomeColumns, rows: [outcomeRow(level: "programme_year", known: known, yes: 9)])
    let table = try #require(PublicTables([exact]).tables.first)
    for name in ["rate", "ci_low", "ci_high", "diff_pp", "p_value", "p_holm", "p_bh"] {
        #expect((column(table, name).first != Cell.suppressedMark) == shown, "\(name) over \(known)")
    }
    #expect(column(table, "n_known") == [known == 22 ? "20" : "25"])
    #expect(column(table, "n_yes") == ["10"])
    #expect(column(table, "benchmark_rate") == ["0.29"], "a national rate is public already")
}

@Test func reachSuppressesEachShareOnItsOwnDenominator() throws {
    let exact = OutputTable(.reach, named: ["programme_id", "year", "level", "cohort_id", "indicator", "participants", "n_known", "n_yes", "pct_yes", "pct_unknown"], rows: [
        [.text("P"), .integer(2025), .text("programme_year"), .empty, .text("fsm"), .integer(40), .integer(12), .integer(5), .number(5.0 / 12), .number(28.0 / 40)],
    ])
    let table = try #require(PublicTables([exact]).tables.first)
    #expect(column(table, "pct_yes") == [Cell.suppressedMark], "12 known: below 22.5")
    #expect(column(table, "pct_unknown") == ["0.7"], "over all 40 participants")
    #expect(column(table, "participants") == ["40"])
    #expect(column(table, "n_known") == ["10"])
}

@Test(arguments: TableKind.allCases)
func everyFigureRestsOnACountTheTableDeclares(kind: TableKind) {
    let declaration = kind.declaration
    let counts = Set(declaration.columns.filter { $0.publication == .count }.map(\.name))
    #expect(Set(declaration.columnNames).count == declaration.columns.count, "\(kind.fileName): a column declared twice")
    for suppression in declaration.suppressionClasses {
        #expect(suppression.base.columns.allSatisfy(counts.contains), "\(kind.fileName): base \(suppression.base) is not a count column")
    }
    for link in declaration.linked {
        #expect(declaration.suppressionClasses.contains(link.source) && declaration.suppressionClasses.contains(link.target), "\(kind.fileName)")
    }
    if let presence = declaration.presence { #expect(counts.contains(presence)) }
    switch declaration.partition {
    case .none: break
    case .levels:
        #expect(declaration.columns.filter { $0.partition == .level }.count == 1, "\(kind.fileName): one level column")
    case let .partsOf(total):
        // The same unit keys in both tables, and a class of the same base and rule in the total.
        let keys = { (table: TableKind) in table.declaration.columns.filter { $0.partition == .unit }.map(\.name) }
        #expect(keys(kind) == keys(total), "\(kind.fileName) against \(total.fileName)")
        #expect(declaration.suppressionClasses.contains { total.declaration.suppressionClasses.contains($0) })
    case let .matchedPartOf(total, totalClass, part, unlisted):
        #expect(total.declaration.suppressionClasses.contains(totalClass) && declaration.suppressionClasses.contains(part))
        #expect(counts.contains(unlisted))
    }
}

// MARK: Secondary suppression

/// What a reader can work out from a public outcomes table: for each dimension (and the
/// cohorts) of the programme-year whose total rate is shown, when exactly one group's rate is
/// `..`, that group's yes and known counts are the total's minus the other groups' (their rates
/// times their counts). Returns the recovered rates by group.
func recoverByDifferencing(_ table: OutputTable) -> [String: Double] {
    let rows = Array(TableRows(table))
    guard let total = rows.first(where: { $0["level"] == "programme_year" }),
          let totalRate = Double(total["rate"]), let totalKnown = Double(total["n_known"]) else { return [:] }
    var recovered: [String: Double] = [:]
    let groups = Dictionary(grouping: rows.filter { $0["level"] != "programme_year" }) { $0["level"] == "cohort" ? "cohort" : $0["group_dim"] }
    for (dimension, members) in groups {
        let hidden = members.filter { $0["rate"] == Cell.suppressedMark }
        guard hidden.count == 1, let lone = hidden.first else { continue }
        var yes = totalRate * totalKnown
        var known = totalKnown
        for member in members where member["rate"] != Cell.suppressedMark {
            guard let rate = Double(member["rate"]), let count = Double(member["n_known"]) else { continue }
            yes -= rate * count
            known -= count
        }
        recovered["\(dimension) = \(lone["group_value"])\(lone["cohort_id"])"] = known > 0 ? yes / known : .nan
    }
    return recovered
}

/// A programme-year of 150 with fsm split 100 / 40 / 10 (unknown) and two cohorts.
func outcomesWithASmallGroup() -> OutputTable {
    OutputTable(.outcomes, named: outcomeColumns, rows: [
        outcomeRow(level: "programme_year", known: 150, yes: 60),
        outcomeRow(level: "cohort", cohort: "C1", known: 120, yes: 50),
        outcomeRow(level: "cohort", cohort: "C2", known: 30, yes: 10),
        outcomeRow(dimension: "fsm", group: "yes", known: 100, yes: 35),
        outcomeRow(dimension: "fsm", group: "no", known: 40, yes: 15),
        outcomeRow(dimension: "fsm", group: "unknown", known: 10, yes: 10),
    ])
}

@Test func withoutSecondarySuppressionTheSmallGroupCouldBeRecovered() throws {
    // The primary rule alone hides the 10 unknowns' rate (100%) …
    var state = SuppressionState([outcomesWithASmallGroup()])
    let primaryOnly = try #require(state.render().first)
    #expect(column(primaryOnly, "rate") == ["0.4", "0.42", "0.33", "0.35", "0.38", ".."])
    // … but the total and the two other groups give it back (within the rounding of counts).
    let recovered = try #require(recoverByDifferencing(primaryOnly)["fsm = unknown"])
    #expect(abs(recovered - 1.0) < 0.25, "the differencing attack works on primary suppression alone: \(recovered)")
    // Secondary suppression takes the next-smallest group with it.
    state.suppressComplements()
    let published = try #require(state.render().first)
    #expect(column(published, "rate") == ["0.4", "0.42", "0.33", "0.35", "..", ".."])
    #expect(recoverByDifferencing(published).isEmpty)
    #expect(state.secondaryCount == 7, "rate, ci_low, ci_high, diff_pp and three p-values of fsm = no")
}

@Test func aLoneSuppressedGroupWithoutSiblingsTakesTheTotalWithIt() throws {
    // Cohorts of 30 and 15: the 15 are hidden, and the only sibling is suppressed with them.
    let exact = OutputTable(.outcomes, named: outcomeColumns, rows: [
        outcomeRow(level: "programme_year", known: 45, yes: 20),
        outcomeRow(level: "cohort", cohort: "C1", known: 30, yes: 15),
        outcomeRow(level: "cohort", cohort: "C2", known: 15, yes: 5),
    ])
    let table = try #require(PublicTables([exact]).tables.first)
    #expect(column(table, "rate") == ["0.44", "..", ".."])
}

@Test func contactHourBandsAreProtectedAgainstTheTotalInAnotherTable() throws {
    let dosageColumns = ["programme_id", "year", "outcome", "hours_band", "hours_from", "hours_below", "participants", "n_known", "n_yes", "rate", "ci_low", "ci_high"]
    func band(_ label: String, _ known: Int, _ yes: Int) -> [Cell] {
        [.text("P"), .integer(2025), .text("he_entry"), .text(label), .empty, .empty, .integer(known), .integer(known), .integer(yes),
         .number(Double(yes) / Double(known)), .number(0.1), .number(0.9)]
    }
    let dosage = OutputTable(.dosageOutcomes, named: dosageColumns, rows: [band("<3", 12, 3), band("3-8", 60, 24), band(">=8", 78, 33)])
    let tables = PublicTables([outcomesWithASmallGroup(), dosage]).tables
    #expect(column(tables[1], "rate") == ["..", "..", "0.42"], "the 3-8 band goes with <3, or outcomes.csv's total would give <3 away")
}

@Test func prepostMeansAreProtectedInEveryDimensionAndTheCohorts() throws {
    let exact = OutputTable(.prepost, named: prepostColumns, rows: [
        prepostRow(level: "programme_year", pairs: 60, change: 0.4),
        prepostRow(dimension: "fsm", group: "yes", pairs: 30, change: 0.5),
        prepostRow(dimension: "fsm", group: "no", pairs: 25, change: 0.3),
        prepostRow(dimension: "fsm", group: "unknown", pairs: 5, change: 0.2),
        prepostRow(dimension: "gender", group: "female", pairs: 31, change: 0.45),
        prepostRow(dimension: "gender", group: "male", pairs: 29, change: 0.35),
    ])
    let table = try #require(PublicTables([exact]).tables.first)
    #expect(column(table, "mean_change") == ["0.4", "0.5", "..", "..", "0.45", "0.35"])
    // pct_improved (a percentage) is hidden below 23 pairs, and then protected the same way.
    #expect(column(table, "pct_improved") == ["0.61", "0.61", "..", "..", "0.61", "0.61"])
}

/// A seeded generator for the property test (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Test func noPartitionEverShowsItsTotalWithExactlyOneGroupHidden() throws {
    var generator = SplitMix(state: 42)
    for trial in 0..<200 {
        // A programme-year split three ways by cohort and by two dimensions, with small groups likely.
        var rows: [[Cell]] = []
        func split(_ total: Int, into parts: Int) -> [Int] {
            var cuts = (0..<(parts - 1)).map { _ in Int.random(in: 0...total, using: &generator) }.sorted()
            cuts.insert(0, at: 0)
            cuts.append(total)
            return (0..<parts).map { cuts[$0 + 1] - cuts[$0] }
        }
        let total = Int.random(in: 20...120, using: &generator)
        rows.append(outcomeRow(level: "programme_year", known: total, yes: total / 2))
        for (index, part) in split(total, into: Int.random(in: 2...4, using: &generator)).enumerated() {
            rows.append(outcomeRow(level: "cohort", cohort: "C\(index)", known: part, yes: part / 2))
        }
        for dimension in ["fsm", "ethnicity"] {
            for (index, part) in split(total, into: Int.random(in: 2...6, using: &generator)).enumerated() {
                rows.append(outcomeRow(dimension: dimension, group: "g\(index)", known: part, yes: part / 3))
            }
        }
        let table = try #require(PublicTables([OutputTable(.outcomes, named: outcomeColumns, rows: rows)]).tables.first)
        #expect(recoverByDifferencing(table).isEmpty, "trial \(trial): a lone hidden group")
        // And the primary rule holds: every rate shown rests on 23 or more (exact) records.
        for (row, exactRow) in zip(table.rows, rows) where row[9].text != Cell.suppressedMark {
            #expect((Int(exactRow[7].text) ?? 0) >= 23, "trial \(trial): a rate shown over \(exactRow[7].text)")
        }
    }
}

@Test func intersectionsOfOneOrTwoPeopleAreNotListedButStillProtected() throws {
    let columns = ["programme_id", "year", "indicator", "ethnicity", "gender", "participants", "n_known", "n_yes", "pct_yes"]
    func group(_ ethnicity: String, _ gender: String, _ count: Int, _ yes: Int) -> [Cell] {
        [.text("P"), .integer(2025), .text("low_ses"), .text(ethnicity), .text(gender), .integer(count), .integer(count), .integer(yes),
         .number(Double(yes) / Double(count))]
    }
    let reach = OutputTable(.reach, named: ["programme_id", "year", "level", "cohort_id", "indicator", "participants", "n_known", "n_yes", "pct_yes", "pct_unknown"], rows: [
        [.text("P"), .integer(2025), .text("programme_year"), .empty, .text("low_ses"), .integer(82), .integer(82), .integer(60), .number(60.0 / 82), .number(0)],
    ])
    let intersections = OutputTable(.intersections, named: columns, rows: [
        group("asian", "female", 40, 30), group("white", "male", 40, 28), group("black", "non_binary", 2, 2),
    ])
    let tables = PublicTables([reach, intersections]).tables
    #expect(column(tables[1], "gender") == ["female", "male"], "the group of two is left out")
    // The group of two still counts as hidden: one of the others (the first of the smallest) goes with it.
    #expect(column(tables[1], "pct_yes") == ["..", "0.7"])
}

@Test func theComparisonCannotGiveAwayTheUnmatchedParticipants() throws {
    let columns = ["programme_id", "year", "outcome", "participants_known", "comparison_known", "participants_matched", "comparison_matched",
                   "participants_unmatched", "comparison_unmatched", "cells_used", "cells_dropped", "rate_participants",
                   "rate_comparison_crude", "rate_comparison_standardised", "diff_pp", "ci_low_pp", "ci_high_pp"]
    func comparison(matched: Int, unmatched: Int) -> OutputTable {
        OutputTable(.comparison, named: columns, rows: [[
            .text("P"), .integer(2025), .text("he_entry"), .integer(matched + unmatched), .integer(200), .integer(matched), .integer(180),
            .integer(unmatched), .integer(20), .integer(9), .integer(2), .number(0.55), .number(0.31), .number(0.3),
            .number(25), .number(14), .number(36),
        ]])
    }
    let total = OutputTable(.outcomes, named: outcomeColumns, rows: [outcomeRow(level: "programme_year", known: 150, yes: 80)])
    // 4 unmatched participants: outcomes.csv's rate over 150 minus the rate over the 146 matched would be theirs.
    let few = PublicTables([total, comparison(matched: 146, unmatched: 4)]).tables
    #expect(column(few[1], "rate_participants") == [".."])
    #expect(column(few[1], "diff_pp") == [".."], "the difference gives the participants' rate back")
    #expect(column(few[1], "rate_comparison_standardised") == ["0.3"])
    #expect(column(few[0], "rate") == ["0.53"])
    // 30 unmatched could be published on their own: nothing to protect.
    let many = PublicTables([total, comparison(matched: 120, unmatched: 30)]).tables
    #expect(column(many[1], "rate_participants") == ["0.55"])
    #expect(column(many[1], "diff_pp") == ["25"])
    // 15 matched are hidden, and the 135 unmatched (not shown anywhere) keep them so: the total stays.
    let fewMatched = PublicTables([total, comparison(matched: 15, unmatched: 135)]).tables
    #expect(column(fewMatched[1], "rate_participants") == [".."])
    #expect(column(fewMatched[0], "rate") == ["0.53"])
}
