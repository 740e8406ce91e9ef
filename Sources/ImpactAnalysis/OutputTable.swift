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

    /// The cell as CSV text (before quoting).
    public var text: String {
        switch self {
        case let .text(value): return value
        case let .integer(value): return String(value)
        case let .number(value): return shortestText(value)
        case .empty: return ""
        }
    }
}

/// A long ("tidy") output table: key columns first, then figures; one header row.
public struct OutputTable: Sendable, Equatable {
    /// The file name, e.g. `reach.csv`.
    public let name: String
    /// The header.
    public let columns: [String]
    /// The rows, each as wide as `columns`.
    public private(set) var rows: [[Cell]]

    /// An empty table named `name` with these columns.
    public init(name: String, columns: [String], rows: [[Cell]] = []) {
        self.name = name
        self.columns = columns
        self.rows = []
        for row in rows { append(row) }
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
                }
            }
            out.append("\n")
        }
        return out
    }

    static func quoted(_ text: String) -> String { CSVText.field(text) }
}
