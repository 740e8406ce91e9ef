import ImpactAnalysis
import ImpactStore

/// What a metric query reads of one level (`queries/metrics.yaml`, `levels`): the engine's
/// columns, then the value and sort order of each key of this level, the metric's value when it
/// is over this level, and whether the row passes the --where filters of this level.
///
/// Filters are a column rather than a WHERE clause: a row left out still counts towards a
/// person's hours in the programme-year (the participants source's bands), as in the report.
struct MetricLevel {
    /// A row's part of a group's key: the values of this level's keys, and their sort orders.
    struct Part {
        var values: [ResultValue] = []
        var orders: [ResultValue] = []
    }

    let level: MetricRegistry.Level
    /// Per key of this level: its position among the query's keys, the column of its value and of
    /// its sort order (nil: sort by the value).
    private(set) var keys: [(position: Int, value: Int, order: Int?)] = []
    private var expressions: [String] = []
    /// Per filtered dimension, the values kept (bound, never spliced into the SQL).
    private var filters: [(dimension: MetricRegistry.Dimension, values: [ResultValue])] = []
    /// The metric's value (1, 0 or NULL) when it is over this level.
    var value: String?

    init(_ level: MetricRegistry.Level) { self.level = level }

    private var firstExpression: Int { level.engineColumns.count }

    mutating func addKey(_ dimension: MetricRegistry.Dimension, position: Int) {
        let value = firstExpression + expressions.count
        expressions.append("(" + (dimension.sql ?? "NULL") + ")")
        var order: Int?
        if let expression = dimension.order {
            order = firstExpression + expressions.count
            expressions.append("(" + expression + ")")
        }
        keys.append((position, value, order))
    }

    /// Keeps rows whose `dimension` equals `value` (bound; several values of one dimension are
    /// alternatives).
    mutating func addFilter(_ dimension: MetricRegistry.Dimension, value: String) throws {
        let bound: ResultValue
        if dimension.isInteger {
            guard let number = Int(value.trimmingCharacters(in: .whitespaces)) else {
                throw QueryError.badDimensionValue(dimension: dimension.name, value: value, reason: "\(dimension.name) is a whole number")
            }
            bound = .integer(Int64(number))
        } else {
            bound = .text(value)
        }
        if let index = filters.firstIndex(where: { $0.dimension == dimension }) {
            filters[index].values.append(bound)
        } else {
            filters.append((dimension, [bound]))
        }
    }

    /// The rows of this level read with `sql` (the level's SELECT); `body` gets each row and its
    /// part (interned in `parts`), whether it passes the filters, and the value (1, 0, -1 unknown).
    func read(_ reader: any QuestionReader, sql: String, parts: inout Interned,
              _ body: ([ResultValue], _ part: Int, _ kept: Bool, _ value: Int8) throws -> Void) throws {
        var columns = level.engineColumns + expressions
        let valueColumn = columns.count
        columns.append("(" + (value ?? "NULL") + ")")
        let keptColumn = columns.count
        var arguments: [ResultValue] = []
        let conditions: [String] = filters.map { dimension, values in
            let expression = "(" + (dimension.sql ?? "NULL") + ")"
            arguments += values
            return "(" + values.map { _ in expression + " = ?" }.joined(separator: " OR ") + ")"
        }
        columns.append(conditions.isEmpty ? "1" : "coalesce(" + conditions.joined(separator: " AND ") + ", 0)")
        let statement = "SELECT " + columns.joined(separator: ", ") + " FROM (" + sql + ") AS level"
        try reader.forEachRow(statement, arguments: arguments) { row in
            var part = Part()
            if !keys.isEmpty {
                part.values.reserveCapacity(keys.count)
                part.orders.reserveCapacity(keys.count)
                for key in keys {
                    let value = row[key.value]
                    part.values.append(value)
                    part.orders.append(key.order.map { row[$0] } ?? value)
                }
            }
            let flag: Int8
            switch row[valueColumn].int64Value {
            case nil: flag = -1
            case 1?: flag = 1
            default: flag = 0
            }
            try body(row, parts.index(of: part), row[keptColumn].int64Value == 1, flag)
        }
    }
}

/// Distinct key parts, numbered in the order met. Parts are the same when their values are: a
/// group's sort orders are those of the first row met (two rows can show the same value, as
/// `unknown` for a missing region and for one recorded as "unknown", and sort differently).
struct Interned {
    private(set) var values: [MetricLevel.Part] = []
    private var index: [[ResultValue]: Int] = [:]

    mutating func index(of part: MetricLevel.Part) -> Int {
        if let known = index[part.values] { return known }
        index[part.values] = values.count
        values.append(part)
        return values.count - 1
    }
}
