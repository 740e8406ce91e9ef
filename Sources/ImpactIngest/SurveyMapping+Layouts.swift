import Foundation

/// The header rows of a survey export, read as its layout says: where the data starts, and
/// the names each column answers to.
///
/// A name is looked up in tiers, the first tier with a match winning: Qualtrics column id,
/// then ImportId, then question text; SurveyMonkey `question - label` (or a one-column
/// question's own text), then the row-2 label, then the carried question text; Google Forms
/// full header, then a grid column's `[Row]`; plain header. Two columns matching in the
/// winning tier make the name ambiguous.
struct SurveyHeader {
    /// Number of fields in the header.
    let width: Int
    /// Whether the reader already holds the first data row (a Qualtrics export without an
    /// ImportId row, whose data starts on row 3).
    let holdsFirstDataRow: Bool
    /// Each field's main name as written, for messages.
    let displayNames: [String]
    /// The first header row described without its content, for a message about an export that
    /// is not recognised.
    let firstRowShape: LineShape
    private let layout: SurveyMapping.Layout
    private let exportName: String
    private let mappingPath: String
    /// Normalised name → the fields it names, with the tier of each.
    private let aliases: [String: [(tier: Int, index: Int)]]

    /// Reads the header rows of `layout` from `reader` (positioned before the first record).
    init(reading reader: CSVReader, layout: SurveyMapping.Layout, mappingPath: String) throws {
        self.layout = layout
        self.mappingPath = mappingPath
        exportName = reader.fileName
        guard try reader.nextRecord() else {
            throw IngestError.header(file: reader.fileName, line: 1, column: 1,
                                     message: "the file is empty; \(layout.headerHelp)")
        }
        let first = reader.rawFields.map(Self.clean)
        firstRowShape = LineShape(reader.rawFields)
        var second: [String] = []
        var importIDs: [String] = []
        var holds = false
        switch layout {
        case .plain, .googleForms:
            break
        case .surveymonkey:
            guard first.contains(where: { SurveyMapping.normalized($0) == "respondent id" }) else {
                throw IngestError.mapping(file: mappingPath, message: "\(reader.fileName) does not look like a SurveyMonkey export: its first row has no Respondent ID column; check `layout` (\(layout.headerHelp))")
            }
            guard try reader.nextRecord() else {
                throw IngestError.header(file: reader.fileName, line: 2, column: 1,
                                         message: "the second header row of the SurveyMonkey export (answer labels, \"Response\") is missing; export again with all header rows")
            }
            second = reader.rawFields.map(Self.clean)
            // Row 2 holds answer labels ("Response"), empty under Respondent ID; a number there is
            // a respondent, so a header row was lost (a spreadsheet deleted it).
            // (A spreadsheet may have written the id as 1.14112E+11.)
            if let column = first.firstIndex(where: { SurveyMapping.normalized($0) == "respondent id" }), column < second.count,
               !second[column].isEmpty, Double(second[column]) != nil {
                throw IngestError.header(file: reader.fileName, line: 2, column: column + 1,
                                         message: "row 2 is a respondent (Respondent ID \(second[column])), not the SurveyMonkey export's second header row of answer labels; the export has lost a header row: export it again with all header rows, or use layout: plain for a file with one header row")
            }
        case .qualtrics:
            guard try reader.nextRecord() else {
                throw IngestError.header(file: reader.fileName, line: 2, column: 1,
                                         message: "the second header row of the Qualtrics export (question texts) is missing; export again with all header rows")
            }
            second = reader.rawFields.map(Self.clean)
            // Row 2 holds question texts ("Response ID", "Start Date"); a response id (R_…) or a
            // timestamp there is a respondent, so header rows were lost.
            if let line2 = Self.respondentInQualtricsRow2(first: first, second: second) {
                throw IngestError.header(file: reader.fileName, line: 2, column: line2.column,
                                         message: "row 2 is a respondent (\(line2.value)), not the Qualtrics export's question texts; the export has lost header rows (a spreadsheet deletes them easily): export it again with all header rows, or use layout: plain for a file with one header row")
            }
            let hasThird = try reader.nextRecord()
            if hasThird, let ids = Self.importIDs(reader.rawFields) {
                importIDs = ids
            } else {
                // Legacy exports have two header rows: the reader holds the first respondent, if any.
                holds = hasThird
                let markers: Set<String> = ["responseid", "response id", "v1"]
                guard (first + second).contains(where: { markers.contains(SurveyMapping.normalized($0)) }) else {
                    throw IngestError.mapping(file: mappingPath, message: "\(reader.fileName) does not look like a Qualtrics export: it has no ImportId row ({\"ImportId\":…} on row 3) and no ResponseId column; check `layout` (\(layout.headerHelp))")
                }
            }
        }
        holdsFirstDataRow = holds
        width = max(first.count, second.count)

        var aliases: [String: [(tier: Int, index: Int)]] = [:]
        func add(_ name: String, tier: Int, _ index: Int) {
            let key = SurveyMapping.normalized(name)
            if !key.isEmpty { aliases[key, default: []].append((tier, index)) }
        }
        var display: [String] = []
        var question = ""
        for index in 0..<width {
            let top = index < first.count ? first[index] : ""
            let label = index < second.count ? second[index] : ""
            switch layout {
            case .plain:
                add(top, tier: 1, index)
                display.append(top)
            case .googleForms:
                add(top, tier: 1, index)
                if top.hasSuffix("]"), let open = top.lastIndex(of: "["), open > top.startIndex {
                    add(String(top[top.index(after: open)..<top.index(before: top.endIndex)]), tier: 2, index)
                }
                display.append(top)
            case .qualtrics:
                add(top, tier: 1, index)
                if index < importIDs.count { add(importIDs[index], tier: 2, index) }
                add(label, tier: 3, index)
                display.append(top)
            case .surveymonkey:
                // A question's text stands over its first column only: carry it right.
                if !top.isEmpty { question = top }
                if label.isEmpty {
                    add(question, tier: top.isEmpty ? 3 : 1, index)
                    display.append(question)
                } else {
                    let combined = question.isEmpty ? label : question + " - " + label
                    add(combined, tier: 1, index)
                    add(label, tier: 2, index)
                    add(question, tier: 3, index)
                    display.append(combined)
                }
            }
        }
        displayNames = display
        self.aliases = aliases
    }

