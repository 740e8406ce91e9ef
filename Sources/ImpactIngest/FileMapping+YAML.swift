import Yams

/// Reading the parts of a file mapping's YAML against its kind: the renames, values, constants,
/// cohort lookup, skip rules and kept columns, each refused with the mapping file and the line
/// when it is not as it must be.
extension FileMapping {
    /// A scalar's text and its node (for the line in messages).
    typealias Scalar = (text: String, node: Node)

    /// The contract column `name` names in `kind` (case, spaces and punctuation aside).
    static func column(_ name: String, of kind: FileKind, for key: String, at node: Node, _ document: MappingDocument) throws -> InputColumn {
        let folded = ColumnMap.fold(name)
        guard let column = kind.columns.first(where: { ColumnMap.fold($0.name) == folded }) else {
            throw document.fail("\(key): \(kind.rawValue) has no column \"\(name)\" (its columns: \(columnList(kind)))", at: node)
        }
        return column
    }

    static func columnList(_ kind: FileKind) -> String { kind.columns.map(\.name).joined(separator: ", ") }

    /// `columns`, `id_column` and `email_column`: the headers named for contract columns.
    static func renames(_ document: MappingDocument, kind: FileKind) throws -> [Rename] {
        var renames: [Rename] = []
        func add(header: String, column: InputColumn, key: String, at node: Node) throws {
            if let other = renames.first(where: { $0.column == column.name }) {
                throw document.fail("\(key): \"\(header)\" and \"\(other.header)\" (\(other.key), line \(other.line)) both give \(column.name); keep one", at: node)
            }
            if let other = renames.first(where: { ColumnMap.fold($0.header) == ColumnMap.fold(header) }) {
                throw document.fail("\(key): the header \"\(header)\" is named twice (also for \(other.column), line \(other.line)); keep one", at: node)
            }
            renames.append(Rename(header: header, column: column.name, key: key, line: MappingDocument.line(node)))
        }
        for (header, target) in try pairs(document.entries["columns"], "columns", document) {
            guard !target.text.isEmpty else {
                throw document.fail("columns: \"\(header.text)\" names no contract column; give one (\(columnList(kind))), or remove the line", at: header.node)
            }
            let column = try column(target.text, of: kind, for: "columns: \"\(header.text)\"", at: target.node, document)
            try add(header: header.text, column: column, key: "columns", at: header.node)
        }
        for (key, target) in [("id_column", "participant_id"), ("email_column", "email")] {
            guard let header = try document.text(key), let (keyNode, node) = document.entries[key] else { continue }
            guard let person = kind.column(named: target) else {
                throw document.fail("\(key) names the \(target) column, which \(kind.rawValue) files do not have (their columns: \(columnList(kind)))", at: keyNode)
            }
            try add(header: header, column: person, key: key, at: node)
        }
        return renames
    }

    /// `values`: per contract column, the export's values and the stored value each stands for.
    static func values(_ document: MappingDocument, kind: FileKind, dateOrder: DateOrder) throws -> [String: ValueMap] {
        var values: [String: ValueMap] = [:]
        for (name, mapping) in try sections(document.entries["values"], "values", document) {
            let target = try column(name.text, of: kind, for: "values", at: name.node, document)
            guard target.acceptsValueMap else {
                throw document.fail("values: \(target.name) \(target.role == .key ? "gives the person" : "is personal data"), whose values a mapping does not change; correct them in the export", at: name.node)
            }
            let key = "values.\(target.name)"
            var pairs: [(text: String, value: BindValue)] = []
            var seen: [String: String] = [:]
            for (value, meaning) in try self.pairs(mapping, key, document) {
                guard !value.text.isEmpty else { throw document.fail("\(key): an export value is empty (an empty cell is unknown already)", at: value.node) }
                if let first = seen[Vocabulary.fold(value.text)] {
                    throw document.fail("\(key): \"\(value.text)\" and \"\(first)\" are the same value (values match ignoring case, accents and punctuation); keep one", at: value.node)
                }
                seen[Vocabulary.fold(value.text)] = value.text
                guard !meaning.text.isEmpty else {
                    guard target.role == .optional else {
                        throw document.fail("\(key): \"\(value.text)\" is mapped to unknown, but \(target.name) is required; give it one of: \(target.acceptedWords(dateOrder)), or leave such rows out with skip_rows", at: value.node)
                    }
                    pairs.append((value.text, .null))
                    continue
                }
                do {
                    pairs.append((value.text, try target.value(of: meaning.text, dateOrder: dateOrder)))
                } catch {
                    throw document.fail("\(key): \"\(value.text)\" is mapped to \"\(meaning.text)\", which \(target.name) does not accept (accepted: \(target.acceptedWords(dateOrder)))", at: meaning.node)
                }
            }
            if !pairs.isEmpty { values[target.name] = ValueMap(pairs) }
        }
        return values
    }

