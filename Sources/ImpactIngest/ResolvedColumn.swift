/// A row that breaks a rule: it goes to `rejected_rows` with this reason, and the import goes on.
struct RowProblem: Error {
    /// The column at fault, when there is one.
    let column: String?
    /// What is wrong, in words a user can act on.
    let reason: String
}

/// A known column of the file being read: its name (for messages), its field position and the
/// mapping's values for it, if any.
struct ColumnRef {
    let name: String
    let position: Int?
    var values: ValueMap?
}

/// A known column resolved against the file's header: the declaration, the field it sits in, and
/// what a mapping says about reading it.
struct ResolvedColumn {
    let column: InputColumn
    let position: Int?
    /// The column's place among the converter's memos of vocabulary readings.
    var slot = 0
    /// The mapping's values for the column, consulted before the built-in vocabulary; nil
    /// (the usual case) costs a cell nothing.
    var values: ValueMap?
    /// How a slash date is read, for a date column.
    var dateOrder = DateOrder.dayFirst

    var ref: ColumnRef { ColumnRef(name: column.name, position: position, values: values) }
}

/// A mapping's values for one column: the export's value, folded as ``Vocabulary/fold(_:)``,
/// → the value stored (`.null`: unknown), read through the column's format when the mapping was.
struct ValueMap: Sendable, Equatable {
    private let values: [String: BindValue]

    /// `values` are keyed by the export's value as written.
    init(_ values: [(text: String, value: BindValue)]) {
        self.values = Dictionary(values.map { (Vocabulary.fold($0.text), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The stored value the mapping gives `text`, if it names it.
    func value(of text: String) -> BindValue? { values[Vocabulary.fold(text)] }

    var isEmpty: Bool { values.isEmpty }
}

/// How a file mapping reads cells beyond the built-in rules: its values per contract column and
/// the order of slash dates.
struct CellReadings: Sendable, Equatable {
    /// Contract column → the mapping's values for it.
    var values: [String: ValueMap] = [:]
    var dateOrder = DateOrder.dayFirst
}

/// What a vocabulary made of the texts a column has had, so that a file's repeated values
/// (`Asian or Asian British - Pakistani` 10,000 times) are folded and matched once.
struct ReadingMemo {
    private var readings: [String: CellReading] = [:]

    /// The reading of `text`, from the memo or from `vocabulary` (remembered, up to 4,096 texts).
    mutating func read(_ text: String, in vocabulary: Vocabulary) -> CellReading {
        if let known = readings[text] { return known }
        let reading = vocabulary.read(text)
        if readings.count < 4096 { readings[text] = reading }
        return reading
    }
}