    /// Whether `name` names a field of the export, in any tier.
    func names(_ name: String) -> Bool { aliases[SurveyMapping.normalized(name)] != nil }

    /// The field that `name` (from the mapping key `key`) names; throws a mapping error saying
    /// which names the export has when there is none, or several.
    func index(of name: String, for key: String) throws -> Int {
        let matches = aliases[SurveyMapping.normalized(name)] ?? []
        if let best = matches.map(\.tier).min() {
            let fields = matches.filter { $0.tier == best }.map(\.index)
            if fields.count == 1 { return fields[0] }
            let list = fields.map { "field \($0 + 1) \"\(displayNames[$0])\"" }.joined(separator: ", ")
            throw IngestError.mapping(file: mappingPath, message: "\(key): column \"\(name)\" matches \(fields.count) columns of \(exportName) (\(list)); name the one you mean exactly: \(layout.namingHelp)")
        }
        let named = displayNames.filter { !$0.isEmpty }
        var list = named.prefix(40).map { "\"\($0)\"" }.joined(separator: ", ")
        if named.count > 40 { list += ", … and \(named.count - 40) more" }
        throw IngestError.mapping(file: mappingPath, message: "\(key): column \"\(name)\" is not in \(exportName) (its columns: \(list)); check the spelling, or copy the name from the export (\(layout.namingHelp))")
    }

