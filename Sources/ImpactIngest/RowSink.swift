import Crypto
import Foundation
import ImpactStore

/// What the reading thread runs: the file's reading loop, then the last batch.
final class ProducerWork {
    let body: (CSVReader, RowSink) throws -> Void
    let reader: CSVReader
    let sink: RowSink

    init(body: @escaping (CSVReader, RowSink) throws -> Void, reader: CSVReader, sink: RowSink) {
        self.body = body
        self.reader = reader
        self.sink = sink
    }

    func run() throws {
        try body(reader, sink)
        try sink.finish()
    }
}

/// Receives the rows of one file on the reading thread: converts each, and passes batches of
/// accepted rows and rejections to the writing thread through a ``BatchChannel``.
final class RowSink {
    let kind: FileKind
    private let file: String
    private let hasher: KeyedHasher
    private let reader: CSVReader
    /// The parent rows of the file's kind, as stored when the import began.
    let lookups: Lookups
    private let channel: BatchChannel
    @exclusivity(unchecked) private var converter: RowConverter?
    @exclusivity(unchecked) private var batch = RowBatch()
    private let width: Int
    @exclusivity(unchecked) private(set) var rowsRead = 0
    @exclusivity(unchecked) private(set) var rejected = 0
    /// Field positions of personal data in the current file (never copied into rejected rows):
    /// e-mail and name, and the columns `PersonalData` names; the postcode is cut to its district.
    private var personal: (removed: [Int], postcode: Int?) = ([], nil)
    /// In a file about people, the only fields a rejected row keeps: the contract columns the
    /// engine takes (but e-mail and name) and the columns kept by name. Nil in other files.
    private var allowedInRejections: Set<Int>?
    /// Width of the current file's header.
    private var headerWidth = 0
    /// The personal-data columns of the current file that are not stored.
    private(set) var personalColumnsNotStored: [String] = []
    /// What became of each column of the current file.
    private(set) var columnFates: [ColumnFate] = []
    /// Optional cells that could not be read, over the whole file.
    @exclusivity(unchecked) private(set) var unreadCount = 0
    private var rowsAreBuilt = false

    /// Rows per batch handed to the writer: a multiple of the writer's statement size.
    static let batchRows = 4096

    init(kind: FileKind, file: String, hasher: KeyedHasher, reader: CSVReader, lookups: Lookups, channel: BatchChannel) {
        self.kind = kind
        self.file = file
        self.hasher = hasher
        self.reader = reader
        self.lookups = lookups
        self.channel = channel
        width = TableTarget.for(kind).columns.count
        batch.values.reserveCapacity(Self.batchRows * width)
    }

    /// Starts the rows of a file whose header maps as `map`. `map` describes the reader's
    /// records unless `rowsAreBuilt` (a wide survey export, whose long rows are built in memory
    /// and whose rejections always bring their own redacted raw text).
    func begin(_ map: ColumnMap, rowsAreBuilt: Bool = false, fates: [ColumnFate] = [], readings: CellReadings = CellReadings()) throws {
        converter = RowConverter(kind: kind, map: map, lookups: lookups, hasher: hasher, readings: readings)
        let aboutPeople = kind.isAboutPeople
        let email = aboutPeople ? [map["email"]].compactMap { $0 } : []
        personal = rowsAreBuilt ? ([], nil) : (email + map.personal.map(\.index), aboutPeople ? map["postcode"] : nil)
        if aboutPeople, !rowsAreBuilt {
            let removed = Set(personal.removed)
            allowedInRejections = Set(map.index.values.filter { !removed.contains($0) }).union(map.unknown.map(\.index))
        } else {
            allowedInRejections = nil
        }
        headerWidth = map.width
        personalColumnsNotStored = rowsAreBuilt ? [] : map.personal.map(\.name)
        columnFates = rowsAreBuilt ? fates : map.fates
        self.rowsAreBuilt = rowsAreBuilt
        batch.keeping = rowsAreBuilt ? [] : TableTarget.for(kind).columnsKept(by: map)
    }

    /// A row rejected before conversion (e.g. a survey label the mapping lacks); it counts as read.
    /// Without `raw`, the reader's record is kept, redacted as any rejected row of the file.
    func rejectRow(line: Int, column: String?, reason: String, raw: String? = nil) throws {
        rowsRead += 1
        try reject(line: line, column: column, reason: reason, raw: raw)
    }

