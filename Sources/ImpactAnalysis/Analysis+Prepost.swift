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
        Self.prepostTable(try SurveyData.read(backend, scope: scope))
    }

    /// The prepost.csv columns (its declaration's): the contract's, then p_holm and p_bh, then
    /// the exact Wilcoxon p and the intervals of the two effect sizes.
    static var prepostColumns: [String] { TableKind.prepost.declaration.columnNames }

    /// The sustained.csv columns (its declaration's): prepost.csv's with a `waves` key after
    /// group_value, and the means of the two waves named `mean_from` and `mean_to`.
    static var sustainedColumns: [String] { TableKind.sustained.declaration.columnNames }

    /// prepost.csv from `units`, the pre/post units of `data` (computed when not given).
    static func prepostTable(_ data: SurveyData, units: [SurveyData.Unit]? = nil) -> OutputTable {
        changeTable(data, .prepost, pairs: [.prePost], units: units)
    }

    /// sustained.csv (an extension of the contract): whether a change lasts, as prepost.csv for
    /// the pairs pre → follow_up and post → follow_up (docs/metrics.md).
    public func sustained() throws -> OutputTable {
        Self.sustainedTable(try SurveyData.read(backend, scope: scope))
    }

    static func sustainedTable(_ data: SurveyData) -> OutputTable {
        changeTable(data, .sustained, pairs: WavePair.sustained)
    }

    /// A table of paired change for each of `pairs` (prepost.csv's rows; with more than one pair,
    /// a `waves` cell after group_value), per programme-year the pairs in the order given.
    /// `units` are those of the one pair when given.
    private static func changeTable(_ data: SurveyData, _ kind: TableKind, pairs: [WavePair],
                                    units given: [SurveyData.Unit]? = nil) -> OutputTable {
        let labelled = pairs.count > 1
        // Per pair, the units; a follow-up pair has units only where someone answered the follow-up.
        let units = given.map { $0.map { (pair: pairs[0], unit: $0) } }
            ?? pairs.flatMap { pair in data.units(pair, needsLater: pair != .prePost).map { (pair: pair, unit: $0) } }
        // The units (pair, programme-year, construct) are independent: their rows are computed at
        // the same time, then written programme-year by programme-year, pair by pair, level by level.
        // (`concurrently` throws only what the work throws, and unitRows throws nothing.)
        let work: @Sendable (Int) -> UnitRows = { index in unitRows(units[index].unit, data, waves: labelled ? units[index].pair : nil) }
        let rows = (try? concurrently(units.count, work)) ?? units.indices.map(work)
        var order = Array(units.indices)
        order.sort { left, right in
            let (a, b) = (units[left], units[right])
            if a.unit.programmeID != b.unit.programmeID { return codePointPrecedes(a.unit.programmeID, b.unit.programmeID) }
            if a.unit.year != b.unit.year { return a.unit.year < b.unit.year }
            if a.pair != b.pair { return a.pair.rawValue < b.pair.rawValue }
            return left < right
        }
        var table = OutputTable(kind)
        var start = 0
        while start < order.count {
            var end = start + 1
            let first = units[order[start]]
            while end < order.count, units[order[end]].pair == first.pair, units[order[end]].unit.programmeID == first.unit.programmeID,
                  units[order[end]].unit.year == first.unit.year {
                end += 1
            }
            // Units come by construct within a programme-year; cohort rows go by cohort, then construct.
            let block = order[start..<end].map { rows[$0] }
            for unit in block { table.append(unit.pooled) }
            let cohortRows = block.enumerated().flatMap { offset, unit in unit.cohorts.map { (cohort: $0.cohort, order: offset, row: $0.row) } }
                .sorted { $0.cohort != $1.cohort ? codePointPrecedes($0.cohort, $1.cohort) : $0.order < $1.order }
            for entry in cohortRows { table.append(entry.row) }
            for unit in block { for row in unit.subgroups { table.append(row) } }
            start = end
        }
        return table
    }

    /// The rows of one programme-year and construct (of one wave pair).
    private struct UnitRows: Sendable {
        var pooled: [Cell] = []
        var cohorts: [(cohort: String, row: [Cell])] = []
        var subgroups: [[Cell]] = []
    }

    /// The rows of one unit; with `waves`, a `waves` cell after the keys.
    private static func unitRows(_ unit: SurveyData.Unit, _ data: SurveyData, waves: WavePair?) -> UnitRows {
        let construct = data.scores.catalogue.constructs[unit.construct]
        func keys(_ level: Level, cohort: String?, dimension: SubgroupDimension?, group: String?) -> [Cell] {
            [.text(unit.programmeID), .integer(unit.year), .text(level.rawValue), cohort.map(Cell.text) ?? .empty,
             .text(construct.instrumentID), .text(construct.name),
             dimension.map { .text($0.rawValue) } ?? .empty, group.map(Cell.text) ?? .empty]
                + (waves.map { [.text($0.text)] } ?? [])
        }
        var rows = UnitRows()
        rows.pooled = keys(.programmeYear, cohort: nil, dimension: nil, group: nil)
            + rowCells(SurveyData.pairedChange(of: unit.members), holm: nil, benjaminiHochberg: nil)

        var byCohort: [Int: [SurveyData.Member]] = [:]
        for member in unit.members { byCohort[member.cohort, default: []].append(member) }
        for (cohort, members) in byCohort {
            let cohortID = data.cohorts[cohort].cohortID
            rows.cohorts.append((cohortID, keys(.cohort, cohort: cohortID, dimension: nil, group: nil)
                                 + rowCells(SurveyData.pairedChange(of: members), holm: nil, benjaminiHochberg: nil)))
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
            member.keys + rowCells(member.change, holm: holm[index], benjaminiHochberg: benjaminiHochberg[index])
        }
        return rows
    }

    /// The figures of one row: the contract's, the adjusted p-values (subgroup rows) and the extensions.
    static func rowCells(_ change: PairedChange, holm: Double?, benjaminiHochberg: Double?) -> [Cell] {
        figureCells(change) + [holm.map { .number($0) } ?? .empty, benjaminiHochberg.map { .number($0) } ?? .empty,
                               .number(change.wilcoxonPExact),
                               .number(change.cohensDzInterval?.low), .number(change.cohensDzInterval?.high),
                               .number(change.hedgesGavInterval?.low), .number(change.hedgesGavInterval?.high)]
    }

    /// The contract's figures of one prepost.csv row, n_pairs to pct_improved.
    static func figureCells(_ change: PairedChange) -> [Cell] {
        [.integer(change.nPairs), .number(change.meanPre), .number(change.meanPost), .number(change.meanChange),
         .number(change.sdChange), .number(change.ciLow), .number(change.ciHigh), .number(change.t),
         change.df.map(Cell.integer) ?? .empty, .number(change.pValue), .number(change.cohensDz),
         .number(change.hedgesGav), .number(change.wilcoxonP), .number(change.pctImproved)]
    }
}
