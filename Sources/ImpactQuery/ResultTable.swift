public import ImpactStore

/// A result held in memory: column names and rows of values.
public struct ResultTable: Sendable, Equatable {
    /// The column names, in order (they may repeat, as SQL allows).
    public let columns: [String]
    /// The rows, each as wide as `columns`.
    public private(set) var rows: [[ResultValue]]

    /// A table with these columns and rows.
    public init(columns: [String], rows: [[ResultValue]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Adds a row.
    public mutating func append(_ row: [ResultValue]) {
        rows.append(row)
    }

    /// The rows as dictionaries from column name to value (the first column of a repeated name wins).
    public var records: [[String: ResultValue]] {
        rows.map { row in
            var record: [String: ResultValue] = [:]
            for (column, value) in zip(columns, row) where record[column] == nil { record[column] = value }
            return record
        }
    }

    /// The table in `format`, as one string.
    public func rendered(as format: OutputFormat, rawCSV: Bool = false) -> String {
        var text = ""
        var writer = ResultWriter(format: format, columns: columns, rawCSV: rawCSV) { text += $0 }
        for row in rows { writer.append(row) }
        writer.finish()
        return text
    }
}