    /// Header text on one line: trimmed, inner white space (line breaks too) as one space.
    private static func clean(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Where row 2 of a Qualtrics export shows a respondent instead of question texts: a response
    /// id (`R_…`) under ResponseId, or a timestamp under StartDate or EndDate.
    static func respondentInQualtricsRow2(first: [String], second: [String]) -> (column: Int, value: String)? {
        for (index, name) in first.enumerated() where index < second.count {
            let value = second[index]
            switch SurveyMapping.normalized(name) {
            case "responseid" where value.hasPrefix("R_") && !value.contains(" "):
                return (index + 1, value)
            case "startdate", "enddate", "recordeddate":
                if SurveyDate.isoDate(value, order: .dayFirst) != nil || SurveyDate.isoDate(value, order: .monthFirst) != nil {
                    return (index + 1, value)
                }
            default:
                continue
            }
        }
        return nil
    }

    /// The ImportIds of a Qualtrics row 3 (`{"ImportId":"QID1_1"}` per field), or nil if the
    /// row is not that row.
    static func importIDs(_ fields: [String]) -> [String]? {
        var ids: [String] = []
        var found = false
        for field in fields {
            let text = field.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty {
                ids.append("")
                continue
            }
            guard text.hasPrefix("{"),
                  let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
            let id = object["ImportId"] as? String ?? ""
            found = found || !id.isEmpty
            ids.append(id)
        }
        return found ? ids : nil
    }
}

extension SurveyMapping.Layout {
    /// What the export's header rows look like, for messages.
    var headerHelp: String {
        switch self {
        case .qualtrics: return "a Qualtrics CSV export starts with three header rows: column ids (StartDate, …, Q1_1), question texts, and ImportIds"
        case .surveymonkey: return "a SurveyMonkey CSV export starts with two header rows: questions (Respondent ID, …), then answer labels or \"Response\""
        case .googleForms: return "a Google Forms CSV export starts with one header row (Timestamp, …, Question [Row])"
        case .plain: return "a plain export starts with one header row naming the columns"
        }
    }

    /// How a mapping may name a column of this layout, for messages.
    var namingHelp: String {
        switch self {
        case .qualtrics: return "name a column by its id on the first header row (e.g. Q1_1), its ImportId (e.g. QID1_1) or its question text"
        case .surveymonkey: return "name a column by its label on the second header row, by its question when the question has one column, or as \"question - label\""
        case .googleForms: return "name a column by its whole header, or a grid column by its row, the text in brackets"
        case .plain: return "name a column by its header"
        }
    }
}

/// A mapping applied to one export's header: the field of every column it reads, and the
/// long responses rows that each respondent's row gives.
struct SurveyRowPlan {
    /// A value fixed by the mapping, or the field it is read from.
    private enum Value {
        case fixed(String)
        case field(Int)
    }

    private struct PlannedItem {
        let id: String
        let column: String
        let field: Int
        let labels: SurveyMapping.Labels
        /// Whether `labels` are the item's own (else the mapping's global ones).
        let usesOwnLabels: Bool
    }

    /// The header of the long rows handed to ``RowSink``, padded to the export's width so that
    /// the sink's check of a respondent row's field count compares it with the export's header.
    let columnMap: ColumnMap
    /// What became of every column of the export (recorded in `import_columns`).
    let fates: [ColumnFate]
    private let mapping: SurveyMapping
    private let width: Int
    private let participant: Int
    private let cohort: Value
    private let wave: Value
    private let date: Int?
    private let items: [PlannedItem]

