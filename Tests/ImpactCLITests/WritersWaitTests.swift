import Foundation
import GRDB
import Testing

/// Holds the write lock of a database (as another program might) on a thread of its own until
/// `release()`.
private final class WriteLockHolder: @unchecked Sendable {
    private let held = DispatchSemaphore(value: 0), released = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)

    init(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        DispatchQueue.global().async { [held, released, done] in
            try? queue.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                held.signal()
                released.wait()
                try db.execute(sql: "ROLLBACK")
            }
            done.signal()
        }
        held.wait()
    }

    func release() {
        released.signal()
        done.wait()
    }
}

@Test func aWriterWaitsWhileAnotherWritesSaysSoAndLands() throws {
    let folder = try makeFolder()
    try write("participant_id,birth_year\nP1,2008\n", to: "participants.csv", in: folder)
    #expect(try runImpact(["import", "participants.csv", "--db", "t.sqlite"], in: folder).status == 0)
    try write("participant_id,birth_year\nQ1,2008\nQ2,2008\nQ3,2009\n", to: "more.csv", in: folder)
    let path = folder.appendingPathComponent("t.sqlite").path
    let holder = try WriteLockHolder(path)
    let second = try RunningImpact(["import", "participants=more.csv", "--db", "t.sqlite"], in: folder)
    usleep(1_600_000)
    #expect(second.process.isRunning, "the import did not wait for the lock")
    holder.release()
    let result = second.finish()
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("3 read, 3 inserted"))
    #expect(result.standardError.contains("Waiting: another command is writing to t.sqlite; this one goes on when it has finished"), "\(result.standardError)")
    let people = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM participants") }
    #expect(people == 4)
}

@Test func importsStartedTogetherIntoANewDatabaseAllLand() throws {
    let folder = try makeFolder()
    for group in 1...3 {
        let people = (1...200).map { "G\(group)P\($0),2008\n" }.joined()
        try write("participant_id,birth_year\n" + people, to: "people\(group).csv", in: folder)
    }
    // Each round starts three imports into a database that does not exist yet: one creates it,
    // all three migrate it or find it migrated, and every one lands.
    for round in 1...4 {
        let database = "new\(round).sqlite"
        let started = try (1...3).map { try RunningImpact(["import", "participants=people\($0).csv", "--db", database], in: folder) }
        let results = started.map { $0.finish() }
        for result in results {
            #expect(result.status == 0, "round \(round): \(result.standardError)")
        }
        let people = try DatabaseQueue(path: folder.appendingPathComponent(database).path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM participants")
        }
        #expect(people == 600, "round \(round)")
    }
}

@Test func aWriterGivesUpAfterImpactWaitHavingWrittenNothing() throws {
    let folder = try makeFolder()
    try write("participant_id,birth_year\nP1,2008\n", to: "participants.csv", in: folder)
    #expect(try runImpact(["import", "participants.csv", "--db", "t.sqlite"], in: folder).status == 0)
    try write("participant_id,birth_year\nP2,2008\n", to: "more.csv", in: folder)
    let path = folder.appendingPathComponent("t.sqlite").path
    let holder = try WriteLockHolder(path)

    let started = Date()
    let refused = try runImpact(["import", "participants=more.csv", "--db", "t.sqlite"], in: folder, environment: ["IMPACT_WAIT": "2"])
    let waited = Date().timeIntervalSince(started)
    #expect(refused.status == 1)
    #expect(refused.standardError.contains("Waiting: another command is writing to t.sqlite"), "\(refused.standardError)")
    #expect(refused.standardError.contains("t.sqlite: another command (or program) kept writing to the database for 2 seconds; nothing was written"),
            "\(refused.standardError)")
    #expect(!refused.standardError.contains("database is locked"))
    #expect(waited >= 1.9, "it waited \(waited) s")

    let erase = try runImpact(["erase", "--participant", "P1", "--db", "t.sqlite"], in: folder, environment: ["IMPACT_WAIT": "0"])
    #expect(erase.status == 1)
    #expect(erase.standardError.contains("kept writing to the database"), "\(erase.standardError)")

    holder.release()
    #expect(try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT participant_id FROM participants") } == ["P1"])

    let badWait = try runImpact(["import", "participants=more.csv", "--db", "t.sqlite"], in: folder, environment: ["IMPACT_WAIT": "soon"])
    #expect(badWait.status == 1)
    #expect(badWait.standardError.contains("IMPACT_WAIT is soon, not a number of seconds"))

    // With the lock free, the same command lands.
    let landed = try runImpact(["import", "participants=more.csv", "--db", "t.sqlite"], in: folder, environment: ["IMPACT_WAIT": "2"])
    #expect(landed.status == 0, "\(landed.standardError)")
}
