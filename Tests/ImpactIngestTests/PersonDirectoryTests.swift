import Foundation
import GRDB
import ImpactTestSupport
import Testing
@testable import ImpactIngest
import ImpactStore

/// The parents, with P1 and P2 given their e-mail addresses by a CRM file keyed by id.
private func databaseWithEmails(in folder: URL) throws -> (ImpactDatabase, Importer) {
    let (database, importer) = try Parents.database(in: folder)
    let crm = try importer.importFile(at: write("participant_id,email\nP1,Ada@Example.org\nP2,bob@example.org\n", to: "crm.csv", in: folder), as: .participants)
    #expect(crm.rejected == 0 && crm.inserted == 0)
    return (database, importer)
}

private func strings(_ sql: String, in database: ImpactDatabase) throws -> [String] {
    try database.writer.read { db in try String.fetchAll(db, sql: sql) }
}

private func count(_ sql: String, in database: ImpactDatabase) throws -> Int {
    try database.writer.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
}

/// The stored e-mail keys as `participant_id=hex`, by id.
private func emailKeys(_ database: ImpactDatabase) throws -> [String] {
    try strings("SELECT p.participant_id || '=' || k.email_key FROM participant_email_keys AS k JOIN participants AS p USING (participant_key) ORDER BY 1", in: database)
}

private func key(_ email: String, _ hasher: KeyedHasher = testHasher) throws -> String {
    try hasher.emailKey(forEmail: email).hex
}

/// A hasher under a key other than the tests' usual one.
private let otherHasher = KeyedHasher(environment: ["IMPACT_ID_KEY": "another-key-0123456789abcdef"])

@Test func filesKeyedByEmailJoinThePeopleImportedByID() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try databaseWithEmails(in: folder)
    #expect(try emailKeys(database) == ["P1=\(try key("ada@example.org"))", "P2=\(try key("bob@example.org"))"])

    let enrolments = try importer.importFile(at: write("email,cohort_id,status\n ada@example.org ,IN2R-2024-01,started\nBOB@example.org,IN2R-2024-01,completed\n", to: "enrolments.csv", in: folder), as: .enrolments)
    #expect(enrolments.inserted == 2 && enrolments.rejected == 0)
    let responses = try importer.importFile(at: write("email,cohort_id,instrument_id,wave,item_id,value\nada@example.org,IN2R-2024-01,core_v1,pre,se1,4\n", to: "responses.csv", in: folder), as: .responses)
    #expect(responses.inserted == 1 && responses.rejected == 0)
    let outcomes = try importer.importFile(at: write("email,outcome,value\nbob@example.org,he_entry,yes\n", to: "outcomes.csv", in: folder), as: .outcomes)
    #expect(outcomes.inserted == 1 && outcomes.rejected == 0)
    #expect(try strings("SELECT participant_id FROM enrolments ORDER BY 1", in: database) == ["P1", "P2"])
    #expect(try strings("SELECT participant_id FROM responses", in: database) == ["P1"])
    #expect(try strings("SELECT participant_id FROM outcomes", in: database) == ["P2"])

    // A participants file keyed by e-mail updates the person rather than making a second one.
    let byEmail = try importer.importFile(at: write("email,gender\nada@example.org,male\n", to: "form.csv", in: folder), as: .participants)
    #expect(byEmail.inserted == 0 && byEmail.updated == 1)
    #expect(try strings("SELECT gender FROM participants WHERE participant_id = 'P1'", in: database) == ["male"])
    #expect(try count("SELECT count(*) FROM participants", in: database) == 4)
}

