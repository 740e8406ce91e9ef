import ImpactStore
import Testing

/// What every ``ImportBackend`` must do, over a database holding the data of `ContractData`
/// (programme P, cohort C1, people A and B), read back through its questions.
enum ImportContract {
    /// Every clause of the contract.
    static func run(_ make: () throws -> any ImportBackend & QuestionBackend) throws {
        try aSessionThatFailsMidFileLeavesEveryTableAndTheLedgerAsTheyWere(make())
        try aStatementTheStoreRefusesRollsTheSessionBack(make())
        try theSameRowsImportedTwiceChangeNothingTheSecondTime(make())
        try anInsertThatBreaksAKeyOrACheckIsRefusedNamingItsTable(make())
    }

    /// The programmes table as an import writes it.
    static let programmes = InsertTarget(table: "programmes", columns: ["programme_id", "name", "description", "extra"],
                                         key: ["programme_id"])

    /// What an import can change: every table it writes, and its ledger.
    static func everything(_ backend: any QuestionBackend) throws -> [[ResultValue]] {
        try QuestionContract.rows(backend, """
            SELECT (SELECT count(*) FROM programmes), (SELECT group_concat(programme_id || ':' || name) FROM programmes),
                   (SELECT count(*) FROM participants), (SELECT count(*) FROM imports), (SELECT count(*) FROM rejected_rows),
                   (SELECT count(*) FROM unread_cells), (SELECT count(*) FROM skipped_rows), (SELECT count(*) FROM import_columns)
            """)
    }

    /// Starts an import and writes its ledger's rows, as an import of `programmes.csv` does.
    static func begin(_ session: any ImportSession) throws -> Int64 {
        let id = try session.beginImport(path: "/contract/programmes.csv", kind: "programmes", sha256: String(repeating: "0", count: 64),
                                         started: "2026-01-01T00:00:00.000Z", version: "contract")
        try session.supersedeRejections(path: "/contract/programmes.csv", importID: id)
        try session.recordRejection(importID: id, file: "programmes.csv", line: 3, column: nil, reason: "contract", raw: "Q,")
        try session.recordUnreadCell(importID: id, file: "programmes.csv", line: 2, column: "description", value: "?", reason: "contract")
        try session.recordSkippedRow(importID: id, file: "programmes.csv", line: 4, rule: "contract")
        try session.recordColumnFate(importID: id, position: 1, header: "programme_id", fate: "taken", column: "programme_id", rule: "contract")
        return id
    }

    /// The counts of an import of `rows` rows that changed `changes`.
    static func counts(rows: Int, inserted: Int, updated: Int) -> ImportCounts {
        ImportCounts(sha256: String(repeating: "a", count: 64), rowsRead: rows, accepted: rows, inserted: inserted, updated: updated,
                     unchanged: rows - inserted - updated, rejected: 0, finished: "2026-01-01T00:00:01.000Z")
    }

