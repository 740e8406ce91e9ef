import Crypto
import Foundation
import GRDB
import ImpactStore

/// Imports the contract's CSV files (and wide survey exports through a mapping) into an
/// impact database: one transaction per file, rows that break a rule kept in
/// `rejected_rows`, every import logged in `imports`.
public final class Importer {
    /// The engine version recorded in `imports`.
    public static let engineVersion = ImpactVersion.current

    private let database: ImpactDatabase
    private let hasher: KeyedHasher
    private let progress: ImportProgress?

    /// The id key file created by this importer's imports (none existed), if one was.
    public var createdKeyFile: String? { hasher.createdKeyFile }

    /// An importer writing to `database`; `progress` draws a bar for long files.
    public init(database: ImpactDatabase, hasher: KeyedHasher = KeyedHasher(), progress: ImportProgress? = nil) {
        self.database = database
        self.hasher = hasher
        self.progress = progress
    }

    /// Imports one contract file as `kind`; `options` add a mapping's renames and the unknown
    /// columns to keep in a file about people.
    public func importFile(at path: String, as kind: FileKind, options: HeaderOptions = HeaderOptions()) throws -> ImportSummary {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, displayName: path)
        } catch let error as CSVError {
            throw IngestError.unreadable(error)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        return try run(path: path, kind: kind, size: size, reader: reader) { reader, sink in
            guard try reader.nextRecord() else {
                throw IngestError.header(file: path, line: 1, column: 1, message: "the file is empty; a header row naming the columns is required (\(kind.columns.filter(\.required).map(\.name).joined(separator: ", ")))")
            }
            let headers = reader.rawFields
            let map = try ColumnMap(headers: headers, kind: kind, file: path, line: reader.recordLine, options: options)
            try sink.begin(map)
            let header = RepeatedHeader(headers)
            while try reader.nextRecord() {
                if header.matches(reader) {
                    try sink.rejectRow(line: reader.recordLine, column: nil, reason: RepeatedHeader.reason, raw: reader.rawRecord)
                    continue
                }
                try sink.row(reader, line: reader.recordLine)
            }
        }
    }

    /// The text kept for a row the database refused: the bound values as CSV, except that an
    /// answer's integer keys are turned back into the contract's ids (participant_id, cohort_id,
    /// instrument_id, wave, item_id, value, responded_on, extra), so that the rejection reads
    /// like the file's row and `impact erase` finds it by participant_id.
    static func refusedRowText(_ values: [BindValue], target: TableTarget, db: Database) throws -> String {
        guard target.table == "answers", values.count >= 5, case let .integer(participant) = values[0],
              case let .integer(cohort) = values[1], case let .integer(item) = values[2],
              let ids = try Row.fetchOne(db, sql: try StoreResources.query("import/answer_ids"),
                                         arguments: ["participant": participant, "cohort": cohort, "item": item]) else {
            return values.map(RowSink.csvText).joined(separator: ",")
        }
        let named: [BindValue] = [(ids[0] as String?).map(BindValue.text) ?? values[0],
                                  (ids[1] as String?).map(BindValue.text) ?? values[1],
                                  (ids[2] as String?).map(BindValue.text) ?? .null]
        let itemID: [BindValue] = [(ids[3] as String?).map(BindValue.text) ?? values[2]]
        return (named + [values[3]] + itemID + values[4...]).map(RowSink.csvText).joined(separator: ",")
    }

    /// The shared frame of an import: transaction, `imports` row, counts and rejections.
    /// `body` reads the file and hands rows to the sink on a second thread, so parsing and
    /// checking run on one core while SQLite writes on the other.
    func run(path: String, kind: FileKind, size: Int, reader: CSVReader,
             body: @escaping (CSVReader, RowSink) throws -> Void) throws -> ImportSummary {
        var digest = SHA256()
        reader.onBytes = { digest.update(bufferPointer: $0) }
        let started = Self.timestamp()
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        progress?.start(file: path, size: size)
        defer { progress?.finish() }
        func transact(_ db: Database) throws -> ImportSummary {
            try db.execute(sql: try StoreResources.query("import/begin_import"), arguments: [
                "path": absolute, "kind": kind.rawValue, "sha256": String(repeating: "0", count: 64),
                "started": started, "version": Self.engineVersion,
            ])
            let importID = db.lastInsertedRowID
            // A new import of the same path supersedes the rejections of the earlier ones.
            try db.execute(sql: try StoreResources.query("import/supersede_rejections"), arguments: ["path": absolute, "import": importID])
            let target = TableTarget.for(kind)
            let before = try Int.fetchOne(db, sql: target.countSQL) ?? 0
            let channel = BatchChannel(capacity: 4)
            var lookups = try RowSink.loadLookups(db, for: kind)
            lookups.findNearMatches()
            if kind.isAboutPeople, !hasher.keyExists,
               try Bool.fetchOne(db, sql: try StoreResources.query("import/has_email_ids")) == true {
                lookups.keyRefusal = "no id key (IMPACT_ID_KEY is not set and \(hasher.keyFilePath) does not exist), but the database holds participant ids or e-mail keys made from e-mail addresses under one: a new key would make new people of them. Restore the key file from your backup, or set IMPACT_ID_KEY or IMPACT_KEY_FILE to it"
            }
            let sink = RowSink(kind: kind, file: path, hasher: hasher, reader: reader,
                               lookups: lookups, channel: channel)
            let work = Unchecked(ProducerWork(body: body, reader: reader, sink: sink))
            let producer = Thread {
                do {
                    try work.value.run()
                    channel.close(error: nil)
                } catch {
                    channel.close(error: error)
                }
            }
            producer.stackSize = 8 << 20
            producer.start()
            // Made with the first batch, which brings the columns the file leaves as they are.
            var writer: TableWriter?
            func tableWriter(keeping: Set<String>) throws -> TableWriter {
                if let writer { return writer }
                let made = try TableWriter(db: db, target: target, keeping: keeping)
                made.onRefusedRow = { line, values, message in
                    refused += 1
                    upkeep.refused(values)
                    try record(Rejection(line: line, column: nil, reason: "the database refused the row: \(message)"),
                               raw: try Self.refusedRowText(values, target: target, db: db))
                }
                writer = made
                return made
            }
            let rejectStatement = try db.makeStatement(sql: try StoreResources.query("import/reject_row"))
            let unreadStatement = try db.makeStatement(sql: try StoreResources.query("import/unread_cell"))
            let skipStatement = try db.makeStatement(sql: try StoreResources.query("import/skip_row"))
            var skipped: [SkippedRows] = []
            var unreadSample: [UnreadCell] = []
            var refused = 0
            var sample: [Rejection] = []
            func record(_ rejection: Rejection, raw: String) throws {
                if sample.count < 20 { sample.append(rejection) }
                try rejectStatement.execute(arguments: ["import": importID, "file": path, "line": rejection.line,
                                                        "column": rejection.column, "reason": rejection.reason, "raw": raw])
            }
            // The person-cohorts whose answers this file writes are scored as they are written (schema/006).
            let upkeep = try ScoreUpkeep(target: target, db: db)
            do {
                while let batch = try channel.next() {
                    for (rejection, raw) in batch.rejections { try record(rejection, raw: raw) }
                    for (line, rule) in batch.skipped {
                        try skipStatement.execute(arguments: ["import": importID, "file": path, "line": line, "rule": rule])
                        if let index = skipped.firstIndex(where: { $0.rule == rule }) {
                            skipped[index].note(line)
                        } else {
                            skipped.append(SkippedRows(rule: rule, line: line))
                        }
                    }
                    for cell in batch.unread {
                        if unreadSample.count < 20 { unreadSample.append(cell) }
                        try unreadStatement.execute(arguments: ["import": importID, "file": path, "line": cell.line, "column": cell.column,
                                                                "value": cell.value, "reason": cell.reason])
                    }
                    try tableWriter(keeping: batch.keeping ?? []).write(batch.values, lines: batch.lines)
                    try upkeep.note(batch.values)
                    progress?.update(bytes: batch.bytesRead)
                }
            } catch {
                channel.cancelAndWait()
                throw error
            }
            let changes = writer?.changes ?? 0
            try upkeep.finish(db, changes: changes)
            // The e-mail keys of the people written, and the id key's fingerprint at its first use (schema/007).
            try lookups.people.store(db, importID: importID)
            sample.sort { $0.line < $1.line }
            let rowsRead = sink.rowsRead
            let rejected = sink.rejected + refused
            let after = try Int.fetchOne(db, sql: target.countSQL) ?? 0
            let inserted = after - before
            let updated = changes - inserted
            let unchanged = rowsRead - rejected - changes
            let sha = hexText(digest.finalize())
            try db.execute(sql: try StoreResources.query("import/finish_import"), arguments: [
                "sha256": sha, "rows_read": rowsRead, "accepted": rowsRead - rejected, "inserted": inserted, "updated": updated,
                "unchanged": unchanged, "rejected": rejected, "finished": Self.timestamp(), "import": importID,
            ])
            var summary = ImportSummary(path: path, kind: kind, importID: importID, sha256: sha, rowsRead: rowsRead,
                                        inserted: inserted, updated: updated, unchanged: unchanged, rejected: rejected,
                                        sampleRejections: Array(sample.prefix(20)))
            summary.personalColumnsNotStored = sink.personalColumnsNotStored
            summary.columns = sink.columnFates
            summary.unreadCells = sink.unreadCount
            summary.sampleUnreadCells = unreadSample
            summary.skippedRows = skipped
            let fateStatement = try db.makeStatement(sql: try StoreResources.query("import/column_fate"))
            for fate in sink.columnFates {
                try fateStatement.execute(arguments: ["import": importID, "position": fate.position, "header": fate.header,
                                                      "fate": fate.fate.rawValue, "column": fate.column, "rule": fate.rule])
            }
            return summary
        }
        do {
            return try database.writer.writeWithoutTransaction { db in
                // Every reference a row makes is resolved by RowConverter against the parent
                // tables inside this very transaction, and a row whose parent is missing is
                // rejected with a reason. SQLite's own foreign-key probes would repeat that work
                // and force a statement journal on every multi-row insert: they are off for the
                // importer's writes alone, and on for every other connection (docs/performance.md).
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                var summary: ImportSummary?
                try db.inTransaction {
                    summary = try transact(db)
                    return .commit
                }
                guard let summary else { throw IngestError.database(file: path, message: "the import did not finish") }
                return summary
            }
        } catch let error as CSVError {
            throw IngestError.unreadable(error)
        } catch let error as DatabaseError {
            throw IngestError.database(file: path, message: "the database refused the file (\(error.message ?? "\(error.resultCode)")); nothing was imported")
        }
    }

    /// What `impact import --dry-run` lists for an import: the unread values by column and count,
    /// and the rejection reasons by count.
    public static func dryRunFindings(importID: Int64, in database: ImpactDatabase) throws
        -> (values: [(column: String, value: String, count: Int)], reasons: [(reason: String, count: Int)]) {
        try database.writer.read { db in
            let values = try Row.fetchAll(db, sql: try StoreResources.query("import/dry_run_values"), arguments: ["import": importID])
                .map { (column: $0["column_name"] as String, value: $0["value"] as String, count: $0["n"] as Int) }
            let reasons = try Row.fetchAll(db, sql: try StoreResources.query("import/dry_run_reasons"), arguments: ["import": importID])
                .map { (reason: $0["reason"] as String, count: $0["n"] as Int) }
            return (values, reasons)
        }
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}

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
            try converter?.convert(row, into: &batch.values)
        } catch let problem as RowProblem {
            batch.values.removeSubrange(mark...)
            return try reject(line: line, column: problem.column.map(columnName), reason: problem.reason, raw: raw())
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

    static func loadLookups(_ db: Database, for kind: FileKind) throws -> Lookups {
        var lookups = Lookups()
        if kind.isAboutPeople { lookups.people = try PersonDirectory(db, for: kind) }
        switch kind {
        case .cohorts:
            lookups.programmeIDs = Set(try String.fetchAll(db, sql: try StoreResources.query("import/programme_ids")))
        case .enrolments:
            lookups.participantIDs = Set(try String.fetchAll(db, sql: try StoreResources.query("import/participant_ids")))
            lookups.cohortIDs = Set(try String.fetchAll(db, sql: try StoreResources.query("import/cohort_ids")))
        case .outcomes:
            lookups.participantIDs = Set(try String.fetchAll(db, sql: try StoreResources.query("import/participant_ids")))
        case .responses:
            let people = try Row.fetchCursor(db, sql: try StoreResources.query("import/participant_keys"))
            while let row = try people.next() { lookups.participantKeys[row[0]] = row[1] }
            let cohorts = try Row.fetchCursor(db, sql: try StoreResources.query("import/cohort_keys"))
            while let row = try cohorts.next() { lookups.cohortKeys[row[0]] = row[1] }
            let items = try Row.fetchCursor(db, sql: try StoreResources.query("import/items"))
            while let row = try items.next() {
                lookups.items[row[0], default: [:]][row[1]] = ItemInfo(key: row[2], scaleMin: row[3], scaleMax: row[4])
            }
        case .participants:
            lookups.declinedIDs = Set(try String.fetchAll(db, sql: try StoreResources.query("import/declined_ids")))
        case .programmes, .surveyItems, .benchmarks:
            break
        }
        return lookups
    }
}

