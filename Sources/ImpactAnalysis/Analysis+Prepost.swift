import ImpactStatistics
import ImpactStore

extension Analysis {
    /// prepost.csv: the change from pre to post in each construct score, per programme-year
    /// (cohorts pooled), per cohort and per programme-year subgroup, with Holm and
    /// Benjamini–Hochberg adjusted p-values on the subgroup rows (docs/metrics.md).
    ///
    /// Reads every stored score once; `surveyTables(bands:)` gives this table, alpha.csv and
    /// dosage_prepost.csv from the same pass.
    public func prepost() throws -> OutputTable {
        Self.prepostTable(try SurveyData.read(database, scope: scope))
    }

    /// The prepost.csv columns: the contract's, then p_holm and p_bh.
    static let prepostColumns = [
        "programme_id", "year", "level", "cohort_id", "instrument_id", "construct", "group_dim", "group_value",
        "n_pairs", "mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "t", "df",
        "p_value", "cohens_dz", "hedges_gav", "wilcoxon_p", "pct_improved", "p_holm", "p_bh",
    ]

    static func prepostTable(_ data: SurveyData) -> OutputTable {
        // The units (programme-year, construct) are independent: their rows are computed at the
        // same time, then written programme-year by programme-year, level by level.
        let units = data.units()
        // (`concurrently` throws only what the work throws, and unitRows throws nothing.)
        let rows = (try? concurrently(units.count) { unitRows(units[$0], data) }) ?? units.map { unitRows($0, data) }
        var table = OutputTable(name: "prepost.csv", columns: prepostColumns)
        var start = 0
        while start < units.count {
            var end = start + 1
            while end < units.count, units[end].programmeID == units[start].programmeID, units[end].year == units[start].year {
                end += 1
            }
            // Units come by construct within a programme-year; cohort rows go by cohort, then construct.
            let block = rows[start..<end]
            for unit in block { table.append(unit.pooled) }
            let cohortRows = block.enumerated().flatMap { offset, unit in unit.cohorts.map { (cohort: $0.cohort, order: offset, row: $0.row) } }
                .sorted { $0.cohort != $1.cohort ? codePointPrecedes($0.cohort, $1.cohort) : $0.order < $1.order }
            for entry in cohortRows { table.append(entry.row) }
            for unit in block { for row in unit.subgroups { table.append(row) } }
            start = end
        }
        return table
    }

    /// The prepost.csv rows of one programme-year and construct.
    private struct UnitRows: Sendable {
        var pooled: [Cell] = []
        var cohorts: [(cohort: String, row: [Cell])] = []
        var subgroups: [[Cell]] = []
    }

    private static func unitRows(_ unit: SurveyData.Unit, _ data: SurveyData) -> UnitRows {
        let construct = data.scores.catalogue.constructs[unit.construct]
        func keys(_ level: Level, cohort: String?, dimension: SubgroupDimension?, group: String?) -> [Cell] {
            [.text(unit.programmeID), .integer(unit.year), .text(level.rawValue), cohort.map(Cell.text) ?? .empty,
             .text(construct.instrumentID), .text(construct.name),
             dimension.map { .text($0.rawValue) } ?? .empty, group.map(Cell.text) ?? .empty]
        }
        var rows = UnitRows()
        rows.pooled = keys(.programmeYear, cohort: nil, dimension: nil, group: nil)
            + figureCells(SurveyData.pairedChange(of: unit.members)) + [.empty, .empty]

        var byCohort: [Int: [SurveyData.Member]] = [:]
        for member in unit.members { byCohort[member.cohort, default: []].append(member) }
        for (cohort, members) in byCohort {
            let cohortID = data.cohorts[cohort].cohortID
            rows.cohorts.append((cohortID, keys(.cohort, cohort: cohortID, dimension: nil, group: nil)
                                 + figureCells(SurveyData.pairedChange(of: members)) + [.empty, .empty]))
        }

        // The family for Holm and BH: every subgroup row of this programme-year and construct.
        var family: [(keys: [Cell], change: PairedChange)] = []
        for (offset, dimension) in SubgroupDimension.allCases.enumerated() {
            let names = data.groupValues[offset]
            var byGroup = [[SurveyData.Member]](repeating: [], count: names.count)
            for member in unit.members { byGroup[data.group(of: member.respondent, dimension: offset)].append(member) }
            let present = names.indices.filter { !byGroup[$0].isEmpty }
            for group in ReachOutcomes.sortedGroupValues(present.map { names[$0] }, of: dimension) {
                let code = names.firstIndex(of: group) ?? 0
                family.append((keys(.subgroup, cohort: nil, dimension: dimension, group: group),
                               SurveyData.pairedChange(of: byGroup[code])))
            }
        }
        let pValues = family.map(\.change.pValue)
        let holm = holmAdjusted(pValues)
        let benjaminiHochberg = benjaminiHochbergAdjusted(pValues)
        rows.subgroups = family.enumerated().map { index, member in
            member.keys + figureCells(member.change) + [.number(holm[index]), .number(benjaminiHochberg[index])]
        }
        return rows
    }

    /// The contract's figures of one prepost.csv row, n_pairs to pct_improved.
    static func figureCells(_ change: PairedChange) -> [Cell] {
        [.integer(change.nPairs), .number(change.meanPre), .number(change.meanPost), .number(change.meanChange),
         .number(change.sdChange), .number(change.ciLow), .number(change.ciHigh), .number(change.t),
         change.df.map(Cell.integer) ?? .empty, .number(change.pValue), .number(change.cohensDz),
         .number(change.hedgesGav), .number(change.wilcoxonP), .number(change.pctImproved)]
    }
}