@Test func aWideSurveyKeyedByEmailJoinsThePeopleImportedByID() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try databaseWithEmails(in: folder)
    try write("Timestamp,Email address,Q1\n2024-08-01,ada@example.org,Agree\n2024-08-01,nobody@example.org,Agree\n", to: "form.csv", in: folder)
    let mapping = try write("""
        file: form.csv
        layout: plain
        email_column: Email address
        cohort: IN2R-2024-01
        instrument: core_v1
        wave: post
        labels: {Agree: 4}
        items: {se1: Q1}
        """, to: "form.yaml", in: folder)
    let summary = try importer.importSurvey(mappingAt: mapping)
    #expect(summary.inserted == 1 && summary.rejected == 1)
    #expect(try strings("SELECT participant_id FROM responses", in: database) == ["P1"])
    let reason = try #require(summary.sampleRejections.first?.reason)
    #expect(reason.hasPrefix("column Email address: no person with that e-mail is known; import participants with this e-mail first"))
    #expect(!reason.contains("nobody"))
    #expect(try count("SELECT count(*) FROM participants", in: database) == 4)
}

@Test(arguments: [
    (FileKind.enrolments, "email,cohort_id,status\nNew.Person@example.org,IN2R-2024-01,started\n"),
    (.responses, "email,cohort_id,instrument_id,wave,item_id,value\nNew.Person@example.org,IN2R-2024-01,core_v1,pre,se1,4\n"),
    (.outcomes, "email,outcome,value\nNew.Person@example.org,he_entry,yes\n"),
])
func anEmailNoPersonHasIsRejectedWithoutTheAddress(kind: FileKind, text: String) throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try databaseWithEmails(in: folder)
    let summary = try importer.importFile(at: write(text, to: kind.fileName, in: folder), as: kind)
    #expect(summary.inserted == 0 && summary.rejected == 1)
    let id = try testHasher.participantID(forEmail: "new.person@example.org")
    let stored = try #require(try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT column_name, reason, raw FROM rejected_rows") })
    #expect(stored["column_name"] == "email")
    #expect(stored["reason"] == "column email: no person with that e-mail is known; import participants with this e-mail first (e-mail id \"\(id)\")")
    let raw: String = stored["raw"]
    #expect(raw.hasPrefix("[removed],"), "\(raw)")
    #expect(try count("SELECT count(*) FROM participants", in: database) == 4)
}

@Test func twoPeopleNeverHoldOneEmail() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try databaseWithEmails(in: folder)
    let taken = try importer.importFile(at: write("participant_id,email\nP3,ADA@example.org\n", to: "p3.csv", in: folder), as: .participants)
    #expect(taken.rejected == 1)
    #expect(taken.sampleRejections.first?.reason == "column email: another person has this e-mail: participant_id \"P1\" (one address is one person); correct the e-mail, or import the row under that id")
    // Within one file, the later row is the one rejected.
    let twice = try importer.importFile(at: write("participant_id,email\nP5,eve@example.org\nP6,EVE@example.org\n", to: "p56.csv", in: folder), as: .participants)
    #expect(twice.inserted == 1 && twice.rejected == 1)
    #expect(twice.sampleRejections.first?.line == 3)
    #expect(twice.sampleRejections.first?.reason.contains("participant_id \"P5\"") == true)
    // Someone known only by e-mail first is a person of their own, who holds the address.
    let known = try importer.importFile(at: write("email,gender\ncarl@example.org,male\n", to: "form.csv", in: folder), as: .participants)
    #expect(known.inserted == 1)
    let carl = try testHasher.participantID(forEmail: "carl@example.org")
    let crm = try importer.importFile(at: write("participant_id,email\nP7,carl@example.org\n", to: "p7.csv", in: folder), as: .participants)
    #expect(crm.inserted == 0 && crm.rejected == 1)
    #expect(crm.sampleRejections.first?.reason.contains("participant_id \"\(carl)\"") == true)
    #expect(try emailKeys(database) == ["P1=\(try key("ada@example.org"))", "P2=\(try key("bob@example.org"))",
                                        "P5=\(try key("eve@example.org"))", "\(carl)=\(try key("carl@example.org"))"].sorted())
}

