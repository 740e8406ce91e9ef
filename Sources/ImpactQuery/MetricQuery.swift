import Foundation
public import ImpactAnalysis
import ImpactStatistics
public import ImpactStore

/// One question to the metric layer: a metric, the dimensions to split it by and the values to
/// keep (`impact metric NAME --by … --where …`).
///
/// The SQL is assembled from the registry's pieces only: each level's SELECT and the expressions
/// of the dimensions and the value over it (each name checked against the registry first); every
/// value from the user (--where, --programme, --year) is bound, and contact-hours bands are
/// compared here, not in SQL.
public struct MetricQuery: Sendable, Equatable {
    /// The metric's name.
    public var metric: String
    /// The dimensions to split by, in order.
    public var by: [String]
    /// Filters as (dimension, value); values of the same dimension are alternatives (OR),
    /// different dimensions all apply (AND).
    public var filters: [(dimension: String, value: String)]
    /// The contact-hours bands of a bands dimension.
    public var bands: DosageBands

    /// A query of `metric` split by `by` and filtered by `filters`.
    public init(metric: String, by: [String] = [], filters: [(dimension: String, value: String)] = [],
                bands: DosageBands = .standard) {
        self.metric = metric
        self.by = by
        self.filters = filters
        self.bands = bands
    }

    public static func == (left: Self, right: Self) -> Bool {
        left.metric == right.metric && left.by == right.by && left.bands == right.bands
            && left.filters.map(\.dimension) == right.filters.map(\.dimension)
            && left.filters.map(\.value) == right.filters.map(\.value)
    }

    /// The metric's figures per group, the key columns (the dimensions' names) first, the groups
    /// in the registry's order of each dimension.
    ///
    /// Each level of the metric's source is read with one plain SELECT (the registry's, with each
    /// key's value and sort order, the value, and the --where filters as bound values) and the
    /// rows are joined here by their ids, the groups formed in one pass (`MetricRows`). SQLite
    /// has no hash join or hash aggregation, so joining every enrolment to its person and cohort by
    /// text id in SQL costs index searches per row, and a GROUP BY with count(DISTINCT …) a sort
    /// per count (docs/performance.md, "Metrics and queries"). Contact-hours bands are made here
    /// from the hours (DosageBands), so the cut points are not copied anywhere.
    public func run(_ backend: any QuestionBackend, registry: MetricRegistry) throws -> ResultTable {
        try backend.readQuestions { reader in try run(reader, registry: registry) }
    }

    /// The metric's figures per group, read in the transaction of `reader` (as `run` over a
    /// backend reads them).
    public func run(_ reader: any QuestionReader, registry: MetricRegistry) throws -> ResultTable {
        let metric = try registry.metric(named: self.metric)
        let source = try registry.source(of: metric)
        var keys: [MetricRegistry.Dimension] = []
        for name in by + (metric.keys ?? []) {
            let dimension = try registry.dimension(named: name, for: metric)
            if !keys.contains(dimension) { keys.append(dimension) }
        }
        var levels = source.levels.map(MetricLevel.init)
        func level(_ level: MetricRegistry.Level) -> Int { source.levels.firstIndex(of: level) ?? 0 }
        var bandPosition: Int?
        for (position, dimension) in keys.enumerated() {
            if let at = dimension.level {
                levels[level(at)].addKey(dimension, position: position)
            } else {
                bandPosition = position
            }
        }
        var bandFilter: Set<Int?>?
        for filter in filters {
            let dimension = try registry.dimension(named: filter.dimension, for: metric)
            if let at = dimension.level {
                try levels[level(at)].addFilter(dimension, value: filter.value)
            } else {
                let labels = (0..<bands.count).map { bands.label(of: $0) } + [bands.label(of: nil)]
                guard let index = labels.firstIndex(of: filter.value) else {
                    throw QueryError.badDimensionValue(dimension: dimension.name, value: filter.value,
                                                       reason: "the bands are \(labels.joined(separator: ", "))")
                }
                bandFilter = (bandFilter ?? []).union([index < bands.count ? index : nil])
            }
        }
        if metric.kind == .share, let at = metric.level { levels[level(at)].value = metric.value }

        var rows = MetricRows(keyCount: keys.count, bands: bands, bandPosition: bandPosition, bandFilter: bandFilter)
        try rows.read(reader, registry: registry, source: source, levels: levels, kind: metric.kind)

        let figures = metric.shownFigures
        var table = ResultTable(columns: keys.map(\.name) + figures)
        for group in rows.sortedGroups() {
            let computed: [String: ResultValue]
            switch metric.kind {
            case .count: computed = ["participants": ResultValue(rows.people[group].count)]
            case .share:
                let people = rows.people[group].values
                computed = Self.share([people.count, people.filter { $0 & 1 != 0 }.count, people.filter { $0 & 2 != 0 }.count])
            case .pairedChange: computed = Self.paired(pairedChange(pre: rows.pre[group], post: rows.post[group]))
            }
            table.append(rows.keys[group] + figures.map { computed[$0] ?? .null })
        }
        return table
    }

    /// SQLite's order of values: NULL first, then numbers, then text in code-point (BINARY) order.
    static func precedes(_ left: ResultValue, _ right: ResultValue) -> Bool {
        func rank(_ value: ResultValue) -> Int {
            switch value {
            case .null: return 0
            case .integer, .real: return 1
            case .text: return 2
            case .blob: return 3
            }
        }
        if rank(left) != rank(right) { return rank(left) < rank(right) }
        if case let .text(a) = left, case let .text(b) = right { return a.utf8.lexicographicallyPrecedes(b.utf8) }
        if let a = left.numericValue, let b = right.numericValue { return a < b }
        return left.text < right.text
    }

    /// A share's figures from (participants, n_known, n_yes): rate = n_yes / n_known with its
    /// Wilson 95% interval (z = 1.959964, ImpactStatistics), pct_unknown = 1 − n_known / participants.
    static func share(_ counts: [Int]) -> [String: ResultValue] {
        let (participants, known, yes) = (counts[0], counts[1], counts[2])
        let interval = wilsonInterval(successes: yes, trials: known)
        return [
            "participants": ResultValue(participants), "n_known": ResultValue(known), "n_yes": ResultValue(yes),
            "rate": ResultValue(known > 0 ? Double(yes) / Double(known) : nil),
            "ci_low": ResultValue(interval?.low), "ci_high": ResultValue(interval?.high),
            "pct_unknown": ResultValue(participants > 0 ? Double(participants - known) / Double(participants) : nil),
        ]
    }

    /// The contract's pre/post columns of one group (ImpactStatistics.pairedChange).
    static func paired(_ change: PairedChange) -> [String: ResultValue] {
        [
            "n_pairs": ResultValue(change.nPairs), "mean_pre": ResultValue(change.meanPre),
            "mean_post": ResultValue(change.meanPost), "mean_change": ResultValue(change.meanChange),
            "sd_change": ResultValue(change.sdChange), "ci_low": ResultValue(change.ciLow),
            "ci_high": ResultValue(change.ciHigh), "t": ResultValue(change.t), "df": ResultValue(change.df),
            "p_value": ResultValue(change.pValue), "cohens_dz": ResultValue(change.cohensDz),
            "hedges_gav": ResultValue(change.hedgesGav), "wilcoxon_p": ResultValue(change.wilcoxonP),
            "pct_improved": ResultValue(change.pctImproved),
        ]
    }
}
