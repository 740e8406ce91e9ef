import Foundation
import GRDB
import ImpactTestSupport
import Testing
@testable import ImpactIngest
import ImpactStore

/// Wide survey exports (Qualtrics, SurveyMonkey, Google Forms, plain) imported through a
/// YAML mapping. The fixtures in Fixtures/surveys follow each tool's CSV export layout.
@Suite struct SurveyMappingTests {
    /// The fixture folder: the exports, their mappings and the parent files they refer to.
    static func fixtures() throws -> String {
        let base = try #require(Bundle.module.resourcePath)
        return base + "/Fixtures/surveys"
    }

    /// A database with the fixture's programmes, cohorts, participants and survey items.
    static func database() throws -> (ImpactDatabase, Importer) {
        let database = try ImpactDatabase.inMemory()
        let importer = Importer(database: database, hasher: testHasher)
        for kind in [FileKind.programmes, .cohorts, .participants, .surveyItems] {
            let summary = try importer.importFile(at: try fixtures() + "/" + kind.fileName, as: kind)
            #expect(summary.rejected == 0, "\(kind.fileName): \(summary.sampleRejections)")
        }
        return (database, importer)
    }

    /// The stored answers as `id|cohort|wave|item|value|date`.
    static func answers(_ database: ImpactDatabase) throws -> Set<String> {
        try database.writer.read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT participant_id || '|' || cohort_id || '|' || wave || '|' || item_id || '|' || value || '|' || coalesce(responded_on, '')
                FROM responses WHERE instrument_id = 'core_v1'
                """))
        }
    }

    /// Expected answers from one line per respondent: values of se1 se2 se3 bel1 bel2 ck1, `-` for none.
    static func expected(cohort: String, _ respondents: [(id: String, wave: String, date: String, values: String)]) -> Set<String> {
        let items = ["se1", "se2", "se3", "bel1", "bel2", "ck1"]
        var result: Set<String> = []
        for respondent in respondents {
            for (item, value) in zip(items, respondent.values.split(separator: " ")) where value != "-" {
                result.insert([respondent.id, cohort, respondent.wave, item, String(value), respondent.date].joined(separator: "|"))
            }
        }
        return result
    }

    static func id(_ email: String) throws -> String { try testHasher.participantID(forEmail: email) }

    // MARK: The three tools

    @Test func aQualtricsExportImportsEachAnswerWithItsLabelsValue() throws {
        let (database, importer) = try Self.database()
        let summary = try importer.importSurvey(mappingAt: try Self.fixtures() + "/qualtrics.yaml")
        #expect(summary.kind == .responses)
        #expect(summary.rowsRead == 35)
        #expect(summary.inserted == 28)
        #expect(summary.rejected == 7)
        // P001 by column id, se3 by ImportId, bel1 by question text; P004's " strongly AGREE "
        // matches its label, and its plain 4 is taken as is; P003 left se3 empty.
        #expect(try Self.answers(database) == Self.expected(cohort: "IN2R-2024", [
            ("P001", "pre", "2024-07-01", "5 4 4 4 2 3"),
            ("P002", "pre", "2024-07-01", "4 3 4 5 1 4"),
            ("P003", "pre", "2024-07-01", "- 4 - 3 2 2"),
            ("P004", "pre", "2024-07-01", "5 4 2 4 2 4"),
            ("P005", "pre", "2024-07-02", "2 2 3 4 4 1"),
        ]))
    }

    @Test func aSurveyMonkeyExportDerivesIdsFromEmailsThroughTheKeyedHash() throws {
        let (database, importer) = try Self.database()
        let summary = try importer.importSurvey(mappingAt: try Self.fixtures() + "/surveymonkey.yaml")
        #expect(summary.rowsRead == 41)
        #expect(summary.inserted == 34)
        #expect(summary.rejected == 7)
        // Waves through wave_values (any case); US dates read month first.
        let amira = try Self.id("amira.khan@example.org"), ben = try Self.id("ben.okafor@example.org"),
            chloe = try Self.id("chloe.smith@example.org")
        #expect(try Self.answers(database) == Self.expected(cohort: "IN2R-2024", [
            (amira, "pre", "2024-07-01", "4 4 3 4 2 2"),
            (ben, "pre", "2024-07-02", "- 2 2 3 4 1"),
            (amira, "post", "2024-07-25", "5 4 4 5 1 3"),
            (ben, "post", "2024-07-26", "4 - 4 4 2 4"),
            (chloe, "pre", "2024-07-03", "3 4 2 4 4 2"),
            (chloe, "post", "2024-07-26", "4 4 4 4 2 3"),
        ]))
        // No e-mail address, and no name, is kept anywhere.
        let leaks = try database.writer.read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM rejected_rows WHERE raw LIKE '%@%' OR reason LIKE '%@%' OR raw LIKE '%Zoe%' OR raw LIKE '%Okafor%')
                     + (SELECT count(*) FROM answers WHERE extra IS NOT NULL)
                """)
        }
        #expect(leaks == 0)
    }

    @Test func aGoogleFormsExportNamesGridColumnsByTheirRow() throws {
        let (database, importer) = try Self.database()
        let summary = try importer.importSurvey(mappingAt: try Self.fixtures() + "/google_forms.yaml")
        #expect(summary.rowsRead == 40)
        #expect(summary.inserted == 33)
        #expect(summary.rejected == 7)
        // The cohort from a column (" ONL-2024 " trimmed); Timestamps such as
        // 2024/07/02 9:05:44 PM GMT+1 give their date.
        #expect(try Self.answers(database) == Self.expected(cohort: "ONL-2024", [
            (try Self.id("dan.jones@example.org"), "follow_up", "2024-07-01", "4 4 4 4 2 3"),
            (try Self.id("ella.brown@example.org"), "follow_up", "2024-07-01", "- 5 4 3 2 2"),
            (try Self.id("finn.walsh@example.org"), "follow_up", "2024-07-02", "2 3 - 4 4 1"),
            (try Self.id("grace.li@example.org"), "follow_up", "2024-07-02", "5 5 4 5 1 4"),
            (try Self.id("hana.ito@example.org"), "follow_up", "2024-07-03", "5 4 4 4 2 3"),
            (try Self.id("isaac.reed@example.org"), "follow_up", "2024-07-04", "3 4 - 4 2 4"),
        ]))
    }

    // MARK: Rejections, idempotence, the imports log

    @Test func rejectedAnswersKeepTheRespondentsLineAReasonAndNoPersonalData() throws {
        let (database, importer) = try Self.database()
        let summary = try importer.importSurvey(mappingAt: try Self.fixtures() + "/qualtrics.yaml")
        let rows = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT line, column_name, reason, raw FROM rejected_rows WHERE import_id = ? ORDER BY rejected_id", arguments: [summary.importID])
        }
        try #require(rows.count == 7)
        // The physical line of the respondent: row 2's question text holds a line break.
        #expect(rows[0]["line"] as Int == 7)
        #expect((rows[0]["reason"] as String).contains("\"Agree strongly\""))
        #expect(rows[0]["column_name"] as String == "Q1_1")
        #expect(rows[0]["reason"] as String == "column Q1_1: \"Agree strongly\" is not a label of the mapping (accepted: Strongly disagree, Disagree, Neither agree nor disagree, Agree, Strongly agree, or a whole number)")
        #expect(rows[0]["raw"] as String == "id=P003, column=Q1_1, answer=Agree strongly")
        for row in rows.dropFirst() {
            #expect(row["line"] as Int == 8)
            // The export's column at fault (its id column), not the long row's participant_id.
            #expect(row["column_name"] as String == "ExternalReference")
            #expect((row["reason"] as String).contains("participant_id \"P099\" is not in participants"))
        }
        #expect(rows[6]["raw"] as String == "id=P099, column=Q3, answer=Some")
        // The export's names, e-mails and IP addresses never reach rejected_rows.
        for row in rows {
            let raw: String = row["raw"]
            #expect(!raw.contains("@") && !raw.contains("Nowak") && !raw.contains("81.2.69"))
        }
    }

    @Test(arguments: ["qualtrics.yaml", "surveymonkey.yaml", "google_forms.yaml"])
    func importingTheSameExportTwiceChangesNothing(mapping: String) throws {
        let (database, importer) = try Self.database()
        let first = try importer.importSurvey(mappingAt: try Self.fixtures() + "/" + mapping)
        let stored = try Self.answers(database)
        let second = try importer.importSurvey(mappingAt: try Self.fixtures() + "/" + mapping)
        #expect(second.rowsRead == first.rowsRead)
        #expect(second.inserted == 0 && second.updated == 0)
        #expect(second.unchanged == first.accepted)
        #expect(second.rejected == first.rejected)
        #expect(second.sha256 == first.sha256)
        #expect(try Self.answers(database) == stored)
        // The second import's rejections replace the first's.
        let rejected = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM rejected_rows") }
        #expect(rejected == second.rejected)
    }

    @Test func theImportsLogRecordsTheExportsPathAndHash() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (database, importer) = try Self.database()
        // The bytes' SHA-256 as computed by coreutils' sha256sum 9.1.
        let export = try write("participant_id,wave,se1\nP001,pre,Agree\n", to: "export.csv", in: folder)
        let mapping = try write("""
            file: export.csv
            layout: plain
            id_column: participant_id
            cohort: IN2R-2024
            instrument: core_v1
            wave_column: wave
            labels: {Agree: 4}
            items: {se1: se1}
            """, to: "mapping.yaml", in: folder)
        let summary = try importer.importSurvey(mappingAt: mapping)
        #expect(summary.path == export)
        #expect(summary.sha256 == "424c016812d938346a608ed9c3065791a4adc4d41f95ccbd20cac143c51fb0e6")
        let logged = try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT path, file_kind, sha256, rows_read, accepted FROM imports WHERE import_id = ?", arguments: [summary.importID])
        }
        let row = try #require(logged)
        #expect(row["path"] as String == URL(fileURLWithPath: export).standardizedFileURL.path)
        #expect(row["file_kind"] as String == "responses")
        #expect(row["sha256"] as String == summary.sha256)
        #expect(row["rows_read"] as Int == 1 && row["accepted"] as Int == 1)
    }

    // MARK: Labels, waves and row shapes

    @Test func anItemsOwnLabelsReplaceTheGlobalLabelsForThatItem() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (database, importer) = try Self.database()
        try write("""
            participant_id,wave,se1,ck1,notes
            P001,Before,Agree,A lot,
            P002,After,agree,Agree,"hello, world"
            P003,before,5,3,
            P004,During,Agree,,

            """, to: "plain.csv", in: folder)
        let mapping = try write("""
            file: plain.csv
            layout: plain
            id_column: participant_id
            cohort: IN2R-2024
            instrument: core_v1
            wave_column: wave
            wave_values: {Before: pre, After: post}
            labels: {Agree: 4}
            items:
              se1: se1
              ck1: {column: ck1, labels: {A lot: 4}}
            """, to: "mapping.yaml", in: folder)
        let summary = try importer.importSurvey(mappingAt: mapping)
        #expect(summary.rowsRead == 7)
        #expect(summary.inserted == 5)
        #expect(try Self.answers(database) == [
            "P001|IN2R-2024|pre|se1|4|", "P001|IN2R-2024|pre|ck1|4|",
            "P002|IN2R-2024|post|se1|4|",
            "P003|IN2R-2024|pre|se1|5|", "P003|IN2R-2024|pre|ck1|3|",
        ])
        let rejections = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT line, column_name, reason, raw FROM rejected_rows ORDER BY rejected_id")
        }
        try #require(rejections.count == 2)
        // "Agree" is a global label, but not one of ck1's.
        #expect(rejections[0]["line"] as Int == 3)
        #expect(rejections[0]["reason"] as String == "column ck1: \"Agree\" is not a label of the mapping (accepted: A lot, or a whole number)")
        #expect(rejections[0]["raw"] as String == "id=P002, column=ck1, answer=Agree")
        // A wave neither in wave_values nor a contract wave.
        #expect(rejections[1]["line"] as Int == 5)
        #expect(rejections[1]["column_name"] as String == "wave")
        #expect((rejections[1]["reason"] as String).contains("\"During\" is not a wave"))
    }

    @Test func aRespondentRowThatDoesNotFitTheHeaderIsRejectedWhole() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (database, importer) = try Self.database()
        try write("""
            participant_id,email,wave,se1,se2,sb1,sb2,notes
            P001,p1@example.org,pre,Agree,Agree,,,
            P002,p2@example.org,pre,Agree, mostly,Agree,,,late
            P003,p3@example.org,pre,"Agree"x,Agree,,,
            P004,p4@example.org,pre,Agree,Agree,,,,,

            """, to: "plain.csv", in: folder)
        let mapping = try write("""
            file: plain.csv
            layout: plain
            id_column: participant_id
            cohort: IN2R-2024
            instrument: core_v1
            wave_column: wave
            labels: {Agree: 4}
            items: {se1: se1, se2: se2}
            """, to: "mapping.yaml", in: folder)
        let summary = try importer.importSurvey(mappingAt: mapping)
        // Two answers each from P001 and P004 (trailing empty fields are harmless), one row each for P002 and P003.
        #expect(summary.rowsRead == 6)
        #expect(summary.inserted == 4)
        let rejections = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT line, reason, raw FROM rejected_rows ORDER BY line")
        }
        try #require(rejections.count == 2)
        #expect(rejections[0]["line"] as Int == 3)
        #expect((rejections[0]["reason"] as String).contains("the row has 9 fields and the header has 8"))
        #expect(rejections[0]["raw"] as String == "id=P002, fields=9")
        #expect(rejections[1]["line"] as Int == 4)
        #expect((rejections[1]["reason"] as String).contains("bad quoting"))
    }

    @Test func aLegacyQualtricsExportWithoutImportIdsKeepsItsFirstRespondent() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (database, importer) = try Self.database()
        try write("""
            V1,V2,V3,Q1_1,ExternalReference,RecordedDate
            ResponseID,ResponseSet,Name,I can solve problems if I try hard,External Data Reference,Recorded Date
            R_1,Default Response Set,Anonymous,Agree,P001,01/07/2024 10:00
            R_2,Default Response Set,Anonymous,Strongly agree,P002,02/07/2024 11:30

            """, to: "legacy.csv", in: folder)
        let mapping = try write("""
            file: legacy.csv
            layout: qualtrics
            id_column: External Data Reference
            cohort: IN2R-2024
            instrument: core_v1
            wave: pre
            date_column: RecordedDate
            labels: {Agree: 4, Strongly agree: 5}
            items: {se1: I can solve problems if I try hard}
            """, to: "mapping.yaml", in: folder)
        let summary = try importer.importSurvey(mappingAt: mapping)
        #expect(summary.rowsRead == 2 && summary.inserted == 2)
        #expect(try Self.answers(database) == ["P001|IN2R-2024|pre|se1|4|2024-07-01", "P002|IN2R-2024|pre|se1|5|2024-07-02"])
    }

    // MARK: Mapping errors

    /// A mapping that should be refused, and words its message must hold.
    struct BadMapping: Sendable, CustomTestStringConvertible {
        let yaml: String
        let message: String
        var testDescription: String { message }
    }

    static let qualtricsBase = """
        layout: qualtrics
        id_column: ExternalReference
        cohort: IN2R-2024
        instrument: core_v1
        wave: pre
        labels: {Agree: 4}
        """

    static let badMappings: [BadMapping] = [
        .init(yaml: "file: EXPORT\nlayout: qualtrics\nid_column: ExternalReference\ncohort: IN2R-2024\nwave: pre\nitems: {se1: Q1_1}",
              message: "\"instrument\" is missing; add it, e.g. instrument: core_v1"),
        .init(yaml: "file: EXPORT\n" + qualtricsBase.replacingOccurrences(of: "layout: qualtrics", with: "layout: qualtrix") + "\nitems: {se1: Q1_1}",
              message: "line 2: layout \"qualtrix\" is not known (accepted: qualtrics, surveymonkey, google_forms, plain)"),
        .init(yaml: "file: EXPORT\n" + qualtricsBase + "\nitem: {se1: Q1_1}",
              message: "unknown key \"item\""),
        .init(yaml: "file: EXPORT\n" + qualtricsBase + "\nwave_column: Q1_1\nitems: {se1: Q1_1}",
              message: "give either wave or wave_column, not both"),
        .init(yaml: "file: EXPORT\n" + qualtricsBase + "\nwave: post\nitems: {se1: Q1_1}",
              message: "\"wave\" given twice in the same mapping; keep one"),
        .init(yaml: "file: EXPORT\n" + qualtricsBase + "\nitems: {se1: Q1_1, se1: Q1_2}",
              message: "\"se1\" given twice in the same mapping; keep one"),
        .init(yaml: "file: EXPORT\n" + qualtricsBase.replacingOccurrences(of: "wave: pre", with: "wave: baseline") + "\nitems: {se1: Q1_1}",
              message: "wave \"baseline\" is not a wave (accepted: pre, post, follow_up)"),
        .init(yaml: "file: EXPORT\n" + qualtricsBase.replacingOccurrences(of: "{Agree: 4}", with: "{Agree: four}") + "\nitems: {se1: Q1_1}",
              message: "labels: \"Agree\" maps to \"four\", which is not a whole number"),
        .init(yaml: "file: no_such_export.csv\n" + qualtricsBase + "\nitems: {se1: Q1_1}",
              message: "the export named by `file` does not exist"),
        .init(yaml: "file: EXPORT\n" + qualtricsBase + "\nitems: [se1, se2]",
              message: "items must map each item_id to its column"),
        .init(yaml: "file: EXPORT\n" + qualtricsBase + "\nitems: {se1: Q1_1, se2: QID1_1}",
              message: "items se1 and se2 both name field 18 (\"Q1_1\")"),
        .init(yaml: "file: EXPORT\n" + qualtricsBase.replacingOccurrences(of: "layout: qualtrics", with: "layout: surveymonkey") + "\nitems: {se1: Q1_1}",
              message: "does not look like a SurveyMonkey export"),
        .init(yaml: "file: EXPORT\n" + qualtricsBase + "\nitems: {se1: Q1_1\n",
              message: "is not valid YAML"),
    ]

    @Test(arguments: badMappings)
    func aWrongMappingIsRefusedWithTheFixAndChangesNothing(_ bad: BadMapping) throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (database, importer) = try Self.database()
        let before = try snapshot(database)
        let yaml = bad.yaml.replacingOccurrences(of: "EXPORT", with: try Self.fixtures() + "/qualtrics_export.csv")
        let mapping = try write(yaml, to: "mapping.yaml", in: folder)
        let error = #expect(throws: IngestError.self) { try importer.importSurvey(mappingAt: mapping) }
        guard case let .mapping(file, message)? = error else {
            Issue.record("expected a mapping error, got \(String(describing: error))")
            return
        }
        #expect(file == mapping)
        #expect(message.contains(bad.message), "\(message)")
        #expect(try snapshot(database) == before)
    }

    @Test func aColumnTheExportLacksIsNamedWithTheColumnsItHasAndChangesNothing() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (database, importer) = try Self.database()
        _ = try importer.importSurvey(mappingAt: try Self.fixtures() + "/qualtrics.yaml")
        let before = try snapshot(database)
        let mapping = try write("file: \(try Self.fixtures())/qualtrics_export.csv\n" + Self.qualtricsBase + "\nitems: {se1: Q1_1, se9: Q9_1}",
                                to: "mapping.yaml", in: folder)
        let error = #expect(throws: IngestError.self) { try importer.importSurvey(mappingAt: mapping) }
        let text = error.map(String.init(describing:)) ?? ""
        #expect(text.hasPrefix(mapping + ": items.se9: column \"Q9_1\" is not in "))
        #expect(text.contains("\"ExternalReference\", \"LocationLatitude\""))
        #expect(text.contains("\"Q1_1\", \"Q1_2\", \"Q1_3\""))
        #expect(text.contains("its ImportId (e.g. QID1_1)"))
        #expect(try snapshot(database) == before)
    }

    @Test func aNameMatchingSeveralColumnsIsRefusedAsAmbiguous() throws {
        let reader = try CSVReader(path: try Self.fixtures() + "/surveymonkey_export.csv")
        let header = try SurveyHeader(reading: reader, layout: .surveymonkey, mappingPath: "m.yaml")
        let error = #expect(throws: IngestError.self) { try header.index(of: "Response", for: "wave_column") }
        let text = error.map(String.init(describing:)) ?? ""
        #expect(text.contains("m.yaml: wave_column: column \"Response\" matches 2 columns"))
        #expect(text.contains("field 15 \"How much do you know about careers in research, today? - Response\""))
        #expect(text.contains("as \"question - label\""))
    }

    // MARK: Layouts and dates

    @Test(arguments: [
        ("I can solve problems if I try hard", 9),
        ("how much do you agree with each statement?  -  I can handle whatever comes my way", 10),
        ("I feel out of place at university", 13),
        ("How much do you know about careers in research, today?", 14),
        ("Which survey is this?", 15),
        ("Email Address", 5),
    ])
    func surveyMonkeyColumnsAnswerToTheirLabelQuestionOrBoth(name: String, field: Int) throws {
        let reader = try CSVReader(path: try Self.fixtures() + "/surveymonkey_export.csv")
        let header = try SurveyHeader(reading: reader, layout: .surveymonkey, mappingPath: "m.yaml")
        #expect(try header.index(of: name, for: "items.x") == field)
        #expect(!header.holdsFirstDataRow)
    }

    @Test(arguments: [
        ("Q1_3", 19),
        ("QID1_3", 19),
        (" externalreference ", 12),
        ("External Data Reference", 12),
        ("Anything else you would like to tell us? There are no wrong answers.", 23),
    ])
    func qualtricsColumnsAnswerToTheirIdImportIdOrQuestionText(name: String, field: Int) throws {
        let reader = try CSVReader(path: try Self.fixtures() + "/qualtrics_export.csv")
        let header = try SurveyHeader(reading: reader, layout: .qualtrics, mappingPath: "m.yaml")
        #expect(try header.index(of: name, for: "items.x") == field)
        #expect(!header.holdsFirstDataRow)
        #expect(header.width == 24)
    }

    @Test func googleFormsGridColumnsAnswerToTheirWholeHeaderOrTheirRow() throws {
        let reader = try CSVReader(path: try Self.fixtures() + "/google_forms_export.csv")
        let header = try SurveyHeader(reading: reader, layout: .googleForms, mappingPath: "m.yaml")
        #expect(try header.index(of: "How much do you agree with each statement? [I can handle whatever comes my way]", for: "items.x") == 4)
        #expect(try header.index(of: "I can handle whatever comes my way", for: "items.x") == 4)
        #expect(try header.index(of: "timestamp", for: "date_column") == 0)
    }

    @Test(arguments: [
        ("2024-07-01 10:15:32", SurveyMapping.DateOrder.dayFirst, "2024-07-01"),
        ("2024-07-01T10:15:32Z", .dayFirst, "2024-07-01"),
        ("2024/07/01 10:15:32 AM GMT+1", .dayFirst, "2024-07-01"),
        ("2024/7/1 9:05:44 PM GMT+1", .dayFirst, "2024-07-01"),
        ("01/07/2024 10:15:32", .dayFirst, "2024-07-01"),
        ("1/7/2024", .dayFirst, "2024-07-01"),
        ("07/01/2024 10:09:45 AM", .monthFirst, "2024-07-01"),
        ("29/02/2024", .dayFirst, "2024-02-29"),
    ])
    func toolTimestampsGiveTheirISODate(text: String, order: SurveyMapping.DateOrder, iso: String) {
        #expect(SurveyDate.isoDate(text, order: order) == iso)
    }

    @Test(arguments: ["07/25/2024 10:00", "29/02/2023", "2024-13-01", "yesterday", "2024/07", "01-07-24", "2024-07-01x"])
    func otherTextIsNotATimestamp(text: String) {
        #expect(SurveyDate.isoDate(text, order: .dayFirst) == nil)
    }

    // MARK: Mistakes found by an adversarial test

    /// The fixture folder copied, with `edit` applied to the named files (text in, text out).
    static func editedFixtures(_ edits: [String: (String) -> String]) throws -> String {
        let folder = try makeTemporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: try fixtures()) {
            let text = try String(contentsOfFile: try fixtures() + "/" + name, encoding: .utf8)
            try Data((edits[name]?(text) ?? text).utf8).write(to: folder.appendingPathComponent(name))
        }
        return folder.path
    }

    @Test func anExportThatLostItsHeaderRowsIsRefusedNotReadWithoutItsFirstRespondent() throws {
        // Qualtrics without rows 2 and 3 (deleted in a spreadsheet); SurveyMonkey without row 2.
        let folder = try Self.editedFixtures([
            "qualtrics_export.csv": { text in
                // (Swift reads "\r\n" as one character: split on both.)
                var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
                // Row 2 is a quoted multi-line question text in the fixture: drop up to the ImportId row.
                let importRow = max(1, lines.firstIndex { $0.contains("ImportId") } ?? 2)
                lines.removeSubrange(1...importRow)
                return lines.joined(separator: "\n")
            },
            "surveymonkey_export.csv": { text in
                var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
                lines.remove(at: 1)
                return lines.joined(separator: "\n")
            },
        ])
        for mapping in ["qualtrics.yaml", "surveymonkey.yaml"] {
            let (database, importer) = try Self.database()
            let before = try snapshot(database)
            do {
                _ = try importer.importSurvey(mappingAt: folder + "/" + mapping)
                Issue.record("\(mapping): expected a refusal")
            } catch let error as IngestError {
                #expect("\(error)".contains("row 2 is a respondent"), "\(error)")
                #expect("\(error)".contains("lost"), "\(error)")
            }
            #expect(try snapshot(database) == before)
        }
    }

    @Test func aMappingNamingWhatIsNotStoredOrAScaleThatDoesNotFitIsRefusedUpFront() throws {
        let edits: [(String, (String) -> String, String)] = [
            ("cohort", { $0.replacingOccurrences(of: "cohort: IN2R-2024", with: "cohort: 2024") }, "cohort \"2024\" is not in cohorts"),
            ("instrument", { $0.replacingOccurrences(of: "instrument: core_v1", with: "instrument: core_v9") }, "instrument \"core_v9\" is not in survey_items"),
            ("item", { $0.replacingOccurrences(of: "  bel2: Q2_2", with: "  zz9: Q2_2") }, "item \"zz9\" is not an item of core_v1"),
            ("scale", { $0.replacingOccurrences(of: "Strongly disagree: 1", with: "Strongly disagree: 0") }, "label \"Strongly disagree\" stands for 0, outside the scale of every item that uses the global `labels` (1–5)"),
            ("own scale", { $0.replacingOccurrences(of: "Nothing at all: 1", with: "Nothing at all: 9") }, "label \"Nothing at all\" of item ck1 stands for 9, outside its scale"),
        ]
        for (name, edit, message) in edits {
            let folder = try Self.editedFixtures(["qualtrics.yaml": edit])
            let (database, importer) = try Self.database()
            let before = try snapshot(database)
            do {
                _ = try importer.importSurvey(mappingAt: folder + "/qualtrics.yaml")
                Issue.record("\(name): expected a refusal")
            } catch let error as IngestError {
                #expect("\(error)".contains(message), "\(name): \(error)")
            }
            #expect(try snapshot(database) == before)
        }
    }

    @Test func anEmailInTheIdColumnIsRejectedWithAdviceAndNotKept() throws {
        // The SurveyMonkey mapping reads e-mails as ids by mistake: id_column, not email_column.
        let folder = try Self.editedFixtures(["surveymonkey.yaml": { $0.replacingOccurrences(of: "email_column:", with: "id_column:") }])
        let (database, importer) = try Self.database()
        let summary = try importer.importSurvey(mappingAt: folder + "/surveymonkey.yaml")
        #expect(summary.inserted == 0 && summary.rejected > 0)
        #expect(summary.sampleRejections.allSatisfy { $0.reason.contains("name that column `email_column`") })
        let stored = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT reason || raw FROM rejected_rows") }
        #expect(!stored.contains { $0.contains("@") }, "\(stored)")
    }

    @Test func labelsMatchWhateverQuotesDashesAndInvisibleCharactersATextUses() {
        #expect(SurveyMapping.normalized("Don\u{2019}t know") == SurveyMapping.normalized("don't KNOW"))
        #expect(SurveyMapping.normalized("\u{201C}Agree\u{201D}") == "\"agree\"")
        #expect(SurveyMapping.normalized("Very\u{200B} likely \u{2013} 5") == "very likely - 5")
        #expect(SurveyMapping.normalized("\u{FEFF}Agree\u{00A0}") == "agree")
    }

    @Test func globalLabelsNeedFitOnlyOneOfTheScalesThatUseThem() throws {
        // ck1 (a 1-4 item) answered with numbers under the global 1-5 labels: a valid mapping.
        let folder = try Self.editedFixtures(["qualtrics.yaml": { text in
            let start = text.range(of: "  ck1:")!.lowerBound
            return String(text[..<start]) + "  ck1: Q3\n"
        }])
        let (_, importer) = try Self.database()
        let summary = try importer.importSurvey(mappingAt: folder + "/qualtrics.yaml")
        #expect(summary.inserted > 0)
    }

    @Test func anAddressWithANameIsAnAddressAndAStoredAddressLikeIdIsAnId() throws {
        let folder = try makeTemporaryFolder()
        let (database, importer) = try Self.database()
        _ = try importer.importFile(at: write("participant_id,gender\nkeyed@example.org,female\n", to: "p.csv", in: folder), as: .participants)
        try write("id,Q1\nBen Okafor <ben.okafor@example.org>,4\nkeyed@example.org,5\n", to: "export.csv", in: folder)
        try write("file: export.csv\nlayout: plain\nid_column: id\ncohort: IN2R-2024\ninstrument: core_v1\nwave: pre\nitems:\n  se1: Q1\n", to: "m.yaml", in: folder)
        let summary = try importer.importSurvey(mappingAt: folder.appendingPathComponent("m.yaml").path)
        #expect((summary.inserted, summary.rejected) == (1, 1))
        let kept = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT reason || raw FROM rejected_rows") }
        #expect(!kept.contains { $0.contains("okafor") }, "\(kept)")
    }

    @Test func aRejectedAnswerNamesTheExportsColumnNotTheLongRows() throws {
        let folder = try makeTemporaryFolder()
        let (database, importer) = try Self.database()
        try write("id,When,Q1\nP001,2024-07-01,9\nP002,soon,3\n", to: "export.csv", in: folder)
        try write("file: export.csv\nlayout: plain\nid_column: id\ncohort: IN2R-2024\ninstrument: core_v1\nwave: pre\ndate_column: When\nitems:\n  se1: Q1\n", to: "m.yaml", in: folder)
        let summary = try importer.importSurvey(mappingAt: folder.appendingPathComponent("m.yaml").path)
        // The bad date is an optional cell: the answer is kept, the cell recorded under the export's column.
        #expect(summary.rejected == 1)
        let columns = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT column_name FROM rejected_rows ORDER BY line") }
        #expect(columns == ["Q1"])
        let unread = try database.writer.read { db in try String.fetchAll(db, sql: "SELECT column_name || ':' || value FROM unread_cells") }
        #expect(unread == ["When:soon"])
    }
}