@Test func aReimportThatChangesAnEmailMovesTheKey() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try databaseWithEmails(in: folder)
    let moved = try importer.importFile(at: write("participant_id,email\nP1,ada.new@example.org\n", to: "crm.csv", in: folder), as: .participants)
    #expect(moved.unchanged == 1 && moved.rejected == 0)
    #expect(try emailKeys(database).first == "P1=\(try key("ada.new@example.org"))")
    let enrolments = try importer.importFile(at: write("email,cohort_id,status\nada@example.org,IN2R-2024-01,started\nada.new@example.org,IN2R-2024-01,started\n", to: "enrolments.csv", in: folder), as: .enrolments)
    #expect(enrolments.inserted == 1 && enrolments.rejected == 1)
    #expect(enrolments.sampleRejections.first?.line == 2)
    #expect(try strings("SELECT participant_id FROM enrolments", in: database) == ["P1"])
    // The old address is free for someone else in a later import.
    let given = try importer.importFile(at: write("participant_id,email\nP3,ada@example.org\n", to: "p3.csv", in: folder), as: .participants)
    #expect(given.rejected == 0)
    // An address its holder leaves stays theirs until the file's end: a swap takes two imports.
    let swap = try importer.importFile(at: write("participant_id,email\nP2,bob.new@example.org\nP4,bob@example.org\n", to: "swap.csv", in: folder), as: .participants)
    #expect(swap.rejected == 1 && swap.sampleRejections.first?.line == 3)
    let later = try importer.importFile(at: write("participant_id,email\nP4,bob@example.org\n", to: "p4.csv", in: folder), as: .participants)
    #expect(later.rejected == 0)
    #expect(try emailKeys(database) == ["P1=\(try key("ada.new@example.org"))", "P2=\(try key("bob.new@example.org"))",
                                        "P3=\(try key("ada@example.org"))", "P4=\(try key("bob@example.org"))"])
}

@Test func aRowRejectedForAnotherColumnKeepsItsEmailOut() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try databaseWithEmails(in: folder)
    let before = try emailKeys(database)
    let summary = try importer.importFile(at: write("participant_id,email,gender\nP1,other@example.org,female,stray\nP9,nine@example.org,male,stray\n", to: "crm.csv", in: folder), as: .participants)
    #expect(summary.rejected == 2)
    #expect(try emailKeys(database) == before)
    // Nor does the database's refusal of a row (a constraint the checks did not foresee) keep it.
    try database.writer.write { db in
        try db.execute(sql: "CREATE TRIGGER keep_p1 BEFORE UPDATE ON participants WHEN OLD.participant_id = 'P1' BEGIN SELECT RAISE(ABORT, 'P1 is kept'); END")
    }
    let refused = try importer.importFile(at: write("participant_id,email,gender\nP1,other@example.org,male\n", to: "p1.csv", in: folder), as: .participants)
    #expect(refused.rejected == 1 && refused.sampleRejections.first?.reason.contains("P1 is kept") == true)
    #expect(try emailKeys(database) == before)
}

@Test func theKeysFingerprintIsHMACSHA256OfAFixedLabel() throws {
    // Reference: Python 3.11 hmac.new(b"test-key-0123456789abcdef", b"impact id key fingerprint v1", hashlib.sha256).hexdigest()[:16]
    #expect(try testHasher.keyFingerprint() == KeyFingerprint(hex: "2c20bb29acafdb61"))
    #expect(try testHasher.keyFingerprint().description == "2c20bb29…")
    #expect(try otherHasher.keyFingerprint() != testHasher.keyFingerprint())
}

