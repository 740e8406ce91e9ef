import Foundation
import GRDB
import ImpactStore
import ImpactTestSupport
import Testing
@testable import ImpactIngest

/// Files as the charity's own tools export them: a Salesforce contact report and programme
/// engagement report, with the sector's labels and values and a CRM's personal columns.
enum RealExports {
    static let contactHeader = """
        Contact ID,Contact: Full Name,First Name,Last Name,Email,Mailing Street,Mailing City,Mailing Zip/Postal Code,\
        Home Address Line 1,Phone,Emergency Contact Number,Next of kin,WhatsApp,Parent/Guardian Name,Contact Owner,\
        Birthdate,Sex,Ethnic group,School type,Free School Meals,First in family to attend university,Care leaver,\
        Consent to data use for research,Year of birth,Lead Source
        """
    /// Ten young people; three decline research use; ONS detailed ethnic groups; `Don't know` in optional fields.
    static let contacts: [String] = [
        "0035g00000AbCdEAAA,Aisha Khan,Aisha,Khan,aisha.khan@mailbox.test,14 Quillby Road,Oldham,OL9 6QZ,14 Quillby Road,07700900001,07700900101,Farah Khan,+447700900201,Farah Khan,Priya Staffmember,2008-02-03,F,Asian or Asian British - Pakistani,Comprehensive,Eligible,Yes,No,Yes,2008,Website",
        "0035g00000AbCdFAAA,Ben Okoro,Ben,Okoro,ben.okoro@mailbox.test,2 Zephyr Lane,Leeds,LS8 2XJ,2 Zephyr Lane,07700900002,07700900102,Grace Okoro,,Grace Okoro,Priya Staffmember,2007-11-30,Male,\"Black, Black British, Black Welsh, Caribbean or African - African\",Academy,Not eligible,Don't know,No,Yes,2007,School",
        "0035g00000AbCdGAAA,Chloe Pryce,Chloe,Pryce,chloe.pryce@mailbox.test,9 Wrenfield Close,Cardiff,CF24 4HQ,9 Wrenfield Close,07700900003,,Tom Pryce,,Tom Pryce,Priya Staffmember,2008-05-05,Woman,\"White - English, Welsh, Scottish, Northern Irish or British\",Grammar,FSM Ever 6,First in family,Care leaver,No,2008,Website",
        "0035g00000AbCdHAAA,Dev Mistry,Dev,Mistry,dev.mistry@mailbox.test,77 Larkspur Way,Leicester,LE4 7BB,77 Larkspur Way,07700900004,,,,Raj Mistry,Priya Staffmember,2007-08-08,M,Asian or Asian British - Indian,State school,Don’t know,No,No,I do not consent,2007,Event",
        "0035g00000AbCdIAAA,Ella Brown,Ella,Brown,ella.brown@mailbox.test,5 Heron Court,Bristol,BS5 9QQ,5 Heron Court,07700900005,,,,Ann Brown,Priya Staffmember,2008-01-01,Female,Mixed or Multiple ethnic groups - White and Black Caribbean,Independent,No,Not sure,,No,2008,Website",
        "0035g00000AbCdJAAA,Femi Ade,Femi,Ade,femi.ade@mailbox.test,1 Osprey Row,London,E15 2AB,1 Osprey Row,07700900006,,,,Bola Ade,Priya Staffmember,2007-04-04,Prefer to self-describe,Other ethnic group - Arab,Private,Eligible,Yes,Yes,Yes,2007,School",
        "0035g00000AbCdKAAA,Gus Hill,Gus,Hill,gus.hill@mailbox.test,3 Kestrel Mews,Hull,HU3 1AA,3 Kestrel Mews,07700900007,,,,Jo Hill,Priya Staffmember,2008-09-09,Prefer not to say,Prefer not to say,Comprehensive,N/A,Yes,,Yes,2008,Website",
        "0035g00000AbCdLAAA,Hana Sato,Hana,Sato,hana.sato@mailbox.test,8 Plover Street,York,YO1 7HH,8 Plover Street,07700900008,,,,Ken Sato,Priya Staffmember,2007-12-12,Non-binary,Asian or Asian British - Chinese,Comprehensive,Eligible,Yes,No,Yes,2007,Event",
        "0035g00000AbCdMAAA,Ivy Long,Ivy,Long,ivy.long@mailbox.test,6 Curlew Drive,Derby,DE1 3FF,6 Curlew Drive,07700900009,,,,Sue Long,Priya Staffmember,2008-03-03,F,White - Irish,Comprehensive,Eligible,Yes,No,No,2008,Website",
        "0035g00000AbCdNAAA,Jack Wu,Jack,Wu,jack.wu@mailbox.test,4 Tern Avenue,Luton,LU1 2GG,4 Tern Avenue,07700900010,,,,Li Wu,Priya Staffmember,2007-06-06,man,Gypsy or Irish Traveller,Comprehensive,not eligible,No,No,yes,2007,School",
    ]
    static var contactReport: String { ([contactHeader] + contacts).joined(separator: "\n") + "\n" }

