import Foundation

/// A first file mapping for a tool's export, written from its header and its values
/// (`impact mapping suggest KIND=FILE`): YAML that names every column the engine would take and
/// by which rule, comments out the columns it would not take and why, says what a required
/// column lacks, and lists the values of categorical columns it cannot read, for a person to
/// check and complete. It names only what the engine finds by itself: the rest is for the
/// person who knows the export.
public enum MappingSuggestion {
    /// Values listed per column, most frequent first.
    static let valuesShown = 12

    /// The suggested mapping for the export at `path` read as `kind`; `mappingPath` is where
    /// the mapping will be saved (`file` is written relative to it), beside the export if nil.
    public static func yaml(forExportAt path: String, as kind: FileKind, savedAt mappingPath: String? = nil) throws -> String {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, displayName: path)
            guard try reader.nextRecord() else {
                throw IngestError.header(file: path, line: 1, column: 1, message: "the file is empty; a header row naming the columns is required")
            }
        } catch let error as CSVError {
            throw IngestError.unreadable(error)
        }
        let headers = reader.rawFields.map(CSVReader.trimmingBlanks)
        let map = try ColumnMap(headers: reader.rawFields, kind: kind, file: path, line: reader.recordLine, checkingColumns: false)
        // Without a cohort column, a CRM export's programme and year columns can give one.
        var lookup: [Int] = []
        if kind.column(named: "cohort_id")?.required == true, map["cohort_id"] == nil {
            let free = map.fates.filter { $0.fate == .ignored || $0.fate == .kept }.map { $0.position - 1 }
            func named(_ words: Set<String>) -> Int? {
                free.first { Vocabulary.fold(headers[$0]).split(separator: " ").contains { words.contains(String($0)) } }
            }
            if let programme = named(["programme", "program", "course", "project"]), let year = named(["year", "intake", "term"]) {
                lookup = [programme, year]
            }
        }
        let survey: ValueSurvey
        do {
            survey = try ValueSurvey(reader, kind: kind, map: map, lookup: lookup)
        } catch let error as CSVError {
            throw IngestError.unreadable(error)
        }

        let exportName = (path as NSString).lastPathComponent
        var lines = [
            "# A first mapping for \(exportName) as \(kind.rawValue), written by `impact mapping suggest` from its",
            "# header and its \(survey.rows) row(s). Check every line and complete what is missing, then import it:",
            "#   impact import \(mappingPath ?? "MAPPING.yaml")",
            "# Every key is explained in docs/mappings.md.",
            "file: \(yamlText(relativePath(of: path, from: mappingPath)))",
            "kind: \(kind.rawValue)",
            "columns:",
        ]
        var entries: [(text: String, comment: String)] = []
        for fate in map.fates {
            let header = yamlText(fate.header)
            switch fate.fate {
            case .taken:
                entries.append(("  \(header): \(fate.column ?? "")", fate.rule))
            case .personal:
                entries.append(("  # \(header):", fate.rule))
            case .kept:
                entries.append(("  # \(header):", "not a contract column; kept in extra as written (name its contract column here if it has one)"))
            case .ignored:
                let keep = kind.isAboutPeople ? ", or list it under keep" : ""
                entries.append(("  # \(header):", fate.rule.replacingOccurrences(of: " (keep it with --keep)", with: "") + ": name its contract column here if it has one\(keep)"))
            }
        }
        lines += aligned(entries)

        let missing = kind.columns.filter { $0.required && map[$0.name] == nil }.map(\.name)
        for column in missing {
            lines += ["# No column gives \(column), which \(kind.rawValue) files require: name the column that holds it under",
                      "# columns, or give one value for every row:",
                      "# constants:", "#   \(column): VALUE"]
            guard column == "cohort_id" else { continue }
            lines += ["# or look it up from the programme and year columns of a CRM export:", "# cohort_lookup:"]
            if lookup.isEmpty {
                lines += ["#   columns: [Programme, Academic Year]", "#   cohorts:", "#     - [Programme name, \"2025\", COHORT-ID]"]
            } else {
                lines += ["#   columns: [\(lookup.map { yamlText(headers[$0]) }.joined(separator: ", "))]",
                          "#   cohorts:   # each pair in the export, with the cohort_id it stands for"]
                lines += survey.pairs.prefix(50).map { pair in "#     - [\(pair.map(yamlText).joined(separator: ", ")), COHORT-ID]" }
                if survey.pairs.count > 50 { lines.append("#     # … and \(survey.pairs.count - 50) more") }
            }
        }
        if kind.isAboutPeople, map["participant_id"] == nil, map["email"] == nil {
            lines += ["# No column gives the person: name the column of ids for participant_id (or of e-mail addresses",
                      "# for email) under columns, e.g. \"Contact ID\": participant_id"]
        }

        if !survey.unreadable.isEmpty {
            lines.append("values:")
            for column in kind.columns {
                guard let values = survey.unreadable[column.name] else { continue }
                let rows = values.reduce(0) { $0 + $1.count }
                let fate = column.role == .optional
                    ? "each is stored as unknown and listed in unread_cells; map it to one of: \(column.acceptedWords(.dayFirst)), or leave it empty for unknown"
                    : "each row with one is rejected, \(column.name) being required; map it to one of: \(column.acceptedWords(.dayFirst))"
                lines.append("  \(column.name):  # \(values.count) value(s) the engine does not read, in \(rows) row(s): \(fate)")
                let shown = values.prefix(valuesShown).map { ("    # \(yamlText($0.text)):", "\($0.count) row(s)") }
                lines += aligned(Array(shown))
                if values.count > valuesShown { lines.append("    # … and \(values.count - valuesShown) more") }
            }
        }

        let testColumn = headers.first { header in Vocabulary.fold(header).split(separator: " ").contains { $0 == "test" || $0 == "preview" } }
        lines += ["# skip_rows:   # rows to leave out, such as test records or survey previews",
                  "#   - {column: \(yamlText(testColumn ?? "Test record")), values: [yes, true]}"]
        if kind.isAboutPeople { lines.append("# keep: [Lead Source]   # columns the engine does not know, kept in extra") }
        switch survey.dateOrder {
        case .monthFirst?:
            lines.append("date_order: month_first   # dates such as \(survey.dateExample) are written month first")
        case .dayFirst?, nil:
            lines.append("# date_order: month_first   # for dates written month first, such as 07/25/2024 (the default is day_first)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `path` as a mapping saved at `mappingPath` names it: its file name beside it, else in full.
    static func relativePath(of path: String, from mappingPath: String?) -> String {
        func folder(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path }
        guard let mappingPath, folder(mappingPath) != folder(path) else { return (path as NSString).lastPathComponent }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Lines with their comments lined up.
    private static func aligned(_ entries: [(text: String, comment: String)]) -> [String] {
        let width = min(44, entries.map(\.text.count).max() ?? 0)
        return entries.map { entry in
            entry.text + String(repeating: " ", count: max(1, width - entry.text.count + 2)) + "# " + entry.comment
        }
    }

    /// YAML text for a key or value: plain when it reads back as the same text (it starts with a
    /// letter, so never reads as a number), else quoted.
    static func yamlText(_ text: String) -> String {
        let reserved: Set<String> = ["yes", "no", "y", "n", "true", "false", "on", "off", "null", "~"]
        let plain = text.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || " _-./()".contains($0)) }
            && text.last != " " && !reserved.contains(text.lowercased())
        if plain { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": quoted += "\\r"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 { quoted += String(format: "\\x%02X", scalar.value) } else { quoted.unicodeScalars.append(scalar) }
            }
        }
        return quoted + "\""
    }
}

