import Foundation
import GRDB
import ImpactTestSupport
import Testing
@testable import ImpactIngest
import ImpactStore

/// Tools' exports of any contract file imported through a YAML file mapping (docs/mappings.md).
@Suite struct FileMappingTests {
    /// A Salesforce programme-engagement report: a contact's id and name, the programme and
    /// academic year instead of a cohort, the CRM's own stages, US dates and test records.
    static let engagements = """
        Contact: Contact ID,Contact: Full Name,Programme,Academic Year,Programme Engagement: Stage,Test record,Application Date
        P1,Aisha Khan,Research Placement,2024,Place confirmed,No,07/25/2024
        P2,Ben Okoro,research placement,2024,Interview booked,,07/01/2024
        P3,Chloe Pryce,Research Placement,2023,Completed,false,
        P4,Dev Mistry,STEM Online,2024,Withdrawn,No,
        P9,Test Person,Research Placement,2024,Completed,Yes,
        P1,Aisha Khan,Summer School,2024,Completed,No,
        P2,Ben Okoro,STEM Online,2024,Place Confirmed,TRUE,

        """

    static let engagementMapping = """
        file: engagements.csv
        kind: enrolments
        id_column: "Contact: Contact ID"
        columns:
          "Programme Engagement: Stage": status
        values:
          status:
            Place confirmed: started
            Interview booked: applied
        cohort_lookup:
          columns: [Programme, Academic Year]
          cohorts:
            - [Research Placement, "2024", IN2R-2024-01]
            - [Research Placement, 2023, IN2R-2023-01]
            - [STEM Online, "2024", ONLINE-2024-01]
        skip_rows:
          - {column: Test record, values: [yes, true]}
        date_order: month_first

        """

    /// The parents imported, the engagement report and its mapping written: the mapping's path.
    static func engagementFolder(mapping: String = engagementMapping) throws -> (ImpactDatabase, Importer, String) {
        let folder = try makeTemporaryFolder()
        let (database, importer) = try Parents.database(in: folder)
        try write(engagements, to: "engagements.csv", in: folder)
        return (database, importer, try write(mapping, to: "engagements.yaml", in: folder))
    }