    /// `constants`: a value for every row, of a column no header gives.
    static func constants(_ document: MappingDocument, kind: FileKind, renames: [Rename], dateOrder: DateOrder) throws -> [Constant] {
        try pairs(document.entries["constants"], "constants", document).map { name, value in
            let target = try column(name.text, of: kind, for: "constants", at: name.node, document)
            if target.role == .key {
                throw document.fail("constants: \(target.name) cannot be a constant: it gives the person, and every row would be the same one", at: name.node)
            }
            if target.isPersonal { throw document.fail("constants: \(target.name) is personal data, which a mapping does not give", at: name.node) }
            if let rename = renames.first(where: { $0.column == target.name }) {
                throw document.fail("constants: \(target.name) is given by the column \"\(rename.header)\" too (\(rename.key), line \(rename.line)); keep one", at: name.node)
            }
            guard !value.text.isEmpty else { throw document.fail("constants: \(target.name) has no value; give it one, or remove the line", at: name.node) }
            do {
                _ = try target.value(of: value.text, dateOrder: dateOrder)
            } catch {
                throw document.fail("constants: \(target.name) \"\(value.text)\" is not accepted (accepted: \(target.acceptedWords(dateOrder)))", at: value.node)
            }
            return Constant(column: target.name, text: value.text, line: MappingDocument.line(name.node))
        }
    }

    /// `cohort_lookup`, for a kind with cohort_id that no header or constant gives.
    static func cohortLookup(_ document: MappingDocument, kind: FileKind, renames: [Rename], constants: [Constant]) throws -> CohortLookup? {
        guard let (key, node) = document.entries["cohort_lookup"] else { return nil }
        guard kind.column(named: "cohort_id") != nil else {
            throw document.fail("cohort_lookup gives cohort_id, which \(kind.rawValue) files do not have (their columns: \(columnList(kind)))", at: key)
        }
        if let rename = renames.first(where: { $0.column == "cohort_id" }) {
            throw document.fail("cohort_lookup gives cohort_id, which the column \"\(rename.header)\" gives too (\(rename.key), line \(rename.line)); keep one", at: key)
        }
        if let constant = constants.first(where: { $0.column == "cohort_id" }) {
            throw document.fail("cohort_lookup gives cohort_id, which constants gives too (line \(constant.line)); keep one", at: key)
        }
        return try cohortLookup(node, line: MappingDocument.line(key), document)
    }

    /// `keep`: headers of unknown columns to keep, in a file about people.
    static func keep(_ document: MappingDocument, kind: FileKind) throws -> [Header] {
        guard let (key, node) = document.entries["keep"] else { return [] }
        guard kind.isAboutPeople else {
            throw document.fail("keep is for files about people; a \(kind.rawValue) file keeps every column the engine does not know in extra already", at: key)
        }
        return try list(node, "keep", document).map { item in
            guard !item.text.isEmpty else { throw document.fail("keep: a header is empty", at: item.node) }
            return Header(name: item.text, line: MappingDocument.line(item.node))
        }
    }

    /// The `key: value` pairs of a mapping node (none for a missing key or a null).
    static func pairs(_ entry: (key: Node, value: Node)?, _ key: String, _ document: MappingDocument) throws -> [(key: Scalar, value: Scalar)] {
        guard let (keyNode, node) = entry else { return [] }
        return try pairs(node, key, document, keyNode: keyNode)
    }

    static func pairs(_ node: Node, _ key: String, _ document: MappingDocument, keyNode: Node? = nil) throws -> [(key: Scalar, value: Scalar)] {
        if node.null != nil { return [] }
        guard case let .mapping(mapping) = node else {
            throw document.fail("\(key) must be a set of `name: value` lines", at: keyNode ?? node)
        }
        return try mapping.map { name, value in
            guard let text = MappingDocument.scalarText(name), !text.isEmpty else { throw document.fail("\(key): a name is empty", at: name) }
            guard let target = MappingDocument.scalarText(value) else {
                throw document.fail("\(key): \"\(text)\" must have a single value, not a list or a mapping", at: value)
            }
            return ((text, name), (target, value))
        }
    }

    /// The `column: {value: meaning}` sections of `values`.
    static func sections(_ entry: (key: Node, value: Node)?, _ key: String, _ document: MappingDocument) throws -> [(name: Scalar, mapping: Node)] {
        guard let (keyNode, node) = entry, node.null == nil else { return [] }
        guard case let .mapping(mapping) = node else {
            throw document.fail("\(key) must give, per contract column, the export's values and what each means (status: {Place confirmed: offered})", at: keyNode)
        }
        return try mapping.map { name, value in
            guard let text = MappingDocument.scalarText(name), !text.isEmpty else { throw document.fail("\(key): a column name is empty", at: name) }
            return ((text, name), value)
        }
    }

