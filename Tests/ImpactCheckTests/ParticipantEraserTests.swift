import Foundation
import GRDB
import ImpactIngest
import ImpactStore
import ImpactTestSupport
import Testing
@testable import ImpactCheck

/// The files' `note` column, kept by name (files about people keep no unknown column otherwise).
private let keepingNote = HeaderOptions(keep: ["note"])

/// Two people with a unique marker in every row that is theirs: ERASEME-… for P1, KEEPME-… for P10;
/// and Q-UNIQUE-4711, whose id itself can be searched for in the file's bytes.
enum People {
    static let files: [(FileKind, String)] = [
        (.programmes, "programme_id,name\nIN2R,Research placements\n"),
        (.cohorts, "cohort_id,programme_id,year\nC1,IN2R,2024\n"),
        (.participants, "participant_id,birth_year,note\nP1,2007,ERASEME-participant\nP10,2007,KEEPME-participant\nQ-UNIQUE-4711,2006,\n"),
        (.enrolments, "participant_id,cohort_id,status,note\nP1,C1,completed,ERASEME-enrolment\nP10,C1,completed,KEEPME-enrolment\nQ-UNIQUE-4711,C1,started,\n"),
        (.surveyItems, "instrument_id,item_id,construct,scale_min,scale_max\ncore,se1,self_efficacy,1,5\ncore,se2,self_efficacy,1,5\n"),
        (.responses, """
            participant_id,cohort_id,instrument_id,wave,item_id,value,note
            P1,C1,core,pre,se1,3,ERASEME-answer
            P1,C1,core,post,se1,4,ERASEME-answer
            P1,C1,core,pre,se2,9,ERASEME-rejected
            P10,C1,core,pre,se1,3,KEEPME-answer
            P10,C1,core,pre,se2,9,KEEPME-rejected

            """),
        (.outcomes, "participant_id,outcome,value,note\nP1,he_entry,yes,ERASEME-outcome\nP10,he_entry,no,KEEPME-outcome\nQ-UNIQUE-4711,he_entry,maybe,\nQ-UNIQUE-4711,stem_degree,no,\n"),
    ]

