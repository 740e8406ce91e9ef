import Foundation
import GRDB
import Testing

/// Makes, in `folder`, the databases every command must refuse: a SQLite file of another
/// program, a damaged impact database and one written by a newer impact.
private func makeUnusableDatabases(in folder: URL) throws {
    try write("programme_id,name\nIN2R,Research placements\n", to: "programmes.csv", in: folder)
    for name in ["damaged.sqlite", "newer.sqlite"] {
        let result = try runImpact(["import", "programmes.csv", "--db", name], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
    }
    try DatabaseQueue(path: folder.appendingPathComponent("other.sqlite").path).write { db in
        try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    }
    try DatabaseQueue(path: folder.appendingPathComponent("newer.sqlite").path).write { db in
        try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('999_from_the_future')")
    }
    // Page 1 holds the schema: overwrite its b-tree (after the 100-byte file header) with garbage.
    let damaged = folder.appendingPathComponent("damaged.sqlite")
    var bytes = try Data(contentsOf: damaged)
    for offset in 100..<1_000 { bytes[offset] = 0xA5 }
    try bytes.write(to: damaged)
    try write("just some text, long enough to have a header's worth of bytes", to: "notes.txt", in: folder)
}

/// Every command that opens a database, given `--db PATH`.
private func commands(db path: String) -> [[String]] {
    [["import", "programmes.csv", "--db", path], ["report", "--out", "out", "--db", path], ["check", "--db", path],
     ["erase", "--participant", "P1", "--db", path]]
}

@Test(arguments: [
    ("notes.txt", "not a SQLite database"),
    ("other.sqlite", "a SQLite database, but not an impact database"),
    ("damaged.sqlite", "the database is damaged"),
    ("newer.sqlite", "written by a newer version of impact (unknown schema steps: 999_from_the_future)"),
])
func everyCommandRefusesADatabaseItCannotUseWithAMessage(database: String, message: String) throws {
    let folder = try makeFolder()
    try makeUnusableDatabases(in: folder)
    let original = try Data(contentsOf: folder.appendingPathComponent(database))
    for arguments in commands(db: database) {
        let result = try runImpact(arguments, in: folder)
        #expect(result.status == 1, "\(arguments)")
        #expect(result.standardError.hasPrefix("Error: \(database): "), "\(arguments): \(result.standardError)")
        #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
        #expect(!result.standardError.contains("Fatal error"))
    }
    #expect(try Data(contentsOf: folder.appendingPathComponent(database)) == original, "the file is left as it was")
}

@Test(arguments: [
    (["report", "--out", "out", "--programme", ""], "--programme must not be empty"),
    (["report", "--out", "out", "--year", "next"], "'next' is invalid for '--year"),
    (["report", "--out", ""], "--out must name a folder"),
    (["report", "--out", "notes.txt", "--db", "good.sqlite"], "notes.txt: cannot write (it is a file; --out names a folder"),
    (["query", "SELECT 1", "--db", "."], "cannot open the database (it is a folder; give the database file's path"),
    (["check", "--db", "."], "cannot open the database (it is a folder"),
    (["import", "programmes.csv", "--db", "."], "cannot open the database (it is a folder"),
    (["report", "--out", "out", "--programme", "NOPE", "--db", "good.sqlite"], "no cohorts of programme NOPE; the database has no cohorts yet"),
    (["report", "--out", "out", "--year", "2019", "--db", "good.sqlite"], "no cohorts of year 2019"),
    (["report", "--out", "out", "--year"], "Missing value for '--year"),
    (["demo", "--participants", "many"], "'many' is invalid for '--participants"),
    (["demo", "--participants", "-5"], "--participants"),
    (["demo", "--participants", "3000000"], "--participants must be between 1 and 2000000"),
    (["demo", "--seed", "-1"], "--seed"),
    (["demo", "--out", ""], "--out must name a folder"),
    (["demo", "--out", "notes.txt", "--participants", "10"], "notes.txt"),
    (["import", "programmes.csv", "--db", "good.sqlite/inner.sqlite"], "good.sqlite/inner.sqlite"),
    (["import", "responses=programmes.csv", "--db", "good.sqlite"], "programmes.csv"),
    (["import", "nope=programmes.csv"], "nope"),
    (["import", "unclosed.yaml", "--db", "good.sqlite"], "unclosed.yaml: is not valid YAML (line 2, column 1"),
    (["import", "nolayout.yaml", "--db", "good.sqlite"], "nolayout.yaml: \"layout\" is missing"),
    (["bogus"], "Unexpected argument 'bogus'"),
])
func everyCommandLineInputHasAClearMessageForABadValue(arguments: [String], message: String) throws {
    let folder = try makeFolder()
    try write("programme_id,name\nIN2R,Research placements\n", to: "programmes.csv", in: folder)
    let good = try runImpact(["import", "programmes.csv", "--db", "good.sqlite"], in: folder)
    #expect(good.status == 0)
    try write("just some text", to: "notes.txt", in: folder)
    try write("id_column: [unclosed\n", to: "unclosed.yaml", in: folder)
    try write("file: nothing.csv\nwave: pre\n", to: "nolayout.yaml", in: folder)
    let result = try runImpact(arguments, in: folder)
    #expect(result.status != 0, "\(arguments)")
    #expect(result.standardError.hasPrefix("Error: "), "\(arguments): \(result.standardError)")
    #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
    #expect(!result.standardError.contains("Fatal error"), "\(arguments)")
}

// MARK: Output that cannot be written

/// Every command that prints, with its standard output on a full device (/dev/full: every write
/// fails with ENOSPC), ends with `Error: cannot write the output …` and exit 1: no trap, no
/// silent success. (Before, the query commands trapped and check and report exited 0.)
@Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "needs /dev/full (Linux)"), arguments: [
    ["query", "SELECT 1"], ["query", "SELECT * FROM participants", "--format", "csv"], ["metric", "participants", "--by", "year"],
    ["check"], ["check", "--format", "csv"], ["schema"], ["metrics"], ["queries"],
])
func aFullDiskOnStandardOutputIsAnErrorNotACrash(arguments: [String]) throws {
    let folder = try queryDemo.get()
    let process = Process()
    process.executableURL = impactBinary
    let needsDatabase = !["metrics", "queries"].contains(arguments[0])
    process.arguments = arguments + (needsDatabase ? ["--db", demoDatabase] : [])
    process.currentDirectoryURL = folder
    let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    process.standardOutput = full
    let err = Pipe()
    process.standardError = err
    try process.run()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 1, "\(arguments): \(message)")
    #expect(message.hasPrefix("Error: cannot write the output (No space left on device)"), "\(arguments): \(message)")
    #expect(!message.contains("Fatal error"))
}
