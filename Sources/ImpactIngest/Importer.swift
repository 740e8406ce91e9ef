import Crypto
import Foundation
public import ImpactStore

/// Imports the contract's CSV files (and wide survey exports through a mapping) into an
/// impact database: one transaction per file, rows that break a rule kept in
/// `rejected_rows`, every import logged in `imports`.
public final class Importer {
    /// The engine version recorded in `imports`.
    public static let engineVersion = ImpactVersion.current

    private let database: any ImportBackend
    private let hasher: KeyedHasher
    private let progress: ImportProgress?

    /// The id key file created by this importer's imports (none existed), if one was.
    public var createdKeyFile: String? { hasher.createdKeyFile }

    /// An importer writing to `database` (an ``ImpactDatabase``, or any store that files can be
    /// imported into); `progress` draws a bar for long files.
    public init(database: any ImportBackend, hasher: KeyedHasher = KeyedHasher(), progress: ImportProgress? = nil) {
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
    static func refusedRowText(_ values: [BindValue], target: TableTarget, session: any ImportSession) throws -> String {
        guard target.table == "answers", values.count >= 5, case let .integer(participant) = values[0],
              case let .integer(cohort) = values[1], case let .integer(item) = values[2],
              let ids = try session.answerIDs(participantKey: participant, cohortKey: cohort, itemKey: item) else {
            return values.map(RowSink.csvText).joined(separator: ",")
        }
        let named: [BindValue] = [ids.participant.map(BindValue.text) ?? values[0],
                                  ids.cohort.map(BindValue.text) ?? values[1],
                                  ids.instrument.map(BindValue.text) ?? .null]
        let itemID: [BindValue] = [ids.item.map(BindValue.text) ?? values[2]]
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
        func transact(_ session: any ImportSession) throws -> ImportSummary {
            let importID = try session.beginImport(path: absolute, kind: kind.rawValue, sha256: String(repeating: "0", count: 64),
                                                   started: started, version: Self.engineVersion)
            // A new import of the same path supersedes the rejections of the earlier ones.
            try session.supersedeRejections(path: absolute, importID: importID)
            let target = TableTarget.for(kind)
            let before = try session.rowCount(of: target.table)
            // Answers hold only references to ids their own files brought (and numbers).
            var formulaLike = FormulaLikeValues(columns: kind == .responses ? [] : target.columns)
            let channel = BatchChannel(capacity: 4)
            var lookups = try RowSink.loadLookups(session, for: kind)
            lookups.findNearMatches()
            if kind.isAboutPeople, !hasher.keyExists,
               try session.hasEmailIDs() {
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
            var writer: (any TableInserts)?
            func tableWriter(keeping: Set<String>) throws -> any TableInserts {
                if let writer { return writer }
                let made = try session.inserts(into: target.insertTarget, keeping: keeping, batchRows: 128)
                writer = made
                return made
            }
            func refusedRow(_ refusal: RefusedInsert) throws {
                refused += 1
                upkeep.refused(refusal.values)
                try record(Rejection(line: refusal.line, column: nil, reason: "the database refused the row: \(refusal.message)"),
                           raw: try Self.refusedRowText(refusal.values, target: target, session: session))
            }
            var skipped: [SkippedRows] = []
            var unreadSample: [UnreadCell] = []
            var refused = 0
            var sample: [Rejection] = []
            func record(_ rejection: Rejection, raw: String) throws {
                if sample.count < 20 { sample.append(rejection) }
                try session.recordRejection(importID: importID, file: path, line: rejection.line,
                                            column: rejection.column, reason: rejection.reason, raw: raw)
            }
            // The person-cohorts whose answers this file writes are scored as they are written (schema/migrations/006).
            let upkeep = try ScoreUpkeep(target: target, session: session)
            do {
                while let batch = try channel.next() {
                    for (rejection, raw) in batch.rejections { try record(rejection, raw: raw) }
                    for (line, rule) in batch.skipped {
                        try session.recordSkippedRow(importID: importID, file: path, line: line, rule: rule)
                        if let index = skipped.firstIndex(where: { $0.rule == rule }) {
                            skipped[index].note(line)
                        } else {
                            skipped.append(SkippedRows(rule: rule, line: line))
                        }
                    }
                    for cell in batch.unread {
                        if unreadSample.count < 20 { unreadSample.append(cell) }
                        try session.recordUnreadCell(importID: importID, file: path, line: cell.line, column: cell.column,
                                                     value: cell.value, reason: cell.reason)
                    }
                    try tableWriter(keeping: batch.keeping ?? []).write(batch.values, lines: batch.lines, refused: refusedRow)
                    formulaLike.note(batch.values)
                    try upkeep.note(batch.values)
                    progress?.update(bytes: batch.bytesRead)
                }
            } catch {
                channel.cancelAndWait()
                throw error
            }
            // One scoring rule per instrument (schema/migrations/010), checked before the constructs are renumbered.
            let scoring = kind == .surveyItems ? sink.scoringDeclarations : nil
            try scoring?.checkStored(session, file: path)
            let changes = writer?.changes ?? 0
            try upkeep.finish(session, changes: changes)
            // The e-mail keys of the people written, and the id key's fingerprint at its first use (schema/migrations/007).
            try lookups.people.store(session, importID: importID)
            sample.sort { $0.line < $1.line }
            let rowsRead = sink.rowsRead
            let rejected = sink.rejected + refused
            let after = try session.rowCount(of: target.table)
            let inserted = after - before
            let updated = changes - inserted
            let unchanged = rowsRead - rejected - changes
            let sha = hexText(digest.finalize())
            try session.finishImport(importID, counts: ImportCounts(
                sha256: sha, rowsRead: rowsRead, accepted: rowsRead - rejected, inserted: inserted, updated: updated,
                unchanged: unchanged, rejected: rejected, finished: Self.timestamp()))
            var summary = ImportSummary(path: path, kind: kind, importID: importID, sha256: sha, rowsRead: rowsRead,
                                        inserted: inserted, updated: updated, unchanged: unchanged, rejected: rejected,
                                        sampleRejections: Array(sample.prefix(20)))
            summary.personalColumnsNotStored = sink.personalColumnsNotStored
            summary.columns = sink.columnFates
            summary.unreadCells = sink.unreadCount
            summary.sampleUnreadCells = unreadSample
            summary.skippedRows = skipped
            summary.formulaLikeValues = formulaLike.found
            if let scoring, scoring.isGiven { summary.instrumentScoring = scoring.declarations }
            for fate in sink.columnFates {
                try session.recordColumnFate(importID: importID, position: fate.position, header: fate.header,
                                             fate: fate.fate.rawValue, column: fate.column, rule: fate.rule)
            }
            return summary
        }
        do {
            // One write transaction: a file the store refuses leaves it as it was.
            return try database.importSession(transact)
        } catch let error as CSVError {
            throw IngestError.unreadable(error)
        } catch let error as ImportRefusal {
            throw IngestError.database(file: path, message: "the database refused the file (\(error.message)); nothing was imported")
        }
    }

    /// What `impact import --dry-run` lists for an import: the unread values by column and count,
    /// and the rejection reasons by count.
    public static func dryRunFindings(importID: Int64, in database: any ImportBackend) throws
        -> (values: [(column: String, value: String, count: Int)], reasons: [(reason: String, count: Int)]) {
        let findings = try database.dryRunFindings(importID: importID)
        return (findings.values.map { (column: $0.column, value: $0.value, count: $0.count) },
                findings.reasons.map { (reason: $0.reason, count: $0.count) })
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