    /// A file database holding both people, with two tables a later migration might add.
    static func database(in folder: URL) throws -> ImpactDatabase {
        let database = try ImpactDatabase.open(at: folder.appendingPathComponent("impact.sqlite").path)
        try importFiles(files, into: database, folder: folder, options: keepingNote)
        try database.writer.write { db in
            try db.execute(sql: #"""
                CREATE TABLE person_flags (participant_key INTEGER NOT NULL, flag TEXT NOT NULL) STRICT;
                INSERT INTO person_flags SELECT participant_key, 'ERASEME-flag-' || participant_id FROM participants WHERE participant_id = 'P1';
                INSERT INTO person_flags SELECT participant_key, 'KEEPME-flag' FROM participants WHERE participant_id = 'P10';
                CREATE TABLE "odd ""name""" (participant_id TEXT, note TEXT);
                INSERT INTO "odd ""name""" VALUES ('P1', 'ERASEME-odd'), ('P10', 'KEEPME-odd');
                """#)
        }
        return database
    }

    /// The rows of every person table that name `id` (by participant_id, or by participant_key).
    static func rows(of id: String, in database: ImpactDatabase) throws -> [String: Int] {
        try database.writer.read { db in
            let key = try Int64.fetchOne(db, sql: "SELECT participant_key FROM participants WHERE participant_id = ?", arguments: [id])
            var found: [String: Int] = [:]
            let tables = try Row.fetchAll(db, sql: """
                SELECT m.name, max(c.name = 'participant_id') AS has_id, max(c.name = 'participant_key') AS has_key
                FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS c
                WHERE m.type = 'table' AND (c.name = 'participant_id' OR c.name = 'participant_key') GROUP BY m.name
                """)
            for table in tables {
                let name: String = table[0]
                let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                let hasID: Bool = table["has_id"], hasKey: Bool = table["has_key"]
                let condition = [hasID ? "participant_id = :id" : nil, hasKey ? "participant_key = :key" : nil].compactMap { $0 }.joined(separator: " OR ")
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(quoted) WHERE \(condition)", arguments: ["id": id, "key": key]) ?? 0
                if count > 0 { found[name] = count }
            }
            let rejected = try String.fetchAll(db, sql: "SELECT raw FROM rejected_rows").filter { $0.hasPrefix(id + ",") }
            if !rejected.isEmpty { found["rejected_rows"] = rejected.count }
            return found
        }
    }

    /// The bytes of the database file and its -wal file.
    static func fileBytes(_ database: ImpactDatabase) throws -> Data {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: database.path))
        if let wal = FileManager.default.contents(atPath: database.path + "-wal") { bytes.append(wal) }
        return bytes
    }
}

@Test func erasingAPersonRemovesThemFromEveryTableThatCanHoldThem() throws {
    let folder = try makeTemporaryFolder()
    let database = try People.database(in: folder)
    let before = try People.rows(of: "P1", in: database)
    // At least these (a table a later migration fills at import time may hold the person too).
    let expected = ["participants": 1, "enrolments": 1, "answers": 2, "outcomes": 1, "person_flags": 1, "odd \"name\"": 1, "rejected_rows": 1]
    for (table, count) in expected {
        #expect(before[table] == count, "\(table)")
    }
    let keptBefore = try People.rows(of: "P10", in: database)
    let erasure = try ParticipantEraser(database: database).erase(participantID: "P1", reference: "DSAR-7")
    #expect(erasure.rowsByTable == before)
    #expect(erasure.rowsRemoved == before.values.reduce(0, +))
    #expect(try People.rows(of: "P1", in: database).isEmpty)
    #expect(try People.rows(of: "P10", in: database) == keptBefore, "P10 (whose id contains P1) is untouched")
}

@Test func theAuditRowHoldsNoPersonalData() throws {
    let folder = try makeTemporaryFolder()
    let database = try People.database(in: folder)
    let erasure = try ParticipantEraser(database: database).erase(participantID: "P1", reference: "DSAR-7")
    let row = try #require(try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM erasures") })
    #expect(row["erasure_id"] == erasure.erasureID)
    #expect(row["reference"] == "DSAR-7")
    #expect(row["rows_removed"] == erasure.rowsRemoved)
    #expect(row["vacuumed"] == false)
    let text = row.description
    #expect(!text.contains("P1\"") && !text.contains("ERASEME") && !text.contains("2007"), "\(text)")
    let tables: String = row["tables"]
    #expect(tables.contains("\"answers\":2"))
}

@Test(arguments: [false, true])
func noByteOfTheErasedPersonIsLeftInTheFileOrTheWAL(vacuum: Bool) throws {
    let folder = try makeTemporaryFolder()
    let database = try People.database(in: folder)
    let markers = ["ERASEME-participant", "ERASEME-enrolment", "ERASEME-answer", "ERASEME-outcome", "ERASEME-rejected", "ERASEME-flag-P1", "ERASEME-odd"]
    let before = try People.fileBytes(database)
    for marker in markers {
        #expect(before.range(of: Data(marker.utf8)) != nil, "\(marker) should be stored before the erasure")
    }
    let erasure = try ParticipantEraser(database: database).erase(participantID: "P1", vacuum: vacuum)
    #expect(erasure.vacuumed == vacuum)
    let after = try People.fileBytes(database)
    #expect((FileManager.default.contents(atPath: database.path + "-wal") ?? Data()).isEmpty, "the -wal file is emptied")
    for marker in markers {
        #expect(after.range(of: Data(marker.utf8)) == nil, "\(marker) is still in the file's bytes")
    }
    #expect(after.range(of: Data("KEEPME-participant".utf8)) != nil)
}

@Test func theErasedIdItselfIsGoneFromTheFileAndTheWAL() throws {
    let folder = try makeTemporaryFolder()
    let database = try People.database(in: folder)
    let id = Data("Q-UNIQUE-4711".utf8)
    // In participants, its unique index, enrolments, outcomes and a rejected row (value "maybe").
    #expect(try People.fileBytes(database).range(of: id) != nil)
    let erasure = try ParticipantEraser(database: database).erase(participantID: "Q-UNIQUE-4711")
    #expect(erasure.rowsByTable["rejected_rows"] == 1 && erasure.rowsByTable["outcomes"] == 1)
    #expect(try People.fileBytes(database).range(of: id) == nil)
}

@Test func erasingSomeoneUnknownChangesNothing() throws {
    let folder = try makeTemporaryFolder()
    let database = try People.database(in: folder)
    #expect(throws: CheckError.participantNotFound("P2")) {
        try ParticipantEraser(database: database).erase(participantID: "P2")
    }
    let audits = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM erasures") }
    #expect(audits == 0)
    #expect(try People.rows(of: "P1", in: database)["participants"] == 1)
}

@Test func theTablesThatCanHoldAPersonAreDiscoveredFromTheSchema() throws {
    let folder = try makeTemporaryFolder()
    let database = try People.database(in: folder)
    let tables = try ParticipantEraser(database: database).personTables()
    #expect(tables.last == "participants")
    #expect(Set(tables).isSuperset(of: ["answers", "enrolments", "outcomes", "participants", "participant_email_keys", "person_flags", "odd \"name\""]))
    #expect(!tables.contains("erasures") && !tables.contains("rejected_rows") && !tables.contains("cohorts"))
}

@Test(arguments: [("P1,C1,core", ["P1", "C1", "core"]), ("\"P,1\",\"a \"\"b\"\"\",", ["P,1", "a \"b\"", ""]), ("", [""])])
func csvRecordsSplitIntoTheirFields(record: String, fields: [String]) {
    #expect(CSVRecord.fields(of: record) == fields)
}

@Test(arguments: [
    ("P1,C1,core,pre,se2,9", true),
    ("P10,C1,core,pre,se2,9", false),
    ("\"P1\",x", true),
    ("x, P1 ,y", true),
    ("id=P1, column=q3, answer=Maybe", true),
    ("id=P10, column=q3, answer=Maybe", false),
    ("id=[removed], column=P1x, answer=P1 maybe", false),
    ("[removed],[removed],N17,robot", false),
])
func aRejectedRowNamesAPersonWhenAFieldIsTheirId(raw: String, names: Bool) {
    #expect(ParticipantEraser.rawRow(raw, names: "P1") == names)
}

@Test func rejectedRowsThatNameAnIdDerivedFromAnEmailInTheirReasonAreErased() throws {
    let folder = try makeTemporaryFolder()
    let database = try People.database(in: folder)
    // Answers of someone known only by e-mail, imported before they are in participants.csv:
    // rejected, the e-mail removed from the raw text, the derived id named in the reason.
    try importFiles([(.responses, "email,cohort_id,instrument_id,wave,item_id,value\nlate.comer@example.org,C1,core,pre,se1,3\n")],
                    into: database, folder: folder, options: keepingNote)
    let id = try testHasher.participantID(forEmail: "late.comer@example.org")
    let before = try database.writer.read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM rejected_rows WHERE instr(reason, ?) > 0", arguments: [id])
    }
    #expect(before == 1)
    let erasure = try ParticipantEraser(database: database).erase(participantID: id)
    #expect(erasure.rowsByTable == ["rejected_rows": 1])
    let after = try database.writer.read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM rejected_rows WHERE instr(reason, ?) > 0", arguments: [id])
    }
    #expect(after == 0)
    #expect(try People.rows(of: "P1", in: database)["participants"] == 1)
}

/// P1 and P10 given e-mail addresses by a CRM file keyed by id, and a rejected row that names P1
/// only by e-mail (an outcome imported before their address was known).
private func databaseWithEmails(in folder: URL) throws -> ImpactDatabase {
    let database = try People.database(in: folder)
    try importFiles([(.outcomes, "email,outcome,value\nmarker.person@example.org,stem_degree,yes\n"),
                     (.participants, "participant_id,email\nP1,Marker.Person@example.org\nP10,keep.person@example.org\n")],
                    into: database, folder: folder, options: keepingNote)
    return database
}

@Test func erasingByEmailFindsThePersonImportedByIDAndRemovesTheirKey() throws {
    let folder = try makeTemporaryFolder()
    let database = try databaseWithEmails(in: folder)
    let emailKey = try testHasher.emailKey(forEmail: "marker.person@example.org")
    #expect(try People.fileBytes(database).range(of: Data(emailKey.hex.utf8)) != nil)
    let before = try People.rows(of: "P1", in: database)
    #expect(before["participant_email_keys"] == 1)
    let erasure = try ParticipantEraser(database: database).erase(emailKey: emailKey, keyFingerprint: try testHasher.keyFingerprint())
    // P1's rows, their key, and the rejected outcome that names the id their e-mail gives.
    #expect(erasure.rowsByTable["participants"] == 1 && erasure.rowsByTable["participant_email_keys"] == 1)
    #expect(erasure.rowsByTable["rejected_rows"] == 2)
    #expect(try People.rows(of: "P1", in: database).isEmpty)
    let keys = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT email_key FROM participant_email_keys") }
    #expect(keys == [try testHasher.emailKey(forEmail: "keep.person@example.org").hex])
    #expect(try People.fileBytes(database).range(of: Data(emailKey.hex.utf8)) == nil, "the erased key is gone from the file and the -wal")
}

@Test func erasingByEmailUnderAnotherKeyOrForNobodyChangesNothing() throws {
    let folder = try makeTemporaryFolder()
    let database = try databaseWithEmails(in: folder)
    let other = KeyedHasher(environment: ["IMPACT_ID_KEY": "some-other-key-0123456789"])
    let eraser = ParticipantEraser(database: database)
    #expect(throws: CheckError.keyMismatch(stored: try testHasher.keyFingerprint(), given: try other.keyFingerprint())) {
        try eraser.erase(emailKey: try other.emailKey(forEmail: "marker.person@example.org"), keyFingerprint: try other.keyFingerprint())
    }
    #expect(throws: CheckError.emailNotFound) {
        try eraser.erase(emailKey: try testHasher.emailKey(forEmail: "nobody@example.org"), keyFingerprint: try testHasher.keyFingerprint())
    }
    let audits = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM erasures") }
    #expect(audits == 0)
    #expect(try People.rows(of: "P1", in: database)["participant_email_keys"] == 1)
    let message = CheckError.keyMismatch(stored: try testHasher.keyFingerprint(), given: try other.keyFingerprint()).description
    #expect(message.contains("Restore the original key file from your backup, or set IMPACT_ID_KEY or IMPACT_KEY_FILE"))
    #expect(!message.contains("some-other-key") && !message.contains("check-test-key"))
}
