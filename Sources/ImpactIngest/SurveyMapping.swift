import Foundation
import Yams

/// A YAML mapping that reads a wide survey export (one row per respondent, one column per
/// question, answers as labels) as the long rows of responses.csv. See docs/survey-mappings.md.
struct SurveyMapping: Sendable, Equatable {
    /// How the export lays out its header rows.
    enum Layout: String, Sendable, CaseIterable {
        /// Row 1 column ids, row 2 question texts, row 3 ImportId JSON; data from row 4.
        case qualtrics
        /// Row 1 question texts (blank over a question's later columns), row 2 labels; data from row 3.
        case surveymonkey
        /// One header row; grid questions named `Question [Row]`.
        case googleForms = "google_forms"
        /// One header row.
        case plain
    }

    /// A value fixed by the mapping, or read per respondent from a column.
    enum Source: Sendable, Equatable {
        case fixed(String)
        case column(String)
    }

    /// How a slash date with the year last is read (the file mappings' `date_order` too).
    typealias DateOrder = ImpactIngest.DateOrder

    /// Answer labels and the integers they stand for, matched case-insensitively after trimming.
    struct Labels: Sendable, Equatable {
        /// The labels as written in the mapping, in its order.
        let names: [String]
        private let values: [String: Int64]

        init(_ pairs: [(String, Int64)]) {
            names = pairs.map(\.0)
            values = Dictionary(pairs.map { (SurveyMapping.normalized($0.0), $0.1) }, uniquingKeysWith: { first, _ in first })
        }

        /// The value of `answer`, if it is one of the labels.
        func value(of answer: String) -> Int64? { values[SurveyMapping.normalized(answer)] }

        /// The labels with the numbers they stand for, in the mapping's order.
        var pairs: [(name: String, value: Int64)] { names.compactMap { name in value(of: name).map { (name, $0) } } }
    }

    /// One item of the instrument and the column holding its answers.
    struct Item: Sendable, Equatable {
        /// The item_id in survey_items.
        let id: String
        /// The column as the mapping names it.
        let column: String
        /// The item's own labels, which replace the global ones for this item.
        let labels: Labels?
    }

    /// The mapping file, as given.
    let path: String
    /// The export file: `file` resolved against the mapping file's folder.
    let exportPath: String
    let layout: Layout
    /// The participant column, and whether it holds e-mail addresses (hashed into ids).
    let participantColumn: String
    let participantIsEmail: Bool
    let cohort: Source
    let instrument: String
    let wave: Source
    /// Wave cell text (normalised) → contract wave.
    let waveValues: [String: String]
    let dateColumn: String?
    let dateOrder: DateOrder
    let labels: Labels
    let items: [Item]

    /// Every column of the export the mapping names: the id or e-mail, cohort, wave and date
    /// columns and the items'.
    var columnNames: [String] {
        var names = [participantColumn]
        if case let .column(name) = cohort { names.append(name) }
        if case let .column(name) = wave { names.append(name) }
        if let dateColumn { names.append(dateColumn) }
        return names + items.map(\.column)
    }

    /// The top-level keys a mapping may have.
    static let keys = ["file", "layout", "id_column", "email_column", "cohort", "cohort_column", "instrument",
                       "wave", "wave_column", "wave_values", "date_column", "date_order", "labels", "items"]

    /// What a survey mapping needs at least, for an empty file.
    static let essentials = "a survey mapping needs at least file, layout, id_column, cohort, instrument, wave and items (see docs/survey-mappings.md)"

    /// Reads and checks the mapping file at `path`; throws ``IngestError/mapping(file:message:)``.
    init(contentsOf path: String) throws {
        try self.init(document: try MappingDocument(contentsOf: path, empty: Self.essentials))
    }

    /// Parses mapping YAML; `path` names the file in errors and anchors a relative `file`.
    init(yaml: String, path: String) throws {
        try self.init(document: try MappingDocument(yaml: yaml, path: path, empty: Self.essentials))
    }

