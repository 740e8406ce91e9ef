import Foundation
import GRDB
@testable import ImpactQuery
@testable import ImpactStore
import ImpactTestSupport
import Testing

/// A database file with two programmes, opened read-only as `impact query` opens it.
private func withSmallStore<T>(_ body: (ReadOnlyStore, String) throws -> T) throws -> T {
    try withTemporaryFolder { folder in
        let path = folder.appendingPathComponent("small.sqlite").path
        let database = try ImpactDatabase.open(at: path)
        try database.writer.write { db in
            try db.execute(sql: "INSERT INTO programmes (programme_id, name) VALUES ('IN2R', 'Research placements'), ('ONLINE', 'STEM online')")
        }
        return try body(try ReadOnlyStore.open(at: path), path)
    }
}

private func programmeCount(_ path: String) throws -> Int {
    try ImpactDatabase.open(at: path, create: false).writer.read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM programmes") ?? -1
    }
}

private func refusal(of query: AdHocQuery, in store: ReadOnlyStore) -> QueryError? {
    do {
        _ = try store.read { db in try query.fetchAll(questions(db)) }
        return nil
    } catch let error as QueryError {
        return error
    } catch {
        Issue.record("not a QueryError: \(error)")
        return nil
    }
}

@Test func aSelectReturnsColumnsAndTypedValues() throws {
    try withSmallStore { store, _ in
        let table = try store.read { db in
            try AdHocQuery(sql: "SELECT programme_id, length(name) AS n, 0.5 AS half, NULL AS missing FROM programmes ORDER BY 1").fetchAll(questions(db))
        }
        #expect(table.columns == ["programme_id", "n", "half", "missing"])
        #expect(table.rows == [[.text("IN2R"), .integer(19), .real(0.5), .null], [.text("ONLINE"), .integer(11), .real(0.5), .null]])
    }
}

@Test(arguments: [
    "DELETE FROM programmes",
    "DROP TABLE programmes",
    "INSERT INTO programmes (programme_id, name) VALUES ('X', 'x')",
    "UPDATE programmes SET name = 'changed'",
    "ATTACH DATABASE ':memory:' AS other",
    "PRAGMA writable_schema = ON",
    "PRAGMA query_only = OFF",
    "PRAGMA journal_mode = DELETE",
    "VACUUM INTO '/tmp/impact-query-vacuum-copy.sqlite'",
    "CREATE TABLE t (x)",
    "CREATE TEMP TABLE t (x)",
    "BEGIN",
    "REPLACE INTO programmes (programme_id, name) VALUES ('IN2R', 'x')",
    "WITH x AS (SELECT 1) DELETE FROM programmes",
])
func aStatementThatWouldWriteIsRefusedAndChangesNothing(sql: String) throws {
    try withSmallStore { store, path in
        let refused = refusal(of: AdHocQuery(sql: sql), in: store)
        guard case .notReadOnly = refused else {
            Issue.record("\(sql): \(String(describing: refused))")
            return
        }
        let count = try programmeCount(path)
        #expect(count == 2)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/impact-query-vacuum-copy.sqlite"))
        let names = try store.read { db in try String.fetchAll(db, sql: "SELECT name FROM programmes ORDER BY 1") }
        #expect(names == ["Research placements", "STEM online"])
    }
}

@Test func theConnectionItselfRefusesWritesEvenPastTheChecks() throws {
    try withSmallStore { store, path in
        #expect(throws: DatabaseError.self) {
            try store.read { db in try db.execute(sql: "DELETE FROM programmes") }
        }
        let count = try programmeCount(path)
        #expect(count == 2)
    }
}

@Test(arguments: [
    ("SELECT 1; DROP TABLE programmes", 1, 11),
    ("SELECT 1;\n\n  DELETE FROM programmes;", 3, 3),
    ("SELECT 1;; DROP TABLE programmes", 1, 12),
    ("SELECT 1; -- a comment\nSELECT 2", 2, 1),
    ("SELECT 1; nonsense that is not SQL", 1, 11),
])
func aSecondStatementIsRefusedBeforeAnythingRuns(sql: String, line: Int, column: Int) throws {
    try withSmallStore { store, path in
        #expect(refusal(of: AdHocQuery(sql: sql), in: store) == .multipleStatements(line: line, column: column))
        let count = try programmeCount(path)
        #expect(count == 2)
    }
}