// One id key per database: the first import that hashes an e-mail records the key's fingerprint,
// and any later file whose e-mail rows would be hashed under another key is refused whole.
@Test func aSecondKeyIsRefusedWholeAndTheDatabaseIsLeftAsItWas() throws {
    let folder = try makeTemporaryFolder()
    let (database, _) = try Parents.database(in: folder)
    // No e-mail hashed yet: no fingerprint, and any key will do.
    #expect(try count("SELECT count(*) FROM id_key_fingerprint", in: database) == 0)
    let other = Importer(database: database, hasher: otherHasher)
    _ = try other.importFile(at: write("participant_id,email\nP1,ada@example.org\n", to: "crm.csv", in: folder), as: .participants)
    #expect(try strings("SELECT fingerprint FROM id_key_fingerprint", in: database) == [try otherHasher.keyFingerprint().hex])

    let before = try snapshot(database)
    let (mine, theirs) = (try testHasher.keyFingerprint(), try otherHasher.keyFingerprint())
    let importer = Importer(database: database, hasher: testHasher)
    let files: [(FileKind, String)] = [
        (.participants, "participant_id,email\nP2,bob@example.org\n"),
        (.participants, "email,gender\nada@example.org,female\n"),
        (.enrolments, "email,cohort_id,status\nada@example.org,IN2R-2024-01,started\n"),
        (.responses, "participant_id,email,cohort_id,instrument_id,wave,item_id,value\nP2,,IN2R-2024-01,core_v1,pre,se1,4\n,ada@example.org,IN2R-2024-01,core_v1,pre,se1,4\n"),
        (.outcomes, "email,outcome,value\nada@example.org,he_entry,yes\n"),
    ]
    for (kind, text) in files {
        do {
            _ = try importer.importFile(at: write(text, to: kind.fileName, in: folder), as: kind)
            Issue.record("\(kind): expected a refusal")
        } catch let error as IngestError {
            let message = "\(error)"
            #expect(message.contains("fingerprint \(mine)") && message.contains("fingerprint \(theirs)"), "\(message)")
            #expect(message.contains("Restore the original key file from your backup, or set IMPACT_ID_KEY or IMPACT_KEY_FILE to the original key"))
            #expect(!message.contains("test-key") && !message.contains("another-key") && !message.contains("ada@"), "\(message)")
        }
        #expect(try snapshot(database) == before, "\(kind)")
    }
    // Rows with ids of their own hash nothing: any key, or none, will do.
    let ids = try importer.importFile(at: write("participant_id,cohort_id,status\nP2,IN2R-2024-01,started\n", to: "enrolments.csv", in: folder), as: .enrolments)
    #expect(ids.inserted == 1)
}

// The existing rule holds for e-mail keys too: no key at all, while the database holds what one
// made, refuses the file rather than creating a new key.
@Test func withoutAKeyEmailKeysStoredUnderOneRefuseTheFile() throws {
    let folder = try makeTemporaryFolder()
    let (database, _) = try databaseWithEmails(in: folder)
    #expect(try count("SELECT count(*) FROM participants WHERE participant_id LIKE 'e\\_%' ESCAPE '\\'", in: database) == 0)
    let keyFolder = folder.appendingPathComponent("config")
    let fresh = KeyedHasher(environment: ["XDG_CONFIG_HOME": keyFolder.path])
    let importer = Importer(database: database, hasher: fresh)
    let before = try snapshot(database)
    do {
        _ = try importer.importFile(at: write("participant_id,email\nP3,cy@example.org\n", to: "crm.csv", in: folder), as: .participants)
        Issue.record("expected a refusal")
    } catch let error as IngestError {
        #expect("\(error)".hasPrefix("no id key"))
        #expect("\(error)".contains("Restore the key file from your backup"))
    }
    #expect(try snapshot(database) == before)
    #expect(!fresh.keyExists && !FileManager.default.fileExists(atPath: keyFolder.path))
    #expect(try importer.importFile(at: write("participant_id,gender\nP9,male\n", to: "more.csv", in: folder), as: .participants).inserted == 1)
}