    init(mapping: SurveyMapping, header: SurveyHeader) throws {
        self.mapping = mapping
        width = header.width
        // An export none of whose columns the mapping names is not quoted: `file` may name
        // something that is not the export at all (docs/privacy.md).
        guard mapping.columnNames.contains(where: header.names) else {
            throw IngestError.mapping(file: mapping.path, message: "\(mapping.exportPath) is not the export this mapping reads: none of the columns it names is in its header rows. Its first row (\(header.firstRowShape)) is not shown, since a file that is not what it should be may hold anything; check that `file` names the export, and `layout` (\(mapping.layout.headerHelp))")
        }
        participant = try header.index(of: mapping.participantColumn, for: mapping.participantIsEmail ? "email_column" : "id_column")
        func value(_ source: SurveyMapping.Source, _ key: String) throws -> Value {
            switch source {
            case let .fixed(text): return .fixed(text)
            case let .column(name): return .field(try header.index(of: name, for: key))
            }
        }
        cohort = try value(mapping.cohort, "cohort_column")
        wave = try value(mapping.wave, "wave_column")
        date = try mapping.dateColumn.map { try header.index(of: $0, for: "date_column") }
        var items: [PlannedItem] = []
        var byField: [Int: String] = [:]
        for item in mapping.items {
            let field = try header.index(of: item.column, for: "items.\(item.id)")
            if let other = byField[field] {
                throw IngestError.mapping(file: mapping.path, message: "items \(other) and \(item.id) both name field \(field + 1) (\"\(header.displayNames[field])\"); each item needs its own column")
            }
            byField[field] = item.id
            items.append(PlannedItem(id: item.id, column: item.column, field: field, labels: item.labels ?? mapping.labels,
                                     usesOwnLabels: item.labels != nil))
        }
        self.items = items
        var names = [mapping.participantIsEmail ? "email" : "participant_id", "cohort_id", "instrument_id", "wave", "item_id", "value"]
        if date != nil { names.append("responded_on") }
        names += Array(repeating: "", count: max(0, width - names.count))
        columnMap = try ColumnMap(headers: names, kind: .responses, file: mapping.exportPath, line: 1)
        fates = Self.fates(header: header, mapping: mapping, participant: participant, cohort: cohort, wave: wave, date: date, items: items)
    }

    /// What became of every column of the export: the id (or e-mail), cohort, wave and date
    /// columns and each item's column taken; the others (the tool's own columns, free text,
    /// questions the mapping does not name) personal data or not stored, as in any file about people.
    private static func fates(header: SurveyHeader, mapping: SurveyMapping, participant: Int, cohort: Value, wave: Value,
                              date: Int?, items: [PlannedItem]) -> [ColumnFate] {
        var taken: [Int: (column: String, rule: String)] = [:]
        taken[participant] = mapping.participantIsEmail
            ? ("email", "email_column of the mapping; only its keyed hash is used, the address is never stored")
            : ("participant_id", "id_column of the mapping")
        if case let .field(index) = cohort { taken[index] = ("cohort_id", "cohort_column of the mapping") }
        if case let .field(index) = wave { taken[index] = ("wave", "wave_column of the mapping") }
        if let date { taken[date] = ("responded_on", "date_column of the mapping") }
        for item in items { taken[item.field] = ("value", "the answers to item \(item.id) of \(mapping.instrument)") }
        return header.displayNames.enumerated().map { index, name in
            let shown = name.isEmpty ? "column_\(index + 1)" : name
            if let (column, rule) = taken[index] {
                return ColumnFate(position: index + 1, header: shown, fate: .taken, column: column, rule: rule)
            }
            if !name.isEmpty, let reason = PersonalData.reason(forHeader: name, in: .responses) {
                return ColumnFate(position: index + 1, header: shown, fate: .personal, column: nil, rule: "personal data: \(reason); never stored")
            }
            return ColumnFate(position: index + 1, header: shown, fate: .ignored, column: nil,
                              rule: "not named by the mapping; not stored")
        }
    }