    /// Checks the keys of a mapping file read as a survey mapping.
    init(document: MappingDocument) throws {
        let path = document.path
        func fail(_ message: String, at node: Node? = nil) -> IngestError { document.fail(message, at: node) }
        try document.refuseUnknownKeys(Self.keys)
        let entries = document.entries
        func text(_ key: String) throws -> String? { try document.text(key) }
        func required(_ key: String, _ example: String) throws -> String { try document.required(key, example) }
        /// The one of two exclusive keys that is given, and its value.
        func oneOf(_ first: String, _ second: String, _ example: String) throws -> (key: String, value: String) {
            switch (try text(first), try text(second)) {
            case let (value?, nil): return (first, value)
            case let (nil, value?): return (second, value)
            case (.some, .some): throw fail("give either \(first) or \(second), not both", at: entries[second]?.key)
            case (nil, nil): throw fail("neither \(first) nor \(second) is given; add one, e.g. \(example)")
            }
        }

        self.path = path
        _ = try required("file", "survey_export.csv")
        exportPath = try document.exportPath()

        let layoutName = try required("layout", "qualtrics")
        guard let layout = Layout(rawValue: layoutName.lowercased()) else {
            throw fail("layout \"\(layoutName)\" is not known (accepted: \(Layout.allCases.map(\.rawValue).joined(separator: ", ")))", at: entries["layout"]?.value)
        }
        self.layout = layout

        let identity = try oneOf("id_column", "email_column", "id_column: ExternalReference")
        participantColumn = identity.value
        participantIsEmail = identity.key == "email_column"

        let cohort = try oneOf("cohort", "cohort_column", "cohort: IN2R-2024")
        self.cohort = cohort.key == "cohort" ? .fixed(cohort.value) : .column(cohort.value)
        instrument = try required("instrument", "core_v1")

        let wave = try oneOf("wave", "wave_column", "wave: pre")
        if wave.key == "wave" {
            guard let normal = FieldParsing.category(wave.value, allowed: FileKind.waves) else {
                throw fail("wave \"\(wave.value)\" is not a wave (accepted: \(FileKind.waves.joined(separator: ", ")))", at: entries["wave"]?.value)
            }
            self.wave = .fixed(normal)
        } else {
            self.wave = .column(wave.value)
        }
        var waveValues: [String: String] = [:]
        if let (key, node) = entries["wave_values"] {
            guard wave.key == "wave_column" else {
                throw fail("wave_values only applies with wave_column; remove it, or read the wave from a column", at: key)
            }
            for (cell, target) in try Self.pairs(node, "wave_values", fail) {
                guard let normal = FieldParsing.category(target.text, allowed: FileKind.waves) else {
                    throw fail("wave_values: \"\(cell.text)\" maps to \"\(target.text)\", which is not a wave (accepted: \(FileKind.waves.joined(separator: ", ")))", at: target.node)
                }
                waveValues[Self.normalized(cell.text)] = normal
            }
        }
        self.waveValues = waveValues

        dateColumn = try text("date_column")
        dateOrder = try document.dateOrder()

        labels = try entries["labels"].map { try Self.labels($0.value, "labels", fail) } ?? Labels([])

        guard let (itemsKey, itemsNode) = entries["items"] else {
            throw fail("\"items\" is missing; list each item_id with its column, e.g. items: {se1: Q1_1, se2: Q1_2}")
        }
        guard case let .mapping(itemNodes) = itemsNode, !itemNodes.isEmpty else {
            throw fail("items must map each item_id to its column (item_id: column), e.g. se1: Q1_1", at: itemsKey)
        }
        var items: [Item] = []
        var columns: [String: String] = [:]
        for (key, value) in itemNodes {
            let id = Self.scalarText(key) ?? ""
            guard !id.isEmpty else { throw fail("items: an item_id is empty", at: key) }
            let item: Item
            if let column = Self.scalarText(value) {
                guard !column.isEmpty else { throw fail("items.\(id): the column is empty", at: key) }
                item = Item(id: id, column: column, labels: nil)
            } else if case let .mapping(detail) = value {
                var column: String?
                var itemLabels: Labels?
                for (detailKey, detailValue) in detail {
                    switch detailKey.scalar?.string {
                    case "column":
                        column = Self.scalarText(detailValue)
                    case "labels":
                        itemLabels = try Self.labels(detailValue, "items.\(id).labels", fail)
                    default:
                        throw fail("items.\(id): unknown key \"\(detailKey.scalar?.string ?? "")\" (accepted: column, labels)", at: detailKey)
                    }
                }
                guard let column, !column.isEmpty else {
                    throw fail("items.\(id): \"column\" is missing; add column: NAME", at: key)
                }
                item = Item(id: id, column: column, labels: itemLabels)
            } else {
                throw fail("items.\(id) must be a column name or {column: NAME, labels: {…}}", at: value)
            }
            if let other = columns[Self.normalized(item.column)] {
                throw fail("items \(other) and \(id) both read column \"\(item.column)\"; each item needs its own column", at: key)
            }
            columns[Self.normalized(item.column)] = id
            items.append(item)
        }
        self.items = items
    }

