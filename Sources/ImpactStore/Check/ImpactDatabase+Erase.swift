import Foundation
import GRDB

/// The SQLite erasure: `secure_delete` on so the freed bytes are zeroed, one transaction, then
/// an optional `VACUUM` and a checkpoint that empties the -wal file.
extension ImpactDatabase: EraseBackend {
    public func personTables() throws -> [String] {
        let queries = try ErasureQueries.shipped()
        return try writer.read { db in
            try String.fetchAll(db, sql: queries.personTables)
        }
    }

    public func erasePerson(reference: String?, vacuum: Bool,
                            identify: (any ErasureLookup) throws -> ErasureTarget,
                            namesPerson: (_ raw: String, _ reason: String, _ id: String) -> Bool) throws -> ErasureRecord {
        let queries = try ErasureQueries.shipped()
        do {
            return try writer.writeWithoutTransaction { db in
                let previous = try Int.fetchOne(db, sql: "PRAGMA secure_delete") ?? 0
                try db.execute(sql: "PRAGMA secure_delete = ON")
                defer { try? db.execute(sql: previous == 0 ? "PRAGMA secure_delete = OFF" : previous == 2 ? "PRAGMA secure_delete = FAST" : "PRAGMA secure_delete = ON") }
                var erasure: ErasureRecord?
                try db.inTransaction {
                    let person = try identify(SQLiteErasureLookup(db: db, queries: queries))
                    erasure = try remove(person, reference: reference, queries: queries, db: db, namesPerson: namesPerson)
                    return .commit
                }
                guard let erasure else { throw ErasureFailure.failed(detail: "the transaction did not finish") }
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
                if let vacuumFailure { throw ErasureFailure.vacuumFailed(path: path, detail: vacuumFailure) }
                return ErasureRecord(erasureID: erasure.erasureID, rowsByTable: erasure.rowsByTable, vacuumed: vacuumed)
            }
        } catch let error as DatabaseError {
            if let storeError = storeError(for: error) { throw storeError }
            throw ErasureFailure.failed(detail: error.message ?? "\(error.resultCode)")
        }
    }

    private func remove(_ person: ErasureTarget, reference: String?, queries: ErasureQueries, db: Database,
                        namesPerson: (_ raw: String, _ reason: String, _ id: String) -> Bool) throws -> ErasureRecord {
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
                if namesPerson(row["raw"], row["reason"], id) {
                    rejected.insert(row["rejected_id"])
                }
            }
        }
        for id in rejected.sorted() {
            try db.execute(sql: "DELETE FROM rejected_rows WHERE rejected_id = ?", arguments: [id])
        }
        if !rejected.isEmpty { rowsByTable["rejected_rows"] = rejected.count }
        guard !rowsByTable.isEmpty else { throw ErasureFailure.nobodyNamed }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let tables = String(decoding: try encoder.encode(rowsByTable), as: UTF8.self)
        try db.execute(sql: queries.recordErasure, arguments: [
            "erased_at": Self.erasureTimestamp(), "engine_version": ImpactVersion.current, "reference": reference,
            "rows_removed": rowsByTable.values.reduce(0, +), "tables": tables,
        ])
        return ErasureRecord(erasureID: db.lastInsertedRowID, rowsByTable: rowsByTable, vacuumed: false)
    }

    /// Copies every page into the database file and truncates the -wal file to zero bytes, so
    /// the frames that held the person's rows (from their import or the erasure) are gone.
    private func emptyWAL(_ db: Database) throws {
        guard path != ":memory:" else { return }
        // Give readers that are finishing a moment; a reader that stays blocks the truncation.
        try db.execute(sql: "PRAGMA busy_timeout = 5000")
        let walPath = path + "-wal"
        do {
            try db.checkpoint(.truncate)
        } catch let error as DatabaseError {
            throw ErasureFailure.walNotEmptied(path: path, detail: error.message ?? "\(error.resultCode)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: walPath)[.size] as? NSNumber)?.intValue ?? 0
        if size > 0 {
            throw ErasureFailure.walNotEmptied(path: path, detail: "it still holds \(size) bytes")
        }
    }

    private static func erasureTimestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}

/// What an erasure looks up on SQLite, inside its transaction.
private struct SQLiteErasureLookup: ErasureLookup {
    let db: Database
    let queries: ErasureQueries

    func keyFingerprint() throws -> KeyFingerprint? {
        try String.fetchOne(db, sql: queries.keyFingerprint).map(KeyFingerprint.init(hex:))
    }

    func person(ofEmailKey key: EmailKey) throws -> String? {
        try String.fetchOne(db, sql: queries.personOfEmailKey, arguments: ["email_key": key.hex])
    }
}

/// The SQL of `queries/engine/erase/`.
struct ErasureQueries {
    let personTables, participantKey, rejectedCandidates, recordErasure, markVacuumed, keyFingerprint, personOfEmailKey: String

    static func shipped() throws -> ErasureQueries {
        ErasureQueries(personTables: try StoreResources.query("erase/person_tables"),
                       participantKey: try StoreResources.query("erase/participant_key"),
                       rejectedCandidates: try StoreResources.query("erase/rejected_candidates"),
                       recordErasure: try StoreResources.query("erase/record_erasure"),
                       markVacuumed: try StoreResources.query("erase/mark_vacuumed"),
                       keyFingerprint: try StoreResources.query("erase/key_fingerprint"),
                       personOfEmailKey: try StoreResources.query("erase/person_of_email_key"))
    }
}