// No column of a wide export is silent: each is taken (the id, the date, each item's answers),
// personal data or not stored, and recorded in import_columns.
@Test func everyColumnOfAWideExportHasAFate() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    try write("Timestamp,Email address,Your full name,id,When,Q1,Comments\n2024-07-01,a@b.org,Ann,P1,2024-07-01,4,great\n", to: "export.csv", in: folder)
    try write("file: export.csv\nlayout: plain\nid_column: id\ncohort: IN2R-2024-01\ninstrument: core_v1\nwave: pre\ndate_column: When\nitems:\n  se1: Q1\n", to: "m.yaml", in: folder)
    let summary = try importer.importSurvey(mappingAt: folder.appendingPathComponent("m.yaml").path)
    #expect(summary.columns.map(\.fate) == [.ignored, .personal, .personal, .taken, .taken, .taken, .ignored])
    #expect(summary.columns.map(\.column) == [nil, nil, nil, "participant_id", "responded_on", "value", nil])
    let recorded = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM import_columns WHERE import_id = ?", arguments: [summary.importID]) }
    #expect(recorded == 7)
}

// A survey mapping whose `file` is not the export (the id key, a system file): refused by a
// description of the export's first row, never by its content.
@Test func aSurveyMappingsExportThatIsNotAnExportIsRefusedWithoutQuotingIt() throws {
    let (_, importer) = try SurveyMappingTests.database()
    let folder = try makeTemporaryFolder()
    let key = try write("root:$6$s3cret$hash:19000:0:99999:7:::\nmore s3cret\n", to: "shadow", in: folder)
    let link = folder.appendingPathComponent("export.csv").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: key)
    for (layout, file) in [("plain", link), ("google_forms", key), ("plain", key)] {
        let mapping = try write("file: \(file)\nlayout: \(layout)\nid_column: Respondent\ncohort: IN2R-2024-01\ninstrument: core_v1\nwave: pre\nitems: {se1: Q1}\n",
                                to: "survey.yaml", in: folder)
        let error = #expect(throws: IngestError.self) { try importer.importSurvey(mappingAt: mapping) }
        let text = error.map(String.init(describing:)) ?? ""
        #expect(!text.contains("s3cret") && !text.contains("root"), "\(text)")
        #expect(text.contains("is not the export this mapping reads") && text.contains("(1 field, 38 bytes) is not shown"), "\(text)")
    }
}