/// The header row of a file, to recognise it when it comes again further down (two exports
/// pasted together, the second with its byte-order mark): same fields, case, spaces and a
/// leading byte-order mark aside.
struct RepeatedHeader {
    /// Why a row that is the header again is rejected.
    static let reason = "the header again (two exports joined into one file?); nothing on this line was imported, remove it"

    private let names: [String]
    /// The first header name's bytes, ASCII lower case.
    private let first: [UInt8]

    private let firstIsASCII: Bool

    init(_ headers: [String]) {
        names = headers.map(Self.normalised)
        first = Array((names.first ?? "").utf8)
        firstIsASCII = first.allSatisfy { $0 < 0x80 }
    }

    /// Whether the reader's record is the header again. Rows are ruled out on the bytes of
    /// their first field (no allocation): only a first field equal to the header's first name,
    /// case and a byte-order mark aside, is compared in full.
    func matches(_ reader: CSVReader) -> Bool {
        guard reader.fieldCount == names.count, !first.isEmpty else { return false }
        let candidate = reader.withTrimmedBytes(0) { bytes -> Bool in
            var start = 0
            while start + 3 <= bytes.count, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF { start += 3 }
            // A first name with letters beyond ASCII lower-cases in ways bytes do not show:
            // compare in full any field of about its length.
            if !firstIsASCII { return abs(bytes.count - start - first.count) <= 8 }
            guard bytes.count - start == first.count else { return false }
            for offset in 0..<first.count {
                var byte = bytes[start + offset]
                if byte >= 65, byte <= 90 { byte += 32 }
                if byte != first[offset] { return false }
            }
            return true
        }
        guard candidate else { return false }
        return (0..<names.count).allSatisfy { Self.normalised(reader.field($0)) == names[$0] }
    }

    private static func normalised(_ text: String) -> String {
        var trimmed = Substring(text)
        while trimmed.first == "\u{FEFF}" { trimmed = trimmed.dropFirst() }
        return trimmed.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