/// One pass over an export's rows: the values of its categorical columns the engine cannot
/// read, and how its slash dates are written.
private struct ValueSurvey {
    /// Data rows read.
    private(set) var rows = 0
    /// Contract column → its unreadable values (spellings that fold alike counted as one), most frequent first.
    private(set) var unreadable: [String: [(text: String, count: Int)]] = [:]
    /// The distinct values of the lookup's columns, in the order they first come.
    private(set) var pairs: [[String]] = []
    /// The order the slash dates show, when they show one (a first or second number above 12), and one of them.
    private(set) var dateOrder: DateOrder?
    private(set) var dateExample = ""

    /// Distinct values tracked per column, at most.
    private static let tracked = 1000

    init(_ reader: CSVReader, kind: FileKind, map: ColumnMap, lookup: [Int]) throws {
        let categorical = kind.columns.compactMap { column -> ResolvedColumn? in
            guard let position = map[column.name] else { return nil }
            switch column.format {
            case .category, .boolean: return ResolvedColumn(column: column, position: position)
            default: return nil
            }
        }
        let dates = kind.columns.compactMap { column -> Int? in
            if case .date = column.format { return map[column.name] }
            return nil
        }
        var counts: [String: [String: (text: String, count: Int)]] = [:]
        var dayFirst = false, monthFirst = false
        var seenPairs = Set<String>()
        while try reader.nextRecord() {
            rows += 1
            if !lookup.isEmpty, seenPairs.count < Self.tracked {
                let pair = lookup.map { $0 < reader.fieldCount ? reader.field($0) : "" }
                if seenPairs.insert(FileMapping.CohortLookup.key(pair)).inserted { pairs.append(pair) }
            }
            let cells = Cells(row: reader)
            for column in categorical {
                var unread: [UnreadCell] = []
                let readable: Bool
                do {
                    _ = try cells.read(column, unread: &unread)
                    readable = unread.isEmpty
                } catch {
                    readable = false
                }
                guard !readable, let position = column.position, position < reader.fieldCount, !reader.isEmpty(position) else { continue }
                let text = Cells<CSVReader>.redacted(reader.field(position))
                let key = Vocabulary.fold(text)
                if let seen = counts[column.column.name]?[key] {
                    counts[column.column.name]?[key] = (seen.text, seen.count + 1)
                } else if counts[column.column.name, default: [:]].count < Self.tracked {
                    counts[column.column.name, default: [:]][key] = (text, 1)
                }
            }
            for position in dates where position < reader.fieldCount {
                let parts = reader.field(position).split(separator: " ").first?.split(separator: "/") ?? []
                guard parts.count == 3, let first = Int(parts[0]), let second = Int(parts[1]), parts[2].count == 4 else { continue }
                if first > 12, first <= 31 { dayFirst = true }
                if second > 12, second <= 31, !monthFirst {
                    monthFirst = true
                    dateExample = reader.field(position)
                }
            }
        }
        unreadable = counts.mapValues { values in
            values.values.sorted { ($0.count, $1.text) > ($1.count, $0.text) }
        }
        dateOrder = monthFirst && !dayFirst ? .monthFirst : dayFirst ? .dayFirst : nil
    }
}
