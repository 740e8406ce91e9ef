import Foundation
import GRDB
import ImpactTestSupport
import Testing
@testable import ImpactIngest
import ImpactStore

@Test func importsTheParentsWithEveryRowAccountedFor() throws {
    let folder = try makeTemporaryFolder()
    let (database, _) = try Parents.database(in: folder)
    let imports = try database.writer.read { db in
        try Row.fetchAll(db, sql: "SELECT file_kind, rows_read, accepted, inserted, rejected, length(sha256) AS sha FROM imports ORDER BY import_id")
    }
    #expect(imports.map { $0["file_kind"] as String } == ["programmes", "cohorts", "participants", "survey_items"])
    #expect(imports.map { $0["rows_read"] as Int } == [2, 3, 4, 4])
    #expect(imports.allSatisfy { ($0["inserted"] as Int) == ($0["rows_read"] as Int) && ($0["sha"] as Int) == 64 })
}

@Test func storesTypedValuesOnlyTheDistrictAndTheConsentDefault() throws {
    let folder = try makeTemporaryFolder()
    let (database, _) = try Parents.database(in: folder)
    let p1 = try #require(try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM participants WHERE participant_id = 'P1'") })
    #expect(p1["postcode"] == "E15")
    #expect(p1["fsm"] == 1)
    #expect(p1["first_generation"] == 1)
    #expect(p1["polar4_quintile"] == 1)
    #expect(p1["consent_research"] == 1)
    let p3 = try #require(try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM participants WHERE participant_id = 'P3'") })
    #expect(p3["fsm"] as Int? == nil)
    #expect(p3["gender"] as String? == nil)
    let p4 = try #require(try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT gender, fsm, first_generation FROM participants WHERE participant_id = 'P4'") })
    #expect(p4["gender"] == "non_binary")
    #expect(p4["fsm"] == 1)
    #expect(p4["first_generation"] == 0)
}

@Test func matchesHeadersCaseInsensitivelyAfterTrimming() throws {
    let folder = try makeTemporaryFolder()
    let database = try ImpactDatabase.inMemory()
    let importer = Importer(database: database, hasher: testHasher)
    let summary = try importer.importFile(at: write(" Programme_ID ,NAME\nX,Y\n", to: "programmes.csv", in: folder), as: .programmes)
    #expect(summary.inserted == 1)
}

@Test func rejectsRowsThatBreakARuleAndGoesOn() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    let responses = """
        participant_id,cohort_id,instrument_id,wave,item_id,value,responded_on
        P1,IN2R-2024-01,core_v1,pre,se1,4,2024-07-01
        P9,IN2R-2024-01,core_v1,pre,se1,4,2024-07-01
        P1,NOPE,core_v1,pre,se1,4,2024-07-01
        P1,IN2R-2024-01,core_v9,pre,se1,4,2024-07-01
        P1,IN2R-2024-01,core_v1,pre,zz9,4,2024-07-01
        P1,IN2R-2024-01,core_v1,pre,se2,6,2024-07-01
        P1,IN2R-2024-01,core_v1,during,se2,3,2024-07-01
        P1,IN2R-2024-01,core_v1,post,se2,three,2024-07-01
        P1,IN2R-2024-01,core_v1,post,sb1,3,2024-31-12
        P1,IN2R-2024-01,core_v1,post,sb2,3
        P1,IN2R-2024-01,core_v1,Post,se1,5,01/09/2024

        """
    let summary = try importer.importFile(at: write(responses, to: "responses.csv", in: folder), as: .responses)
    #expect(summary.rowsRead == 11)
    // The impossible date (an optional cell) is stored as unknown and recorded; its answer is kept.
    #expect(summary.inserted == 3)
    #expect(summary.rejected == 8)
    #expect(summary.unreadCells == 1)
    #expect(summary.sampleUnreadCells.first?.reason.contains("\"2024-31-12\" is not a date") == true)
    #expect(summary.accepted + summary.rejected == summary.rowsRead)
    let rejected = try database.writer.read { db in
        try Row.fetchAll(db, sql: "SELECT line, column_name, reason, raw FROM rejected_rows ORDER BY line")
    }
    #expect(rejected.map { $0["line"] as Int } == [3, 4, 5, 6, 7, 8, 9, 11])
    #expect(rejected.map { $0["column_name"] as String? } == ["participant_id", "cohort_id", "instrument_id", "item_id", "value", "wave", "value", nil])
    let reasons = rejected.map { $0["reason"] as String }
    #expect(reasons[0].contains("\"P9\" is not in participants"))
    #expect(reasons[4].contains("outside the scale of item se2 (1 to 5)"))
    #expect(reasons[7].contains("6 fields"))
    #expect(rejected[0]["raw"] == "P9,IN2R-2024-01,core_v1,pre,se1,4,2024-07-01")
}