    /// Refuses a mapping whose fixed cohort, instrument or items are not stored, or whose labels
    /// stand for numbers outside an item's scale (a 0–4 coding for a 1–5 scale would store every
    /// answer shifted): each would otherwise reject or, worse, mis-store every answer.
    func check(against lookups: Lookups) throws {
        func fail(_ message: String) -> IngestError { .mapping(file: mapping.path, message: message) }
        if case let .fixed(cohortID) = cohort, lookups.cohortKeys[cohortID] == nil {
            throw fail("cohort \"\(cohortID)\" is not in cohorts; import cohorts.csv with it first, or correct `cohort`")
        }
        guard let stored = lookups.items[mapping.instrument] else {
            let known = lookups.items.keys.sorted().joined(separator: ", ")
            throw fail("instrument \"\(mapping.instrument)\" is not in survey_items (\(known.isEmpty ? "none is stored yet: import survey_items.csv first" : "instruments: \(known)"))")
        }
        var globalScales: [(item: String, scale: ClosedRange<Int64>)] = []
        for item in items {
            guard let info = stored[item.id] else {
                throw fail("item \"\(item.id)\" is not an item of \(mapping.instrument) in survey_items (items: \(stored.keys.sorted().joined(separator: ", ")))")
            }
            let scale = info.scaleMin...info.scaleMax
            if item.usesOwnLabels {
                // An item's own labels are its scale: each must fit it.
                for (name, value) in item.labels.pairs where !scale.contains(value) {
                    throw fail("label \"\(name)\" of item \(item.id) stands for \(value), outside its scale \(info.scaleMin)–\(info.scaleMax); correct the numbers of its `labels`")
                }
            } else {
                globalScales.append((item.id, scale))
            }
        }
        // The global labels serve items of several scales (and items answered with numbers): a
        // label must fit at least one of them; one that fits none is a coding slip.
        if !globalScales.isEmpty {
            for (name, value) in mapping.labels.pairs where !globalScales.contains(where: { $0.scale.contains(value) }) {
                let scales = Set(globalScales.map { "\($0.scale.lowerBound)–\($0.scale.upperBound)" }).sorted().joined(separator: ", ")
                throw fail("label \"\(name)\" stands for \(value), outside the scale of every item that uses the global `labels` (\(scales)); correct the numbers of `labels`")
            }
        }
    }

    /// Hands the answers of the respondent row the reader holds to `sink`, one long row each
    /// (empty cells are no answer); a row whose fields do not fit the header is rejected whole.
    func emit(_ reader: CSVReader, to sink: RowSink) throws {
        let line = reader.recordLine
        func cell(_ index: Int) -> String { index < reader.fieldCount ? reader.field(index) : "" }
        let id = cell(participant)
        // An address (also `Name <address>`) where an id belongs, unless the database keys people
        // by such ids (then it is one).
        let idIsEmail = !mapping.participantIsEmail && sink.lookups.participantKeys[id] == nil
            && id.split(whereSeparator: { $0 == " " || $0 == "\t" }).contains { RowSink.looksLikeEmail($0.trimmingCharacters(in: ["<", ">", "\"", "'", "(", ")"])) }
        let shownID = (mapping.participantIsEmail || idIsEmail) && !id.isEmpty ? "[removed]" : id
        if idIsEmail {
            return try sink.rejectRow(line: line, column: mapping.participantColumn,
                                      reason: "the id column holds an e-mail address; name that column `email_column` in the mapping (ids are then derived from the address, which is not stored)",
                                      raw: "id=\(shownID), fields=\(reader.fieldCount)")
        }

        let extraFilled = reader.fieldCount > width && (width..<reader.fieldCount).contains { !reader.isEmpty($0) }
        if let malformation = reader.malformation {
            return try sink.rejectRow(line: line, column: nil, reason: "bad quoting (\(malformation)); quote the whole field and double any quote inside it",
                                      raw: "id=\(shownID), fields=\(reader.fieldCount)")
        }
        if reader.fieldCount < width || extraFilled {
            return try sink.rejectRow(line: line, column: nil, reason: "the row has \(reader.fieldCount) fields and the header has \(width); check for a missing or extra comma, or an unquoted comma inside a value",
                                      raw: "id=\(shownID), fields=\(reader.fieldCount)")
        }

        func resolve(_ value: Value) -> String {
            switch value {
            case let .fixed(text): return text
            case let .field(index): return cell(index)
            }
        }
        let cohortID = resolve(cohort)
        var waveText = resolve(wave)
        if case .field = wave, let mapped = mapping.waveValues[SurveyMapping.normalized(waveText)] { waveText = mapped }
        let respondedOn = date.map { field -> String in
            let text = cell(field)
            return text.isEmpty ? "" : SurveyDate.isoDate(text, order: mapping.dateOrder) ?? text
        }

        for item in items {
            let answer = cell(item.field)
            if answer.isEmpty { continue }
            var value = answer
            if let number = item.labels.value(of: answer) {
                value = String(number)
            } else if ({ var text = answer; return text.withUTF8(FieldParsing.integer) })() == nil {
                let accepted = item.labels.names.isEmpty
                    ? "the mapping has no labels for it: only whole numbers are accepted"
                    : "accepted: \(item.labels.names.joined(separator: ", ")), or a whole number"
                try sink.rejectRow(line: line, column: item.column,
                                   reason: "\"\(answer)\" is not a label of the mapping (\(accepted))",
                                   raw: Self.raw(id: shownID, column: item.column, answer: answer))
                continue
            }
            var fields = [id, cohortID, mapping.instrument, waveText, item.id, value]
            if let respondedOn { fields.append(respondedOn) }
            // A rejection names the export's column at fault, not the long row's.
            try sink.row(ArrayRow(values: fields), line: line,
                         raw: Self.raw(id: shownID, column: item.column, answer: answer),
                         columnName: { exportColumn(for: $0, item: item) })
        }
    }

