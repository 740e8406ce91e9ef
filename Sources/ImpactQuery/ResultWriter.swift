import Foundation
import ImpactStore

/// Writes a result in one of the output formats as its rows arrive. CSV and JSON are written
/// row by row (a large result never sits in memory); a table or Markdown needs every row to
/// size its columns, so it is written by `finish()`.
public struct ResultWriter {
    /// The format written.
    public let format: OutputFormat
    /// The column names.
    public let columns: [String]
    private let output: (String) -> Void
    private var buffered: [[ResultValue]] = []
    private var rowsWritten = 0
    private var finished = false
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
        switch format {
        case .csv:
            output(columns.map { CSVText.field($0, raw: rawCSV) }.joined(separator: ",") + "\n")
        case .json:
            output("[")
        case .table, .markdown:
            break
        }
    }

    /// Writes (or keeps, for a table) one row.
    public mutating func append(_ row: [ResultValue]) {
        switch format {
        case .csv:
            output(row.map { CSVText.field($0.text, raw: rawCSV) }.joined(separator: ",") + "\n")
        case .json:
            output((rowsWritten == 0 ? "\n  " : ",\n  ") + jsonObject(row))
        case .table, .markdown:
            buffered.append(row)
        }
        rowsWritten += 1
    }

    /// Writes what is left: the whole table, or the end of the JSON array.
    public mutating func finish() {
        guard !finished else { return }
        finished = true
        switch format {
        case .csv:
            break
        case .json:
            output(rowsWritten == 0 ? "]\n" : "\n]\n")
        case .table:
            output(alignedTable())
        case .markdown:
            output(markdownTable())
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

    /// Whether every non-NULL value of each column is a number (such columns align right).
    private func numericColumns() -> [Bool] {
        columns.indices.map { index in
            let values = buffered.map { $0[index] }.filter { $0 != .null }
            return !values.isEmpty && values.allSatisfy(\.isNumber)
        }
    }

    private func alignedTable() -> String {
        let numeric = numericColumns()
        let cells = buffered.map { row in row.map { Self.singleLine($0.text) } }
        let widths = columns.indices.map { index in
            max(columns[index].count, cells.map { $0[index].count }.max() ?? 0)
        }
        func line(_ texts: [String]) -> String {
            let padded = texts.indices.map { index -> String in
                let gap = String(repeating: " ", count: widths[index] - texts[index].count)
                return numeric[index] ? gap + texts[index] : texts[index] + gap
            }
            return padded.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        var out = line(columns.map(Self.singleLine))
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) }
        out += "(\(buffered.count) row\(buffered.count == 1 ? "" : "s"))\n"
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

    private func markdownTable() -> String {
        let numeric = numericColumns()
        func line(_ texts: [String]) -> String {
            "| " + texts.map(Self.markdownCell).joined(separator: " | ") + " |\n"
        }
        var out = line(columns)
        out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in buffered { out += line(row.map(\.text)) }
        return out
    }

    /// A Markdown cell: `|` and `\` escaped, `&`, `<` and `>` as entities (so a value is never
    /// read as HTML), line breaks as `<br>`, control characters other than tab as hex.
    static func markdownCell(_ text: String) -> String {
        var out = ""
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        for scalar in normalised.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "|": out += "\\|"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\r": out += "<br>"
            case "\t": out += "\t"
            default:
                if isControl(scalar) {
                    out += singleLine(String(scalar))
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