    /// A row a mapping's `skip_rows` leaves out (a test record): not a data row, so not read,
    /// but recorded in `skipped_rows` with the rule.
    func skipRow(line: Int, rule: String) throws {
        batch.skipped.append((line, rule))
        if batch.skipped.count >= 1024 { try send() }
    }

    /// One data row of the file. `columnName` turns the name of a column at fault into the
    /// file's own (a wide survey export's question column for `value`), for the rejection.
    func row<R: RowFields>(_ row: R, line: Int, raw: @autoclosure () -> String? = nil,
                           columnName: (String) -> String = { $0 }) throws {
        rowsRead += 1
        guard converter != nil else { return }
        if let csv = row.record {
            if let malformation = csv.malformation {
                return try reject(line: line, column: nil, reason: "bad quoting (\(malformation)); quote the whole field and double any quote inside it", raw: raw())
            }
            let expected = converter?.map.width ?? 0
            if csv.fieldCount != expected {
                // Trailing empty fields (a spreadsheet's extra commas) are harmless.
                let extraFilled = csv.fieldCount > expected && (expected..<csv.fieldCount).contains { !csv.isEmpty($0) }
                if csv.fieldCount < expected || extraFilled {
                    return try reject(line: line, column: nil, reason: "the row has \(csv.fieldCount) fields and the header has \(expected); check for a missing or extra comma, or an unquoted comma inside a value", raw: raw())
                }
            }
        }
        let mark = batch.values.count
        do {
            try converter?.convert(row, line: line, into: &batch.values)
        } catch let problem as RowProblem {
            batch.values.removeSubrange(mark...)
            return try reject(line: line, column: problem.column.map(columnName), reason: problem.reason, raw: raw())
        } catch let problem as DeclarationProblem {
            throw IngestError.declaration(file: file, line: line, column: problem.column, message: problem.message)
        }
        batch.lines.append(line)
        if let unread = converter?.unread, !unread.isEmpty {
            unreadCount += unread.count
            for var cell in unread {
                cell.line = line
                let name = columnName(cell.column)
                if name != cell.column { cell = UnreadCell(line: line, column: name, value: cell.value, reason: cell.reason) }
                batch.unread.append(cell)
            }
        }
        if batch.lines.count == Self.batchRows { try send() }
    }

    /// The scoring rules the current survey_items file gave its instruments; read once the
    /// reading thread is done (after the channel's last batch).
    var scoringDeclarations: ScoringDeclarations? { converter?.scoring }

    /// Hands over what is pending.
    func finish() throws {
        try send()
    }

    private func send() throws {
        guard !batch.lines.isEmpty || !batch.rejections.isEmpty || !batch.unread.isEmpty || !batch.skipped.isEmpty else { return }
        batch.bytesRead = reader.bytesRead
        try channel.push(batch)
        batch = RowBatch()
        batch.values.reserveCapacity(Self.batchRows * width)
    }

    private func reject(line: Int, column: String?, reason: String, raw: String?) throws {
        rejected += 1
        let prefix = column.map { "column \($0): " } ?? ""
        let kept = raw ?? (rowsAreBuilt ? "[not kept]" : redactedRecord())
        batch.rejections.append((Rejection(line: line, column: column, reason: prefix + reason), kept))
        if batch.rejections.count >= 1024 { try send() }
    }

