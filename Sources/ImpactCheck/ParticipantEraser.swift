import Foundation
import GRDB
public import ImpactStore

/// Erases one person from an impact database: every row of every table that names them, in
/// one transaction, with `secure_delete` on so the freed bytes are zeroed, then an optional
/// `VACUUM` and a WAL checkpoint that empties the -wal file. The erasure is logged in
/// `erasures` without personal data. Guarantees and limits: docs/privacy.md.
public struct ParticipantEraser: Sendable {
    private let database: ImpactDatabase

    /// An eraser for `database`.
    public init(database: ImpactDatabase) {
        self.database = database
    }

    /// Erases `participantID`; `reference` is the operator's own reference for the audit row.
    /// Throws ``CheckError/participantNotFound(_:)`` (and changes nothing) when no table names them.
    public func erase(participantID: String, reference: String? = nil, vacuum: Bool = false) throws -> Erasure {
        try erase(reference: reference, vacuum: vacuum) { _, _ in
            Person(id: participantID, alias: nil, notFound: .participantNotFound(participantID))
        }
    }

    /// Erases the person whose e-mail address has the keyed hash `emailKey` (`impact erase
    /// --email`): the person stored beside that key, whatever their id (schema/migrations/007), else the one
    /// whose id was derived from it; rejected rows that name the derived id go too, and so does the
    /// stored key. `keyFingerprint` is that of the key the hash was made with: a database whose
    /// e-mail keys were made under another refuses the erasure (``CheckError/keyMismatch(stored:given:)``),
    /// as does an address that names nobody (``CheckError/emailNotFound``); both change nothing.
    public func erase(emailKey: EmailKey, keyFingerprint: KeyFingerprint, reference: String? = nil, vacuum: Bool = false) throws -> Erasure {
        try erase(reference: reference, vacuum: vacuum) { db, queries in
            if let databaseKey = try String.fetchOne(db, sql: queries.keyFingerprint).map(KeyFingerprint.init(hex:)), databaseKey != keyFingerprint {
                throw CheckError.keyMismatch(stored: databaseKey, given: keyFingerprint)
            }
            let derived = emailKey.derivedParticipantID
            let holder = try String.fetchOne(db, sql: queries.personOfEmailKey, arguments: ["email_key": emailKey.hex])
            return Person(id: holder ?? derived, alias: holder == nil ? nil : derived, notFound: .emailNotFound)
        }
    }

    /// Whom an erasure removes: their id, another id that rejected rows may name them by, and the
    /// error when nothing names them.
    private struct Person {
        let id: String
        let alias: String?
        let notFound: CheckError
    }

    /// The frame of an erasure: `secure_delete`, one transaction in which `person` says whom to
    /// erase, the optional VACUUM and the emptied -wal.
    private func erase(reference: String?, vacuum: Bool, person: (Database, Queries) throws -> Person) throws -> Erasure {
        let queries = try Self.queries()
        do {
            return try database.writer.writeWithoutTransaction { db in
                let previous = try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? 0
                try db.execute(sql: "PRAGMA secure_delete = ON")
                defer { try? db.execute(sql: previous == 0 ? "PRAGMA secure_delete = OFF" : previous == 2 ? "PRAGMA secure_delete = FAST" : "PRAGMA secure_delete = ON") }
                var erasure: Erasure?
                try db.inTransaction {
                    erasure = try remove(try person(db, queries), reference: reference, queries: queries, db: db)
                    return .commit
                }
                guard let erasure else { throw CheckError.eraseFailed(detail: "the transaction did not finish") }
                // The erasure has committed: a VACUUM that fails (a full disk) must not be reported
                // as "nothing was erased", and the -wal is emptied either way.
                var vacuumed = false
                var vacuumFailure: String?
                if vacuum {
                    do {
                        try db.execute(sql: "VACUUM")
                        try db.execute(sql: queries.markVacuumed, arguments: ["erasure_id": erasure.erasureID])
                        vacuumed = true
                    } catch let error as DatabaseError {
                        vacuumFailure = error.message ?? "\(error.resultCode)"
                    }
                }
                try emptyWAL(db)
                if let vacuumFailure { throw CheckError.vacuumFailed(path: database.path, detail: vacuumFailure) }
                return Erasure(erasureID: erasure.erasureID, rowsByTable: erasure.rowsByTable, vacuumed: vacuumed)
            }
        } catch let error as DatabaseError {
            if let storeError = database.storeError(for: error) { throw storeError }
            throw CheckError.eraseFailed(detail: error.message ?? "\(error.resultCode)")
        }
    }

