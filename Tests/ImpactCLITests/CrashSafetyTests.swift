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
        let process = impactProcess(["import", "responses.csv", "--db", "t.sqlite"], in: folder)
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

/// Everything in a report folder, by path inside it (a folder as `/`, hidden names included),
/// with the time in report.md's and report.html's "Generated … by" left out: two reports of
/// the same database are then equal, and reports of two databases differ in every file.
func reportContents(of folder: URL) throws -> [String: Data] {
    var contents: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [:] }
    let stamp = try Regex("Generated [^ ]+ by")
    while let path = enumerator.nextObject() as? String {
        let url = folder.appendingPathComponent(path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { continue }
        if isFolder.boolValue {
            contents[path] = Data("/".utf8)
        } else if path.hasPrefix("report.") {
            contents[path] = Data(try String(contentsOf: url, encoding: .utf8).replacing(stamp, with: "Generated … by").utf8)
        } else {
            contents[path] = try Data(contentsOf: url)
        }
    }
    return contents
}

/// The inode number of what is at `url`, or 0.
func inode(of url: URL) -> UInt64 {
    var info = stat()
    return stat(url.path, &info) == 0 ? UInt64(info.st_ino) : 0
}

/// What a report folder holds, against the reports of the two databases: "a" or "b" when it is
/// wholly one of them, else how many of its files are whose, changed, missing or extra.
func describe(_ seen: [String: Data], against states: [String: [String: Data]]) -> String {
    if let whole = states.first(where: { $0.value == seen })?.key { return whole }
    var kinds: [String: [String]] = [:]
    for name in Set(seen.keys).union(states.values.flatMap(\.keys)).sorted() {
        let kind: String
        if let data = seen[name] {
            if !states.values.contains(where: { $0[name] != nil }) {
                kind = "extra"
            } else if data == Data("/".utf8) {
                continue
            } else {
                kind = states.first { $0.value[name] == data }.map { "of \($0.key)" } ?? "changed"
            }
        } else {
            kind = "missing"
        }
        kinds[kind, default: []].append(name)
    }
    return kinds.sorted { $0.key < $1.key }.map { "\($0.value.count) \($0.key) (\($0.value[0]))" }.joined(separator: ", ")
}

// A report is written beside its folder and swapped in with one rename: killed at any point,
// it leaves the whole folder of the report before it or the whole new one, never a mix, and
// nothing of its own inside; what it left beside the folder the next report clears.
@Test func aReportKilledAtAnyPointLeavesTheWholePreviousFolderOrTheWholeNewOne() throws {
    let folder = try makeFolder()
    for (name, seed) in [("a", 1), ("b", 2)] {
        let demo = try runImpact(["demo", "--out", name, "--participants", "12", "--seed", "\(seed)"], in: folder)
        try #require(demo.status == 0, "\(demo.standardError)")
    }
    let target = folder.appendingPathComponent("out/report")
    func startReport(of database: String) throws -> Process {
        let process = Process()
        process.executableURL = impactBinary
        process.arguments = ["report", "--out", "out/report", "--db", "\(database)/impact.sqlite"]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
    // Whole reports of each database, timed: every file of one differs from the other's.
    var states: [String: [String: Data]] = [:]
    var durations: [TimeInterval] = []
    for database in ["a", "b", "a", "b"] {
        let start = Date()
        let process = try startReport(of: database)
        process.waitUntilExit()
        durations.append(Date().timeIntervalSince(start))
        try #require(process.terminationStatus == 0)
        let contents = try reportContents(of: target)
        #expect(states[database] == nil || states[database] == contents, "two reports of one database are equal")
        states[database] = contents
    }
    let a = try #require(states["a"]), b = try #require(states["b"])
    try #require(a.count == 18 && Set(a.keys) == Set(b.keys), "\(a.keys.sorted())")
    try #require(a.allSatisfy { $0.value == Data("/".utf8) || b[$0.key] != $0.value }, "every file tells which database it is of")

    var current = "b"
    var kills = 0, runs = 0
    var failures: [String] = []
    // Kills that left the previous report (false) and the new one, swapped in just before (true).
    var killed: [Bool: Int] = [:]
    while kills < 200, runs < 600 {
        runs += 1
        let next = current == "a" ? "b" : "a"
        // A third of the kills anywhere in a run, a third in its second half, where the files are
        // written and swapped in, and a third the moment the folder is a new one (its inode
        // changed), before the process has removed the one it replaced.
        let time = durations.sorted()[durations.count / 2]
        let band = [0...1.0, 0.5...1.0, nil].randomElement()!
        let delay = band.map { time * Double.random(in: $0) }
        let before = inode(of: target)
        let start = Date()
        let process = try startReport(of: next)
        if let delay {
            usleep(UInt32(delay * 1_000_000))
        } else {
            while process.isRunning, inode(of: target) == before { usleep(200) }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal {
            kills += 1
        } else {
            #expect(process.terminationStatus == 0)
            durations = Array((durations + [Date().timeIntervalSince(start)]).suffix(9))
        }
        let seen = describe(try reportContents(of: target), against: states)
        if seen == current || seen == next {
            if process.terminationReason == .uncaughtSignal { killed[seen == next, default: 0] += 1 }
            current = seen
        } else {
            failures.append("killed after \(Int(Date().timeIntervalSince(start) * 1000)) ms writing \(next) over \(current): \(seen)")
            // A whole report again, so the next kill is judged from a whole folder.
            let whole = try startReport(of: next)
            whole.waitUntilExit()
            current = describe(try reportContents(of: target), against: states)
            try #require(current == next, "a whole report after a kill: \(current)")
        }
        let beside = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path).filter { $0 != "report" }
        #expect(beside.count <= 1, "the leftovers of earlier kills are cleared: \(beside)")
    }
    #expect(kills >= 200, "\(kills) kills in \(runs) runs")
    #expect(killed[false, default: 0] >= 50 && killed[true, default: 0] >= 10, "kills on both sides of the swap: \(killed)")
    if !failures.isEmpty {
        let mixed = failures.filter { $0.contains(" of a (") && $0.contains(" of b (") }.count
        let extra = failures.filter { $0.contains(" extra (") }.count
        Issue.record("\(failures.count) of \(runs) runs (\(kills) kills) left a folder that is neither report: \(mixed) a mix of both, \(extra) with extra files; \(failures.prefix(3))")
    }
    // A whole report clears what the killed ones left beside its folder.
    let last = try startReport(of: current == "a" ? "b" : "a")
    last.waitUntilExit()
    #expect(last.terminationStatus == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path) == ["report"])
}
