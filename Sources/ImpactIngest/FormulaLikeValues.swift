import ImpactStore

/// Counts, by stored column, the text values of a file that a spreadsheet would read as a
/// formula (`CSVText.startsLikeAFormula`: `=`, `@`, a tab or a carriage return first, or `+` or
/// `-` before something that is not a number). They are stored as they are; the import says so,
/// since an id such as `=HYPERLINK(…)` usually means a tampered or mangled export, and the
/// engine's own CSV files show such values with a leading `'` (docs/reliability.md).
struct FormulaLikeValues {
    /// The stored columns, in the order of a batch's values.
    let columns: [String]
    /// How many such values each column had, in column order.
    private(set) var counts: [Int]

    init(columns: [String]) {
        self.columns = columns
        self.counts = Array(repeating: 0, count: columns.count)
    }

    /// Looks at a batch's values (rows of `columns.count` values, one after another).
    mutating func note(_ values: [BindValue]) {
        guard !columns.isEmpty else { return }
        for (index, value) in values.enumerated() {
            if case let .text(text) = value, CSVText.startsLikeAFormula(text) { counts[index % columns.count] += 1 }
        }
    }

    /// The columns that had any, with their counts.
    var found: [FormulaLikeCount] {
        zip(columns, counts).filter { $0.1 > 0 }.map { FormulaLikeCount(column: $0.0, count: $0.1) }
    }
}