    /// A programme engagement report: stages as the CRM names them, the contact's name beside the id.
    static let engagements = """
        Contact: Contact ID,Contact: Full Name,Cohort,Stage,Hours attended,Contact Owner,Notes
        0035g00000AbCdEAAA,Aisha Khan,IN2R-2024-01,Completed,40,Priya Staffmember,lives with Farah Khan
        0035g00000AbCdFAAA,Ben Okoro,IN2R-2024-01,Attending,12.5,Priya Staffmember,
        0035g00000AbCdGAAA,Chloe Pryce,IN2R-2024-01,Offer Made,,Priya Staffmember,
        0035g00000AbCdHAAA,Dev Mistry,IN2R-2024-01,Withdrawn,3,Priya Staffmember,
        0035g00000AbCdIAAA,Ella Brown,IN2R-2024-01,Application Submitted,,Priya Staffmember,
        0035g00000AbCdJAAA,Femi Ade,IN2R-2024-01,Dropped out,1,Priya Staffmember,
        0035g00000AbCdKAAA,Gus Hill,IN2R-2024-01,Enrolled,Don't know,Priya Staffmember,
        0035g00000AbCdLAAA,Hana Sato,IN2R-2024-01,Offer Declined,,Priya Staffmember,
        0035g00000abcdmaaa,Ivy Long,IN2R-2024-01,Completed,30,Priya Staffmember,
        0035g00000AbCdN,Jack Wu,IN2R-2024-01,Completed,30,Priya Staffmember,

        """

    /// Every personal string of the exports above, none of which may be stored anywhere.
    static let personalStrings = [
        "Aisha", "Khan", "Okoro", "Pryce", "Mistry", "Brown", "Sato", "Quillby", "Zephyr", "Wrenfield", "Larkspur",
        "Heron", "Osprey", "Kestrel", "Plover", "Curlew", "Tern Avenue", "mailbox.test", "07700900", "447700900",
        "Farah", "Grace", "Staffmember", "Priya", "6QZ", "2XJ", "4HQ", "7BB", "9QQ", "2AB", "1AA", "7HH", "3FF", "2GG",
        "2008-02-03", "2007-11-30", "Oldham", "Leicester",
    ]
}

@Suite struct RealExportTests {
    /// A database file (so the bytes of the file and its -wal can be searched) with the parents.
    static func database(in folder: URL) throws -> (ImpactDatabase, Importer, String) {
        let path = folder.appendingPathComponent("impact.sqlite").path
        let database = try ImpactDatabase.open(at: path)
        let importer = Importer(database: database, hasher: testHasher)
        _ = try importer.importFile(at: write(Parents.programmes, to: "programmes.csv", in: folder), as: .programmes)
        _ = try importer.importFile(at: write(Parents.cohorts, to: "cohorts.csv", in: folder), as: .cohorts)
        return (database, importer, path)
    }

