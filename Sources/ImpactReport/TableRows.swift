import ImpactAnalysis

/// The rows of an output table, read by column name as text (exact or public).
struct TableRows: Sequence {
    let table: OutputTable

    init(_ table: OutputTable) { self.table = table }

    /// One row: `row["column"]` is the cell's text, empty for a column the table lacks.
    struct Row {
        let columns: [String: Int]
        let cells: [Cell]
        subscript(name: String) -> String {
            guard let index = columns[name] else { return "" }
            return cells[index].text
        }

        /// The cell of a column, `.empty` for a column the table lacks.
        subscript(cell name: String) -> Cell {
            guard let index = columns[name] else { return .empty }
            return cells[index]
        }

        /// The column's number (nil when empty, suppressed or undefined): a figure's own value, or
        /// the number a public table's rounded text stands for.
        func number(_ name: String) -> Double? {
            ReportFormat.value(of: self[cell: name])
        }

        /// The column's integer (a count, a year), nil when the cell holds none.
        func integer(_ name: String) -> Int? {
            let cell = self[cell: name]
            if case let .integer(value) = cell { return value }
            return Int(cell.text)
        }

        /// Whether the column's figure is suppressed (a public table's `Cell.suppressed`).
        func isSuppressed(_ name: String) -> Bool {
            self[cell: name] == .suppressed
        }
    }

    func makeIterator() -> AnyIterator<Row> {
        let columns = Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($1, $0) })
        var iterator = table.rows.makeIterator()
        return AnyIterator { iterator.next().map { Row(columns: columns, cells: $0) } }
    }
}