// A required cell that cannot be read rejects its row; an optional one is stored as unknown and
// recorded with its line, column, value and reason, and the row is kept.
@Test func badOptionalCellsAreUnknownAndRecordedWhileBadRequiredCellsRejectTheRow() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    let people = """
        participant_id,gender,fsm,polar4_quintile,birth_year,postcode
        Q1,female,maybe,,,
        Q2,woman,,,,
        Q3,,,7,,
        Q4,,,,twenty,
        Q5,,,,,12345
        Q6,male,no,3,2006,B1 1AA

        """
    let summary = try importer.importFile(at: write(people, to: "participants.csv", in: folder), as: .participants)
    #expect((summary.inserted, summary.rejected, summary.unreadCells) == (6, 0, 4))
    let cells = try database.writer.read { db in
        try Row.fetchAll(db, sql: "SELECT line, column_name, value, reason FROM unread_cells WHERE file LIKE '%participants.csv' ORDER BY line")
    }
    #expect(cells.map { $0["line"] as Int } == [2, 4, 5, 6])
    #expect(cells.map { $0["column_name"] as String } == ["fsm", "polar4_quintile", "birth_year", "postcode"])
    #expect(cells.map { $0["value"] as String } == ["maybe", "7", "twenty", "1234***"])
    #expect((cells[0]["reason"] as String).hasPrefix("\"maybe\" is not a yes/no value"))
    let q = try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT participant_id, gender, fsm, polar4_quintile FROM participants WHERE participant_id LIKE 'Q%' ORDER BY 1") }
    #expect(q.map { $0["gender"] as String? } == ["female", "female", nil, nil, nil, "male"])
    #expect(q.map { $0["fsm"] as Int? } == [nil, nil, nil, nil, nil, 0])
    let enrolments = """
        participant_id,cohort_id,status,applied_on,hours
        P1,IN2R-2024-01,completed,2024-03-01,120.5
        P2,IN2R-2024-01,graduating,,
        P3,IN2R-2024-01,started,,-2
        P4,IN2R-2024-01,started,yesterday,

        """
    let enrolled = try importer.importFile(at: write(enrolments, to: "enrolments.csv", in: folder), as: .enrolments)
    #expect((enrolled.inserted, enrolled.rejected, enrolled.unreadCells) == (3, 1, 2))
    let reasons = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT reason FROM rejected_rows WHERE file LIKE '%enrolments.csv' ORDER BY line") }
    #expect(reasons.count == 1)
    #expect(reasons.first?.contains("\"graduating\" is not a status (accepted: applied, offered, declined, started, withdrawn, completed") == true)
    #expect(enrolled.sampleUnreadCells.map(\.column) == ["hours", "applied_on"])
    #expect(enrolled.sampleUnreadCells.last?.reason.contains("\"yesterday\" is not a date") == true)
    // rows read = accepted + rejected still holds in the log.
    let log = try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT rows_read, accepted, rejected FROM imports WHERE path LIKE '%enrolments.csv'") }
    #expect(log?["rows_read"] as Int? == 4)
    #expect(log?["accepted"] as Int? == 3)
}

@Test func aRefusedFileLeavesTheDatabaseExactlyAsItWas() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    let before = try snapshot(database)
    // Valid rows first, then a byte that is not UTF-8 far into the file.
    var text = "participant_id,gender\n"
    for i in 0..<50_000 { text += "N\(i),female\n" }
    let bytes = Array(text.utf8) + [0x4E, 0xFF, 0x2C, 0x0A]
    let badEncoding = try write(bytes: bytes, to: "participants.csv", in: folder)
    #expect(throws: IngestError.self) { try importer.importFile(at: badEncoding, as: .participants) }
    #expect(try snapshot(database) == before)

    let missingColumn = try write("cohort_id,year\nX,2024\n", to: "cohorts.csv", in: folder)
    do {
        _ = try importer.importFile(at: missingColumn, as: .cohorts)
        Issue.record("expected a refusal")
    } catch {
        #expect("\(error)".contains("cohorts.csv:1:1: required column \"programme_id\" is missing"))
    }
    let unclosed = try write("programme_id,name\nA,\"never closed\nB,b\n", to: "programmes.csv", in: folder)
    do {
        _ = try importer.importFile(at: unclosed, as: .programmes)
        Issue.record("expected a refusal")
    } catch {
        #expect("\(error)".contains("programmes.csv:2:3: a quoted field opened here is never closed"))
    }
    #expect(try snapshot(database) == before)
}

@Test func importingTheSameFileTwiceChangesNothing() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    let path = try write("participant_id,cohort_id,status\nP1,IN2R-2024-01,completed\nP2,IN2R-2024-01,applied\nP9,IN2R-2024-01,started\n", to: "enrolments.csv", in: folder)
    let first = try importer.importFile(at: path, as: .enrolments)
    let dataBefore = try snapshot(database).filter { !$0.hasPrefix("imports:") }
    let second = try importer.importFile(at: path, as: .enrolments)
    #expect(first.inserted == 2 && first.rejected == 1)
    #expect(second.inserted == 0 && second.updated == 0 && second.unchanged == 2 && second.rejected == 1)
    #expect(second.sha256 == first.sha256)
    // The rejections of the first import are superseded, not duplicated.
    let dataAfter = try snapshot(database).filter { !$0.hasPrefix("imports:") && !$0.hasPrefix("rejected_rows:") }
    #expect(dataAfter == dataBefore.filter { !$0.hasPrefix("rejected_rows:") })
    let rejectedCount = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM rejected_rows") }
    #expect(rejectedCount == 1)
}

@Test func aCorrectedFileUpsertsOnTheNaturalKey() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    _ = try importer.importFile(at: write("participant_id,cohort_id,status,hours\nP1,IN2R-2024-01,started,10\nP2,IN2R-2024-01,applied,\n", to: "enrolments.csv", in: folder), as: .enrolments)
    let corrected = try importer.importFile(at: write("participant_id,cohort_id,status,hours\nP1,IN2R-2024-01,completed,12.5\nP2,IN2R-2024-01,applied,\nP3,IN2R-2024-01,applied,\n", to: "enrolments.csv", in: folder), as: .enrolments)
    #expect((corrected.inserted, corrected.updated, corrected.unchanged) == (1, 1, 1))
    let row = try #require(try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT status, hours FROM enrolments WHERE participant_id = 'P1'") })
    #expect(row["status"] == "completed")
    #expect(row["hours"] == 12.5)
}