    static func aSessionThatFailsMidFileLeavesEveryTableAndTheLedgerAsTheyWere(_ backend: any ImportBackend & QuestionBackend) throws {
        let before = try everything(backend)
        struct Stopped: Error {}
        #expect(throws: Stopped.self) {
            try backend.importSession { session in
                _ = try begin(session)
                let inserts = try session.inserts(into: programmes, keeping: [], batchRows: 2)
                try inserts.write([.text("Q"), .text("Quest"), .null, .null, .text("P"), .text("Renamed"), .null, .null,
                                   .text("R"), .text("Reach"), .null, .null], lines: [2, 3, 4], refused: { throw $0 })
                #expect(inserts.changes == 3)
                #expect(try session.rowCount(of: "programmes") == 3)
                throw Stopped()
            }
        }
        #expect(try everything(backend) == before)
    }

    static func aStatementTheStoreRefusesRollsTheSessionBack(_ backend: any ImportBackend & QuestionBackend) throws {
        let before = try everything(backend)
        #expect(throws: ImportRefusal.self) {
            try backend.importSession { session in
                let id = try begin(session)
                try session.inserts(into: programmes, keeping: [], batchRows: 128)
                    .write([.text("Q"), .text("Quest"), .null, .null], lines: [2], refused: { throw $0 })
                // Counts the ledger's checks refuse.
                try session.finishImport(id, counts: counts(rows: 1, inserted: 2, updated: 0))
            }
        }
        #expect(try everything(backend) == before)
    }

    static func theSameRowsImportedTwiceChangeNothingTheSecondTime(_ backend: any ImportBackend & QuestionBackend) throws {
        let rows: [BindValue] = [.text("Q"), .text("Quest"), .null, .null, .text("R"), .text("Reach"), .text("Outreach"), .text("{\"a\":1}")]
        func importRows() throws -> Int {
            try backend.importSession { session in
                let id = try begin(session)
                let before = try session.rowCount(of: "programmes")
                let inserts = try session.inserts(into: programmes, keeping: [], batchRows: 128)
                try inserts.write(rows, lines: [2, 3], refused: { throw $0 })
                let inserted = try session.rowCount(of: "programmes") - before
                try session.finishImport(id, counts: counts(rows: 2, inserted: inserted, updated: inserts.changes - inserted))
                return inserts.changes
            }
        }
        #expect(try importRows() == 2)
        let once = try QuestionContract.rows(backend, "SELECT * FROM programmes ORDER BY programme_id")
        #expect(try importRows() == 0)
        #expect(try QuestionContract.rows(backend, "SELECT * FROM programmes ORDER BY programme_id") == once)
        let ledger = try QuestionContract.rows(backend, "SELECT inserted, updated, unchanged FROM imports ORDER BY import_id")
        #expect(ledger == [[.integer(2), .integer(0), .integer(0)], [.integer(0), .integer(0), .integer(2)]])
        // A later import of the same path supersedes the rejections of the earlier ones.
        #expect(try QuestionContract.rows(backend, "SELECT count(*) FROM rejected_rows") == [[.integer(1)]])
        // A changed row is replaced, and kept columns are left as they are.
        let changes = try backend.importSession { session in
            let inserts = try session.inserts(into: programmes, keeping: ["description"], batchRows: 128)
            try inserts.write([.text("R"), .text("Reach 2"), .null, .text("{\"a\":1}")], lines: [2], refused: { throw $0 })
            return inserts.changes
        }
        #expect(changes == 1)
        #expect(try QuestionContract.rows(backend, "SELECT name, description FROM programmes WHERE programme_id = 'R'")
            == [[.text("Reach 2"), .text("Outreach")]])
    }

    static func anInsertThatBreaksAKeyOrACheckIsRefusedNamingItsTable(_ backend: any ImportBackend & QuestionBackend) throws {
        var refusals: [RefusedInsert] = []
        let changes = try backend.importSession { session in
            let inserts = try session.inserts(into: programmes, keeping: [], batchRows: 2)
            // A missing key, an empty name (a check), then a good row: the batch is retried row by row.
            try inserts.write([.null, .text("Nameless"), .null, .null, .text("S"), .text(""), .null, .null,
                               .text("T"), .text("Tutoring"), .null, .null], lines: [2, 3, 4], refused: { refusals.append($0) })
            return inserts.changes
        }
        #expect(changes == 1)
        #expect(refusals.map(\.table) == ["programmes", "programmes"])
        #expect(refusals.map(\.line) == [2, 3])
        #expect(refusals.first?.values == [.null, .text("Nameless"), .null, .null])
        #expect(refusals.allSatisfy { !$0.message.isEmpty })
        #expect(try QuestionContract.rows(backend, "SELECT programme_id FROM programmes ORDER BY 1") == [[.text("P")], [.text("T")]])
        // Thrown, the refusal names its table and the session's writes are rolled back.
        let before = try everything(backend)
        let refusal = #expect(throws: RefusedInsert.self) {
            try backend.importSession { session in
                try session.inserts(into: programmes, keeping: [], batchRows: 128)
                    .write([.text("U"), .text("Upskill"), .null, .null, .text("V"), .text(""), .null, .null], lines: [7, 8], refused: { throw $0 })
            }
        }
        #expect(refusal?.table == "programmes")
        #expect(refusal?.line == 8)
        #expect(try everything(backend) == before)
    }
}
