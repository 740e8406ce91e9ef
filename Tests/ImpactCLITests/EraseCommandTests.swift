import Foundation
import GRDB
import Testing

/// Imports P1, P2 and a person known by e-mail, each with an outcome.
private func importPeople(in folder: URL) throws {
    try write("participant_id,email,birth_year\nP1,,2007\nP2,,2006\n,ada@example.org,2008\n", to: "participants.csv", in: folder)
    try write("participant_id,email,outcome,value\nP1,,he_entry,yes\nP2,,he_entry,no\n,ada@example.org,he_entry,yes\n", to: "outcomes.csv", in: folder)
    let result = try runImpact(["import", "participants.csv", "outcomes.csv", "--db", "t.sqlite"], in: folder)
    #expect(result.status == 0, "\(result.standardError)")
}

private func participantIDs(in folder: URL) throws -> [String] {
    try DatabaseQueue(path: folder.appendingPathComponent("t.sqlite").path).read { db in
        try String.fetchAll(db, sql: "SELECT participant_id FROM participants ORDER BY 1")
    }
}

@Test func eraseRemovesTheParticipantAndLogsTheErasure() throws {
    let folder = try makeFolder()
    try importPeople(in: folder)
    let result = try runImpact(["erase", "--participant", "P1", "--reference", "DSAR-1", "--db", "t.sqlite"], in: folder)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.hasPrefix("Erased P1: "))
    #expect(result.standardOutput.contains("outcomes 1") && result.standardOutput.contains("participants 1"))
    #expect(result.standardOutput.contains("Logged as erasure 1 in the table erasures."))
    let ids = try participantIDs(in: folder)
    #expect(!ids.contains("P1") && ids.contains("P2") && ids.count == 2)
    let again = try runImpact(["erase", "--participant", "P1", "--db", "t.sqlite"], in: folder)
    #expect(again.status == 1)
    #expect(again.standardError.contains("Error: no participant P1 in the database"))
}

@Test func eraseByEmailHashesTheAddressWithTheImportKey() throws {
    let folder = try makeFolder()
    try importPeople(in: folder)
    #expect(try participantIDs(in: folder).contains { $0.hasPrefix("e_") })
    let result = try runImpact(["erase", "--email", " Ada@Example.org", "--vacuum", "--db", "t.sqlite"], in: folder)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("the file was vacuumed"))
    #expect(!result.standardOutput.contains("ada@"), "the address is not echoed")
    #expect(try participantIDs(in: folder) == ["P1", "P2"])
    // Another key is not the database's: refused, saying what to do, nothing erased.
    let otherKey = try runImpact(["erase", "--email", "p2@example.org", "--db", "t.sqlite"], in: folder,
                                 environment: ["IMPACT_ID_KEY": "another-key-0123456789"])
    #expect(otherKey.status == 1)
    #expect(otherKey.standardError.hasPrefix("Error: the id key at hand (fingerprint "), "\(otherKey.standardError)")
    #expect(otherKey.standardError.contains("Restore the original key file from your backup, or set IMPACT_ID_KEY or IMPACT_KEY_FILE to the original key"))
    #expect(!otherKey.standardError.contains("another-key"))
    #expect(try participantIDs(in: folder) == ["P1", "P2"])
    // An address no one has names nobody.
    let nobody = try runImpact(["erase", "--email", "nobody@example.org", "--db", "t.sqlite"], in: folder)
    #expect(nobody.status == 1)
    #expect(nobody.standardError.contains("Error: no person with that e-mail address in the database"))
    #expect(!nobody.standardError.contains("nobody@"))
}

@Test func eraseByEmailRemovesThePersonImportedByIDAndTheirKey() throws {
    let folder = try makeFolder()
    try write("participant_id,email,birth_year\nCRM-1,ada@example.org,2007\nCRM-2,bo@example.org,2006\n", to: "participants.csv", in: folder)
    try write("email,outcome,value\nAda@Example.org,he_entry,yes\n", to: "outcomes.csv", in: folder)
    let imported = try runImpact(["import", "participants.csv", "outcomes.csv", "--db", "t.sqlite"], in: folder)
    #expect(imported.status == 0, "\(imported.standardError)")
    #expect(imported.standardOutput.contains("outcomes.csv (outcomes): 1 read, 1 inserted"))
    let result = try runImpact(["erase", "--email", "ada@example.org", "--db", "t.sqlite"], in: folder)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.hasPrefix("Erased the person with that e-mail address: 3 rows (outcomes 1, participant_email_keys 1, participants 1)."), "\(result.standardOutput)")
    #expect(try participantIDs(in: folder) == ["CRM-2"])
    let keys = try DatabaseQueue(path: folder.appendingPathComponent("t.sqlite").path).read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM participant_email_keys")
    }
    #expect(keys == 1)
}

@Test func eraseByEmailWithoutAKeyCreatesNoKeyAndSaysWhy() throws {
    let folder = try makeFolder()
    try importPeople(in: folder)
    let keyFile = folder.appendingPathComponent("keys/id.key").path
    let result = try runImpact(["erase", "--email", "ada@example.org", "--db", "t.sqlite"], in: folder,
                               environment: ["IMPACT_ID_KEY": "", "IMPACT_KEY_FILE": keyFile])
    #expect(result.status == 1)
    #expect(result.standardError.contains("Error: no id key"))
    #expect(!FileManager.default.fileExists(atPath: keyFile))
    #expect(try participantIDs(in: folder).count == 3)
}

@Test(arguments: [
    (["erase"], "give --participant ID or --email ADDRESS"),
    (["erase", "--participant", "P1", "--email", "a@b.org"], "give --participant or --email, not both"),
    (["erase", "--participant", ""], "--participant must not be empty"),
    (["erase", "--email", "nobody"], "--email must be an e-mail address"),
    (["erase", "--participant", "P1", "--reference", ""], "--reference must be 1 to 100 characters"),
    (["erase", "--participant", "P1", "--reference", "request for P1"], "--reference must not contain the participant's id"),
    (["erase", "--participant", "P1", "--db", "missing.sqlite"], "no database here"),
    (["erase", "--participant", "P1", "--db", "notes.txt"], "not a SQLite database"),
    (["erase", "--participant", "P1", "--vacuum=yes"], "--vacuum"),
])
func eraseRefusesBadInputWithAMessage(arguments: [String], message: String) throws {
    let folder = try makeFolder()
    try write("just some text, long enough to have a header's worth of bytes", to: "notes.txt", in: folder)
    let result = try runImpact(arguments, in: folder)
    #expect(result.status != 0, "\(arguments)")
    #expect(result.standardError.contains("Error:"), "\(arguments): \(result.standardError)")
    #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
    #expect(!result.standardError.contains("Fatal error"))
}