@Test func theLaterRespondedOnWinsAndOnATieTheRowReadLater() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    let header = "participant_id,cohort_id,instrument_id,wave,item_id,value,responded_on\n"
    let first = try importer.importFile(at: write(header + """
        P1,IN2R-2024-01,core_v1,pre,se1,2,2024-07-02
        P1,IN2R-2024-01,core_v1,pre,se1,3,2024-07-01
        P1,IN2R-2024-01,core_v1,pre,sb1,1,2024-07-01
        P1,IN2R-2024-01,core_v1,pre,sb1,4,2024-07-01
        P1,IN2R-2024-01,core_v1,pre,sb2,1,
        P1,IN2R-2024-01,core_v1,pre,sb2,2,2024-07-01

        """, to: "responses.csv", in: folder), as: .responses)
    #expect((first.inserted, first.updated, first.unchanged) == (3, 2, 1))
    let values = try database.writer.read { db in
        try Row.fetchAll(db, sql: "SELECT item_id, value, responded_on FROM responses ORDER BY item_id")
    }
    #expect(values.map { $0["item_id"] as String } == ["sb1", "sb2", "se1"])
    #expect(values.map { $0["value"] as Int } == [4, 2, 2])
    // An older answer in a later file does not replace a newer one.
    let older = try importer.importFile(at: write(header + "P1,IN2R-2024-01,core_v1,pre,se1,5,2024-06-30\n", to: "responses-old.csv", in: folder), as: .responses)
    #expect(older.unchanged == 1)
    let se1 = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT value FROM responses WHERE item_id = 'se1'") }
    #expect(se1 == 2)
}

@Test func keepsUnknownColumnsAsJSONPerRow() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    _ = try importer.importFile(at: write("outcome,population,year,rate,source,Notes,Table ref\nhe_entry,fsm_england,2022,0.292,DfE,\"provisional, \"\"revised\"\"\",\nstem_degree,fsm_england,2022,0.12,DfE,,T4\n", to: "benchmarks.csv", in: folder), as: .benchmarks)
    let extras = try database.writer.read { db in try String?.fetchAll(db, sql: "SELECT extra FROM benchmarks ORDER BY outcome") }
    #expect(extras == ["{\"Notes\":\"provisional, \\\"revised\\\"\"}", "{\"Table ref\":\"T4\"}"])
    let note = try database.writer.read { db in try String.fetchOne(db, sql: "SELECT extra ->> '$.Notes' FROM benchmarks WHERE outcome = 'he_entry'") }
    #expect(note == "provisional, \"revised\"")
}

@Test func derivesIdsFromEmailsAndNeverStoresEmailNameOrFullPostcode() throws {
    let folder = try makeTemporaryFolder()
    let databasePath = folder.appendingPathComponent("impact.sqlite").path
    let database = try ImpactDatabase.open(at: databasePath)
    let importer = Importer(database: database, hasher: testHasher)
    let people = "email,name,postcode,gender\nAda.Lovelace@Example.org,Ada Lovelace,N17 6AB,female\nbad@example.org,Bad Row,N17 6AB,robot\n"
    let summary = try importer.importFile(at: write(people, to: "participants.csv", in: folder), as: .participants)
    // An optional cell that does not parse (gender "robot") no longer rejects the person.
    #expect(summary.inserted == 2 && summary.rejected == 0 && summary.unreadCells == 1)
    let expectedID = try testHasher.participantID(forEmail: "ada.lovelace@example.org ")
    let stored = try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT participant_id, postcode, extra FROM participants WHERE gender = 'female'") }
    #expect(stored?["participant_id"] == expectedID)
    #expect((stored?["participant_id"] as String?)?.hasPrefix("e_") == true)
    #expect(stored?["postcode"] == "N17")
    #expect(stored?["extra"] as String? == nil)
    let unread = try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT line, column_name, value FROM unread_cells") }
    #expect(unread?["line"] as Int? == 3)
    #expect(unread?["column_name"] as String? == "gender")
    #expect(unread?["value"] as String? == "robot")
    _ = try importer.importFile(at: write("email,name,postcode,gender,birth_year\nbad@example.org,Bad Row,N17 6AB,female,nineteen\n,No Id,N17 6AB,female,\n", to: "p2.csv", in: folder), as: .participants)
    let raw = try database.writer.read { db in try String.fetchOne(db, sql: "SELECT raw FROM rejected_rows") }
    #expect(raw == ",[removed],N17,female,")
    // Nothing personal anywhere in the file's bytes.
    try database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: databasePath))
    for secret in ["Lovelace", "example.org", "Example.org", "6AB", "Bad Row"] {
        #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in the database file")
    }
}

@Test func theKeyIsCreatedOnFirstUseWithOwnerOnlyPermissions() throws {
    let folder = try makeTemporaryFolder()
    let keyPath = folder.appendingPathComponent("impact/id.key").path
    let hasher = KeyedHasher(environment: ["XDG_CONFIG_HOME": folder.path])
    #expect(!hasher.keyExists)
    let id = try hasher.participantID(forEmail: "a@b.org")
    #expect(hasher.createdKeyFile == keyPath)
    let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? NSNumber
    #expect(mode?.intValue == 0o600)
    // The same key file gives the same id (named by IMPACT_KEY_FILE too); another key gives another.
    let again = KeyedHasher(environment: ["IMPACT_KEY_FILE": keyPath])
    #expect(try again.participantID(forEmail: "A@B.org") == id)
    #expect(again.createdKeyFile == nil)
    #expect(try testHasher.participantID(forEmail: "a@b.org") != id)
}