    @Test func aSalesforceContactReportImportsWithTheSectorsLabelsAndValues() throws {
        let folder = try makeTemporaryFolder()
        let (database, importer, _) = try Self.database(in: folder)
        let summary = try importer.importFile(at: write(RealExports.contactReport, to: "contacts.csv", in: folder), as: .participants)
        #expect((summary.inserted, summary.rejected, summary.unreadCells) == (10, 0, 0), "\(summary.sampleRejections) \(summary.sampleUnreadCells)")
        func taken(_ header: String) -> String? { summary.columns.first { $0.header == header && $0.fate == .taken }?.column }
        #expect(taken("Contact ID") == "participant_id")
        #expect(taken("Free School Meals") == "fsm")
        #expect(taken("First in family to attend university") == "first_generation")
        #expect(taken("Consent to data use for research") == "consent_research")
        #expect(taken("Ethnic group") == "ethnicity")
        #expect(taken("Sex") == "gender")
        #expect(taken("Care leaver") == "care_experienced")
        #expect(taken("Year of birth") == "birth_year")
        #expect(taken("Mailing Zip/Postal Code") == "postcode")
        #expect(taken("Email") == "email")
        let personal = Set(summary.columns.filter { $0.fate == .personal }.map(\.header))
        #expect(personal == ["Contact: Full Name", "First Name", "Last Name", "Mailing Street", "Mailing City", "Home Address Line 1",
                             "Phone", "Emergency Contact Number", "Next of kin", "WhatsApp", "Parent/Guardian Name", "Contact Owner", "Birthdate"])
        #expect(summary.columns.filter { $0.fate == .ignored }.map(\.header) == ["Lead Source"])
        let rows = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT participant_id, gender, ethnicity, school_type, fsm, first_generation, care_experienced, consent_research, postcode, extra FROM participants ORDER BY participant_id")
        }
        #expect(rows.map { $0["gender"] as String? } == ["female", "male", "female", "male", "female", "other", "prefer_not_to_say", "non_binary", "female", "male"])
        #expect(rows.map { $0["ethnicity"] as String? } == ["asian", "black", "white", "asian", "mixed", "other", "prefer_not_to_say", "asian", "white", "white"])
        #expect(rows.map { $0["school_type"] as String? } == ["state_non_selective", "state_non_selective", "state_selective", "state_non_selective",
                                                                "independent", "independent", "state_non_selective", "state_non_selective", "state_non_selective", "state_non_selective"])
        #expect(rows.map { $0["fsm"] as Int? } == [1, 0, 1, nil, 0, 1, nil, 1, 1, 0])
        #expect(rows.map { $0["first_generation"] as Int? } == [1, nil, 1, 0, nil, 1, 1, 1, 1, 0])
        #expect(rows.map { $0["care_experienced"] as Int? } == [0, 0, 1, 0, nil, 1, nil, 0, 0, 0])
        // The three who declined research use are stored as declining: no figure counts them.
        #expect(rows.map { $0["consent_research"] as Int } == [1, 1, 0, 0, 0, 1, 1, 1, 0, 1])
        #expect(rows.map { $0["postcode"] as String? } == ["OL9", "LS8", "CF24", "LE4", "BS5", "E15", "HU3", "YO1", "DE1", "LU1"])
        #expect(rows.allSatisfy { ($0["extra"] as String?) == nil })
        let fates = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM import_columns WHERE import_id = ?", arguments: [summary.importID]) }
        #expect(fates == 25)
    }

    @Test func anEngagementReportReadsCRMStagesAndNamesNearMissesWithoutKeepingNames() throws {
        let folder = try makeTemporaryFolder()
        let (database, importer, path) = try Self.database(in: folder)
        _ = try importer.importFile(at: write(RealExports.contactReport, to: "contacts.csv", in: folder), as: .participants)
        let summary = try importer.importFile(at: write(RealExports.engagements, to: "engagements.csv", in: folder), as: .enrolments)
        #expect((summary.inserted, summary.rejected, summary.unreadCells) == (8, 2, 0))
        let statuses = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT status FROM enrolments ORDER BY participant_id") }
        #expect(statuses == ["completed", "started", "offered", "withdrawn", "applied", "withdrawn", "started", "declined"])
        let hours = try database.writer.read { db in try Double?.fetchAll(db, sql: "SELECT hours FROM enrolments ORDER BY participant_id") }
        #expect(hours == [40, 12.5, nil, 3, nil, 1, nil, nil])
        // An id that differs only in case, and a 15-character Salesforce id whose 18-character form is stored.
        let reasons = summary.sampleRejections.map(\.reason)
        #expect(reasons[0].contains("\"0035g00000AbCdMAAA\" is stored, which differs only in upper and lower case"), "\(reasons)")
        #expect(reasons[1].contains("\"0035g00000AbCdNAAA\" is stored: a Salesforce id in its 18-character form"), "\(reasons)")
        let raws = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT raw FROM rejected_rows WHERE file LIKE '%engagements.csv' ORDER BY line") }
        #expect(raws == ["0035g00000abcdmaaa,[removed],IN2R-2024-01,Completed,30,[removed],", "0035g00000AbCdN,[removed],IN2R-2024-01,Completed,30,[removed],"])
        let extra = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM enrolments WHERE extra IS NOT NULL") }
        #expect(extra == 0)
        // Not a byte of anyone's name, address, phone, e-mail, full postcode or birth date, nor the staff owner.
        try database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
        for file in [path, path + "-wal"] {
            // The file's path is stored (imports.path); its random folder name can hold a
            // postcode's letters by chance (C59C1AAF-…), so it is set aside before the search.
            let stored = String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self)
            let bytes = Data(stored.replacingOccurrences(of: folder.lastPathComponent, with: "").utf8)
            for secret in RealExports.personalStrings {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in \(file)")
            }
        }
    }

    @Test func aStudentIDFileBesideAnEmailColumnMakesNoDuplicatePeople() throws {
        let folder = try makeTemporaryFolder()
        let (database, importer, _) = try Self.database(in: folder)
        let people = "Student ID,Email Address,Gender\nS1,s1@mailbox.test,F\nS2,s2@mailbox.test,M\n"
        _ = try importer.importFile(at: write(people, to: "students.csv", in: folder), as: .participants)
        // A form keyed by e-mail joins the people imported by id.
        let enrolments = "Email Address,Cohort ID,Status\ns1@mailbox.test,IN2R-2024-01,Attending\nS2@Mailbox.test,IN2R-2024-01,Completed\n"
        let joined = try importer.importFile(at: write(enrolments, to: "form.csv", in: folder), as: .enrolments)
        #expect((joined.inserted, joined.rejected) == (2, 0), "\(joined.sampleRejections)")
        let ids = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT participant_id FROM participants ORDER BY 1") }
        #expect(ids == ["S1", "S2"])
        let enrolled = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT participant_id FROM enrolments ORDER BY 1") }
        #expect(enrolled == ["S1", "S2"])
    }

    @Test func twoHeadersForOneColumnAreRefusedAndAKeptPersonalColumnIsRefused() throws {
        let folder = try makeTemporaryFolder()
        let (database, importer, _) = try Self.database(in: folder)
        let before = try snapshot(database)
        let both = try write("Contact ID,Student ID,gender\nC1,S1,F\n", to: "both.csv", in: folder)
        #expect(throws: IngestError.self) { try importer.importFile(at: both, as: .participants) }
        do {
            _ = try importer.importFile(at: both, as: .participants)
        } catch {
            #expect("\(error)".contains("columns \"Contact ID\" (field 1) and \"Student ID\" (field 2) could both be participant_id"))
        }
        // The contract's own name beats a usual label: the other column is left out, and says why;
        // an identifier of another system is personal data in a file about people.
        let exact = try importer.importFile(at: write("participant_id,Learner Ref,Notes\nP7,S7,x\n", to: "exact.csv", in: folder), as: .participants)
        #expect(exact.columns.map(\.fate) == [.taken, .personal, .ignored])
        let twice = try importer.importFile(at: write("participant_id,Participant Ref\nP7,S7\n", to: "exact2.csv", in: folder), as: .participants)
        #expect(twice.columns.last?.fate == .personal)
        #expect(twice.columns.last?.rule.contains("an identifier of another system") == true)
        let notes = try importer.importFile(at: write("participant id,Person Id\nP7,S7\n", to: "exact3.csv", in: folder), as: .participants)
        #expect(notes.columns.first?.rule == "a spelling of participant_id")
        let keepName = try write("participant_id,Parent Name\nP8,Jo\n", to: "keep.csv", in: folder)
        do {
            _ = try importer.importFile(at: keepName, as: .participants, options: HeaderOptions(keep: ["Parent Name"]))
            Issue.record("expected a refusal")
        } catch {
            #expect("\(error)".contains("personal data is never stored"))
        }
        let kept = try importer.importFile(at: write("participant_id,Lead Source\nP9,Website\n", to: "lead.csv", in: folder), as: .participants,
                                           options: HeaderOptions(keep: ["lead source"]))
        #expect(kept.columns.last?.fate == .kept)
        #expect(try snapshot(database).count > before.count)
    }

    @Test(arguments: [
        ("Asian or Asian British - Bangladeshi", "asian"), ("Asian/Asian British: Indian", "asian"), ("Chinese", "asian"),
        ("Black, Black British, Black Welsh, Caribbean or African - Caribbean", "black"), ("Black/African/Caribbean/Black British: African", "black"),
        ("Mixed or Multiple ethnic groups - White and Asian", "mixed"), ("Mixed/multiple ethnic groups: Any other Mixed", "mixed"),
        ("White and Black African", "mixed"), ("White - Roma", "white"), ("White: English/Welsh/Scottish/Northern Irish/British", "white"),
        ("Other ethnic group - Any other ethnic group", "other"), ("Arab", "other"), ("Prefer not to say", "prefer_not_to_say"),
    ])
    func onsEthnicGroupsAreReadAsTheirTopLevelGroup(label: String, group: String) {
        #expect(Vocabulary.ethnicity.read(label) == .value(group))
    }

    @Test(arguments: [("West Indian", "black"), ("Any other Black, Black British, or Caribbean background", "black")])
    func westIndianIsABlackGroup(label: String, group: String) {
        #expect(Vocabulary.ethnicity.read(label) == .value(group))
    }

    @Test(arguments: [("Office administrator", "intermediate"), ("Senior managers or administrators", "professional"),
                      ("Routine manual and service occupations", "working_class"),
                      ("Other such as: retired, this question does not apply to me, I don't know", "other")])
    func parentalOccupationsAreReadByTheCommissionsGroups(label: String, group: String) {
        #expect(Vocabulary.parentalOccupation.read(label) == .value(group))
    }

    @Test(arguments: ["No idea", "Prefer not to say", "Rather not say"])
    func wordsForNotKnownAreUnknownInEveryColumn(text: String) {
        for vocabulary in [Vocabulary.fsm, .schoolType, .parentalOccupation, .status, .deliveryMode] {
            #expect(vocabulary.read(text) == .unknown, "\(text)")
        }
        #expect(Vocabulary.gender.read("Prefer not to say") == .value("prefer_not_to_say"))
    }

    @Test(arguments: [("Don’t know", "don t know"), ("Don't know", "don t know"), ("  Non-binary ", "non binary"), ("Café–Bar", "cafe bar"),
                      ("Ever 6 FSM+", "ever 6 fsm+"), ("ÉLÈVE", "eleve"), ("Łódź", "łodź"), ("...", "")])
    func valuesAreFoldedWhateverTheirCaseAccentsAndPunctuation(text: String, folded: String) {
        #expect(Vocabulary.fold(text) == folded)
    }

    @Test(arguments: ["British", "Martian", "Human"])
    func aNationalityOrANonsenseIsNotGuessedAsAnEthnicGroup(label: String) {
        #expect(Vocabulary.ethnicity.read(label) == .unreadable)
    }

    @Test(arguments: [("Don't know", CellReading.unknown), ("Don’t know", .unknown), ("Not sure", .unknown), ("N/A", .unknown),
                      ("Eligible", .value("yes")), ("Not eligible", .value("no")), ("FSM Ever 6", .value("yes")), ("Not FSM", .value("no")),
                      ("Yes - eligible", .value("yes")), ("maybe", .unreadable)])
    func freeSchoolMealsAreReadInTheSchoolSystemsWords(text: String, reading: CellReading) {
        #expect(Vocabulary.fsm.read(text) == reading)
    }
}