    /// The raw record, with personal data removed and postcodes cut to their district. A row
    /// with more or fewer fields than the header (an unquoted comma in a name, say) has its
    /// fields shifted: the fields at the personal positions moved by the difference go too. Any
    /// field shaped like an e-mail address or a full UK postcode is removed or cut wherever it is.
    private func redactedRecord() -> String {
        var fields = reader.rawFields
        if let allowed = allowedInRejections { return whitelisted(&fields, allowed: allowed) }
        var changed = false
        // Fields beyond the header that are all empty are a spreadsheet's trailing commas, not
        // a shift; a row with too few fields keeps its first fields where they were (the id).
        var filled = fields.count
        while filled > headerWidth, fields[filled - 1].trimmingCharacters(in: [" ", "\t"]).isEmpty { filled -= 1 }
        let shift = personal.removed.isEmpty && personal.postcode == nil ? 0 : max(0, filled - headerWidth)
        func remove(_ index: Int) {
            guard index >= 0, index < fields.count, !fields[index].isEmpty, fields[index] != "[removed]" else { return }
            fields[index] = "[removed]"
            changed = true
        }
        for index in personal.removed {
            remove(index)
            if shift != 0 { remove(index + shift) }
        }
        if let index = personal.postcode {
            if shift != 0 { remove(index + shift) }
            if index < fields.count, !fields[index].isEmpty, fields[index] != "[removed]" {
                // In a shifted row the postcode's place may hold something else: cut only a postcode.
                if let district = Postcode.district(of: fields[index]) {
                    fields[index] = district
                } else if shift != 0 {
                    fields[index] = "[removed]"
                } else {
                    fields[index] = Postcode.redacted(fields[index])
                }
                changed = true
            }
        }
        for index in fields.indices where fields[index] != "[removed]" {
            let field = fields[index].trimmingCharacters(in: [" ", "\t"])
            if Self.looksLikeEmail(field) {
                fields[index] = "[removed]"
                changed = true
            } else if field.contains(" "), field.count >= 6, let district = Postcode.district(of: field), district.count < field.filter({ $0 != " " }).count {
                fields[index] = district
                changed = true
            }
        }
        return changed ? fields.map { Self.csvText(.text($0)) }.joined(separator: ",") : reader.rawRecord
    }

    /// A rejected row of a file about people as kept: only the fields of the allowed columns,
    /// each scrubbed of anything shaped like an e-mail or a full postcode; personal fields read
    /// `[removed]` and the others `[not kept]`. A row whose fields do not line up with the header
    /// keeps none (which field is which cannot be told).
    private func whitelisted(_ fields: inout [String], allowed: Set<Int>) -> String {
        var filled = fields.count
        while filled > headerWidth, fields[filled - 1].trimmingCharacters(in: [" ", "\t"]).isEmpty { filled -= 1 }
        guard filled == headerWidth else {
            return "[not kept: the row has \(fields.count) fields and the header \(headerWidth), so its fields cannot be told apart]"
        }
        let removed = Set(personal.removed)
        for index in 0..<min(fields.count, headerWidth) where !fields[index].isEmpty {
            if !allowed.contains(index) {
                fields[index] = removed.contains(index) ? "[removed]" : "[not kept]"
            } else if index == personal.postcode {
                fields[index] = Postcode.district(of: fields[index]) ?? Postcode.redacted(fields[index])
            } else {
                let field = fields[index].trimmingCharacters(in: [" ", "\t"])
                let scrubbed = Cells<ArrayRow>.scrubbed(field)
                if scrubbed != field { fields[index] = scrubbed }
            }
        }
        return fields.prefix(headerWidth).map { Self.csvText(.text($0)) }.joined(separator: ",")
    }

    /// Text shaped like an e-mail address: something, `@`, a domain with a dot.
    static func looksLikeEmail(_ text: String) -> Bool {
        guard !text.contains(" "), let at = text.firstIndex(of: "@"), at != text.startIndex else { return false }
        let domain = text[text.index(after: at)...]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }

    static func csvText(_ value: BindValue) -> String {
        switch value {
        case .null: return ""
        case let .integer(number): return String(number)
        case let .real(number): return String(number)
        case let .text(text):
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    static func loadLookups(_ session: any ImportSession, for kind: FileKind) throws -> Lookups {
        var lookups = Lookups()
        if kind.isAboutPeople { lookups.people = try PersonDirectory(session, for: kind) }
        switch kind {
        case .cohorts:
            lookups.programmeIDs = Set(try session.programmeIDs())
        case .enrolments:
            lookups.participantIDs = Set(try session.participantIDs())
            lookups.cohortIDs = Set(try session.cohortIDs())
        case .outcomes:
            lookups.participantIDs = Set(try session.participantIDs())
        case .responses:
            for (id, key) in try session.participantKeys() { lookups.participantKeys[id] = key }
            for (id, key) in try session.cohortKeys() { lookups.cohortKeys[id] = key }
            for item in try session.items() {
                lookups.items[item.instrument, default: [:]][item.item] = ItemInfo(key: item.key, scaleMin: item.scaleMin, scaleMax: item.scaleMax)
            }
        case .participants:
            lookups.declinedIDs = Set(try session.declinedIDs())
        case .surveyItems:
            for (instrument, rule) in try session.instrumentScoring() {
                lookups.instrumentScoring[instrument] = ScoringRule(rawValue: rule)
            }
        case .programmes, .benchmarks:
            break
        }
        return lookups
    }
}