// A key that is not where it should be is never replaced by a new one behind the user's back:
// a mistyped IMPACT_KEY_FILE, or no key at all for a database that holds ids derived under one,
// refuses the file whole (a new key would make new people of everyone); so does a bad key.
@Test func aMissingOrBadKeyRefusesTheFileRatherThanMakingNewPeople() throws {
    let folder = try makeTemporaryFolder()
    let people = try write("email,gender\nada@example.org,female\n", to: "participants.csv", in: folder)
    let typo = KeyedHasher(environment: ["IMPACT_KEY_FILE": folder.appendingPathComponent("typo/id.key").path])
    #expect(throws: IngestError.self) { _ = try Importer(database: try ImpactDatabase.inMemory(), hasher: typo).importFile(at: people, as: .participants) }
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("typo").path))

    let database = try ImpactDatabase.inMemory()
    _ = try Importer(database: database, hasher: testHasher).importFile(at: people, as: .participants)
    let before = try snapshot(database)
    let fresh = KeyedHasher(environment: ["XDG_CONFIG_HOME": folder.appendingPathComponent("elsewhere").path])
    #expect(throws: IngestError.self) { _ = try Importer(database: database, hasher: fresh).importFile(at: people, as: .participants) }
    #expect(try snapshot(database) == before)
    #expect(!fresh.keyExists)
    // Rows with ids of their own need no key.
    let withIDs = try write("participant_id,gender\nP9,male\n", to: "more.csv", in: folder)
    #expect(try Importer(database: database, hasher: fresh).importFile(at: withIDs, as: .participants).inserted == 1)

    let short = KeyedHasher(environment: ["IMPACT_ID_KEY": "short"])
    #expect(throws: IngestError.self) { _ = try Importer(database: try ImpactDatabase.inMemory(), hasher: short).importFile(at: people, as: .participants) }
}

@Test func aKeyFileOthersCanReadIsRefused() throws {
    let folder = try makeTemporaryFolder()
    let keyPath = folder.appendingPathComponent("id.key").path
    #expect(FileManager.default.createFile(atPath: keyPath, contents: Data("0123456789abcdef0123".utf8), attributes: [.posixPermissions: 0o644]))
    #expect(throws: IngestError.self) { try KeyedHasher(environment: ["IMPACT_KEY_FILE": keyPath]).participantID(forEmail: "a@b.org") }
}

@Test func rejectsMalformedRowsButImportsTheRest() throws {
    let folder = try makeTemporaryFolder()
    let database = try ImpactDatabase.inMemory()
    let importer = Importer(database: database, hasher: testHasher)
    let summary = try importer.importFile(at: write("programme_id,name\nA,\"x\"y\nB,b,extra\nC,c,,\nD\n", to: "programmes.csv", in: folder), as: .programmes)
    #expect(summary.rowsRead == 4)
    #expect(summary.inserted == 1)
    #expect(summary.rejected == 3)
    let reasons = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT reason FROM rejected_rows ORDER BY line") }
    #expect(reasons[0].contains("bad quoting"))
    #expect(reasons[1].contains("3 fields and the header has 2"))
    #expect(reasons[2].contains("1 fields and the header has 2"))
}

@Test func anEmptyFileIsRefusedWithTheColumnsItNeeds() throws {
    let folder = try makeTemporaryFolder()
    let importer = Importer(database: try ImpactDatabase.inMemory(), hasher: testHasher)
    do {
        _ = try importer.importFile(at: write("", to: "cohorts.csv", in: folder), as: .cohorts)
        Issue.record("expected a refusal")
    } catch {
        #expect("\(error)".contains("the file is empty"))
        #expect("\(error)".contains("cohort_id, programme_id, year"))
    }
}

@Test func importedReferencesAlwaysSatisfyTheForeignKeys() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    _ = try importer.importFile(at: write("participant_id,cohort_id,status\nP1,IN2R-2024-01,completed\nP9,IN2R-2024-01,started\nP2,GONE,applied\n", to: "enrolments.csv", in: folder), as: .enrolments)
    _ = try importer.importFile(at: write("participant_id,outcome,value\nP1,he_entry,yes\nP9,he_entry,no\n", to: "outcomes.csv", in: folder), as: .outcomes)
    _ = try importer.importFile(at: write("participant_id,cohort_id,instrument_id,wave,item_id,value\nP1,IN2R-2024-01,core_v1,pre,se1,3\nP9,IN2R-2024-01,core_v1,pre,se1,3\n", to: "responses.csv", in: folder), as: .responses)
    let (violations, enforced) = try database.writer.read { db in
        (try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count, try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
    }
    #expect(violations == 0)
    // The importer turns SQLite's own checks off for its writes only.
    #expect(enforced == 1)
    #expect(throws: DatabaseError.self) {
        try database.writer.write { db in try db.execute(sql: "INSERT INTO outcomes (participant_id, outcome, value) VALUES ('NOBODY', 'he_entry', 1)") }
    }
}

