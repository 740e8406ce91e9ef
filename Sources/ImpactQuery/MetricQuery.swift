import Foundation
import GRDB
import ImpactAnalysis
import ImpactStatistics
import ImpactStore

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
    ///
    /// A source of pairs is read in three parts joined here by key: its participant enrolments
    /// (`sql`, in participant_id, cohort_id order), its constructs (`constructs`, each with the
    /// construct-level keys and filters) and their stored pre and post scores (`RespondentScores`,
    /// one pass). Looking up each pair's enrolment and person by text id in SQL took 1–2 s on the
    /// 100k benchmark (docs/performance.md).
    public func run(_ db: Database, registry: MetricRegistry) throws -> ResultTable {
        let metric = try registry.metric(named: self.metric)
        guard let source = registry.sources[metric.source] else {
            throw QueryError.badResource(file: "queries/metrics.yaml", reason: "no source \(metric.source)")
        }
        var keys: [MetricRegistry.Dimension] = []
        for name in by + (metric.keys ?? []) {
            let dimension = try registry.dimension(named: name, for: metric)
            if !keys.contains(dimension) { keys.append(dimension) }
        }
        var rows = Selection()
        var constructs = Selection()
        for (position, dimension) in keys.enumerated() {
            if dimension.isConstructLevel {
                constructs.addKey(dimension, position: position)
            } else {
                rows.addKey(dimension, position: position)
            }
        }
        for filter in filters {
            let dimension = try registry.dimension(named: filter.dimension, for: metric)
            if dimension.isConstructLevel {
                try constructs.addFilter(dimension, value: filter.value, bands: bands)
            } else {
                try rows.addFilter(dimension, value: filter.value, bands: bands)
            }
        }

        var groups = Groups(keyCount: keys.count)
        switch metric.kind {
        case .count, .share:
            let measure = rows.columns.count
            let sql = rows.statement(source.sql, measures: ["participant_id", SQL(sql: "(" + (metric.value ?? "NULL") + ")")])
            let cursor = try Row.fetchCursor(db, SQLRequest(literal: sql))
            while let row = try cursor.next() {
                guard let part = rows.part(of: row, bands: bands) else { continue }
                let index = groups.index(of: [part], in: [rows])
                // Per person: bit 0 the value is known in some row of the group, bit 1 it is yes.
                let person: String = row[measure]
                var flags = groups.people[index][person] ?? 0
                if metric.kind == .share, let value = row[measure + 1] as Int? {
                    flags |= value == 1 ? 3 : 1
                }
                groups.people[index][person] = flags
            }
        case .pairedChange:
            try pairs(db, source: source, rows: rows, constructs: constructs, into: &groups)
        }

        let figures = metric.shownFigures
        var table = ResultTable(columns: keys.map(\.name) + figures)
        for group in groups.sorted() {
            let computed: [String: ResultValue]
            switch metric.kind {
            case .count: computed = ["participants": ResultValue(groups.people[group].count)]
            case .share:
                let people = groups.people[group].values
                computed = Self.share([people.count, people.filter { $0 & 1 != 0 }.count, people.filter { $0 & 2 != 0 }.count])
            case .pairedChange: computed = Self.paired(pairedChange(pre: groups.pre[group], post: groups.post[group]))
            }
            table.append(groups.keys[group] + figures.map { computed[$0] ?? .null })
        }
        return table
    }

    /// The pairs of a source with constructs, each added to its group in (participant_id,
    /// cohort_id, construct_key) order, as the report's prepost.csv takes them.
    private func pairs(_ db: Database, source: MetricRegistry.Source, rows: Selection, constructs: Selection,
                       into groups: inout Groups) throws {
        // The participant enrolments kept, and their part of the key (interned: few distinct parts).
        var respondents: [ConstructScoreTable.PersonCohort] = []
        var respondentParts: [Int] = []
        var parts = Interned()
        let rowMeasure = rows.columns.count
        let rowSQL = rows.statement(source.sql, measures: ["participant_key", "cohort_key"], orderBy: "participant_id, cohort_id")
        let cursor = try Row.fetchCursor(db, SQLRequest(literal: rowSQL))
        while let row = try cursor.next() {
            guard let part = rows.part(of: row, bands: bands) else { continue }
            respondents.append(.init(participantKey: row[rowMeasure], cohortKey: row[rowMeasure + 1]))
            respondentParts.append(parts.index(of: part))
        }
        let scores = try RespondentScores(db, respondents: respondents)
        // The constructs kept, as indices into the scores' catalogue, with their part of the key.
        var kept: [(construct: Int, part: Selection.Part)] = []
        let constructMeasure = constructs.columns.count
        let constructSQL = constructs.statement(source.constructs ?? "SELECT NULL AS construct_key WHERE 0",
                                                measures: ["construct_key"], orderBy: "construct_key")
        for row in try Row.fetchAll(db, SQLRequest(literal: constructSQL)) {
            guard let part = constructs.part(of: row, bands: bands), let key = row[constructMeasure] as Int64?,
                  let construct = scores.catalogue.construct(key: key) else { continue }
            kept.append((construct, part))
        }
        // Group of (respondent part, construct), found once per combination.
        var groupOf = [Int](repeating: -1, count: parts.values.count * kept.count)
        for (respondent, part) in respondentParts.enumerated() {
            for (offset, construct) in kept.enumerated() {
                guard let pre = scores.score(respondent: respondent, construct: construct.construct, wave: .pre),
                      let post = scores.score(respondent: respondent, construct: construct.construct, wave: .post) else { continue }
                let slot = part * kept.count + offset
                if groupOf[slot] < 0 {
                    groupOf[slot] = groups.index(of: [parts.values[part], construct.part], in: [rows, constructs])
                }
                groups.pre[groupOf[slot]].append(pre)
                groups.post[groupOf[slot]].append(post)
            }
        }
    }

    /// The columns one SELECT reads over a source: the values (and sort orders) of the keys it
    /// gives, the columns of its bands filters, and the filters bound in its WHERE clause.
    private struct Selection {
        /// A row's part of a group's key: the values of this selection's keys, and their sort orders.
        struct Part: Hashable {
            var values: [ResultValue] = []
            var orders: [ResultValue] = []
        }

        var columns: [SQL] = []
        /// Per key: its position among the query's keys, the column of its value and of its sort
        /// order (nil: sort by the value), and whether it is a contact-hours band.
        var keys: [(position: Int, value: Int, order: Int?, isBand: Bool)] = []
        var sqlFilters: [(dimension: MetricRegistry.Dimension, values: [SQL])] = []
        var bandFilters: [(column: Int, labels: Set<String>)] = []
        var bandColumns: [String: Int] = [:]

        mutating func addKey(_ dimension: MetricRegistry.Dimension, position: Int) {
            if let column = dimension.bands {
                keys.append((position, columns.count, nil, true))
                columns.append(SQL(sql: column))
            } else {
                let value = columns.count
                columns.append(SQL(sql: "(" + (dimension.sql ?? "NULL") + ")"))
                var order: Int?
                if let expression = dimension.order {
                    order = columns.count
                    columns.append(SQL(sql: "(" + expression + ")"))
                }
                keys.append((position, value, order, false))
            }
        }

        mutating func addFilter(_ dimension: MetricRegistry.Dimension, value: String, bands: DosageBands) throws {
            if let column = dimension.bands {
                let labels = (0..<bands.count).map { bands.label(of: $0) } + [bands.label(of: nil)]
                guard labels.contains(value) else {
                    throw QueryError.badDimensionValue(dimension: dimension.name, value: value,
                                                       reason: "the bands are \(labels.joined(separator: ", "))")
                }
                if let index = bandColumns[column] {
                    bandFilters[index].labels.insert(value)
                } else {
                    bandColumns[column] = bandFilters.count
                    bandFilters.append((columns.count, [value]))
                    columns.append(SQL(sql: column))
                }
                return
            }
            let bound: SQL
            if dimension.isInteger {
                guard let number = Int(value.trimmingCharacters(in: .whitespaces)) else {
                    throw QueryError.badDimensionValue(dimension: dimension.name, value: value,
                                                       reason: "\(dimension.name) is a whole number")
                }
                bound = "\(number)"
            } else {
                bound = "\(value)"
            }
            if let index = sqlFilters.firstIndex(where: { $0.dimension == dimension }) {
                sqlFilters[index].values.append(bound)
            } else {
                sqlFilters.append((dimension, [bound]))
            }
        }

        /// The SELECT of this selection's columns and then `measures` over `source`, filtered.
        func statement(_ source: String, measures: [SQL], orderBy: String? = nil) -> SQL {
            var sql: SQL = "SELECT " + (columns + measures).joined(separator: ", ") + " FROM (" + SQL(sql: source) + ") AS source"
            let conditions: [SQL] = sqlFilters.map { dimension, values in
                let expression = SQL(sql: "(" + (dimension.sql ?? "NULL") + ")")
                return "(" + values.map { expression + " = " + $0 }.joined(separator: " OR ") + ")"
            }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            if let orderBy { sql += SQL(sql: " ORDER BY " + orderBy) }
            return sql
        }

        /// A row's part of the key, or nil when a bands filter leaves the row out.
        func part(of row: Row, bands: DosageBands) -> Part? {
            if bandFilters.contains(where: { !$0.labels.contains(bands.label(of: bands.band(of: row[$0.column] as Double?))) }) {
                return nil
            }
            var part = Part()
            part.values.reserveCapacity(keys.count)
            part.orders.reserveCapacity(keys.count)
            for key in keys {
                if key.isBand {
                    let band = bands.band(of: row[key.value] as Double?)
                    part.values.append(.text(bands.label(of: band)))
                    part.orders.append(.integer(Int64(band ?? bands.count)))
                } else {
                    let value = ResultValue(row[key.value] as DatabaseValue)
                    part.values.append(value)
                    part.orders.append(key.order.map { ResultValue(row[$0] as DatabaseValue) } ?? value)
                }
            }
            return part
        }
    }

    /// Distinct key parts, numbered in the order met.
    private struct Interned {
        var values: [Selection.Part] = []
        var index: [Selection.Part: Int] = [:]

        mutating func index(of part: Selection.Part) -> Int {
            if let known = index[part] { return known }
            index[part] = values.count
            values.append(part)
            return values.count - 1
        }
    }

    /// The groups met: their keys, sort orders and people (distinct participant ids with flags) or pairs.
    private struct Groups {
        let keyCount: Int
        var keys: [[ResultValue]] = []
        var orders: [[ResultValue]] = []
        var people: [[String: UInt8]] = []
        var pre: [[Double]] = []
        var post: [[Double]] = []
        private var index: [[ResultValue]: Int] = [:]

        init(keyCount: Int) { self.keyCount = keyCount }

        /// The group of a row whose key parts come from `selections` (each key in one of them).
        mutating func index(of parts: [Selection.Part], in selections: [Selection]) -> Int {
            var key = [ResultValue](repeating: .null, count: keyCount)
            var order = key
            for (part, selection) in zip(parts, selections) {
                for (offset, column) in selection.keys.enumerated() {
                    key[column.position] = part.values[offset]
                    order[column.position] = part.orders[offset]
                }
            }
            if let known = index[key] { return known }
            index[key] = keys.count
            keys.append(key)
            orders.append(order)
            people.append([:])
            pre.append([])
            post.append([])
            return keys.count - 1
        }

        /// The groups' indices sorted by each key's order, then its value.
        func sorted() -> [Int] {
            keys.indices.sorted { left, right in
                for (leftOrder, rightOrder) in zip(orders[left], orders[right]) where leftOrder != rightOrder {
                    return MetricQuery.precedes(leftOrder, rightOrder)
                }
                for (leftKey, rightKey) in zip(keys[left], keys[right]) where leftKey != rightKey {
                    return MetricQuery.precedes(leftKey, rightKey)
                }
                return false
            }
        }
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
