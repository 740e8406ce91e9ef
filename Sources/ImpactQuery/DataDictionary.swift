import Foundation
public import ImpactStore
import Yams

/// The data dictionary: a one-line description of every table, view and column, read from
/// `schema/dictionary.yaml` (its only source), laid beside the database's actual schema.
public struct DataDictionary: Sendable, Equatable {
    /// The description of one table or view.
    public struct Entry: Sendable, Equatable, Decodable {
        /// What one row is.
        public let description: String
        /// Column name → description.
        public let columns: [String: String]
    }

    /// Table or view name → its entry.
    public let entries: [String: Entry]

    /// The dictionary shipped with the engine.
    public static func shipped() throws -> DataDictionary {
        try DataDictionary(yaml: try StoreResources.text(at: "schema/dictionary.yaml"), file: "schema/dictionary.yaml")
    }

    /// A dictionary read from `yaml` (the text of `file`, for messages).
    public init(yaml: String, file: String) throws {
        do {
            entries = try YAMLDecoder().decode([String: Entry].self, from: yaml)
        } catch {
            throw QueryError.badResource(file: file, reason: "\(error)")
        }
    }

    /// One column of the database as it is, with its description (nil when undocumented).
    public struct Column: Sendable, Equatable {
        /// The table or view.
        public let object: String
        /// `table` or `view`.
        public let kind: String
        /// The column's name.
        public let name: String
        /// Its declared type (empty for most view columns).
        public let type: String
        /// Its description, if the dictionary has one.
        public let description: String?
    }

    /// Every column of every table and view of the database (SQLite's own tables excepted):
    /// tables first, then views, each by name; columns in their order.
    public func columns(_ backend: any QuestionBackend) throws -> [Column] {
        try backend.readQuestions { try $0.schemaColumns() }.map { column in
            Column(object: column.object, kind: column.kind, name: column.name, type: column.type,
                   description: entries[column.object]?.columns[column.name])
        }
    }

    /// The dictionary as a table: for each table and view a row describing it (column empty),
    /// then a row per column. Undocumented columns have an empty description.
    public func table(_ backend: any QuestionBackend) throws -> ResultTable {
        var table = ResultTable(columns: ["object", "kind", "column", "type", "description"])
        var previous: String?
        for column in try columns(backend) {
            if column.object != previous {
                previous = column.object
                table.append([.text(column.object), .text(column.kind), .text(""), .text(""),
                              .text(entries[column.object]?.description ?? "")])
            }
            table.append([.text(column.object), .text(column.kind), .text(column.name), .text(column.type),
                          .text(column.description ?? "")])
        }
        return table
    }

    /// The dictionary for reading in a terminal: each table or view with its description, then
    /// its columns aligned with theirs.
    public func text(_ backend: any QuestionBackend) throws -> String {
        let columns = try columns(backend)
        let nameWidth = columns.map(\.name.count).max() ?? 0
        let typeWidth = columns.map(\.type.count).max() ?? 0
        var out = ""
        var previous: String?
        for column in columns {
            if column.object != previous {
                if previous != nil { out += "\n" }
                previous = column.object
                out += "\(column.object) (\(column.kind)): \(entries[column.object]?.description ?? "")\n"
            }
            let name = column.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let type = column.type.padding(toLength: typeWidth, withPad: " ", startingAt: 0)
            out += "  \(name)  \(type)  \(column.description ?? "")".replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        return out
    }
}
