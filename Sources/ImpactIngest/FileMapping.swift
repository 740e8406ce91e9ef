import Foundation
import Yams

/// A YAML mapping that reads a tool's export as one of the contract's files: which header is
/// which contract column, what the export's values mean, values fixed for every row, a cohort
/// looked up from a CRM's programme and year, and the rows to leave out. The survey mapping's
/// family (same `file`, `id_column`, `email_column`, `date_order`), told apart by its `kind`.
/// See docs/mappings.md.
struct FileMapping: Sendable, Equatable {
    /// A header the mapping names for a contract column.
    struct Rename: Sendable, Equatable {
        /// The header as the mapping writes it.
        let header: String
        /// The contract column.
        let column: String
        /// The key that names it: `columns`, `id_column` or `email_column`.
        let key: String
        /// The mapping's line.
        let line: Int
    }

    /// A header the mapping names, with its line (`keep`).
    struct Header: Sendable, Equatable {
        let name: String
        let line: Int
    }

    /// A contract column with one value for every row.
    struct Constant: Sendable, Equatable {
        let column: String
        /// The value as the mapping writes it (read by the column's format on every row).
        let text: String
        let line: Int
    }

    /// A cohort_id looked up from the values of some columns: a CRM's programme name and year.
    struct CohortLookup: Sendable, Equatable {
        /// One line of the lookup: the columns' values and the cohort they stand for.
        struct Entry: Sendable, Equatable {
            let values: [String]
            let cohort: String
            let line: Int
        }

        /// The export's columns whose values are looked up, in order.
        let columns: [String]
        let entries: [Entry]
        /// The line of `cohort_lookup`.
        let line: Int
        private let cohorts: [String: String]

        init(columns: [String], entries: [Entry], line: Int) {
            self.columns = columns
            self.entries = entries
            self.line = line
            cohorts = Dictionary(entries.map { (Self.key($0.values), $0.cohort) }, uniquingKeysWith: { first, _ in first })
        }

        /// The cohort of a row whose looked-up columns hold `values`, if the lookup lists them.
        func cohort(for values: [String]) -> String? { cohorts[Self.key(values)] }

        /// Values as they are matched: each folded as ``Vocabulary/fold(_:)``.
        static func key(_ values: [String]) -> String { values.map(Vocabulary.fold).joined(separator: "\u{1F}") }
    }

    /// Rows to leave out: those whose cell in `column` is one of `values`.
    struct SkipRule: Sendable, Equatable {
        let column: String
        /// The values as the mapping writes them.
        let values: [String]
        let line: Int
        private let folded: Set<String>

        init(column: String, values: [String], line: Int) {
            self.column = column
            self.values = values
            self.line = line
            folded = Set(values.map(Vocabulary.fold))
        }

        /// Whether a cell holding `text` leaves its row out (matched after folding).
        func matches(_ text: String) -> Bool { folded.contains(Vocabulary.fold(text)) }

        /// The rule in words, as recorded in `skipped_rows`: `"Test record" is yes or true`.
        var description: String {
            let shown = values.map { $0.isEmpty ? "empty" : $0 }
            let list = shown.count > 1 ? shown.dropLast().joined(separator: ", ") + " or " + (shown.last ?? "") : shown.joined()
            return "\"\(column)\" is \(list)"
        }
    }

    /// The mapping file, as given.
    let path: String
    /// The export: `file` resolved against the mapping file's folder.
    let exportPath: String
    let kind: FileKind
    /// Headers named for contract columns (`columns`, `id_column`, `email_column`).
    let renames: [Rename]
    /// Unknown columns to keep in `extra` (a file about people).
    let keep: [Header]
    /// The mapping's values per column, and the order of slash dates.
    let readings: CellReadings
    let constants: [Constant]
    let cohortLookup: CohortLookup?
    let skipRows: [SkipRule]

    /// The top-level keys a file mapping may have.
    static let keys = ["file", "kind", "columns", "id_column", "email_column", "values", "constants", "cohort_lookup",
                       "skip_rows", "keep", "date_order"]

    /// What a file mapping needs at least, for messages.
    static let essentials = "a mapping needs at least file and kind (docs/mappings.md), or, for a wide survey export, file, layout, id_column, cohort, instrument, wave and items (docs/survey-mappings.md)"

    /// Parses mapping YAML; `path` names the file in errors and anchors a relative `file`.
    init(yaml: String, path: String) throws {
        try self.init(document: try MappingDocument(yaml: yaml, path: path, empty: Self.essentials))
    }

    /// Checks the keys of a mapping file read as a file mapping.
    init(document: MappingDocument) throws {
        func fail(_ message: String, at node: Node? = nil) -> IngestError { document.fail(message, at: node) }
        let entries = document.entries
        if let survey = entries.keys.sorted().first(where: { !Self.keys.contains($0) && SurveyMapping.keys.contains($0) }) {
            throw fail("\"\(survey)\" is a key of a wide survey mapping (docs/survey-mappings.md), which has no kind; a mapping with kind takes: \(Self.keys.joined(separator: ", "))", at: entries[survey]?.key)
        }
        try document.refuseUnknownKeys(Self.keys)
        path = document.path
        exportPath = try document.exportPath()
        let kinds = FileKind.allCases.map(\.rawValue).joined(separator: ", ")
        guard let kindName = try document.text("kind") else {
            throw fail("\"kind\" is missing; add the kind of file the export holds, e.g. kind: enrolments (one of: \(kinds)); a wide survey export's mapping has layout and items instead (docs/survey-mappings.md)")
        }
        guard let kind = FileKind(rawValue: kindName.lowercased()) else {
            throw fail("kind \"\(kindName)\" is not a kind of file (accepted: \(kinds))", at: entries["kind"]?.value)
        }
        self.kind = kind
        renames = try Self.renames(document, kind: kind)
        let dateOrder = try document.dateOrder()
        readings = CellReadings(values: try Self.values(document, kind: kind, dateOrder: dateOrder), dateOrder: dateOrder)
        constants = try Self.constants(document, kind: kind, renames: renames, dateOrder: dateOrder)
        cohortLookup = try Self.cohortLookup(document, kind: kind, renames: renames, constants: constants)
        skipRows = try Self.skipRules(entries["skip_rows"], document)
        keep = try Self.keep(document, kind: kind)
    }

    /// The headers and options a file's header is read with: the renames and kept columns, the
    /// constants and looked-up cohort as columns given after the file's, and what the
    /// mapping reads other columns for.
    var headerOptions: HeaderOptions {
        var options = HeaderOptions(renames: Dictionary(renames.map { ($0.header, $0.column) }, uniquingKeysWith: { first, _ in first }),
                                    keep: keep.map(\.name))
        options.provided = constants.map { ProvidedColumn(column: $0.column, header: "(constant)", rule: "a constant of the mapping: \($0.text)") }
        if let cohortLookup {
            let columns = cohortLookup.columns.map { "\"\($0)\"" }.joined(separator: ", ")
            options.provided.append(ProvidedColumn(column: "cohort_id", header: "(cohort_lookup)",
                                                   rule: "looked up in the mapping's cohort_lookup from \(columns)"))
            for column in cohortLookup.columns { options.readings[ColumnMap.fold(column)] = "read by the mapping's cohort_lookup for cohort_id" }
        }
        for rule in skipRows {
            let folded = ColumnMap.fold(rule.column)
            options.readings[folded] = options.readings[folded].map { $0 + " and skip_rows" } ?? "read by the mapping's skip_rows"
        }
        return options
    }
}
