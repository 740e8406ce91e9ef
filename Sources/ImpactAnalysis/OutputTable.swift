import ImpactStore
import Foundation
import ImpactStatistics

/// One cell of an output table.
public enum Cell: Sendable, Equatable {
    /// Text as is (a key such as a programme id, or a group value).
    case text(String)
    /// A count.
    case integer(Int)
    /// A figure in full precision: the shortest decimal that reads back to the same double;
    /// nil (undefined) is an empty cell.
    case number(Double?)
    /// An empty cell (an undefined figure, or a key that does not apply on this level).
    case empty
    /// A figure a public table does not show under the publication rules; written `..`.
    case suppressed

    /// How a suppressed cell is written in a CSV file or a report.
    public static let suppressedMark = ".."

    /// The cell as CSV text (before quoting).
    public var text: String {
        switch self {
        case let .text(value): return value
        case let .integer(value): return String(value)
        case let .number(value): return shortestText(value)
        case .empty: return ""
        case .suppressed: return Self.suppressedMark
        }
    }
}

/// A long ("tidy") output table: key columns first, then figures; one header row. Its columns
/// are those of its declaration (`TableKind.declaration`), or some of them (a public table
/// leaves some out).
public struct OutputTable: Sendable, Equatable {
    /// Which table this is.
    public let kind: TableKind
    /// The columns, in the order of the header.
    public let layout: [TableColumn]
    /// The header.
    public let columns: [String]
    /// The rows, each as wide as `columns`.
    public private(set) var rows: [[Cell]]

    /// The file name, e.g. `reach.csv`.
    public var name: String { kind.fileName }

    /// A table of `kind` with its declared columns.
    public init(_ kind: TableKind, rows: [[Cell]] = []) {
        self.init(kind, columns: kind.declaration.columns, rows: rows)
    }

    /// A table of `kind` with some of its declared columns, in the order given.
    public init(_ kind: TableKind, columns: [TableColumn], rows: [[Cell]] = []) {
        self.kind = kind
        layout = columns
        self.columns = columns.map(\.name)
        self.rows = []
        for row in rows { append(row) }
    }

    /// A table of `kind` with its declared columns named `names`, in that order (each must be declared).
    public init(_ kind: TableKind, named names: [String], rows: [[Cell]] = []) {
        let columns = kind.declaration.columns(named: names)
        precondition(columns.count == names.count, "\(kind.fileName): \(names) are not all declared columns")
        self.init(kind, columns: columns, rows: rows)
    }

    /// Adds a row (it must be as wide as the header).
    public mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "\(name): a row of \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }

    /// The table as RFC 4180 CSV with LF line ends.
    public func csv() -> String {
        var out = ""
        out.reserveCapacity((rows.count + 1) * columns.count * 10)
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(",") }
            out.append(Self.quoted(column))
        }
        out.append("\n")
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index > 0 { out.append(",") }
                switch cell {
                case let .text(value): out.append(Self.quoted(value))
                // Numbers never need quotes.
                case let .integer(value): out.append(String(value))
                case let .number(value): out.append(shortestText(value))
                case .empty: break
                case .suppressed: out.append(Cell.suppressedMark)
                }
            }
            out.append("\n")
        }
        return out
    }

    static func quoted(_ text: String) -> String { CSVText.field(text) }
}