    /// The tables that can hold a person (a `participant_id` or `participant_key` column).
    public func personTables() throws -> [String] {
        let queries = try Self.queries()
        return try database.writer.read { db in
            try String.fetchAll(db, sql: queries.personTables)
        }
    }

    private func remove(_ person: Person, reference: String?, queries: Queries, db: Database) throws -> Erasure {
        let participantID = person.id
        let key = try Int64.fetchOne(db, sql: queries.participantKey, arguments: ["participant_id": participantID])
        var rowsByTable: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: queries.personTables) {
            let table: String = row["table_name"]
            let hasID: Bool = row["has_id"]
            let hasKey: Bool = row["has_key"]
            // The table name comes from sqlite_schema, not from input; it is quoted as an identifier.
            let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if hasID {
                conditions.append("participant_id = ?")
                arguments += [participantID]
            }
            if hasKey, let key {
                conditions.append("participant_key = ?")
                arguments += [key]
            }
            guard !conditions.isEmpty else { continue }
            try db.execute(sql: "DELETE FROM \(quoted) WHERE " + conditions.joined(separator: " OR "), arguments: arguments)
            if db.changesCount > 0 { rowsByTable[table] = db.changesCount }
        }
        var rejected: Set<Int64> = []
        for id in [participantID] + (person.alias.map { [$0] } ?? []) {
            let candidates = try Row.fetchCursor(db, sql: queries.rejectedCandidates, arguments: ["participant_id": id])
            while let row = try candidates.next() {
                let reason: String = row["reason"]
                if Self.rawRow(row["raw"], names: id) || reason.contains("\"" + id + "\"") {
                    rejected.insert(row["rejected_id"])
                }
            }
        }
        for id in rejected.sorted() {
            try db.execute(sql: "DELETE FROM rejected_rows WHERE rejected_id = ?", arguments: [id])
        }
        if !rejected.isEmpty { rowsByTable["rejected_rows"] = rejected.count }
        guard !rowsByTable.isEmpty else { throw person.notFound }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let tables = String(decoding: try encoder.encode(rowsByTable), as: UTF8.self)
        try db.execute(sql: queries.recordErasure, arguments: [
            "erased_at": Self.timestamp(), "engine_version": ImpactVersion.current, "reference": reference,
            "rows_removed": rowsByTable.values.reduce(0, +), "tables": tables,
        ])
        return Erasure(erasureID: db.lastInsertedRowID, rowsByTable: rowsByTable, vacuumed: false)
    }

    /// Whether the raw text of a rejected row names `id`: one of its CSV fields is the id (a
    /// contract file's row as read), or is `id=` and the id (the form the import gives the
    /// rejections of a wide survey export: `id=P1, column=q3, answer=Maybe`).
    static func rawRow(_ raw: String, names id: String) -> Bool {
        CSVRecord.fields(of: raw).contains { field in
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            return trimmed == id || trimmed == "id=" + id
        }
    }

    /// Copies every page into the database file and truncates the -wal file to zero bytes, so
    /// the frames that held the person's rows (from their import or the erasure) are gone.
    private func emptyWAL(_ db: Database) throws {
        guard database.path != ":memory:" else { return }
        // Give readers that are finishing a moment; a reader that stays blocks the truncation.
        try db.execute(sql: "PRAGMA busy_timeout = 5000")
        let walPath = database.path + "-wal"
        do {
            try db.checkpoint(.truncate)
        } catch let error as DatabaseError {
            throw CheckError.walNotEmptied(path: database.path, detail: error.message ?? "\(error.resultCode)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: walPath)[.size] as? NSNumber)?.intValue ?? 0
        if size > 0 {
            throw CheckError.walNotEmptied(path: database.path, detail: "it still holds \(size) bytes")
        }
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// The SQL of `queries/engine/erase/`.
    struct Queries {
        let personTables, participantKey, rejectedCandidates, recordErasure, markVacuumed, keyFingerprint, personOfEmailKey: String
    }

    static func queries() throws -> Queries {
        Queries(personTables: try StoreResources.query("erase/person_tables"),
                participantKey: try StoreResources.query("erase/participant_key"),
                rejectedCandidates: try StoreResources.query("erase/rejected_candidates"),
                recordErasure: try StoreResources.query("erase/record_erasure"),
                markVacuumed: try StoreResources.query("erase/mark_vacuumed"),
                keyFingerprint: try StoreResources.query("erase/key_fingerprint"),
                personOfEmailKey: try StoreResources.query("erase/person_of_email_key"))
    }
}