@Test func noEmailIsInAnyByteOfTheDatabaseFileOrItsWAL() throws {
    let folder = try makeTemporaryFolder()
    let path = folder.appendingPathComponent("impact.sqlite").path
    let database = try ImpactDatabase.open(at: path)
    let importer = Importer(database: database, hasher: testHasher)
    let files: [(FileKind, String)] = [
        (.programmes, Parents.programmes),
        (.cohorts, Parents.cohorts),
        (.participants, "participant_id,email,gender\nP1,Zq.Lovelace@Quillmail.test,female\nP2,xy.hopper@quillmail.test,female,stray\nP3,zq.lovelace@quillmail.test,male\n"),
        (.participants, "email,gender\nwv.turing@quillmail.test,male\n"),
        (.enrolments, "email,cohort_id,status\nzq.lovelace@quillmail.test,IN2R-2024-01,started\nuu.noether@quillmail.test,IN2R-2024-01,started\n"),
        (.outcomes, "participant_id,email,outcome,value\n,wv.turing@quillmail.test,he_entry,maybe\n"),
    ]
    for (position, (kind, text)) in files.enumerated() {
        _ = try importer.importFile(at: write(text, to: "\(position)-\(kind.fileName)", in: folder), as: kind)
    }
    #expect(try count("SELECT count(*) FROM participant_email_keys", in: database) == 2)
    #expect(try count("SELECT count(*) FROM rejected_rows", in: database) == 4)
    func bytes() throws -> Data {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        if let wal = FileManager.default.contents(atPath: path + "-wal") { data.append(wal) }
        return data
    }
    #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    let stored = Data(try key("zq.lovelace@quillmail.test").utf8)
    for secrets in [try bytes(), try {
        try database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return try bytes()
    }()] {
        #expect(secrets.range(of: stored) != nil, "the bytes searched hold what is stored: the e-mail's key")
        for secret in ["lovelace", "Lovelace", "hopper", "turing", "noether", "quillmail", "Quillmail"] {
            #expect(secrets.range(of: Data(secret.utf8)) == nil, "\(secret) is in the database's bytes")
        }
    }
}

// A database made before the e-mail keys (schema/migrations/007) holds people under ids derived from their
// e-mail: the migration gives them their key, so the address stays one person.
@Test func peopleStoredUnderAnEmailIdBeforeTheKeysGetTheirKey() throws {
    let folder = try makeTemporaryFolder()
    let path = folder.appendingPathComponent("old.sqlite").path
    let carl = try testHasher.participantID(forEmail: "carl@example.org")
    let queue = try DatabaseQueue(path: path)
    try ImpactDatabase.makeMigrator().migrate(queue, upTo: "006_construct_score_table")
    try queue.write { db in
        try db.execute(sql: "INSERT INTO participants (participant_id) VALUES (?), ('e_not-a-hash-000000000000000000000'), ('P1')", arguments: [carl])
    }
    try queue.close()
    let database = try ImpactDatabase.open(at: path, create: false)
    #expect(try emailKeys(database) == ["\(carl)=\(try key("carl@example.org"))"])
    let importer = Importer(database: database, hasher: testHasher)
    let crm = try importer.importFile(at: write("participant_id,email\nP1,carl@example.org\n", to: "crm.csv", in: folder), as: .participants)
    #expect(crm.rejected == 1 && crm.sampleRejections.first?.reason.contains("participant_id \"\(carl)\"") == true)
    _ = try importer.importFile(at: write(Parents.programmes, to: "programmes.csv", in: folder), as: .programmes)
    _ = try importer.importFile(at: write(Parents.cohorts, to: "cohorts.csv", in: folder), as: .cohorts)
    let enrolments = try importer.importFile(at: write("email,cohort_id,status\ncarl@example.org,IN2R-2024-01,started\n", to: "enrolments.csv", in: folder), as: .enrolments)
    #expect(enrolments.inserted == 1)
    #expect(try strings("SELECT participant_id FROM enrolments", in: database) == [carl])
}