    /// The items of a list (a single value is a list of one).
    static func list(_ node: Node, _ key: String, _ document: MappingDocument) throws -> [Scalar] {
        if let text = MappingDocument.scalarText(node) { return text.isEmpty ? [] : [(text, node)] }
        guard case let .sequence(items) = node else { throw document.fail("\(key) must be a list, e.g. [A, B]", at: node) }
        return try items.map { item in
            guard let text = MappingDocument.scalarText(item) else { throw document.fail("\(key): each item must be a single value", at: item) }
            return (text, item)
        }
    }

    static func cohortLookup(_ node: Node, line: Int, _ document: MappingDocument) throws -> CohortLookup {
        let example = "cohort_lookup: {columns: [Programme, Academic Year], cohorts: [[Research Placement, \"2025\", IN2R-2025]]}"
        guard case let .mapping(mapping) = node else { throw document.fail("cohort_lookup must give columns and cohorts, e.g. \(example)", at: node) }
        var columns: [Scalar]?
        var rows: Node?
        for (key, value) in mapping {
            switch key.scalar?.string {
            case "columns": columns = try list(value, "cohort_lookup.columns", document)
            case "cohorts": rows = value
            default:
                throw document.fail("cohort_lookup: unknown key \"\(key.scalar?.string ?? "")\" (accepted: columns, cohorts)", at: key)
            }
        }
        guard let columns, !columns.isEmpty, columns.allSatisfy({ !$0.text.isEmpty }) else {
            throw document.fail("cohort_lookup: \"columns\" is missing; name the export's columns to look up, e.g. columns: [Programme, Academic Year]", at: node)
        }
        var seenColumns = Set<String>()
        for column in columns where !seenColumns.insert(ColumnMap.fold(column.text)).inserted {
            throw document.fail("cohort_lookup.columns: \"\(column.text)\" is named twice", at: column.node)
        }
        guard let rows, case let .sequence(lines) = rows, !lines.isEmpty else {
            throw document.fail("cohort_lookup: \"cohorts\" must list each combination with its cohort_id, e.g. - [Research Placement, \"2025\", IN2R-2025]", at: rows ?? node)
        }
        var entries: [CohortLookup.Entry] = []
        var seen: [String: Int] = [:]
        let shape = (columns.map(\.text) + ["cohort_id"]).joined(separator: ", ")
        for row in lines {
            let texts: [String]
            if case let .sequence(cells) = row { texts = cells.compactMap(MappingDocument.scalarText) } else { texts = [] }
            guard case let .sequence(cells) = row, cells.count == columns.count + 1, texts.count == cells.count else {
                throw document.fail("cohort_lookup.cohorts: each line is [\(shape)]: \(columns.count + 1) values", at: row)
            }
            guard let cohort = texts.last, !cohort.isEmpty else { throw document.fail("cohort_lookup.cohorts: the cohort_id is empty", at: row) }
            let values = Array(texts.dropLast())
            let key = CohortLookup.key(values)
            if let first = seen[key] {
                throw document.fail("cohort_lookup.cohorts: \(values.map { "\"\($0)\"" }.joined(separator: ", ")) is listed twice (also on line \(first)); keep one", at: row)
            }
            seen[key] = MappingDocument.line(row)
            entries.append(CohortLookup.Entry(values: values, cohort: cohort, line: MappingDocument.line(row)))
        }
        return CohortLookup(columns: columns.map(\.text), entries: entries, line: line)
    }

    static func skipRules(_ entry: (key: Node, value: Node)?, _ document: MappingDocument) throws -> [SkipRule] {
        guard let (key, node) = entry, node.null == nil else { return [] }
        let example = "- {column: Test record, values: [yes, true]}"
        guard case let .sequence(items) = node else { throw document.fail("skip_rows must be a list of rules, e.g. \(example)", at: key) }
        return try items.map { item in
            guard case let .mapping(mapping) = item else { throw document.fail("skip_rows: each rule is {column: NAME, values: [...]}, e.g. \(example)", at: item) }
            var column: String?
            var values: [Scalar]?
            for (ruleKey, value) in mapping {
                switch ruleKey.scalar?.string {
                case "column": column = MappingDocument.scalarText(value)
                case "values": values = try list(value, "skip_rows.values", document)
                default: throw document.fail("skip_rows: unknown key \"\(ruleKey.scalar?.string ?? "")\" (accepted: column, values)", at: ruleKey)
                }
            }
            guard let column, !column.isEmpty else { throw document.fail("skip_rows: a rule has no column; add column: NAME", at: item) }
            guard let values, !values.isEmpty else { throw document.fail("skip_rows: the rule on \"\(column)\" has no values; add values: [...]", at: item) }
            return SkipRule(column: column, values: values.map(\.text), line: MappingDocument.line(item))
        }
    }
}
