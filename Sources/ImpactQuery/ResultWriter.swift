import Foundation
public import ImpactStore

/// Writes a result in one of the output formats as its rows arrive, in memory that does not
/// grow with the number of rows. CSV and JSON are written row by row, without limit. A table
/// and Markdown size and align their columns from the first ``sampleRows`` rows (a later, longer
/// value widens its own line only), then are written row by row too; the table shows at most
/// ``tableRowLimit`` rows and ``tableCellLimit`` characters of a value, and says what it cut.
/// (docs/queries.md, "Output formats".)
public struct ResultWriter {
    /// The rows a table or Markdown holds to size and align its columns before it writes any.
    public static let sampleRows = 100
    /// The rows a table shows; the rest are counted, and a note says to use CSV for all of them.
    public static let tableRowLimit = 10_000
    /// The characters of a value a table shows; a longer one is cut short with `…`.
    public static let tableCellLimit = 1_000

    /// The format written.
    public let format: OutputFormat
    /// The column names.
    public let columns: [String]
    private let output: (String) -> Void
    private var rowsWritten = 0
    private var finished = false
    /// A table's or Markdown's first rows as they will be written, until the columns are sized.
    private var sample: [[String]] = []
    /// Per column, whether every value so far that is not NULL is a number (nil: none yet).
    private var allNumbers: [Bool?]
    /// The columns' widths and alignment, once the sample has sized them.
    private var layout: (widths: [Int], numeric: [Bool])?
    /// Rows of a table past ``tableRowLimit``, counted but not shown.
    private var rowsCut = 0
    /// Whether a table cut a value at ``tableCellLimit``.
    private var cellsCut = false
    /// Whether CSV text is written as it is, without neutralising what a spreadsheet would run
    /// as a formula (`CSVText`).
    private let rawCSV: Bool

    /// A writer of `columns` in `format` that hands its text to `output` piece by piece; `rawCSV`
    /// writes CSV text as it is, for a pipeline rather than a spreadsheet.
    public init(format: OutputFormat, columns: [String], rawCSV: Bool = false, output: @escaping (String) -> Void) {
        self.format = format
        self.columns = columns
        self.output = output
        self.rawCSV = rawCSV
        allNumbers = Array(repeating: nil, count: columns.count)
        switch format {
        case .csv:
            output(columns.map { CSVText.field($0, raw: rawCSV) }.joined(separator: ",") + "\n")
        case .json:
            output("[")
        case .table, .markdown:
            break
        }
    }

    /// Writes one row (a table's or Markdown's first rows are held until the columns are sized).
    public mutating func append(_ row: [ResultValue]) {
        if layout == nil, format == .table || format == .markdown {
            for (index, value) in row.enumerated() where index < allNumbers.count && value != .null {
                allNumbers[index] = (allNumbers[index] ?? true) && value.isNumber
            }
        }
        switch format {
        case .csv:
            output(row.map { CSVText.field($0.text, raw: rawCSV) }.joined(separator: ",") + "\n")
        case .json:
            output((rowsWritten == 0 ? "\n  " : ",\n  ") + jsonObject(row))
        case .table where rowsWritten >= Self.tableRowLimit:
            rowsCut += 1
            return
        case .table:
            var cells: [String] = []
            cells.reserveCapacity(row.count)
            for value in row { cells.append(tableCell(value)) }
            appendAligned(cells)
        case .markdown:
            appendAligned(row.map { Self.markdownCell($0.text) })
        }
        rowsWritten += 1
    }

    /// Writes what is left: the sampled rows of a short table and its closing count, or the end
    /// of the JSON array.
    public mutating func finish() {
        guard !finished else { return }
        finished = true
        switch format {
        case .csv:
            break
        case .json:
            output(rowsWritten == 0 ? "]\n" : "\n]\n")
        case .table:
            writeSample()
            output(tableFooter())
        case .markdown:
            writeSample()
        }
    }

    // MARK: CSV (RFC 4180, LF line ends)

    /// A field quoted when it holds a comma, a quote or a line break, quotes doubled, and made
    /// safe for a spreadsheet (`CSVText`).
    static func csvField(_ text: String) -> String { CSVText.field(text) }

    // MARK: JSON

    /// JSON object keys: the column names, a repeated name numbered (`n`, `n_2`, …) so no key repeats.
    private lazy var jsonKeys: [String] = {
        var seen: [String: Int] = [:]
        var used = Set<String>()
        return columns.map { name in
            var key = name
            while used.contains(key) {
                let next = (seen[name] ?? 1) + 1
                seen[name] = next
                key = "\(name)_\(next)"
            }
            used.insert(key)
            return key
        }
    }()

