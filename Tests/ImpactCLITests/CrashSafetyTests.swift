import Foundation
import GRDB
import Testing

/// Parents for a large responses file: one programme, `cohorts` cohorts, `people` people, `items` items.
enum LargeImport {
    static let people = 4_000, cohorts = 5, items = 20
    static let waves = ["pre", "post", "follow_up"]
    static var rows: Int { people * cohorts * items * waves.count }

    /// Imports the parents with the binary and writes the large responses.csv (not imported).
    static func prepare(in folder: URL) throws {
        try write("programme_id,name\nIN2R,Research placements\n", to: "programmes.csv", in: folder)
        try write("cohort_id,programme_id,year\n" + (1...cohorts).map { "C\($0),IN2R,2024\n" }.joined(), to: "cohorts.csv", in: folder)
        try write("participant_id,birth_year\n" + (1...people).map { "P\($0),2007\n" }.joined(), to: "participants.csv", in: folder)
        try write("instrument_id,item_id,construct,scale_min,scale_max\n" + (1...items).map { "core,i\($0),c\($0 % 4),1,5\n" }.joined(),
                  to: "survey_items.csv", in: folder)
        let parents = try runImpact(["import", "programmes.csv", "cohorts.csv", "participants.csv", "survey_items.csv", "--db", "t.sqlite"], in: folder)
        #expect(parents.status == 0, "\(parents.standardError)")
        var bytes = Data("participant_id,cohort_id,instrument_id,wave,item_id,value\n".utf8)
        bytes.reserveCapacity(rows * 32)
        for person in 1...people {
            for cohort in 1...cohorts {
                for wave in waves {
                    for item in 1...items {
                        bytes.append(contentsOf: "P\(person),C\(cohort),core,\(wave),i\(item),\((person + item) % 5 + 1)\n".utf8)
                    }
                }
            }
        }
        try bytes.write(to: folder.appendingPathComponent("responses.csv"))
    }

    /// Starts `impact import responses.csv` without waiting for it.
    static func startImport(in folder: URL) throws -> Process {
        let process = Process()
        process.executableURL = impactBinary
        process.arguments = ["import", "responses.csv", "--db", "t.sqlite"]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["IMPACT_DB"] = nil
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until the -wal file of the database in `folder` is larger than `bytes`, or the process ends.
    static func waitForWAL(in folder: URL, largerThan bytes: Int, while process: Process) {
        let wal = folder.appendingPathComponent("t.sqlite-wal").path
        while process.isRunning {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? NSNumber)?.intValue ?? 0
            if size > bytes { return }
            usleep(20_000)
        }
    }
}

/// Every row of every table, in order, as text: two equal dumps are two equal database states.
func dumpTables(_ db: Database) throws -> [String] {
    var lines: [String] = []
    let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    for table in tables {
        lines += try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table): \($0)" }.sorted()
    }
    return lines
}

@Test func anImportKilledPartWayLeavesTheDatabaseIntactAndAsItWasBefore() throws {
    let folder = try makeFolder()
    try LargeImport.prepare(in: folder)
    let path = folder.appendingPathComponent("t.sqlite").path
    let before = try DatabaseQueue(path: path).read(dumpTables)
    #expect(before.contains { $0.hasPrefix("participants: ") })

    let process = try LargeImport.startImport(in: folder)
    LargeImport.waitForWAL(in: folder, largerThan: 2 << 20, while: process)
    try #require(process.isRunning, "the import finished before it could be killed: make the file larger")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    let walSize = (try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
    #expect(walSize > 2 << 20, "the import had written into the -wal file when it was killed")

    // The next program to open the file recovers it: intact, and exactly as before the import.
    let queue = try DatabaseQueue(path: path)
    #expect(try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } == ["ok"])
    #expect(try queue.read(dumpTables) == before)
    try queue.close()

    // And the same file imports whole afterwards.
    let again = try runImpact(["import", "responses.csv", "--db", "t.sqlite"], in: folder)
    #expect(again.status == 0, "\(again.standardError)")
    #expect(again.standardOutput.contains("\(LargeImport.rows) read, \(LargeImport.rows) inserted"))
}

@Test func readersSeeAConsistentSnapshotWhileAnImportWrites() throws {
    let folder = try makeFolder()
    try LargeImport.prepare(in: folder)
    let path = folder.appendingPathComponent("t.sqlite").path
    let pool = try DatabasePool(path: path)
    func counts() throws -> (answers: Int, imports: Int) {
        try pool.read { db in
            let answers = try Int.fetchOne(db, sql: "SELECT count(*) FROM answers") ?? -1
            let imports = try Int.fetchOne(db, sql: "SELECT count(*) FROM imports") ?? -1
            usleep(50_000)
            // Still the same snapshot, whatever committed meanwhile.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM answers") == answers)
            return (answers, imports)
        }
    }
    let before = try counts()
    #expect(before.answers == 0)

    let process = try LargeImport.startImport(in: folder)
    // The import holds the write lock from its first row to its commit: wait until it has it.
    while process.isRunning {
        let locked = try pool.writeWithoutTransaction { db in
            do {
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
                return false
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                return true
            }
        }
        if locked { break }
        usleep(20_000)
    }
    var readsDuringImport = 0
    var commandsDuringImport = 0
    while process.isRunning {
        let seen = try counts()
        let stillRunning = process.isRunning
        // Either the state before the file or the state after it, never a part of it.
        let isBefore = seen.answers == before.answers && seen.imports == before.imports
        let isAfter = seen.answers == LargeImport.rows && seen.imports == before.imports + 1
        #expect(isBefore || isAfter, "a reader saw \(seen.answers) answers and \(seen.imports) imports")
        if stillRunning && isBefore { readsDuringImport += 1 }
        if stillRunning, commandsDuringImport == 0 {
            // The command-line readers work while the import holds the write lock.
            let check = try runImpact(["check", "--db", "t.sqlite", "--format", "csv"], in: folder)
            let report = try runImpact(["report", "--out", "out", "--db", "t.sqlite"], in: folder)
            if process.isRunning {
                commandsDuringImport += 1
                #expect(check.status == 0, "impact check during an import: \(check.standardError)")
                #expect(report.status == 0, "impact report during an import: \(report.standardError)")
            }
        }
    }
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(readsDuringImport > 0, "no read happened while the import wrote: make the file larger")
    #expect(commandsDuringImport == 1, "the commands did not run while the import wrote: make the file larger")
    let after = try counts()
    #expect(after.answers == LargeImport.rows && after.imports == before.imports + 1)
}
