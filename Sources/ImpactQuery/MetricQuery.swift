import Foundation
import GRDB
import ImpactAnalysis
import ImpactStatistics

/// One question to the metric layer: a metric, the dimensions to split it by and the values to
/// keep (`impact metric NAME --by … --where …`).
///
/// The SQL is assembled from the registry's pieces only: the source's SELECT, the dimensions'
/// expressions (each name checked against the registry first) and the kind's aggregates; every
/// value from the user (--where, --programme, --year) and every band limit is bound.
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

    /// The metric's figures per group, the key columns (the dimensions' names) first.
    public func run(_ db: Database, registry: MetricRegistry) throws -> ResultTable {
        let metric = try registry.metric(named: self.metric)
        var keys: [MetricRegistry.Dimension] = []
        for name in by + (metric.keys ?? []) {
            let dimension = try registry.dimension(named: name, for: metric)
            if !keys.contains(dimension) { keys.append(dimension) }
        }
        var conditions: [SQL] = []
        var filtered: [(dimension: MetricRegistry.Dimension, values: [SQL])] = []
        for filter in filters {
            let dimension = try registry.dimension(named: filter.dimension, for: metric)
            let value: SQL
            if dimension.isInteger {
                guard let number = Int(filter.value.trimmingCharacters(in: .whitespaces)) else {
                    throw QueryError.badDimensionValue(dimension: dimension.name, value: filter.value,
                                                       reason: "\(dimension.name) is a whole number")
                }
                value = "\(number)"
            } else {
                value = "\(filter.value)"
            }
            if let index = filtered.firstIndex(where: { $0.dimension == dimension }) {
                filtered[index].values.append(value)
            } else {
                filtered.append((dimension, [value]))
            }
        }
        for (dimension, values) in filtered {
            let expression = self.expression(of: dimension)
            conditions.append("(" + values.map { expression + " = " + $0 }.joined(separator: " OR ") + ")")
        }
        guard let source = registry.sources[metric.source] else {
            throw QueryError.badResource(file: "queries/metrics.yaml", reason: "no source \(metric.source)")
        }
        let keyColumns: [SQL] = keys.map(expression(of:))
        let orderColumns: [SQL] = keys.map(orderExpression(of:))
        var select = keyColumns + orderColumns
        switch metric.kind {
        case .count:
            select.append("count(DISTINCT participant_id)")
        case .share:
            let value = SQL(sql: "(" + (metric.value ?? "NULL") + ")")
            select.append("count(DISTINCT participant_id)")
            select.append("count(DISTINCT CASE WHEN " + value + " IS NOT NULL THEN participant_id END)")
            select.append("count(DISTINCT CASE WHEN " + value + " = 1 THEN participant_id END)")
        case .pairedChange:
            select.append("pre_score")
            select.append("post_score")
        }
        var sql: SQL = "SELECT " + select.joined(separator: ", ") + " FROM (" + SQL(sql: source.sql) + ") AS source"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        let positions = keys.indices.map { index in [keys.count + index + 1, index + 1] }.flatMap { $0 }
        if metric.kind != .pairedChange, !keys.isEmpty {
            sql += SQL(sql: " GROUP BY " + keys.indices.map { String($0 + 1) }.joined(separator: ", "))
        }
        var order = positions.map(String.init)
        if metric.kind == .pairedChange { order += ["participant_id", "cohort_id"] }
        if !order.isEmpty { sql += SQL(sql: " ORDER BY " + order.joined(separator: ", ")) }

        let figures = metric.shownFigures
        var table = ResultTable(columns: keys.map(\.name) + figures)
        let rows = try Row.fetchCursor(db, SQLRequest(literal: sql))
        switch metric.kind {
        case .count, .share:
            while let row = try rows.next() {
                let values = Array(row.databaseValues)
                let key = values[0..<keys.count].map(ResultValue.init)
                let counts = values[(2 * keys.count)...].map { Int.fromDatabaseValue($0) ?? 0 }
                let computed = metric.kind == .count ? ["participants": ResultValue(counts[0])] : Self.share(counts)
                table.append(key + figures.map { computed[$0] ?? .null })
            }
        case .pairedChange:
            var currentKey: [ResultValue]?
            var pre: [Double] = [], post: [Double] = []
            func flush() {
                guard let key = currentKey else { return }
                let change = Self.paired(pairedChange(pre: pre, post: post))
                table.append(key + figures.map { change[$0] ?? .null })
            }
            while let row = try rows.next() {
                let values = Array(row.databaseValues)
                let key = values[0..<keys.count].map(ResultValue.init)
                if key != currentKey {
                    flush()
                    currentKey = key
                    pre = []
                    post = []
                }
                pre.append(Double.fromDatabaseValue(values[2 * keys.count]) ?? .nan)
                post.append(Double.fromDatabaseValue(values[2 * keys.count + 1]) ?? .nan)
            }
            flush()
        }
        return table
    }

    /// A dimension's group value, from the registry's SQL (or the bands, with limits and labels bound).
    func expression(of dimension: MetricRegistry.Dimension) -> SQL {
        if let column = dimension.bands {
            var expression: SQL = SQL(sql: "CASE WHEN \(column) IS NULL THEN 'unknown'")
            for (index, cut) in bands.cutPoints.enumerated() {
                expression += SQL(sql: " WHEN \(column) < ") + "\(cut) THEN \(bands.label(of: index))"
            }
            return expression + " ELSE \(bands.label(of: bands.count - 1)) END"
        }
        return SQL(sql: "(" + (dimension.sql ?? "NULL") + ")")
    }

    /// What a dimension's groups sort by: the registry's order, the band's number, or the value.
    func orderExpression(of dimension: MetricRegistry.Dimension) -> SQL {
        if let column = dimension.bands {
            var expression: SQL = SQL(sql: "CASE WHEN \(column) IS NULL THEN \(bands.count)")
            for (index, cut) in bands.cutPoints.enumerated() {
                expression += SQL(sql: " WHEN \(column) < ") + "\(cut) THEN \(index)"
            }
            return expression + " ELSE \(bands.count - 1) END"
        }
        if let order = dimension.order { return SQL(sql: "(" + order + ")") }
        return expression(of: dimension)
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