@Test func aSemicolonSeparatedFileIsRefusedWithTheReason() throws {
    let folder = try makeTemporaryFolder()
    let importer = Importer(database: try ImpactDatabase.inMemory(), hasher: testHasher)
    do {
        _ = try importer.importFile(at: write("programme_id;name\nA;B\n", to: "programmes.csv", in: folder), as: .programmes)
        Issue.record("expected a refusal")
    } catch {
        #expect("\(error)".contains("separate its columns with \";\", not commas"))
    }
}

@Test func theKeyedIdIsHMACSHA256OfTheNormalisedAddress() throws {
    // Reference: Python 3.11 hmac.new(b"test-key-0123456789abcdef", b"ada.lovelace@example.org", hashlib.sha256).hexdigest()[:32]
    #expect(try testHasher.participantID(forEmail: "  Ada.Lovelace@Example.org ") == "e_b3dbb6ccf89b669cc0c4790a52a5bc22")
}

@Test(arguments: [FileKind.enrolments, .responses, .outcomes])
func nameAndPostcodeInOtherFilesAboutPeopleAreNeverKept(kind: FileKind) throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    // A CRM export with the person's name and full postcode beside the contract's columns: one
    // good row and one that breaks a rule (an unknown person).
    let text: String
    switch kind {
    case .enrolments:
        text = "participant_id,name,cohort_id,status,postcode\nP1,Ada Lovelace,IN2R-2024-01,started,N17 6AB\nNOBODY,Bad Row,IN2R-2024-01,started,N17 6AB\n"
    case .responses:
        text = "participant_id,name,cohort_id,instrument_id,wave,item_id,value,postcode\nP1,Ada Lovelace,IN2R-2024-01,core_v1,pre,se1,4,N17 6AB\nNOBODY,Bad Row,IN2R-2024-01,core_v1,pre,se1,4,N17 6AB\n"
    default:
        text = "participant_id,name,outcome,value,postcode\nP1,Ada Lovelace,he_entry,yes,N17 6AB\nNOBODY,Bad Row,he_entry,yes,N17 6AB\n"
    }
    let summary = try importer.importFile(at: write(text, to: kind.fileName, in: folder), as: kind)
    #expect(summary.rejected == 1)
    let (extras, raws) = try database.writer.read { db in
        (try String?.fetchAll(db, sql: "SELECT extra FROM \(TableTarget.for(kind).table)"),
         try String.fetchAll(db, sql: "SELECT raw FROM rejected_rows"))
    }
    #expect(!extras.isEmpty && extras.allSatisfy { $0 == nil }, "\(extras)")
    #expect(raws.count == 1)
    for raw in raws {
        #expect(!raw.contains("Bad Row") && !raw.contains("6AB"), "\(raw)")
    }
}

@Test func anAnswerTheDatabaseRefusesIsKeptInTheContractsTerms() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    // A rule the importer does not know (a trigger) makes SQLite refuse one answer.
    try database.writer.write { db in
        try db.execute(sql: "CREATE TRIGGER refuse_fives BEFORE INSERT ON answers WHEN NEW.value = 5 BEGIN SELECT RAISE(ABORT, 'no fives here'); END")
    }
    let responses = """
        participant_id,cohort_id,instrument_id,wave,item_id,value
        P1,IN2R-2024-01,core_v1,pre,se1,4
        P1,IN2R-2024-01,core_v1,pre,se2,5

        """
    let summary = try importer.importFile(at: write(responses, to: "responses.csv", in: folder), as: .responses)
    #expect(summary.rejected == 1 && summary.inserted == 1)
    let rejection = try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT line, reason, raw FROM rejected_rows") }
    #expect(rejection?["line"] == 3)
    #expect((rejection?["reason"] as String?)?.contains("no fives here") == true)
    #expect(rejection?["raw"] as String? == "P1,IN2R-2024-01,core_v1,pre,se2,5,,")
    // The refused answer is not scored: the stored scores agree with the stored answers.
    let scored = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT sum(n_answered) FROM construct_score_values") }
    #expect(scored == 1)
}

