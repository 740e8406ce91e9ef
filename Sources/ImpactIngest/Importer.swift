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

    /// An importer writing to `database`; `progress` draws a bar for long files.
    public init(database: ImpactDatabase, hasher: KeyedHasher = KeyedHasher(), progress: ImportProgress? = nil) {
        self.database = database
        self.hasher = hasher
        self.progress = progress
    }

    /// Imports one contract file as `kind`.
    public func importFile(at path: String, as kind: FileKind) throws -> ImportSummary {
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
            let map = try ColumnMap(headers: reader.rawFields, kind: kind, file: path, line: reader.recordLine)
            try sink.begin(map)
            while try reader.nextRecord() {
                try sink.row(reader, line: reader.recordLine)
            }
        }
    }

    /// The shared frame of an import: transaction, `imports` row, counts and rejections.
    func run(path: String, kind: FileKind, size: Int, reader: CSVReader,
             body: (CSVReader, RowSink) throws -> Void) throws -> ImportSummary {
        var digest = SHA256()
        reader.onBytes = { digest.update(bufferPointer: $0) }
        let started = Self.timestamp()
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        progress?.start(file: path, size: size)
        defer { progress?.finish() }
        do {
            return try database.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO imports (path, file_kind, sha256, rows_read, accepted, inserted, updated, unchanged, rejected, started_at, finished_at, engine_version)
                    VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0, ?, ?, ?)
                    """, arguments: [absolute, kind.rawValue, String(repeating: "0", count: 64), started, started, Self.engineVersion])
                let importID = db.lastInsertedRowID
                // A new import of the same path supersedes the rejections of the earlier ones.
                try db.execute(sql: "DELETE FROM rejected_rows WHERE import_id IN (SELECT import_id FROM imports WHERE path = ? AND import_id <> ?)",
                               arguments: [absolute, importID])
                let target = TableTarget.for(kind)
                let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(target.table)") ?? 0
                let sink = try RowSink(db: db, kind: kind, importID: importID, file: path, hasher: hasher,
                                       reader: reader, progress: progress)
                try body(reader, sink)
                try sink.finish()
                let after = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(target.table)") ?? 0
                let inserted = after - before
                let updated = sink.changes - inserted
                let unchanged = sink.rowsRead - sink.rejected - sink.changes
                let sha = digest.finalize().map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
                try db.execute(sql: """
                    UPDATE imports SET sha256 = ?, rows_read = ?, accepted = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ?, finished_at = ?
                    WHERE import_id = ?
                    """, arguments: [sha, sink.rowsRead, sink.rowsRead - sink.rejected, inserted, updated, unchanged, sink.rejected, Self.timestamp(), importID])
                return ImportSummary(path: path, kind: kind, importID: importID, sha256: sha, rowsRead: sink.rowsRead,
                                     inserted: inserted, updated: updated, unchanged: unchanged, rejected: sink.rejected,
                                     sampleRejections: sink.sample)
            }
        } catch let error as CSVError {
            throw IngestError.unreadable(error)
        } catch let error as DatabaseError {
            throw IngestError.database(file: path, message: "the database refused the file (\(error.message ?? "\(error.resultCode)")); nothing was imported")
        }
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}

/// Receives the rows of one file: converts, writes or rejects each.
final class RowSink {
    let kind: FileKind
    private let db: Database
    private let importID: Int64
    private let file: String
    private let hasher: KeyedHasher
    private let reader: CSVReader
    private let progress: ImportProgress?
    private var converter: RowConverter?
    private var writer: TableWriter?
    private var values: [BindValue] = []
    private let rejectStatement: Statement
    private(set) var rowsRead = 0
    private(set) var rejected = 0
    private(set) var sample: [Rejection] = []
    /// Field positions of personal data in the current file (never copied into rejected rows).
    private var personal: (email: Int?, name: Int?, postcode: Int?) = (nil, nil, nil)

    var changes: Int { writer?.changes ?? 0 }

    init(db: Database, kind: FileKind, importID: Int64, file: String, hasher: KeyedHasher,
         reader: CSVReader, progress: ImportProgress?) throws {
        self.db = db
        self.kind = kind
        self.importID = importID
        self.file = file
        self.hasher = hasher
        self.reader = reader
        self.progress = progress
        rejectStatement = try db.makeStatement(sql: "INSERT INTO rejected_rows (import_id, file, line, column_name, reason, raw) VALUES (?, ?, ?, ?, ?, ?)")
    }

    /// Starts the rows of a file whose header maps as `map`.
    func begin(_ map: ColumnMap) throws {
        let lookups = try Self.loadLookups(db, for: kind)
        converter = RowConverter(kind: kind, map: map, lookups: lookups, hasher: hasher)
        let target = TableTarget.for(kind)
        let writer = try TableWriter(db: db, target: target)
        writer.onRefusedRow = { [unowned self] line, values, message in
            rejected += 1
            try record(Rejection(line: line, column: nil, reason: "the database refused the row: \(message)"),
                       raw: values.map(Self.csvText).joined(separator: ","))
        }
        self.writer = writer
        personal = (map["email"], map["name"], map["postcode"])
        values.reserveCapacity(target.columns.count)
    }

    /// One data row of the file.
    func row<R: RowFields>(_ row: R, line: Int, raw: @autoclosure () -> String? = nil) throws {
        rowsRead += 1
        if rowsRead & 4095 == 0 { progress?.update(bytes: reader.bytesRead) }
        guard let converter, let writer else { return }
        if let csv = row as? CSVReader {
            if let malformation = csv.malformation {
                return try reject(line: line, column: nil, reason: "bad quoting (\(malformation)); quote the whole field and double any quote inside it", raw: raw())
            }
            if csv.fieldCount != converter.map.width {
                // Trailing empty fields (a spreadsheet's extra commas) are harmless.
                let extraFilled = csv.fieldCount > converter.map.width && (converter.map.width..<csv.fieldCount).contains { !csv.isEmpty($0) }
                if csv.fieldCount < converter.map.width || extraFilled {
                    return try reject(line: line, column: nil, reason: "the row has \(csv.fieldCount) fields and the header has \(converter.map.width); check for a missing or extra comma, or an unquoted comma inside a value", raw: raw())
                }
            }
        }
        values.removeAll(keepingCapacity: true)
        do {
            try converter.convert(row, into: &values)
        } catch let problem as RowProblem {
            return try reject(line: line, column: problem.column, reason: problem.reason, raw: raw())
        }
        try writer.add(values[...], line: line)
    }

    /// Writes what is pending.
    func finish() throws {
        try writer?.finish()
        progress?.update(bytes: reader.bytesRead)
    }

    private func reject(line: Int, column: String?, reason: String, raw: String?) throws {
        rejected += 1
        let prefix = column.map { "column \($0): " } ?? ""
        try record(Rejection(line: line, column: column, reason: prefix + reason), raw: raw ?? redactedRecord())
    }

    private func record(_ rejection: Rejection, raw: String) throws {
        if sample.count < 20 { sample.append(rejection) }
        try rejectStatement.execute(arguments: [importID, file, rejection.line, rejection.column, rejection.reason, raw])
    }

    /// The raw record, with e-mail and name removed and postcodes cut to their district.
    private func redactedRecord() -> String {
        guard personal.email != nil || personal.name != nil || personal.postcode != nil else { return reader.rawRecord }
        var fields = reader.rawFields
        for index in [personal.email, personal.name].compactMap({ $0 }) where index < fields.count && !fields[index].isEmpty {
            fields[index] = "[removed]"
        }
        if let index = personal.postcode, index < fields.count, !fields[index].isEmpty {
            fields[index] = Postcode.district(of: fields[index]) ?? Postcode.redacted(fields[index])
        }
        return fields.map { Self.csvText(.text($0)) }.joined(separator: ",")
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
        switch kind {
        case .cohorts:
            lookups.programmeIDs = Set(try String.fetchAll(db, sql: "SELECT programme_id FROM programmes"))
        case .enrolments:
            lookups.participantIDs = Set(try String.fetchAll(db, sql: "SELECT participant_id FROM participants"))
            lookups.cohortIDs = Set(try String.fetchAll(db, sql: "SELECT cohort_id FROM cohorts"))
        case .outcomes:
            lookups.participantIDs = Set(try String.fetchAll(db, sql: "SELECT participant_id FROM participants"))
        case .responses:
            let people = try Row.fetchCursor(db, sql: "SELECT participant_id, participant_key FROM participants")
            while let row = try people.next() { lookups.participantKeys[row[0]] = row[1] }
            let cohorts = try Row.fetchCursor(db, sql: "SELECT cohort_id, cohort_key FROM cohorts")
            while let row = try cohorts.next() { lookups.cohortKeys[row[0]] = row[1] }
            let items = try Row.fetchCursor(db, sql: "SELECT instrument_id, item_id, item_key, scale_min, scale_max FROM survey_items")
            while let row = try items.next() {
                lookups.items[row[0], default: [:]][row[1]] = ItemInfo(key: row[2], scaleMin: row[3], scaleMax: row[4])
            }
        case .programmes, .participants, .surveyItems, .benchmarks:
            break
        }
        return lookups
    }
}
