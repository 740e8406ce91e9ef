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

    /// The metric's figures per group, the key columns (the dimensions' names) first, the groups
    /// in the registry's order of each dimension.
    ///
    /// One plain SELECT reads the source's rows with each key's value (and sort order), filtered
    /// in SQL by bound values; the groups are formed here, in one pass. SQLite has no hash
    /// aggregation: a GROUP BY with count(DISTINCT …) sorts the rows once per aggregate, which
    /// took several times as long on the 100k benchmark (docs/performance.md). Contact-hours
    /// bands are made here from the hours (DosageBands), so the hours are computed once a row.
    public func run(_ db: Database, registry: MetricRegistry) throws -> ResultTable {
        let metric = try registry.metric(named: self.metric)
        var keys: [MetricRegistry.Dimension] = []
        for name in by + (metric.keys ?? []) {
            let dimension = try registry.dimension(named: name, for: metric)
            if !keys.contains(dimension) { keys.append(dimension) }
        }
        var sqlFilters: [(dimension: MetricRegistry.Dimension, values: [SQL])] = []
        var bandFilters: [(column: Int, labels: Set<String>)] = []
        var columns: [SQL] = []
        // Per key: the column of its value and of its sort order (nil: sort by the value).
        var keyColumns: [(value: Int, order: Int?, isBand: Bool)] = []
        for dimension in keys {
            if let column = dimension.bands {
                keyColumns.append((columns.count, nil, true))
                columns.append(SQL(sql: column))
            } else {
                let value = columns.count
                columns.append(SQL(sql: "(" + (dimension.sql ?? "NULL") + ")"))
                var order: Int?
                if let expression = dimension.order {
                    order = columns.count
                    columns.append(SQL(sql: "(" + expression + ")"))
                }
                keyColumns.append((value, order, false))
            }
        }
        var bandColumns: [String: Int] = [:]
        for filter in filters {
            let dimension = try registry.dimension(named: filter.dimension, for: metric)
            if let column = dimension.bands {
                let labels = (0..<bands.count).map { bands.label(of: $0) } + [bands.label(of: nil)]
                guard labels.contains(filter.value) else {
                    throw QueryError.badDimensionValue(dimension: dimension.name, value: filter.value,
                                                       reason: "the bands are \(labels.joined(separator: ", "))")
                }
                if let index = bandColumns[column] {
                    bandFilters[index].labels.insert(filter.value)
                } else {
                    bandColumns[column] = bandFilters.count
                    bandFilters.append((columns.count, [filter.value]))
                    columns.append(SQL(sql: column))
                }
                continue
            }
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
            if let index = sqlFilters.firstIndex(where: { $0.dimension == dimension }) {
                sqlFilters[index].values.append(value)
            } else {
                sqlFilters.append((dimension, [value]))
            }
        }
        guard let source = registry.sources[metric.source] else {
            throw QueryError.badResource(file: "queries/metrics.yaml", reason: "no source \(metric.source)")
        }
        let measures = columns.count
        switch metric.kind {
        case .count:
            columns.append("participant_id")
        case .share:
            columns.append("participant_id")
            columns.append(SQL(sql: "(" + (metric.value ?? "NULL") + ")"))
        case .pairedChange:
            columns.append("pre_score")
            columns.append("post_score")
        }
        var sql: SQL = "SELECT " + columns.joined(separator: ", ") + " FROM (" + SQL(sql: source.sql) + ") AS source"
        let conditions: [SQL] = sqlFilters.map { dimension, values in
            let expression = SQL(sql: "(" + (dimension.sql ?? "NULL") + ")")
            return "(" + values.map { expression + " = " + $0 }.joined(separator: " OR ") + ")"
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        // Pairs enter the statistics in (participant_id, cohort_id) order, as in the report.
        if metric.kind == .pairedChange { sql += " ORDER BY participant_id, cohort_id" }

        var groupIndex: [[ResultValue]: Int] = [:]
        var groups: [Group] = []
        let rows = try Row.fetchCursor(db, SQLRequest(literal: sql))
        while let row = try rows.next() {
            if bandFilters.contains(where: { !$0.labels.contains(bands.label(of: bands.band(of: row[$0.column] as Double?))) }) {
                continue
            }
            var key: [ResultValue] = []
            key.reserveCapacity(keyColumns.count)
            for column in keyColumns {
                if column.isBand {
                    key.append(.text(bands.label(of: bands.band(of: row[column.value] as Double?))))
                } else {
                    key.append(ResultValue(row[column.value] as DatabaseValue))
                }
            }
            let index: Int
            if let known = groupIndex[key] {
                index = known
            } else {
                index = groups.count
                groupIndex[key] = index
                groups.append(Group(key: key, order: zip(keyColumns, key).map { column, value in
                    if column.isBand {
                        let label = value.text
                        let band = (0..<bands.count).first { bands.label(of: $0) == label }
                        return .integer(Int64(band ?? bands.count))
                    }
                    return column.order.map { ResultValue(row[$0] as DatabaseValue) } ?? value
                }))
            }
            switch metric.kind {
            case .count, .share:
                // Per person: bit 0 the value is known in some row of the group, bit 1 it is yes.
                let person: String = row[measures]
                var flags = groups[index].people[person] ?? 0
                if metric.kind == .share, let value = row[measures + 1] as Int? {
                    flags |= value == 1 ? 3 : 1
                }
                groups[index].people[person] = flags
            case .pairedChange:
                groups[index].pre.append(row[measures] as Double? ?? .nan)
                groups[index].post.append(row[measures + 1] as Double? ?? .nan)
            }
        }

        let figures = metric.shownFigures
        var table = ResultTable(columns: keys.map(\.name) + figures)
        let sorted = groups.sorted { left, right in
            for (leftOrder, rightOrder) in zip(left.order, right.order) where leftOrder != rightOrder {
                return Self.precedes(leftOrder, rightOrder)
            }
            for (leftKey, rightKey) in zip(left.key, right.key) where leftKey != rightKey {
                return Self.precedes(leftKey, rightKey)
            }
            return false
        }
        for group in sorted {
            let key = group.key
            let computed: [String: ResultValue]
            switch metric.kind {
            case .count: computed = ["participants": ResultValue(group.people.count)]
            case .share:
                let known = group.people.values.filter { $0 & 1 != 0 }.count
                let yes = group.people.values.filter { $0 & 2 != 0 }.count
                computed = Self.share([group.people.count, known, yes])
            case .pairedChange: computed = Self.paired(pairedChange(pre: group.pre, post: group.post))
            }
            table.append(key + figures.map { computed[$0] ?? .null })
        }
        return table
    }

    /// One group: its key, sort order, and people (distinct participant ids with flags) or pairs.
    private struct Group {
        let key: [ResultValue]
        let order: [ResultValue]
        var people: [String: UInt8] = [:]
        var pre: [Double] = []
        var post: [Double] = []
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