// A file that lacks some of a table's columns (a CRM export of a few fields, say) updates only
// what it has: the stored values of the columns it does not have are kept. And a decline of
// research use is never undone by an empty cell, only by an explicit yes.
@Test func aFileWithFewerColumnsKeepsWhatItDoesNotHaveAndConsentIsNeverGuessedBack() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    _ = try importer.importFile(at: write("participant_id,consent_research\nP2,no\n", to: "consent.csv", in: folder), as: .participants)
    func person(_ id: String) throws -> Row {
        try #require(try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM participants WHERE participant_id = ?", arguments: [id]) })
    }
    let before = try person("P2")
    #expect((before["consent_research"] as Int?) == 0)
    #expect((before["gender"] as String?) == "male")
    #expect((before["birth_year"] as Int?) == 2006)
    #expect((before["imd_quintile"] as Int?) == 5)

    // Only gender: everything else of P2 stays, consent included; P5 is new (consent by default).
    let genders = try importer.importFile(at: write("participant_id,gender\nP2,non_binary\nP5,female\n", to: "genders.csv", in: folder), as: .participants)
    #expect((genders.inserted, genders.updated) == (1, 1))
    let after = try person("P2")
    #expect((after["gender"] as String?) == "non_binary")
    #expect((after["birth_year"] as Int?) == 2006)
    #expect((after["imd_quintile"] as Int?) == 5)
    #expect((after["postcode"] as String?) == "M14")
    #expect((after["consent_research"] as Int?) == 0)
    #expect((try person("P5")["consent_research"] as Int?) == 1)

    // A consent column with an empty cell: P2 stays declined, P1 keeps its default yes; a later
    // row of the same file stating no, then an empty one, stays no.
    _ = try importer.importFile(at: write("participant_id,consent_research\nP2,\nP1,\nP4,no\nP4,\n", to: "consent-empty.csv", in: folder), as: .participants)
    #expect((try person("P2")["consent_research"] as Int?) == 0)
    #expect((try person("P1")["consent_research"] as Int?) == 1)
    #expect((try person("P4")["consent_research"] as Int?) == 0)
    _ = try importer.importFile(at: write("participant_id,consent_research\nP2,yes\n", to: "consent-yes.csv", in: folder), as: .participants)
    #expect((try person("P2")["consent_research"] as Int?) == 1)

    // The same in the other tables: an enrolments file without hours keeps the stored hours; one
    // with nothing to update is a no-op, not an error; extra columns (kept by name) are kept when absent.
    _ = try importer.importFile(at: write("participant_id,cohort_id,status,hours,Notes\nP1,IN2R-2024-01,started,10,first\n", to: "enrolments.csv", in: folder), as: .enrolments,
                                options: HeaderOptions(keep: ["notes"]))
    let status = try importer.importFile(at: write("participant_id,cohort_id,status\nP1,IN2R-2024-01,completed\n", to: "status.csv", in: folder), as: .enrolments)
    #expect(status.updated == 1)
    let enrolment = try #require(try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT status, hours, extra FROM enrolments") })
    #expect((enrolment["status"] as String?) == "completed")
    #expect((enrolment["hours"] as Double?) == 10.0)
    #expect((enrolment["extra"] as String?) == "{\"Notes\":\"first\"}")
    let idsOnly = try importer.importFile(at: write("programme_id,name\nIN2R,Research placements\n", to: "names.csv", in: folder), as: .programmes)
    #expect(idsOnly.unchanged == 1)
    let description = try database.writer.read { db in try String.fetchOne(db, sql: "SELECT description FROM programmes WHERE programme_id = 'IN2R'") }
    #expect(description == "Summer labs")
}

// CRM exports name personal data in many ways: none of it is kept in `extra` or in rejected rows,
// in any file, and a ragged row (a name with an unquoted comma) does not carry a shifted e-mail
// address or postcode into rejected_rows either.
@Test func personalDataUnderCRMHeadersIsNeverStoredAndRaggedRowsAreRedacted() throws {
    let folder = try makeTemporaryFolder()
    let databasePath = folder.appendingPathComponent("impact.sqlite").path
    let database = try ImpactDatabase.open(at: databasePath)
    let importer = Importer(database: database, hasher: testHasher)
    let people = """
        participant_id,First Name,Last Name,Email Address,E-mail,Post Code,Date of Birth,Phone,Full name,gender,Notes
        Q1,Jo,Smithers,jo@example.org,jo2@example.org,M14 5AB,2005-03-04,07700900123,Jo Smithers,female,keen
        Q2,Al,Jones,al@example.org,,M14 5AB,2005-03-04,07700900456,Al Jones,robot,
        """
    let summary = try importer.importFile(at: write(people, to: "participants.csv", in: folder), as: .participants)
    // An optional cell that does not parse (gender "robot") no longer rejects the person.
    #expect(summary.inserted == 2 && summary.rejected == 0 && summary.unreadCells == 1)
    // E-mail is the contract's email (hashed, not stored); Post Code a usual label for postcode (district only).
    #expect(summary.personalColumnsNotStored == ["First Name", "Last Name", "Email Address", "Date of Birth", "Phone", "Full name"])
    #expect(summary.columns.map(\.fate) == [.taken, .personal, .personal, .personal, .taken, .taken, .personal, .personal, .personal, .taken, .ignored])
    let extra = try database.writer.read { db in try String?.fetchAll(db, sql: "SELECT extra FROM participants WHERE participant_id LIKE 'Q%'") }
    #expect(extra == [nil, nil])
    let district = try database.writer.read { db in try String.fetchOne(db, sql: "SELECT postcode FROM participants WHERE participant_id = 'Q1'") }
    #expect(district == "M14")
    // A rejected row keeps only the columns the engine takes: the rest is [removed] or [not kept].
    _ = try importer.importFile(at: write(people.replacingOccurrences(of: "\nQ2,", with: "\n,"), to: "again.csv", in: folder), as: .participants)
    let raw = try database.writer.read { db in try String.fetchOne(db, sql: "SELECT raw FROM rejected_rows") }
    #expect(raw == ",[removed],[removed],[removed],,M14,[removed],[removed],[removed],robot,")

    // An unquoted comma in the name shifts the e-mail address one field to the right.
    let ragged = "participant_id,name,email,birth_year\nRG1,Smith, Jo,jo.smith@example.org,2005\nRG2,Lee,lee@example.org,2006,M14 5AB\n"
    let second = try importer.importFile(at: write(ragged, to: "ragged.csv", in: folder), as: .participants)
    #expect(second.rejected == 2)
    let rows = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT raw FROM rejected_rows WHERE line > 1 AND raw LIKE 'RG%' ORDER BY line") }
    #expect(rows.isEmpty)
    let notes = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT raw FROM rejected_rows WHERE file LIKE '%ragged.csv' ORDER BY line") }
    #expect(notes == ["[not kept: the row has 5 fields and the header 4, so its fields cannot be told apart]",
                      "[not kept: the row has 5 fields and the header 4, so its fields cannot be told apart]"])

    // Nothing personal anywhere in the file's bytes.
    try database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: databasePath))
    for secret in ["Smithers", "example.org", "5AB", "07700900", "2005-03-04", "Jones", "Smith", "Lee"] {
        #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in the database file")
    }
}