    static func enrolments(_ database: ImpactDatabase) throws -> [String] {
        try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT participant_id || '|' || cohort_id || '|' || status || '|' || coalesce(applied_on, '') FROM enrolments ORDER BY 1")
        }
    }

    // MARK: A CRM's export, from header to stored rows

    @Test func aSalesforceEngagementReportImportsAsEnrolmentsThroughColumnsValuesAndACohortLookup() throws {
        let (database, importer, mapping) = try Self.engagementFolder()
        let summary = try importer.importMapping(at: mapping)
        #expect(summary.kind == .enrolments)
        // Two test records are left out; the Summer School row has no cohort in the lookup.
        #expect((summary.rowsRead, summary.inserted, summary.rejected) == (5, 4, 1), "\(summary.sampleRejections)")
        // The mapping's values come before the built-in ones (`Place confirmed` is offered there);
        // the lookup folds case; `07/25/2024` and `07/01/2024` are read month first.
        #expect(try Self.enrolments(database) == [
            "P1|IN2R-2024-01|started|2024-07-25", "P2|IN2R-2024-01|applied|2024-07-01",
            "P3|IN2R-2023-01|completed|", "P4|ONLINE-2024-01|withdrawn|",
        ])
        let rejection = try #require(summary.sampleRejections.first)
        #expect(rejection.line == 7)
        #expect(rejection.reason == "no cohort for Programme \"Summer School\" and Academic Year \"2024\" in the cohort_lookup of \(mapping) (line 10); add them there with their cohort_id, or leave such rows out with skip_rows")
        // Every column's fate, the looked-up cohort after the file's own columns.
        #expect(summary.columns.map { "\($0.position) \($0.header) \($0.fate.rawValue) \($0.column ?? "-")" } == [
            "1 Contact: Contact ID taken participant_id", "2 Contact: Full Name personal -", "3 Programme ignored -",
            "4 Academic Year ignored -", "5 Programme Engagement: Stage taken status", "6 Test record ignored -",
            "7 Application Date taken applied_on", "8 (cohort_lookup) taken cohort_id",
        ])
        #expect(summary.columns[2].rule == "read by the mapping's cohort_lookup for cohort_id; not stored")
        #expect(summary.columns[5].readByMapping == "read by the mapping's skip_rows")
        #expect(summary.columns[7].rule == "looked up in the mapping's cohort_lookup from \"Programme\", \"Academic Year\"")
        let stored = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT position, header, rule FROM import_columns WHERE import_id = ? ORDER BY position", arguments: [summary.importID])
        }
        #expect(stored.count == 8)
        #expect(stored.last?["header"] == "(cohort_lookup)")
        // Neither the name nor the test person is kept anywhere.
        let leaks = try database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM rejected_rows WHERE raw LIKE '%Aisha%' OR raw LIKE '%Test Person%' OR reason LIKE '%Aisha%'")
        }
        #expect(leaks == 0)
    }

    @Test func skippedRowsAreNotReadButCountedByRuleAndRecordedWithTheirLines() throws {
        let (database, importer, mapping) = try Self.engagementFolder()
        let summary = try importer.importMapping(at: mapping)
        #expect(summary.skippedRows == [SkippedRows(rule: "\"Test record\" is yes or true", line: 6).noting(8)])
        #expect(summary.accepted + summary.rejected == summary.rowsRead)
        let skipped = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT file, line, rule FROM skipped_rows WHERE import_id = ? ORDER BY line", arguments: [summary.importID])
        }
        #expect(skipped.map { $0["line"] as Int } == [6, 8])
        #expect(skipped.allSatisfy { ($0["rule"] as String) == "\"Test record\" is yes or true" && ($0["file"] as String).hasSuffix("engagements.csv") })
        let logged = try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT rows_read, accepted, rejected FROM imports WHERE import_id = ?", arguments: [summary.importID])
        }
        #expect(logged?["rows_read"] == 5)
        // Importing the same export again changes nothing, and skips the same rows.
        let again = try importer.importMapping(at: mapping)
        #expect((again.inserted, again.updated, again.unchanged, again.skippedRows.first?.count) == (0, 0, 4, 2))
    }

    @Test func constantsGiveAColumnTheExportLacksAndAreRecordedAfterItsColumns() throws {
        let folder = try makeTemporaryFolder()
        let (database, importer) = try Parents.database(in: folder)
        try write("Student ID,Status,Cohort\nP1,Completed,In2R summer\nP2,Attending,In2R summer\n", to: "register.csv", in: folder)
        let mapping = try write("file: register.csv\nkind: enrolments\nconstants:\n  cohort_id: IN2R-2024-01\n", to: "register.yaml", in: folder)
        let summary = try importer.importMapping(at: mapping)
        #expect((summary.inserted, summary.rejected) == (2, 0), "\(summary.sampleRejections)")
        #expect(try Self.enrolments(database) == ["P1|IN2R-2024-01|completed|", "P2|IN2R-2024-01|started|"])
        // The `Cohort` column (a usual label for cohort_id) gives way to the constant, and says so.
        #expect(summary.columns[2].fate == .ignored)
        #expect(summary.columns[2].rule.contains("it could be cohort_id, which the mapping gives instead (a constant of the mapping: IN2R-2024-01)"))
        #expect(summary.columns.last == ColumnFate(position: 4, header: "(constant)", fate: .taken, column: "cohort_id", rule: "a constant of the mapping: IN2R-2024-01"))
        // A constant cohort the database lacks refuses the file before any row.
        let before = try snapshot(database)
        let wrong = try write("file: register.csv\nkind: enrolments\nconstants:\n  cohort_id: in2r-2024-01\n", to: "wrong.yaml", in: folder)
        let error = #expect(throws: IngestError.self) { try importer.importMapping(at: wrong) }
        #expect("\(error.map(String.init(describing:)) ?? "")".contains("\(wrong): line 4: constants: cohort_id \"in2r-2024-01\" is not in cohorts"))
        #expect(try snapshot(database) == before)
    }

    @Test func valuesMatchAfterFoldingAndMayMapAnOptionalValueToUnknown() throws {
        let folder = try makeTemporaryFolder()
        let (database, importer) = try Parents.database(in: folder)
        try write("ID,Gender identity,FSM,Notes\nP1,Woman (cis),Pupil premium,x\nP2,MAN (CIS),Not sure yet,y\nP3,Man (cis),maybe,z\n", to: "crm.csv", in: folder)
        let mapping = try write("""
            file: crm.csv
            kind: participants
            id_column: ID
            keep: [Notes]
            values:
              gender: {woman cis: female, "Man (cis)": Male}
              fsm: {pupil premium: yes, not sure yet: ~}

            """, to: "crm.yaml", in: folder)
        let summary = try importer.importMapping(at: mapping)
        #expect((summary.inserted, summary.updated, summary.rejected) == (0, 3, 0), "\(summary.sampleRejections)")
        let rows = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT gender, fsm, extra FROM participants WHERE participant_id IN ('P1', 'P2', 'P3') ORDER BY participant_id")
        }
        #expect(rows.map { $0["gender"] as String? } == ["female", "male", "male"])
        #expect(rows.map { $0["fsm"] as Int? } == [1, nil, nil])
        #expect(rows.map { $0["extra"] as String? } == ["{\"Notes\":\"x\"}", "{\"Notes\":\"y\"}", "{\"Notes\":\"z\"}"])
        // A value the mapping names as unknown is the mapping's word, not an unread cell; `maybe` still is one.
        #expect(summary.sampleUnreadCells.map(\.value) == ["maybe"])
    }

    @Test func aLongResponsesFileTakesConstantsAndLabelsForItsValues() throws {
        let folder = try makeTemporaryFolder()
        let (database, importer) = try Parents.database(in: folder)
        try write("Student ID,Timepoint,Question,Answer\nP1,Baseline survey,se1,Agree\nP1,End of programme,se1,Strongly agree\nP2,Baseline survey,se2,3\n", to: "long.csv", in: folder)
        let mapping = try write("""
            file: long.csv
            kind: responses
            columns: {Question: item_id, Answer: value}
            constants: {cohort_id: IN2R-2024-01, instrument_id: core_v1}
            values:
              wave: {Baseline survey: pre, End of programme: post}
              value: {Agree: 4, Strongly agree: 5}

            """, to: "long.yaml", in: folder)
        let summary = try importer.importMapping(at: mapping)
        #expect((summary.inserted, summary.rejected) == (3, 0), "\(summary.sampleRejections)")
        let answers = try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT participant_id || wave || item_id || value FROM responses ORDER BY 1")
        }
        #expect(answers == ["P1postse15", "P1prese14", "P2prese23"])
    }

    // MARK: Mappings refused, with the file, the line and the fix

    struct BadMapping: Sendable, CustomTestStringConvertible {
        let edit: @Sendable (String) -> String
        let message: String
        var testDescription: String { message }
    }

    static let badMappings: [BadMapping] = [
        .init(edit: { $0 + "cohort: IN2R-2024-01\n" },
              message: "line 19: \"cohort\" is a key of a wide survey mapping (docs/survey-mappings.md), which has no kind; a mapping with kind takes: file, kind, columns"),
        .init(edit: { $0 + "colums: {Stage: status}\n" },
              message: "line 19: unknown key \"colums\" (the keys are: file, kind, columns, id_column, email_column, values, constants, cohort_lookup, skip_rows, keep, date_order); check its spelling"),
        .init(edit: { $0.replacingOccurrences(of: "Stage\": status", with: "Stage\": stage_name") },
              message: "line 5: columns: \"Programme Engagement: Stage\": enrolments has no column \"stage_name\" (its columns: participant_id, email, cohort_id, status, applied_on, hours)"),
        .init(edit: { $0.replacingOccurrences(of: "Place confirmed: started", with: "Place confirmed: begun") },
              message: "line 8: values.status: \"Place confirmed\" is mapped to \"begun\", which status does not accept (accepted: applied, offered, declined, started, withdrawn, completed)"),
        .init(edit: { $0.replacingOccurrences(of: "Interview booked: applied", with: "Interview booked: ~") },
              message: "line 9: values.status: \"Interview booked\" is mapped to unknown, but status is required; give it one of: applied, offered"),
        .init(edit: { $0.replacingOccurrences(of: "\"Programme Engagement: Stage\": status", with: "Engagement Stage: status") },
              message: "line 5: columns: \"Engagement Stage\" is not a column of engagements.csv (its columns: \"Contact: Contact ID\", \"Contact: Full Name\", \"Programme\", \"Academic Year\", \"Programme Engagement: Stage\", \"Test record\", \"Application Date\"); check the spelling"),
        .init(edit: { $0.replacingOccurrences(of: "[Programme, Academic Year]", with: "[Programme, Year]") },
              message: "line 10: cohort_lookup.columns: \"Year\" is not a column of engagements.csv"),
        .init(edit: { $0.replacingOccurrences(of: "column: Test record", with: "column: Test") },
              message: "line 17: skip_rows: \"Test\" is not a column of engagements.csv"),
        .init(edit: { $0.replacingOccurrences(of: "kind: enrolments", with: "kind: enrollments") },
              message: "line 2: kind \"enrollments\" is not a kind of file (accepted: programmes, cohorts, participants, enrolments, survey_items, responses, outcomes, benchmarks)"),
        .init(edit: { $0.replacingOccurrences(of: "kind: enrolments\n", with: "") },
              message: "\"kind\" is missing; add the kind of file the export holds, e.g. kind: enrolments"),
        .init(edit: { $0.replacingOccurrences(of: "    - [STEM Online, \"2024\", ONLINE-2024-01]", with: "    - [STEM Online, ONLINE-2024-01]") },
              message: "line 15: cohort_lookup.cohorts: each line is [Programme, Academic Year, cohort_id]: 3 values"),
        .init(edit: { $0.replacingOccurrences(of: "    - [STEM Online, \"2024\", ONLINE-2024-01]", with: "    - [research placement, \"2024\", ONLINE-2024-01]") },
              message: "line 15: cohort_lookup.cohorts: \"research placement\", \"2024\" is listed twice (also on line 13); keep one"),
        .init(edit: { $0.replacingOccurrences(of: "    - [STEM Online, \"2024\", ONLINE-2024-01]", with: "    - [STEM Online, \"2024\", ONLINE-2025]") },
              message: "line 15: cohort_lookup: cohort_id \"ONLINE-2025\" is not in cohorts; import cohorts.csv with it first"),
        .init(edit: { $0 + "constants: {participant_id: P1}\n" },
              message: "line 19: constants: participant_id cannot be a constant: it gives the person"),
        .init(edit: { $0 + "constants: {hours: lots}\n" },
              message: "line 19: constants: hours \"lots\" is not accepted (accepted: a number from 0.0 to 8760.0)"),
        .init(edit: { $0 + "keep: [\"Contact: Full Name\"]\n" },
              message: "column \"Contact: Full Name\" was asked to be kept, but its header says it holds a name"),
        .init(edit: { $0.replacingOccurrences(of: "date_order: month_first", with: "date_order: us") },
              message: "line 18: date_order \"us\" is not known (accepted: day_first, month_first)"),
        .init(edit: { $0.replacingOccurrences(of: "file: engagements.csv", with: "file: engagement.csv") },
              message: "the export named by `file` does not exist"),
        .init(edit: { $0 + "values:\n  status: {Withdrawn: started}\n" },
              message: "\"values\" given twice in the same mapping; keep one"),
    ]

    @Test(arguments: badMappings)
    func aWrongMappingIsRefusedWithItsLineAndTheFixAndChangesNothing(_ bad: BadMapping) throws {
        let (database, importer, mapping) = try Self.engagementFolder(mapping: bad.edit(Self.engagementMapping))
        let before = try snapshot(database)
        let error = #expect(throws: IngestError.self) { try importer.importMapping(at: mapping) }
        let text = error.map(String.init(describing:)) ?? ""
        // A kept personal column is refused by the export's header, at its field.
        #expect(text.hasPrefix(mapping + ": ") || bad.message.hasPrefix("column "), "\(text)")
        #expect(text.contains(bad.message), "\(text)")
        #expect(try snapshot(database) == before)
    }

    @Test func valuesOfThePersonOrOfPersonalDataAreRefused() throws {
        for (column, words) in [("participant_id", "gives the person"), ("postcode", "is personal data")] {
            let yaml = "file: x.csv\nkind: participants\nvalues:\n  \(column): {A: B}\n"
            let error = #expect(throws: IngestError.self) { try FileMapping(yaml: yaml, path: "m.yaml") }
            #expect("\(error.map(String.init(describing:)) ?? "")".contains("m.yaml: line 4: values: \(column) \(words), whose values a mapping does not change"))
        }
    }

    // A tracking service's report in long form: its own headers, its own outcome names, a
    // value that is not known yet, and census dates written month first.
    @Test func aTrackingServicesOutcomeReportNamesItsColumnsAndItsOutcomes() throws {
        let folder = try makeTemporaryFolder()
        let (database, importer) = try Parents.database(in: folder)
        try write("""
            Learner Ref,Destination Type,Destination Confirmed,Census Date,Tracked By
            P1,Entered HE,Confirmed,10/01/2024,HEAT
            P1,STEM degree,Not confirmed,10/01/2024,HEAT
            P2,Entered HE,Awaiting data,10/01/2024,HEAT
            P3,Entered HE,Confirmed,,HEAT

            """, to: "tracking.csv", in: folder)
        let mapping = try write("""
            file: tracking.csv
            kind: outcomes
            id_column: Learner Ref
            columns:
              Destination Type: outcome
              Destination Confirmed: value
              Census Date: observed_on
              Tracked By: source
            values:
              outcome: {Entered HE: he_entry, STEM degree: stem_degree}
              value: {Confirmed: yes, Not confirmed: no}
            skip_rows:
              - {column: Destination Confirmed, values: [Awaiting data]}
            date_order: month_first

            """, to: "tracking.yaml", in: folder)
        let summary = try importer.importMapping(at: mapping)
        #expect((summary.rowsRead, summary.inserted, summary.rejected, summary.skippedRows.first?.count) == (3, 3, 0, 1), "\(summary.sampleRejections)")
        let stored = try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT participant_id || '|' || outcome || '|' || value || '|' || coalesce(observed_on, '') || '|' || source FROM outcomes ORDER BY 1")
        }
        #expect(stored == ["P1|he_entry|1|2024-10-01|HEAT", "P1|stem_degree|0|2024-10-01|HEAT", "P3|he_entry|1||HEAT"])
    }

    @Test func anIdentifierMappedByValueIsTheStoredIdEverywhereTheRowIsRead() throws {
        let folder = try makeTemporaryFolder()
        let (database, importer) = try Parents.database(in: folder)
        // A cohort named as the CRM names it, and a long answers file whose items and instrument are the tool's.
        try write("Student ID,Cohort,Status\nP1,In2R summer,Completed\nP2,in2r SUMMER,Attending\nP3,Winter,Completed\n", to: "register.csv", in: folder)
        let register = try write("file: register.csv\nkind: enrolments\nvalues:\n  cohort_id: {In2R summer: IN2R-2024-01}\n", to: "register.yaml", in: folder)
        let enrolled = try importer.importMapping(at: register)
        #expect((enrolled.inserted, enrolled.rejected) == (2, 1))
        #expect(enrolled.sampleRejections.first?.reason.contains("cohort_id \"Winter\" is not in cohorts") == true)
        try write("Student ID,Survey,Question,Answer\nP1,Core survey,Q1,4\nP1,Core survey,Q2,3\nP2,Core survey,Q1,5\nP2,Core survey,Q9,5\n", to: "answers.csv", in: folder)
        let answers = try write("""
            file: answers.csv
            kind: responses
            columns: {Survey: instrument_id, Question: item_id, Answer: value}
            constants: {cohort_id: IN2R-2024-01, wave: pre}
            values:
              instrument_id: {Core survey: core_v1}
              item_id: {Q1: se1, Q2: se2}

            """, to: "answers.yaml", in: folder)
        let answered = try importer.importMapping(at: answers)
        #expect((answered.inserted, answered.rejected) == (3, 1), "\(answered.sampleRejections)")
        #expect(answered.sampleRejections.first?.reason.contains("item_id \"Q9\" is not an item of instrument core_v1") == true)
        let stored = try database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT participant_id || item_id || value FROM responses ORDER BY 1")
        }
        #expect(stored == ["P1se14", "P1se23", "P2se15"])
    }

    @Test func aMappingWithoutKindButWithItemsIsStillASurveyMapping() throws {
        let folder = try makeTemporaryFolder()
        try write("file: answers.csv\nlayout: plain\nid_column: id\ncohort: C1\ninstrument: core\nwave: pre\nitems:\n  se1: Q1\n", to: "survey.yaml", in: folder)
        guard case .survey = try MappingFile(contentsOf: folder.appendingPathComponent("survey.yaml").path) else {
            Issue.record("expected a survey mapping")
            return
        }
        try write("file: answers.csv\nkind: responses\n", to: "long.yaml", in: folder)
        guard case let .file(mapping) = try MappingFile(contentsOf: folder.appendingPathComponent("long.yaml").path) else {
            Issue.record("expected a file mapping")
            return
        }
        #expect(mapping.kind == .responses)
    }
}

