import Testing
import GRDB
@testable import ImpactStore

@Test func migratorCreatesEveryContractTable() throws {
    let database = try ImpactDatabase.inMemory()
    let names = try database.writer.read { db in
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type IN ('table','view') ORDER BY name")
    }
    for table in ["programmes", "cohorts", "participants", "enrolments", "survey_items", "responses", "outcomes", "benchmarks", "imports", "rejected_rows"] {
        #expect(names.contains(table), "missing \(table)")
    }
}