// What spreadsheets and joined exports leave in files: a second header (with its byte-order
// mark) is rejected as such, not imported as a row; no-break spaces around values are trimmed;
// a date with junk after it, a year 0001 and more contact hours than a year has are rejected.
@Test func joinedExportsNoBreakSpacesJunkDatesAndImpossibleHoursAreCaught() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    let programmes = "programme_id,name\nNEW1,One\n\u{FEFF}programme_id,name\nNEW2,Two\n PROGRAMME_ID , Name \n"
    let joined = try importer.importFile(at: write(programmes, to: "programmes.csv", in: folder), as: .programmes)
    #expect((joined.inserted, joined.rejected) == (2, 2))
    #expect(joined.sampleRejections.allSatisfy { $0.reason.hasPrefix("the header again") })
    let ids = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT programme_id FROM programmes ORDER BY 1") }
    #expect(ids == ["IN2R", "NEW1", "NEW2", "ONLINE"])

    let enrolments = """
        participant_id,cohort_id,status,applied_on,hours
        P1\u{A0},\u{A0}IN2R-2024-01,started,2024-05-01 10:15,12
        P2,IN2R-2024-01,started,2024-05-01 garbage,12
        P3,IN2R-2024-01,started,0001-01-01,12
        P4,IN2R-2024-01,started,,1e308
        P4,ONLINE-2024-01,started,01/05/2024 9:05 AM,8760

        """
    let summary = try importer.importFile(at: write(enrolments, to: "enrolments.csv", in: folder), as: .enrolments)
    // Junk dates and impossible hours are optional cells: stored as unknown and recorded, the rows kept.
    #expect((summary.inserted, summary.rejected, summary.unreadCells) == (5, 0, 3))
    #expect(summary.sampleUnreadCells.map(\.column) == ["applied_on", "applied_on", "hours"])
    #expect(summary.sampleUnreadCells.map(\.line) == [3, 4, 5])
    let stored = try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT participant_id, cohort_id, applied_on FROM enrolments ORDER BY 1, 2") }
    #expect(stored.map { [$0["participant_id"], $0["cohort_id"], $0["applied_on"]] as [String?] } == [
        ["P1", "IN2R-2024-01", "2024-05-01"], ["P2", "IN2R-2024-01", nil], ["P3", "IN2R-2024-01", nil],
        ["P4", "IN2R-2024-01", nil], ["P4", "ONLINE-2024-01", "2024-05-01"],
    ])
    let ledger = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM unread_cells WHERE file LIKE '%enrolments.csv'") }
    #expect(ledger == 3)
}

// In files that are not about people, a programme's or cohort's name and a venue's address are
// ordinary data: kept, and not redacted in rejected rows; a contact's e-mail is still personal.
@Test func namesAndAddressesOfThingsAreNotTakenForPersonalData() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    let programmes = try importer.importFile(at: write("programme_id,name,Lead email\nNEWP,Space Lab,lead@example.org\n,Nameless,x@example.org\n", to: "p.csv", in: folder), as: .programmes)
    #expect(programmes.personalColumnsNotStored == ["Lead email"])
    let raw = try database.writer.read { db in try String.fetchOne(db, sql: "SELECT raw FROM rejected_rows WHERE file LIKE '%p.csv'") }
    #expect(raw == ",Nameless,[removed]")
    let cohorts = try importer.importFile(at: write("cohort_id,programme_id,year,name,Address,Post code\nNEWC,NEWP,2025,Summer lab,1 Lab Road,M14 5AB\n", to: "c.csv", in: folder), as: .cohorts)
    #expect(cohorts.personalColumnsNotStored.isEmpty)
    let extra = try database.writer.read { db in try String.fetchOne(db, sql: "SELECT extra FROM cohorts WHERE cohort_id = 'NEWC'") }
    #expect(extra == "{\"name\":\"Summer lab\",\"Address\":\"1 Lab Road\",\"Post code\":\"M14 5AB\"}")
}

// "N/A", "-" or "Unknown" where a value is not known: the rejection says to leave the cell empty;
// a whole number too large for the column is out of range, not "not a whole number".
@Test func notKnownMarkersAndHugeNumbersGetTheRightAdvice() throws {
    let folder = try makeTemporaryFolder()
    let (_, importer) = try Parents.database(in: folder)
    let people = "participant_id,fsm,gender,birth_year,imd_quintile\nQ1,N/A,female,,\nQ2,no,Unknown,,\nQ3,no,male,-,\nQ4,no,male,,99999999999999999999\n"
    let summary = try importer.importFile(at: write(people, to: "participants.csv", in: folder), as: .participants)
    // Words for "not known" in optional cells are unknown; a number out of range is an unread cell.
    #expect(summary.rejected == 0 && summary.inserted == 4)
    #expect(summary.sampleUnreadCells.map(\.reason) == ["99999999999999999999 is outside 1 to 5"])
    #expect(summary.sampleUnreadCells.map(\.column) == ["imd_quintile"])
    // In a required cell the same words reject the row, with advice.
    let enrolments = try importer.importFile(at: write("participant_id,cohort_id,status\nQ1,IN2R-2024-01,N/A\n", to: "e.csv", in: folder), as: .enrolments)
    #expect(enrolments.sampleRejections.map(\.reason) == ["column status: \"N/A\" is not a status; the value is required: give it, or leave the row out"])
}

