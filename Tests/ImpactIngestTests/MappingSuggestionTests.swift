import Foundation
import GRDB
import ImpactTestSupport
import Testing
@testable import ImpactIngest
import ImpactStore

/// `impact mapping suggest`: a first mapping written from an export's header and values.
@Suite struct MappingSuggestionTests {
    @Test func aSuggestionNamesWhatTheEngineTakesCommentsTheRestAndListsTheValuesItCannotRead() throws {
        let folder = try makeTemporaryFolder()
        let export = try write(FileMappingTests.engagements + "P3,Chloe Pryce,STEM Online,2024,Interview booked,No,\n",
                               to: "engagements.csv", in: folder)
        let yaml = try MappingSuggestion.yaml(forExportAt: export, as: .enrolments)
        let lines = yaml.split(separator: "\n").map(String.init)
        func line(_ prefix: String) -> String? { lines.first { $0.hasPrefix(prefix) } }
        #expect(line("file: ") == "file: engagements.csv")
        #expect(line("kind: ") == "kind: enrolments")
        #expect(line("  \"Contact: Contact ID\": participant_id")?.hasSuffix("# a usual label for participant_id") == true)
        #expect(line("  \"Programme Engagement: Stage\": status")?.hasSuffix("# a usual label for status") == true)
        #expect(line("  Application Date: applied_on") != nil)
        #expect(line("  # \"Contact: Full Name\":")?.contains("personal data: a name") == true)
        #expect(line("  # Test record:")?.contains("not a contract column; not stored") == true)
        // cohort_id is missing: a constant, or a lookup from the programme and year with every pair found.
        #expect(lines.contains("#   cohort_id: VALUE"))
        #expect(lines.contains("#   columns: [Programme, Academic Year]"))
        #expect(lines.contains("#     - [Research Placement, \"2024\", COHORT-ID]"))
        #expect(lines.contains("#     - [research placement, \"2024\", COHORT-ID]") == false)
        #expect(lines.contains("#     - [Summer School, \"2024\", COHORT-ID]"))
        // The stages the engine does not read, most frequent first (`Place confirmed` it reads).
        #expect(line("  status:")?.contains("1 value(s) the engine does not read, in 2 row(s): each row with one is rejected") == true)
        #expect(line("    # Interview booked:")?.hasSuffix("# 2 row(s)") == true)
        #expect(lines.contains("#   - {column: Test record, values: [yes, true]}"))
        #expect(line("date_order: ")?.hasPrefix("date_order: month_first") == true)
        // It reads back as a mapping.
        let mapping = try FileMapping(yaml: yaml, path: folder.appendingPathComponent("engagements.yaml").path)
        #expect(mapping.kind == .enrolments)
        #expect(mapping.readings.dateOrder == .monthFirst)
        #expect(mapping.renames.map(\.column) == ["participant_id", "status", "applied_on"])
    }

    @Test func aSuggestionForACompleteExportImportsAsTheExportDoesByItsKind() throws {
        let folder = try makeTemporaryFolder()
        let export = try write(RealExports.contactReport.replacingOccurrences(of: ",Eligible,", with: ",Eligible (FSM6),"),
                               to: "contacts.csv", in: folder)
        let mappingPath = folder.appendingPathComponent("contacts.yaml").path
        let yaml = try MappingSuggestion.yaml(forExportAt: export, as: .participants, savedAt: mappingPath)
        #expect(yaml.contains("  fsm:  # 1 value(s) the engine does not read, in 4 row(s): each is stored as unknown"))
        #expect(yaml.contains("    # Eligible (FSM6):  # 4 row(s)"))
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: mappingPath))
        func stored(_ importing: (Importer) throws -> ImportSummary) throws -> [String] {
            let database = try ImpactDatabase.inMemory()
            let summary = try importing(Importer(database: database, hasher: testHasher))
            #expect(summary.inserted == 10)
            return try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM participants ORDER BY 1").map(\.description) }
        }
        let direct = try stored { try $0.importFile(at: export, as: .participants) }
        #expect(try stored { try $0.importMapping(at: mappingPath) } == direct)
    }

    @Test func theExportIsNamedRelativeToWhereTheMappingIsSaved() throws {
        let folder = try makeTemporaryFolder()
        let export = try write("programme_id,name\nA,B\n", to: "p.csv", in: folder)
        let beside = try MappingSuggestion.yaml(forExportAt: export, as: .programmes, savedAt: folder.appendingPathComponent("p.yaml").path)
        #expect(beside.contains("\nfile: p.csv\n"))
        let elsewhere = try MappingSuggestion.yaml(forExportAt: export, as: .programmes, savedAt: "/tmp/elsewhere/p.yaml")
        #expect(elsewhere.contains("\nfile: \"\(URL(fileURLWithPath: export).standardizedFileURL.path)\"\n"))
        #expect(elsewhere.contains("#   impact import /tmp/elsewhere/p.yaml\n"))
        // With no required column found, it says which, and still reads back as a mapping.
        let bare = try write("Code\nA\n", to: "bare.csv", in: folder)
        let yaml = try MappingSuggestion.yaml(forExportAt: bare, as: .programmes)
        #expect(yaml.contains("# No column gives programme_id, which programmes files require"))
        #expect(yaml.contains("# No column gives name, which programmes files require"))
        _ = try FileMapping(yaml: yaml, path: folder.appendingPathComponent("bare.yaml").path)
    }

    @Test(arguments: ["Contact: Contact ID", "yes", "No", "2025", "null", "~", "a # b", "Say \"hi\"", "back\\slash", "Lead Source",
                      "-dash", "Ever 6 FSM+", "Don’t know", "tab\there", "x: y", "[list]", "{map}", "&anchor", "*alias", "!tag", "'quoted'"])
    func yamlTextReadsBackAsTheSameText(text: String) throws {
        let value = try MappingDocument(yaml: "key: " + MappingSuggestion.yamlText(text), path: "t.yaml", empty: "")
        #expect(value.entries["key"].flatMap { MappingDocument.scalarText($0.value) } == text)
        let key = try MappingDocument(yaml: MappingSuggestion.yamlText(text) + ": value", path: "t.yaml", empty: "")
        #expect(key.entries[text] != nil, "\(MappingSuggestion.yamlText(text))")
    }
}