@Test(arguments: ["SELECT 1;", "SELECT 1; -- done", "-- a header\nSELECT 1 /* c */ ;\n\n", "SELECT 1;;"])
func oneStatementWithTrailingCommentsAndSemicolonsRuns(sql: String) throws {
    try withSmallStore { store, _ in
        let table = try store.read { db in try AdHocQuery(sql: sql).fetchAll(questions(db)) }
        #expect(table.rows == [[.integer(1)]])
    }
}

@Test(arguments: ["", "   ", "-- only a comment", ";"])
func noStatementIsRefused(sql: String) throws {
    try withSmallStore { store, _ in
        #expect(refusal(of: AdHocQuery(sql: sql), in: store) == .emptySQL)
    }
}

@Test func parametersAreBoundByNameSoQuotesAndSQLInAValueAreOnlyData() throws {
    try withSmallStore { store, path in
        let hostile = "IN2R' OR '1'='1"
        let none = try store.read { db in
            try AdHocQuery(sql: "SELECT name FROM programmes WHERE programme_id = :id", parameters: ["id": hostile]).fetchAll(questions(db))
        }
        #expect(none.rows.isEmpty)
        let echoed = try store.read { db in
            try AdHocQuery(sql: "SELECT :text AS t", parameters: ["text": "x'); DROP TABLE programmes; --"]).fetchAll(questions(db))
        }
        #expect(echoed.rows == [[.text("x'); DROP TABLE programmes; --")]])
        let one = try store.read { db in
            try AdHocQuery(sql: "SELECT name FROM programmes WHERE programme_id = :id", parameters: ["id": "IN2R"]).fetchAll(questions(db))
        }
        #expect(one.rows == [[.text("Research placements")]])
        let count = try programmeCount(path)
        #expect(count == 2)
    }
}

@Test func anEmptyParameterValueIsNull() throws {
    try withSmallStore { store, _ in
        let table = try store.read { db in try AdHocQuery(sql: "SELECT :x IS NULL", parameters: ["x": ""]).fetchAll(questions(db)) }
        #expect(table.rows == [[.integer(1)]])
    }
}

@Test func missingUnknownAndPositionalParametersAreRefusedByName() throws {
    try withSmallStore { store, _ in
        #expect(refusal(of: AdHocQuery(sql: "SELECT :year, :programme"), in: store) == .missingParameters(["year", "programme"]))
        #expect(refusal(of: AdHocQuery(sql: "SELECT :year", parameters: ["year": "1", "yaer": "2"]), in: store)
            == .unknownParameters(["yaer"], accepted: ["year"]))
        #expect(refusal(of: AdHocQuery(sql: "SELECT ?"), in: store) == .positionalParameter("?"))
    }
}

@Test func aSyntaxErrorSaysWhereItIs() throws {
    try withSmallStore { store, _ in
        let refused = refusal(of: AdHocQuery(sql: "SELECT programme_id\nFROM programmes\nWHERE name = = 'x'"), in: store)
        guard case let .sqlite(message, position) = refused else {
            Issue.record("\(String(describing: refused))")
            return
        }
        #expect(message.contains("syntax error"))
        // SQLite 3.38 and later report the offset; older ones give the message alone.
        if let position {
            #expect(position.line == 3)
            #expect(position.column == 14)
            #expect(position.excerpt.hasSuffix("\n               ^"))
        }
        let unknown = refusal(of: AdHocQuery(sql: "SELECT nope FROM programmes"), in: store)
        guard case let .sqlite(unknownMessage, _) = unknown else {
            Issue.record("\(String(describing: unknown))")
            return
        }
        #expect(unknownMessage == "no such column: nope")
    }
}