// From a review of the fixes above: ordinary columns that mention a channel are kept; a
// re-import clears personal data an older version kept in `extra`; redaction of rejected rows
// keeps the id, ignores trailing commas and leaves text that only contains an @ alone.
@Test func personalDataRulesKeepOrdinaryColumnsAndClearOldExtras() throws {
    for header in ["email_opt_in", "Smartphone access", "Mobile app used", "telephone_interview", "Email consent", "Young carer",
                   "Parental occupation", "Mentor sessions", "Country of birth", "Lead Source", "School type at 16"] {
        #expect(PersonalData.reason(forHeader: header, in: .participants) == nil, "\(header)")
    }
    for header in ["Lead email", "ParentMobile", "Home postcode", "Contact email", "E-mail", "Date of Birth", "DOB", "IPAddress", "IP Address",
                   "RecipientFirstName", "LocationLatitude", "Unique Pupil Number", "UCAS Personal ID", "Mobile Phone", "Other Street",
                   "Twitter Handle", "Contact: Birthdate", "Next of Kin Phone", "Created By", "Last Modified By", "Mentor"] {
        #expect(PersonalData.reason(forHeader: header, in: .participants) != nil, "\(header)")
    }
    for header in ["Venue contact", "Programme manager", "Lead tutor", "Created By", "Partner contacts"] {
        #expect(PersonalData.reason(forHeader: header, in: .cohorts) != nil, "\(header)")
    }
    for header in ["Venue", "Contact hours", "Mentor count", "Cohort name", "Address", "Partner school"] {
        #expect(PersonalData.reason(forHeader: header, in: .cohorts) == nil, "\(header)")
    }
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    try database.writer.write { db in
        try db.execute(sql: "UPDATE participants SET extra = '{\"First Name\":\"Ann\",\"Phone\":\"0777\"}' WHERE participant_id = 'P1'")
    }
    _ = try importer.importFile(at: write("participant_id,First Name,Phone,gender\nP1,Ann,0777,female\n", to: "again.csv", in: folder), as: .participants)
    let extra = try database.writer.read { db in try String.fetchOne(db, sql: "SELECT extra FROM participants WHERE participant_id = 'P1'") }
    #expect(extra == nil)

    let rows = "participant_id,name,gender,postcode,note\nR1,Al,female,M14 5AB,met @ St. Mary's,,,\n,Bo,female,M14 5AB,x\n"
    _ = try importer.importFile(at: write(rows, to: "redact.csv", in: folder), as: .participants, options: HeaderOptions(keep: ["note"]))
    let raws = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT raw FROM rejected_rows WHERE file LIKE '%redact.csv' ORDER BY line") }
    #expect(raws == [",[removed],female,M14,x"])
    let kept = try database.writer.read { db in try String.fetchOne(db, sql: "SELECT extra FROM participants WHERE participant_id = 'R1'") }
    #expect(kept == "{\"note\":\"met @ St. Mary's\"}")
}

@Test func aRepeatedHeaderWhoseFirstNameIsNotASCIIIsFoundToo() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    let text = "Ünterschrift,participant_id\nx,Q7\nÜNTERSCHRIFT,participant_id\n"
    let summary = try importer.importFile(at: write(text, to: "u.csv", in: folder), as: .participants)
    #expect((summary.inserted, summary.rejected) == (1, 1))
    let ids = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT participant_id FROM participants WHERE participant_id = 'participant_id'") }
    #expect(ids.isEmpty)
}

// A file that is not what it should be (a link to the id key or a system file, a data row where
// the header should be) is refused by a description of its first line, never by its content.
@Test(arguments: [
    "s3cretkey0123456789abcdef0123456789abcdef",
    "root:$6$s3cret$hashhashhash:19000:0:99999:7:::",
    "Jane S3cret,jane.s3cret@example.org,07700 900123",
    "s3cret,s3cret",
    "s3cret;other;third",
])
func aFirstLineThatNamesNoColumnIsDescribedNotQuoted(firstLine: String) throws {
    let folder = try makeTemporaryFolder()
    let importer = Importer(database: try ImpactDatabase.inMemory(), hasher: testHasher)
    let path = try write(firstLine + "\nmore s3cret text\n", to: "participants.csv", in: folder)
    let error = #expect(throws: IngestError.self) { try importer.importFile(at: path, as: .participants) }
    let text = error.map(String.init(describing:)) ?? ""
    #expect(!text.contains("s3cret") && !text.contains("S3cret") && !text.contains("07700"), "\(text)")
    let fields = firstLine.split(separator: ",", omittingEmptySubsequences: false).count
    #expect(text.contains("line 1 is not a header of participants"), "\(text)")
    #expect(text.contains("(\(fields) field\(fields == 1 ? "" : "s"), \(firstLine.utf8.count) bytes) is not shown"), "\(text)")
}

@Test func aHeaderThatNamesAColumnIsStillQuotedWhenAColumnIsMissing() throws {
    let folder = try makeTemporaryFolder()
    let importer = Importer(database: try ImpactDatabase.inMemory(), hasher: testHasher)
    let path = try write("programme_id,Label\nA,a\n", to: "programmes.csv", in: folder)
    let error = #expect(throws: IngestError.self) { try importer.importFile(at: path, as: .programmes) }
    #expect("\(error.map(String.init(describing:)) ?? "")".contains("(the header has: programme_id, Label)"))
}