    /// Text for comparing names and labels: trimmed, inner white space collapsed, lower case.
    static func normalized(_ text: String) -> String {
        // Typographic quotes and dashes as typed ones, invisible characters (zero-width space
        // and joiners, a stray byte-order mark) dropped: a label typed in the mapping matches one
        // a survey tool or a word processor wrote with curly apostrophes.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        var plain = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x2018, 0x2019, 0x201B, 0x2032: plain.unicodeScalars.append("'")
            case 0x201C, 0x201D, 0x201F, 0x2033: plain.unicodeScalars.append("\"")
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212: plain.unicodeScalars.append("-")
            case 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x00AD, 0x2060, 0xFEFF: continue
            default: plain.unicodeScalars.append(scalar)
            }
        }
        return plain.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func scalarText(_ node: Node) -> String? { MappingDocument.scalarText(node) }

    private typealias Fail = (String, Node?) -> IngestError

    private static func pairs(_ node: Node, _ key: String, _ fail: Fail) throws -> [(key: (text: String, node: Node), value: (text: String, node: Node))] {
        guard case let .mapping(mapping) = node else {
            throw fail("\(key) must map each answer as written to its value (Label: value)", node)
        }
        return try mapping.map { keyNode, valueNode in
            guard let name = scalarText(keyNode), !name.isEmpty else { throw fail("\(key): a label is empty", keyNode) }
            guard let value = scalarText(valueNode), !value.isEmpty else {
                throw fail("\(key): \"\(name)\" has no value", keyNode)
            }
            return ((name, keyNode), (value, valueNode))
        }
    }

    private static func labels(_ node: Node, _ key: String, _ fail: Fail) throws -> Labels {
        var seen: [String: String] = [:]
        var result: [(String, Int64)] = []
        for (label, value) in try pairs(node, key, fail) {
            guard let number = Int64(value.text) else {
                throw fail("\(key): \"\(label.text)\" maps to \"\(value.text)\", which is not a whole number", value.node)
            }
            if let first = seen[normalized(label.text)] {
                throw fail("\(key): \"\(label.text)\" and \"\(first)\" are the same label (labels match ignoring case and spaces); keep one", label.node)
            }
            seen[normalized(label.text)] = label.text
            result.append((label.text, number))
        }
        return Labels(result)
    }
}

extension Importer {
    /// Imports a wide survey export described by the YAML mapping at `path`, as responses.
    ///
    /// One answer is one row: `rows_read` counts the non-empty answer cells of the mapped items.
    /// A mapping that is wrong (or names a column the export lacks) throws
    /// ``IngestError/mapping(file:message:)`` and leaves the database as it was.
    public func importSurvey(mappingAt path: String) throws -> ImportSummary {
        try importSurvey(try SurveyMapping(contentsOf: path))
    }

    /// Imports the wide survey export a read mapping describes, as responses.
    func importSurvey(_ mapping: SurveyMapping) throws -> ImportSummary {
        let path = mapping.path
        let export = mapping.exportPath
        let (reader, size) = try openExport(export, mappingPath: path)
        return try run(path: export, kind: .responses, size: size, reader: reader) { reader, sink in
            let header = try SurveyHeader(reading: reader, layout: mapping.layout, mappingPath: path)
            let plan = try SurveyRowPlan(mapping: mapping, header: header)
            // What the mapping names that the database lacks refuses the file before any row,
            // rather than rejecting every answer for the same reason.
            try plan.check(against: sink.lookups)
            try sink.begin(plan.columnMap, rowsAreBuilt: true, fates: plan.fates)
            var more = header.holdsFirstDataRow ? true : try reader.nextRecord()
            while more {
                try plan.emit(reader, to: sink)
                more = try reader.nextRecord()
            }
        }
    }
}
