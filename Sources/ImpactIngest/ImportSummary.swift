/// Lower-case hexadecimal text of `bytes`, two digits a byte.
func hexText(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
}

/// What happened to one imported file.
public struct ImportSummary: Sendable, Equatable {
    /// The path as given.
    public let path: String
    /// The kind of data the file held.
    public let kind: FileKind
    /// The `imports.import_id` of this import.
    public let importID: Int64
    /// SHA-256 of the file's bytes, hex.
    public let sha256: String
    /// Data rows read (header rows and blank lines not counted).
    public let rowsRead: Int
    /// New rows.
    public let inserted: Int
    /// Rows that replaced a stored row with different values.
    public let updated: Int
    /// Rows identical to what was stored (or older than it, for responses).
    public let unchanged: Int
    /// Rows that broke a rule, kept in `rejected_rows`.
    public let rejected: Int
    /// The first few rejections, for the summary printed after the import.
    public let sampleRejections: [Rejection]
    /// Columns of the file that hold personal data and were not stored (`First Name`, `Phone`…).
    public var personalColumnsNotStored: [String] = []
    /// What became of each column of the file, in its order (also in `import_columns`).
    public var columns: [ColumnFate] = []
    /// Optional cells that could not be read and were stored as unknown (in `unread_cells`).
    public var unreadCells = 0
    /// The first few of them.
    public var sampleUnreadCells: [UnreadCell] = []
    /// Rows a mapping's `skip_rows` left out, by rule (also in `skipped_rows`): not data rows, so
    /// not in `rowsRead`.
    public var skippedRows: [SkippedRows] = []
    /// Stored text values that a spreadsheet would read as a formula, counted by stored column
    /// (`FormulaLikeValues`), in column order.
    public var formulaLikeValues: [FormulaLikeCount] = []
    /// The scoring rule a survey_items file gave each of its instruments, in the order of their
    /// first rows; empty when the file has no scoring column (each instrument keeps its rule).
    public var instrumentScoring: [ScoringDeclaration] = []

    /// Rows accepted: inserted + updated + unchanged.
    public var accepted: Int { inserted + updated + unchanged }
}

/// One rejected row.
public struct Rejection: Sendable, Equatable {
    /// The line the row starts on.
    public let line: Int
    /// The column at fault, if one is.
    public let column: String?
    /// Why it was rejected.
    public let reason: String
}

/// The rows of a file that one rule of a mapping's `skip_rows` left out.
public struct SkippedRows: Sendable, Equatable {
    /// The rule, e.g. `"Test record" is yes or true`.
    public let rule: String
    /// How many rows it left out.
    public private(set) var count: Int
    /// The lines of the first few.
    public private(set) var sampleLines: [Int]

    init(rule: String, line: Int) {
        self.rule = rule
        count = 1
        sampleLines = [line]
    }

    mutating func note(_ line: Int) {
        count += 1
        if sampleLines.count < 10 { sampleLines.append(line) }
    }
}

/// How many stored values of one column begin like a spreadsheet formula.
public struct FormulaLikeCount: Sendable, Equatable {
    /// The stored column.
    public let column: String
    /// How many of its values.
    public let count: Int
}
