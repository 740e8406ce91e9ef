import GRDB

/// An import session on a SQLite connection, inside the transaction
/// ``ImpactDatabase/importSession(_:)`` opened: the ledger's statements are prepared once per file.
final class SQLiteImportSession: ImportSession {
    private let db: Database
    private var statements: [String: Statement] = [:]

    init(_ db: Database) {
        self.db = db
    }

    /// The engine query `name` (under import/), prepared once in the session.
    private func statement(_ name: String) throws -> Statement {
        if let statement = statements[name] { return statement }
        let made = try db.makeStatement(sql: try StoreResources.query("import/\(name)"))
        statements[name] = made
        return made
    }

    private func strings(_ name: String) throws -> [String] {
        try String.fetchAll(db, sql: try StoreResources.query("import/\(name)"))
    }

    func beginImport(path: String, kind: String, sha256: String, started: String, version: String) throws -> Int64 {
        try db.execute(sql: try StoreResources.query("import/begin_import"), arguments: [
            "path": path, "kind": kind, "sha256": sha256, "started": started, "version": version,
        ])
        return db.lastInsertedRowID
    }

    func supersedeRejections(path: String, importID: Int64) throws {
        try db.execute(sql: try StoreResources.query("import/supersede_rejections"), arguments: ["path": path, "import": importID])
    }

    func finishImport(_ importID: Int64, counts: ImportCounts) throws {
        try db.execute(sql: try StoreResources.query("import/finish_import"), arguments: [
            "sha256": counts.sha256, "rows_read": counts.rowsRead, "accepted": counts.accepted, "inserted": counts.inserted,
            "updated": counts.updated, "unchanged": counts.unchanged, "rejected": counts.rejected, "finished": counts.finished,
            "import": importID,
        ])
    }

    func recordRejection(importID: Int64, file: String, line: Int, column: String?, reason: String, raw: String) throws {
        try statement("reject_row").execute(arguments: ["import": importID, "file": file, "line": line,
                                                        "column": column, "reason": reason, "raw": raw])
    }

    func recordSkippedRow(importID: Int64, file: String, line: Int, rule: String) throws {
        try statement("skip_row").execute(arguments: ["import": importID, "file": file, "line": line, "rule": rule])
    }

    func recordUnreadCell(importID: Int64, file: String, line: Int, column: String, value: String, reason: String) throws {
        try statement("unread_cell").execute(arguments: ["import": importID, "file": file, "line": line, "column": column,
                                                         "value": value, "reason": reason])
    }

    func recordColumnFate(importID: Int64, position: Int, header: String, fate: String, column: String?, rule: String) throws {
        try statement("column_fate").execute(arguments: ["import": importID, "position": position, "header": header,
                                                         "fate": fate, "column": column, "rule": rule])
    }

    func rejectedLines(importID: Int64) throws -> [Int] {
        try Int.fetchAll(db, sql: try StoreResources.query("import/rejected_lines"), arguments: ["import": importID])
    }

    func rowCount(of table: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
    }

    func programmeIDs() throws -> [String] { try strings("programme_ids") }
    func participantIDs() throws -> [String] { try strings("participant_ids") }
    func cohortIDs() throws -> [String] { try strings("cohort_ids") }
    func declinedIDs() throws -> [String] { try strings("declined_ids") }

    func participantKeys() throws -> [(id: String, key: Int64?)] {
        try keys("participant_keys")
    }

    func cohortKeys() throws -> [(id: String, key: Int64?)] {
        try keys("cohort_keys")
    }

    private func keys(_ name: String) throws -> [(id: String, key: Int64?)] {
        var keys: [(id: String, key: Int64?)] = []
        let rows = try Row.fetchCursor(db, sql: try StoreResources.query("import/\(name)"))
        while let row = try rows.next() { keys.append((row[0], row[1])) }
        return keys
    }

    func items() throws -> [StoredItem] {
        var items: [StoredItem] = []
        let rows = try Row.fetchCursor(db, sql: try StoreResources.query("import/items"))
        while let row = try rows.next() {
            items.append(StoredItem(instrument: row[0], item: row[1], key: row[2], scaleMin: row[3], scaleMax: row[4]))
        }
        return items
    }

    func instrumentScoring() throws -> [(instrument: String, rule: String)] {
        try Row.fetchAll(db, sql: try StoreResources.query("import/instrument_scoring")).map { ($0[0], $0[1]) }
    }

    func answerIDs(participantKey: Int64, cohortKey: Int64, itemKey: Int64) throws -> AnswerIDs? {
        guard let ids = try Row.fetchOne(db, sql: try StoreResources.query("import/answer_ids"),
                                         arguments: ["participant": participantKey, "cohort": cohortKey, "item": itemKey]) else { return nil }
        return AnswerIDs(participant: ids[0], cohort: ids[1], instrument: ids[2], item: ids[3])
    }

    func scoringConflict(instrument: String, rule: String) throws -> ScoringConflict? {
        let rows = try Row.fetchAll(try statement("scoring_disagreements"), arguments: ["instrument": instrument, "scoring": rule])
        guard let first = rows.first else { return nil }
        return ScoringConflict(count: first["n"], stored: first["scoring"], items: rows.map { $0["item_id"] as String })
    }

    func hasEmailIDs() throws -> Bool {
        try Bool.fetchOne(db, sql: try StoreResources.query("import/has_email_ids")) == true
    }

    func keyFingerprint() throws -> String? {
        try String.fetchOne(db, sql: try StoreResources.query("import/key_fingerprint"))
    }

    func recordKeyFingerprint(hex: String, firstUsedAt: String) throws {
        try db.execute(sql: try StoreResources.query("import/record_key_fingerprint"),
                       arguments: ["fingerprint": hex, "first_used_at": firstUsedAt])
    }

    func emailKeys() throws -> [(key: String, person: String)] {
        var keys: [(key: String, person: String)] = []
        let rows = try Row.fetchCursor(db, sql: try StoreResources.query("import/email_keys"))
        while let row = try rows.next() { keys.append((row[0], row[1])) }
        return keys
    }

    func rememberEmailKey(person: String, key: String?) throws {
        try statement("remember_email_key").execute(arguments: ["participant_id": person, "email_key": key])
    }

    func inserts(into target: InsertTarget, keeping: Set<String>, batchRows: Int) throws -> any TableInserts {
        try SQLiteTableInserts(db: db, target: target, keeping: keeping, batchRows: batchRows)
    }

    func answerScores() throws -> any AnswerScoring {
        SQLiteAnswerScoring(db: db, builder: try ConstructScoreTable.Builder(db))
    }

    func rebuildScores() throws {
        try ConstructScoreTable.rebuild(db)
    }
}