    private mutating func jsonObject(_ row: [ResultValue]) -> String {
        let keys = jsonKeys
        return "{" + zip(keys, row).map { JSONText.quoted($0) + ": " + Self.jsonValue($1) }.joined(separator: ", ") + "}"
    }

    /// A value as JSON: numbers as numbers (full precision), NULL and non-finite numbers as null
    /// (JSON has no NaN or infinity), text as a string, bytes as a string of `x'…'` hex.
    static func jsonValue(_ value: ResultValue) -> String {
        switch value {
        case .null: return "null"
        case let .integer(number): return String(number)
        case let .real(number): return number.isFinite ? value.text : "null"
        case .text, .blob: return JSONText.quoted(value.text)
        }
    }

    // MARK: Table and Markdown

    /// A row of a table or Markdown, as its cells will be written: held in the sample until
    /// ``sampleRows`` rows have come, then written as it comes.
    private mutating func appendAligned(_ cells: [String]) {
        if layout != nil {
            output(alignedLine(cells))
            return
        }
        sample.append(cells)
        if sample.count >= Self.sampleRows { writeSample() }
    }

    /// Sizes the columns from the sample, then writes the header and the sampled rows.
    private mutating func writeSample() {
        guard layout == nil else { return }
        // A column aligns right when every value of the sample that is not NULL is a number.
        let numeric = allNumbers.map { $0 ?? false }
        switch format {
        case .table:
            let header = columns.map(Self.singleLine)
            let widths = columns.indices.map { index in
                max(header[index].count, sample.map { $0[index].count }.max() ?? 0)
            }
            layout = (widths, numeric)
            output(alignedLine(header))
            output(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n")
        default:
            layout = ([], numeric)
            output(alignedLine(columns.map(Self.markdownCell)))
            output("|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n")
        }
        for cells in sample { output(alignedLine(cells)) }
        sample = []
    }

    /// One line of the table (padded to the columns' widths: a longer value widens its line
    /// only) or of Markdown.
    private func alignedLine(_ texts: [String]) -> String {
        guard format == .table, let (widths, numeric) = layout else {
            return "| " + texts.joined(separator: " | ") + " |\n"
        }
        let padded = texts.indices.map { index -> String in
            let gap = String(repeating: " ", count: max(0, widths[index] - texts[index].count))
            return numeric[index] ? gap + texts[index] : texts[index] + gap
        }
        return padded.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
    }

    /// A value as a table shows it: on one line, and cut at ``tableCellLimit`` characters.
    private mutating func tableCell(_ value: ResultValue) -> String {
        let text = Self.singleLine(value.text)
        guard text.count > Self.tableCellLimit else { return text }
        cellsCut = true
        return String(text.prefix(Self.tableCellLimit - 1)) + "…"
    }

    /// The table's last lines: how many rows it has, and what it cut.
    private func tableFooter() -> String {
        func rows(_ count: Int) -> String { "\(count) row\(count == 1 ? "" : "s")" }
        var out = rowsCut == 0 ? "(\(rows(rowsWritten)))\n"
            : "(\(rowsWritten) of \(rows(rowsWritten + rowsCut)) shown: a table stops at \(rows(Self.tableRowLimit)), and \(rows(rowsCut)) were cut; --format csv writes them all)\n"
        if cellsCut {
            out += "(values longer than \(Self.tableCellLimit) characters are cut short with …; --format csv writes them whole)\n"
        }
        return out
    }

    /// A cell on one line and safe on a terminal: line breaks and tabs shown as `\n`, `\r`,
    /// `\t`, and every other control character (an escape sequence could recolour or rewrite
    /// the terminal) as `\x1B`-style hex.
    static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if isControl(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// C0 and C1 control characters and DEL.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// A Markdown cell: the value as text (`MarkdownText`: no link, image or HTML, `|` escaped,
    /// line breaks as spaces), control characters other than tab as hex.
    static func markdownCell(_ text: String) -> String {
        let escaped = MarkdownText.escaped(text)
        guard escaped.unicodeScalars.contains(where: { isControl($0) && $0 != "\t" }) else { return escaped }
        var out = ""
        for scalar in escaped.unicodeScalars {
            if isControl(scalar), scalar != "\t" { out += singleLine(String(scalar)) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