    /// The export's column behind a column of the long row (`value` is the item's question).
    private func exportColumn(for name: String, item: PlannedItem) -> String {
        func source(_ value: SurveyMapping.Source) -> String {
            if case let .column(column) = value { return column }
            return name
        }
        switch name {
        case "value": return item.column
        case "responded_on": return mapping.dateColumn ?? name
        case "participant_id", "email": return mapping.participantColumn
        case "cohort_id": return source(mapping.cohort)
        case "wave": return source(mapping.wave)
        default: return name
        }
    }

    /// The text kept in rejected_rows for one answer: no e-mail address, no name, no other cell.
    private static func raw(id: String, column: String, answer: String) -> String {
        "id=\(id), column=\(RowSink.csvText(.text(column))), answer=\(RowSink.csvText(.text(answer)))"
    }
}

/// The date part of the timestamps survey tools export, as ISO `YYYY-MM-DD`:
/// `2024-07-01 10:15:32`, `2024-07-01T10:15:32Z`, Google Forms' `2024/07/01 10:15:32 AM GMT+1`,
/// `01/07/2024 10:15:32` (day first, or month first as `order` says), `1/7/2024`.
enum SurveyDate {
    /// The ISO date of `text`, or nil when it is not a date in one of these forms.
    static func isoDate(_ text: String, order: SurveyMapping.DateOrder) -> String? {
        var date = Substring(text.trimmingCharacters(in: .whitespaces))
        if let space = date.firstIndex(of: " ") { date = date[..<space] }
        if let t = date.firstIndex(of: "T"), date.distance(from: date.startIndex, to: t) == 10 { date = date[..<t] }
        guard let separator = date.first(where: { !$0.isASCII || !$0.isNumber }), "-/.".contains(separator) else { return nil }
        let parts = date.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { return nil }
        let year: Int, month: Int, day: Int
        if parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2 {
            (year, month, day) = (a, b, c)
        } else if parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2 {
            year = c
            (day, month) = order == .dayFirst ? (a, b) : (b, a)
        } else {
            return nil
        }
        guard FieldParsing.isValidDate(year: year, month: month, day: day) else { return nil }
        return FieldParsing.isoDate(year: year, month: month, day: day)
    }
}