extension SkippedRows {
    /// The same rows with one more line, to compare with.
    func noting(_ line: Int) -> SkippedRows {
        var copy = self
        copy.note(line)
        return copy
    }
}

// A mapping whose `file` is not the export (the id key, a system file) is refused by a
// description of the file's first line, never by its content; a non-regular file is not opened.
@Test func aFileMappingsExportThatIsNotAnExportIsRefusedWithoutQuotingIt() throws {
    let (database, importer, _) = try FileMappingTests.engagementFolder()
    let folder = try makeTemporaryFolder()
    let key = try write("s3cretkey0123456789abcdef\nmore s3cret\n", to: "key", in: folder)
    let link = folder.appendingPathComponent("export.csv").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: key)
    let before = try snapshot(database)
    for file in [key, link] {
        let mapping = try write(FileMappingTests.engagementMapping.replacingOccurrences(of: "file: engagements.csv", with: "file: \(file)"),
                                to: "m.yaml", in: folder)
        let error = #expect(throws: IngestError.self) { try importer.importMapping(at: mapping) }
        let text = error.map(String.init(describing:)) ?? ""
        #expect(!text.contains("s3cret"), "\(text)")
        #expect(text.contains("is not the export's header") && text.contains("(1 field, 25 bytes) is not shown"), "\(text)")
    }
    let device = try write(FileMappingTests.engagementMapping.replacingOccurrences(of: "file: engagements.csv", with: "file: /dev/zero"),
                           to: "m.yaml", in: folder)
    let error = #expect(throws: IngestError.self) { try importer.importMapping(at: device) }
    #expect("\(error.map(String.init(describing:)) ?? "")".contains("(/dev/zero) is a character device, not a regular file"))
    #expect(try snapshot(database) == before)
}

// A YAML file that has none of a mapping's keys is not a mapping: none of its keys is quoted.
@Test func aYAMLFileThatIsNotAMappingIsRefusedWithoutQuotingIt() throws {
    let folder = try makeTemporaryFolder()
    for text in ["password: s3cret\nuser: s3cretuser\n", "s3cret: 1\ns3cret: 2\n", "s3cretkey0123456789\n"] {
        let path = try write(text, to: "credentials.yaml", in: folder)
        let error = #expect(throws: IngestError.self) { try MappingFile(contentsOf: path) }
        let message = error.map(String.init(describing:)) ?? ""
        #expect(!message.contains("s3cret") && !message.contains("password"), "\(message)")
    }
}
