import Foundation
import GRDB
import Testing

/// A folder with a small database `t.sqlite` imported by the binary: one programme, 300 people.
private func smallDatabase() throws -> URL {
    let folder = try makeFolder()
    try write("programme_id,name\nIN2R,Research placements\n", to: "programmes.csv", in: folder)
    try write("cohort_id,programme_id,year\nC1,IN2R,2025\n", to: "cohorts.csv", in: folder)
    try write("participant_id,birth_year,fsm,first_generation\n" + (1...300).map { "P\($0),2008,\($0 % 2 == 0 ? "yes" : "no"),no\n" }.joined(),
              to: "participants.csv", in: folder)
    try write("participant_id,cohort_id,status\n" + (1...300).map { "P\($0),C1,completed\n" }.joined(), to: "enrolments.csv", in: folder)
    let imported = try runImpact(["import", ".", "--db", "t.sqlite"], in: folder)
    try #require(imported.status == 0, "\(imported.standardError)")
    return folder
}

/// Overwrites page `page` of the file at `path` (4096-byte pages) with 0xFF bytes.
private func damagePage(_ page: Int, of path: String) throws {
    let handle = try #require(FileHandle(forUpdatingAtPath: path))
    try handle.seek(toOffset: UInt64((page - 1) * 4096))
    try handle.write(contentsOf: Data(repeating: 0xFF, count: 4096))
    try handle.close()
}

@Test func aDamagedPageIsRefusedByCheckReportAndQueryWithWhatToDo() throws {
    let folder = try smallDatabase()
    let path = folder.appendingPathComponent("t.sqlite").path
    let root = try DatabaseQueue(path: path).read { db in
        try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_schema WHERE name = 'participants'")
    }
    try damagePage(try #require(root), of: path)

    let check = try runImpact(["check", "--db", "t.sqlite"], in: folder)
    #expect(check.status == 1)
    #expect(check.standardError.contains("t.sqlite: the database is damaged ("), "\(check.standardError)")
    #expect(check.standardError.contains("Restore it from a backup: delete t.sqlite-wal and t.sqlite-shm first"))
    #expect(check.standardOutput.isEmpty, "no findings are printed about a damaged file")

    let report = try runImpact(["report", "--out", "out", "--db", "t.sqlite"], in: folder)
    #expect(report.status == 1)
    #expect(report.standardError.contains("t.sqlite: the database is damaged"), "\(report.standardError)")
    #expect(!report.standardError.contains("while executing"), "the SQL is not printed")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/report.md").path))

    let query = try runImpact(["query", "SELECT sum(birth_year) FROM participants", "--db", "t.sqlite"], in: folder)
    #expect(query.status == 1)
    #expect(query.standardError.contains("t.sqlite: the database is damaged"), "\(query.standardError)")

    let metric = try runImpact(["metric", "reach_fsm", "--db", "t.sqlite"], in: folder)
    #expect(metric.status == 1)
    #expect(metric.standardError.contains("t.sqlite: the database is damaged"), "\(metric.standardError)")
}

@Test func aBackupRestoredBesideALeftoverWALIsRefused() throws {
    let folder = try smallDatabase()
    let path = folder.appendingPathComponent("t.sqlite").path
    let backup = folder.appendingPathComponent("backup.sqlite").path
    try FileManager.default.copyItem(atPath: path, toPath: backup)

    // The database moves on from the backup, then a last change is left in its -wal (as a crash
    // leaves it), and the -wal is kept aside.
    let savedWAL = folder.appendingPathComponent("saved-wal").path
    do {
        let pool = try DatabasePool(path: path)
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE later (x BLOB)")
            for _ in 0..<4000 { try db.execute(sql: "INSERT INTO later VALUES (randomblob(300))") }
        }
        try pool.writeWithoutTransaction { db in
            _ = try db.checkpoint(.truncate)
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        }
        try pool.write { db in
            try db.execute(sql: "UPDATE participants SET birth_year = birth_year + 0")
            for _ in 0..<1000 { try db.execute(sql: "INSERT INTO later VALUES (randomblob(300))") }
            try db.execute(sql: "DELETE FROM later WHERE rowid % 3 = 0")
        }
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: savedWAL)
        try pool.close()
    }
    // The backup is restored over the file, and the old -wal is left beside it.
    func restore() throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try FileManager.default.copyItem(atPath: backup, toPath: path)
        try FileManager.default.copyItem(atPath: savedWAL, toPath: path + "-wal")
    }
    for command in [["report", "--out", "out"], ["check"], ["import", "participants.csv"]] {
        try restore()
        let result = try runImpact(command + ["--db", "t.sqlite"], in: folder)
        #expect(result.status == 1, "impact \(command[0]): \(result.standardOutput)")
        #expect(result.standardError.contains("t.sqlite: the database is damaged (PRAGMA quick_check found"), "impact \(command[0]): \(result.standardError)")
    }
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/report.md").path))

    // Restored as the message says, without the -wal, the backup reads.
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    try FileManager.default.copyItem(atPath: backup, toPath: path)
    let check = try runImpact(["check", "--db", "t.sqlite"], in: folder)
    #expect(check.status == 0, "\(check.standardError)")
}

@Test func checkFindsDamageThatNoCheckReads() throws {
    let folder = try smallDatabase()
    let path = folder.appendingPathComponent("t.sqlite").path
    // A table no check reads (as a later schema step's might be), whose one leaf page is damaged.
    let page = try DatabaseQueue(path: path).write { db in
        try db.execute(sql: "CREATE TABLE aside (x TEXT)")
        try db.execute(sql: "INSERT INTO aside VALUES ('a')")
        return try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_schema WHERE name = 'aside'")
    }
    try damagePage(try #require(page), of: path)
    let check = try runImpact(["check", "--db", "t.sqlite"], in: folder)
    #expect(check.status == 1)
    #expect(check.standardError.contains("t.sqlite: the database is damaged ("), "\(check.standardError)")
}

@Test func aDatabasePathThatIsANamedPipeIsRefusedAtOnce() throws {
    let folder = try makeFolder()
    let pipe = folder.appendingPathComponent("db.fifo").path
    try #require(mkfifo(pipe, 0o600) == 0)
    try write("participant_id\nP1\n", to: "participants.csv", in: folder)
    for command in [["report", "--out", "out"], ["check"], ["import", "participants.csv"], ["query", "SELECT 1"]] {
        let result = try #require(try runImpact(command + ["--db", "db.fifo"], in: folder, within: 20), "impact \(command[0]) hung on a named pipe")
        #expect(result.status == 1, "impact \(command[0]): \(result.standardError)")
        #expect(result.standardError.contains("db.fifo: cannot open the database (it is a named pipe (FIFO), not a database file)"),
                "impact \(command[0]): \(result.standardError)")
    }
}