@Test func positionsCountCharactersNotBytes() throws {
    let position = try #require(SQLPosition(byteOffset: Array("SELECT 'é' ,".utf8).count - 1, in: "SELECT 'é' ,"))
    #expect(position.line == 1 && position.column == 12)
}

// What a query cannot reach (docs/queries.md): SQLite's authorizer refuses, as it compiles the
// statement, the functions that hand out an address or load code, whatever their case or place.
@Test(arguments: [
    ("SELECT fts3_tokenizer('simple')", "fts3_tokenizer"),
    ("SELECT hex(FTS3_TOKENIZER('simple'))", "fts3_tokenizer"),
    ("SELECT fts3_tokenizer('evil', x'0011223344556677')", "fts3_tokenizer"),
    ("SELECT name FROM programmes WHERE fts3_tokenizer('simple') IS NOT NULL", "fts3_tokenizer"),
    ("WITH t(p) AS (SELECT fts3_tokenizer('porter')) SELECT p FROM t", "fts3_tokenizer"),
    ("SELECT load_extension('/tmp/impact-probe.so')", "load_extension"),
    ("SELECT load_extension('x', 'entry')", "load_extension"),
    ("SELECT fts5(NULL)", "fts5"),
])
func aFunctionThatReachesIntoTheProgramIsRefusedByTheAuthorizer(sql: String, function: String) throws {
    try withSmallStore { store, _ in
        guard case let .refusedFunction(name, reason)? = refusal(of: AdHocQuery(sql: sql), in: store) else {
            Issue.record("\(sql) was not refused as a function")
            return
        }
        #expect(name.lowercased() == function)
        #expect(reason == QueryAuthorizer.refusedFunctions[function])
        #expect(QueryError.refusedFunction(name: name, reason: reason).description.hasPrefix("impact query does not call \(name)(): "))
    }
}

@Test(arguments: [
    "ATTACH DATABASE '/tmp/impact-attach-probe.sqlite' AS probe",
    "ATTACH DATABASE 'file:/tmp/impact-attach-probe.sqlite?mode=rwc' AS probe",
    "PRAGMA mmap_size = 0",
    "PRAGMA main.cache_size = 10",
    "PRAGMA wal_checkpoint",
    "PRAGMA optimize",
])
func attachAPragmaThatSetsAndAnActingPragmaAreRefused(sql: String) throws {
    try withSmallStore { store, _ in
        let refused = refusal(of: AdHocQuery(sql: sql), in: store)
        guard case .notReadOnly = refused else {
            Issue.record("\(sql): \(String(describing: refused))")
            return
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/impact-attach-probe.sqlite"))
        let mmap = try store.read { db in try Int.fetchOne(db, sql: "PRAGMA mmap_size") }
        #expect(mmap == 1 << 30)
    }
}

@Test(arguments: [
    "PRAGMA table_info(programmes)",
    "PRAGMA main.table_xinfo(programmes)",
    "SELECT name FROM pragma_table_info('programmes')",
    "PRAGMA integrity_check",
    "PRAGMA mmap_size",
    "SELECT sqlite_version(), json_object('a', 1), abs(-1), round(pi(), 2), date('2024-01-01', '+1 day')",
    "SELECT length(randomblob(16)), length(zeroblob(1000)), sqlite_compileoption_used('ENABLE_FTS5')",
    "SELECT group_concat(name, '; ') FROM programmes",
])
func reportingPragmasAndEverydayFunctionsStillWork(sql: String) throws {
    try withSmallStore { store, _ in
        let table = try store.read { db in try AdHocQuery(sql: sql).fetchAll(questions(db)) }
        #expect(!table.rows.isEmpty, "\(sql)")
    }
}

@Test(arguments: ["SELECT zeroblob(200000000)", "SELECT length(hex(zeroblob(100000000)))", "SELECT randomblob(150000000)"])
func aValueOverTheLengthLimitIsRefused(sql: String) throws {
    try withSmallStore { store, _ in
        #expect(refusal(of: AdHocQuery(sql: sql), in: store) == .valueTooLarge(limit: 128 << 20))
    }
}
