import Foundation
import Testing

@Test func importPrintsCountsPerFileAndExitsZero() throws {
    let folder = try makeFolder()
    try write("programme_id,name\nIN2R,Research placements\n", to: "programmes.csv", in: folder)
    try write("cohort_id,programme_id,year\nC1,IN2R,2024\nC2,NOPE,2024\n", to: "cohorts.csv", in: folder)
    let result = try runImpact(["import", ".", "--db", "t.sqlite"], in: folder)
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("programmes.csv (programmes): 1 read, 1 inserted, 0 updated, 0 unchanged, 0 rejected"))
    #expect(result.standardOutput.contains("cohorts.csv (cohorts): 2 read, 1 inserted, 0 updated, 0 unchanged, 1 rejected"))
    #expect(result.standardOutput.contains("line 3: column programme_id: programme_id \"NOPE\" is not in programmes"))
    let again = try runImpact(["import", ".", "--db", "t.sqlite"], in: folder)
    #expect(again.standardOutput.contains("programmes.csv (programmes): 1 read, 0 inserted, 0 updated, 1 unchanged, 0 rejected"))
}

@Test func aRefusedFileExitsNonZeroWithFileLineAndColumn() throws {
    let folder = try makeFolder()
    try write("programme_id,name\nIN2R,\"Research\n", to: "programmes.csv", in: folder)
    let result = try runImpact(["import", "programmes.csv"], in: folder)
    #expect(result.status != 0)
    #expect(result.standardError.hasPrefix("Error: programmes.csv:2:6: a quoted field opened here is never closed"))
    #expect(!result.standardError.contains("Fatal error"))
    // The database this first import would have created is not left behind, as the message says.
    let stored = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("sqlite") }
    #expect(stored.isEmpty, "\(stored)")
    // A database that existed is kept, exactly as it was.
    try write("programme_id,name\nIN2R,Research\n", to: "good.csv", in: folder)
    #expect(try runImpact(["import", "programmes=good.csv"], in: folder).status == 0)
    let state = ["query", "SELECT (SELECT group_concat(programme_id) FROM programmes), (SELECT count(*) FROM imports)", "--format", "csv"]
    let before = try runImpact(state, in: folder).standardOutput
    #expect(try runImpact(["import", "programmes.csv"], in: folder).status != 0)
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("impact.sqlite").path))
    #expect(try runImpact(state, in: folder).standardOutput == before)
}

@Test func badArgumentsGiveAMessageNotATrap() throws {
    let folder = try makeFolder()
    for arguments in [["import"], ["import", "missing.csv"], ["import", "notes.txt"], ["import", ".", "--db", "/nonexistent/folder/x.sqlite"],
                      ["import", ".", "--db", ""], ["import", "participants=."], ["import", ".", "--db", "."], ["import", "--bogus", "."]] {
        try write("x\n", to: "notes.txt", in: folder)
        let result = try runImpact(arguments, in: folder)
        #expect(result.status != 0, "\(arguments)")
        #expect(result.standardError.contains("Error:"), "\(arguments): \(result.standardError)")
        #expect(!result.standardError.contains("Fatal error"), "\(arguments)")
    }
}

@Test func aFileThatIsNotADatabaseIsRefusedClearly() throws {
    let folder = try makeFolder()
    try write("programme_id,name\nA,B\n", to: "programmes.csv", in: folder)
    try write("this is not sqlite at all, just text that is long enough", to: "not.sqlite", in: folder)
    let result = try runImpact(["import", "programmes.csv", "--db", "not.sqlite"], in: folder)
    #expect(result.status != 0)
    #expect(result.standardError.contains("not a SQLite database"))
}

@Test func aFileUnderAnotherIdKeyIsRefusedWholeSayingWhatToDo() throws {
    let folder = try makeFolder()
    try write("participant_id,email\nP1,ada@example.org\n", to: "participants.csv", in: folder)
    #expect(try runImpact(["import", "participants.csv"], in: folder).status == 0)
    try write("email,outcome,value\nada@example.org,he_entry,yes\n", to: "outcomes.csv", in: folder)
    let state = ["query", "SELECT (SELECT count(*) FROM imports), (SELECT count(*) FROM outcomes), (SELECT group_concat(fingerprint) FROM id_key_fingerprint)", "--format", "csv"]
    let before = try runImpact(state, in: folder).standardOutput
    let refused = try runImpact(["import", "outcomes.csv"], in: folder, environment: ["IMPACT_ID_KEY": "a-second-key-0123456789"])
    #expect(refused.status == 1)
    #expect(refused.standardError.hasPrefix("Error: the id key at hand (fingerprint "), "\(refused.standardError)")
    #expect(refused.standardError.contains("Restore the original key file from your backup, or set IMPACT_ID_KEY or IMPACT_KEY_FILE to the original key (the key at hand is IMPACT_ID_KEY)"))
    #expect(refused.standardError.contains("The file was refused whole; the database is as it was before it."))
    #expect(!refused.standardError.contains("a-second-key") && !refused.standardError.contains("ada@"))
    #expect(try runImpact(state, in: folder).standardOutput == before)
    // Under the database's key the same file joins P1.
    let joined = try runImpact(["import", "outcomes.csv"], in: folder)
    #expect(joined.standardOutput.contains("outcomes.csv (outcomes): 1 read, 1 inserted"))
}

// A CRM export: the import says what became of every column and which cells it could not read;
// --dry-run says the same and lists values and rejections by count, writing nothing.
@Test func importShowsEveryColumnsFateAndADryRunWritesNothing() throws {
    let folder = try makeFolder()
    try write("programme_id,name\nIN2R,Research placements\n", to: "programmes.csv", in: folder)
    try write("cohort_id,programme_id,year\nC1,IN2R,2024\n", to: "cohorts.csv", in: folder)
    #expect(try runImpact(["import", ".", "--db", "t.sqlite"], in: folder).status == 0)
    let crm = "Contact ID,First Name,Free School Meals,Sex,Lead Source\nC-1,Ann,Eligible,F,Web\nC-2,Bo,maybe,Woman,Fair\nC-3,Cy,maybe,M,Web\n,Di,No,F,Web\n"
    try write(crm, to: "crm.csv", in: folder)
    let state = ["query", "SELECT (SELECT count(*) FROM participants), (SELECT count(*) FROM imports)", "--format", "csv", "--db", "t.sqlite"]
    let before = try runImpact(state, in: folder).standardOutput
    let dry = try runImpact(["import", "participants=crm.csv", "--db", "t.sqlite", "--dry-run"], in: folder, environment: ["IMPACT_ID_KEY": "cli-test-key-0123456789"])
    #expect(dry.status == 0, "\(dry.standardError)")
    #expect(dry.standardOutput.contains("4 read, 3 would be inserted"))
    #expect(dry.standardOutput.contains("participant_id ← \"Contact ID\" (a usual label for participant_id)"))
    #expect(dry.standardOutput.contains("fsm ← \"Free School Meals\" (a usual label for fsm)"))
    #expect(dry.standardOutput.contains("not stored (personal data): First Name"))
    #expect(dry.standardOutput.contains("ignored (not contract columns; keep one with --keep NAME): Lead Source"))
    #expect(dry.standardOutput.contains("fsm: \"maybe\" × 2"))
    #expect(dry.standardOutput.contains("1 × column participant_id: participant_id is empty"))
    #expect(try runImpact(state, in: folder).standardOutput == before)
    let real = try runImpact(["import", "participants=crm.csv", "--db", "t.sqlite", "--keep", "Lead Source"], in: folder)
    #expect(real.status == 0, "\(real.standardError)")
    #expect(real.standardOutput.contains("kept in extra: Lead Source"))
    #expect(real.standardOutput.contains("2 optional cell(s) not read, stored as unknown:"))
    #expect(real.standardOutput.contains("line 3, fsm: \"maybe\" is not a yes/no value"))
    let fates = try runImpact(["query", "SELECT header, fate, column_name FROM import_columns WHERE import_id = (SELECT max(import_id) FROM imports) ORDER BY position", "--format", "csv", "--db", "t.sqlite"], in: folder)
    #expect(fates.standardOutput == "header,fate,column_name\nContact ID,taken,participant_id\nFirst Name,personal,\nFree School Meals,taken,fsm\nSex,taken,gender\nLead Source,kept,\n")
}

// docs/importing-real-exports.md shows the engine's output for its example files: every line the
// commands print must be on the page, so the walkthrough cannot drift from what the engine does.
@Test func theRealExportsWalkthroughShowsWhatTheEnginePrints() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let page = try String(contentsOf: root.appendingPathComponent("docs/importing-real-exports.md"), encoding: .utf8)
    let examples = root.appendingPathComponent("docs/examples/real-exports")
    let folder = try makeFolder()
    for name in try FileManager.default.contentsOfDirectory(atPath: examples.path) {
        try FileManager.default.copyItem(at: examples.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    let environment = ["IMPACT_ID_KEY": "walkthrough-key-0123456789"]
    let commands = [
        ["import", "programmes.csv", "cohorts=cohort-register.csv", "--db", "charity.sqlite"],
        ["import", "participants=salesforce-contacts.csv", "--db", "charity.sqlite", "--dry-run"],
        ["import", "enrolments=salesforce-engagements.csv", "--db", "charity.sqlite"],
        ["import", "tracking.yaml", "--db", "charity.sqlite"],
    ]
    for (position, arguments) in commands.enumerated() {
        let result = try runImpact(arguments, in: folder, environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        for line in result.standardOutput.split(separator: "\n") {
            #expect(page.contains(String(line)), "not on the page: \(line)")
        }
        if position == 1 {
            #expect(try runImpact(["import", "participants=salesforce-contacts.csv", "--db", "charity.sqlite"], in: folder, environment: environment).status == 0)
        }
    }
    let report = try runImpact(["report", "--out", "report", "--db", "charity.sqlite"], in: folder)
    #expect(report.status == 0, "\(report.standardError)")
    let markdown = try String(contentsOf: folder.appendingPathComponent("report/report.md"), encoding: .utf8)
    let section = markdown.components(separatedBy: "## Headlines").dropFirst().first?.components(separatedBy: "\n## ").first ?? ""
    let headlines = section.split(separator: "\n").filter { $0.hasPrefix("- IN2R 2025") }
    #expect(headlines.count == 3, "\(headlines)")
    for headline in headlines {
        #expect(page.contains(String(headline)), "not on the page: \(headline)")
    }
}

@Test func importingAFolderWithAFileMappingReadsItsExportThroughItAndSaysWhatItSkipped() throws {
    let folder = try engagementFolder()
    try write("""
        file: engagements.csv
        kind: enrolments
        values:
          status: {Place confirmed: started, Interview booked: applied}
        cohort_lookup:
          columns: [Programme, Academic Year]
          cohorts:
            - [Research Placement, "2025", IN2R-2025]
            - [Online Course, "2026", ONLINE-2026]
        skip_rows:
          - {column: Test record, values: [yes]}

        """, to: "engagements.yaml", in: folder)
    let result = try runImpact(["import", "."], in: folder)
    #expect(result.status == 0, "\(result.standardError)")
    let out = result.standardOutput
    #expect(!out.contains("skipped (not a contract file name"), "\(out)")
    #expect(out.contains("engagements.csv (enrolments): 2 read, 2 inserted, 0 updated, 0 unchanged, 0 rejected"), "\(out)")
    #expect(out.contains("cohort_id ← \"(cohort_lookup)\" (looked up in the mapping's cohort_lookup from \"Programme\", \"Academic Year\")"))
    #expect(out.contains("  read by the mapping, not stored: Programme, Academic Year, Test record"))
    #expect(out.contains("  1 row(s) left out by the mapping's skip_rows (not counted as read):\n    1 where \"Test record\" is yes (line 4)"))
    // The parents came first, and each file once.
    let order = out.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { $0.split(separator: " ").first ?? "" }
    #expect(order == ["./programmes.csv", "./cohorts.csv", "./participants.csv", "./engagements.csv"], "\(order)")
    let stored = try runImpact(["query", "SELECT participant_id, cohort_id, status FROM enrolments ORDER BY 1", "--format", "csv"], in: folder)
    #expect(stored.standardOutput == "participant_id,cohort_id,status\nC1,IN2R-2025,started\nC2,ONLINE-2026,applied\n")
}

@Test func importHelpSaysWhatAMappingDoes() throws {
    let help = try runImpact(["import", "--help"], in: try makeFolder())
    #expect(help.standardOutput.contains("docs/mappings.md"))
    #expect(help.standardOutput.contains("impact mapping suggest"))
}

// Values from the data never steer the terminal: an escape sequence in a cell or a header is
// printed as \x1B, by import, check and their error messages.
@Test func escapeSequencesFromTheDataArePrintedEscaped() throws {
    let folder = try makeFolder()
    try write("programme_id,name\nIN2R,Research\n", to: "programmes.csv", in: folder)
    try write("cohort_id,programme_id,year\nC1,IN2R,2024\n", to: "cohorts.csv", in: folder)
    try write("participant_id,gender\nP1,\u{1B}[2J\u{1B}]0;pwned\u{07}\n", to: "participants.csv", in: folder)
    let imported = try runImpact(["import", "."], in: folder)
    #expect(imported.status == 0, "\(imported.standardError)")
    #expect(!imported.standardOutput.contains("\u{1B}") && !imported.standardOutput.contains("\u{07}"))
    #expect(imported.standardOutput.contains("\\x1B[2J\\x1B]0;pwned\\x07"))
    try write("cohort_id,\u{1B}[31mred\n", to: "bad.csv", in: folder)
    let refused = try runImpact(["import", "cohorts=bad.csv"], in: folder)
    #expect(refused.status != 0)
    #expect(!refused.standardError.contains("\u{1B}") && refused.standardError.contains("\\x1B[31mred"))
    let check = try runImpact(["check"], in: folder)
    #expect(!check.standardOutput.contains("\u{1B}"))
}

// Only regular files are read: a named pipe would block the import for ever and a device never
// ends, so both are skipped in a folder; a link is followed to a regular file, and said so.
@Test func aFolderWithANamedPipeADeviceAndLinksIsImportedWithoutReadingThem() throws {
    let folder = try makeFolder()
    let elsewhere = try makeFolder()
    try write("participant_id\nP1\nP2\n", to: "people.csv", in: elsewhere)
    try write("programme_id,name\nIN2R,Research\n", to: "programmes.csv", in: folder)
    #expect(mkfifo(folder.appendingPathComponent("cohorts.csv").path, 0o600) == 0)
    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("outcomes.csv").path, withDestinationPath: "/dev/zero")
    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("participants.csv").path,
                                               withDestinationPath: elsewhere.appendingPathComponent("people.csv").path)
    let result = try #require(try runImpact(["import", ".", "--db", "t.sqlite"], in: folder, within: 60), "the import hung")
    #expect(result.status == 0, "\(result.standardError)")
    let out = result.standardOutput
    #expect(out.contains("./cohorts.csv: skipped (a named pipe (FIFO), not a regular file: the engine reads only regular files)"), "\(out)")
    #expect(out.contains("./outcomes.csv: skipped (a symbolic link to a character device: links are followed to regular files only)"), "\(out)")
    let target = elsewhere.appendingPathComponent("people.csv").resolvingSymlinksInPath().path
    #expect(out.contains("./participants.csv: a symbolic link to \(target); that file is read"), "\(out)")
    #expect(out.contains("./participants.csv (participants): 2 read, 2 inserted"), "\(out)")
    #expect(out.contains("./programmes.csv (programmes): 1 read, 1 inserted"), "\(out)")
}

@Test func aNamedPipeOrADeviceNamedDirectlyIsRefusedAtOnce() throws {
    let folder = try makeFolder()
    #expect(mkfifo(folder.appendingPathComponent("participants.csv").path, 0o600) == 0)
    #expect(mkfifo(folder.appendingPathComponent("question.sql").path, 0o600) == 0)
    try write("programme_id,name\nIN2R,Research\n", to: "programmes.csv", in: folder)
    #expect(try runImpact(["import", "programmes.csv"], in: folder).status == 0)
    for arguments in [["import", "participants.csv"], ["import", "participants=/dev/zero"], ["import", "cohorts=participants.csv"],
                      ["mapping", "suggest", "participants=participants.csv"], ["mapping", "suggest", "participants=/dev/zero"],
                      ["query", "question.sql"]] {
        let result = try #require(try runImpact(arguments, in: folder, within: 30), "\(arguments) hung")
        #expect(result.status != 0, "\(arguments)")
        #expect(result.standardError.contains("not a regular file"), "\(arguments): \(result.standardError)")
        #expect(!result.standardError.contains("Fatal error"))
    }
}

// A link (or a mapping's file) to a file that is not the expected format, such as the id key
// or a system file: the import is refused, and nothing of the file is in any message.
@Test func aFileThatIsNotTheExpectedFormatIsRefusedWithoutQuotingIt() throws {
    let folder = try makeFolder()
    let secret = "s3cret-first-line:$6$rounds=5000$abcdefgh"
    let elsewhere = try makeFolder()
    try write(secret + "\nsecond line\n", to: "key", in: elsewhere)
    let key = elsewhere.appendingPathComponent("key").path
    try write("programme_id,name\nIN2R,Research\n", to: "programmes.csv", in: folder)
    try write("cohort_id,programme_id,year\nC1,IN2R,2024\n", to: "cohorts.csv", in: folder)
    try write("instrument_id,item_id,construct,scale_min,scale_max\ncore,se1,self_efficacy,1,5\n", to: "survey_items.csv", in: folder)
    #expect(try runImpact(["import", "."], in: folder).status == 0)
    let linked = folder.appendingPathComponent("linked")
    try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: linked.appendingPathComponent("participants.csv").path, withDestinationPath: key)
    try write("file: \(key)\nlayout: plain\nid_column: Respondent\ncohort: C1\ninstrument: core\nwave: pre\nitems: {se1: Q1}\n",
              to: "survey.yaml", in: folder)
    try write("file: \(key)\nkind: participants\ncolumns: {Contact: participant_id}\n", to: "contacts.yaml", in: folder)
    for arguments in [["import", "linked"], ["import", "survey.yaml"], ["import", "contacts.yaml"], ["import", "participants=\(key)"],
                      ["import", "programmes=\(key)"]] {
        let result = try #require(try runImpact(arguments, in: folder, within: 60), "\(arguments) hung")
        #expect(result.status != 0, "\(arguments)")
        #expect(result.standardError.contains("is not shown"), "\(arguments): \(result.standardError)")
        for part in ["s3cret", "rounds", "abcdefgh", "second line"] {
            #expect(!(result.standardOutput + result.standardError).contains(part), "\(arguments): \(result.standardError)")
        }
    }
}

@Test func idsAndCategoriesThatBeginLikeAFormulaAreNamedAtImport() throws {
    let folder = try makeFolder()
    try write("programme_id,name\n@SUM(1+1),Placements\nIN2R,+cmd|' /C calc'!A0\n", to: "programmes.csv", in: folder)
    try write("participant_id,birth_year\n=HYPERLINK(\"http://evil.example/\"),2008\n-5,2008\nP1,2008\n", to: "participants.csv", in: folder)
    let result = try runImpact(["import", ".", "--db", "t.sqlite"], in: folder)
    #expect(result.status == 0, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    // A number (-5) is not a formula; the name of a programme is not personal data, so it is named too.
    #expect(lines.contains("  2 value(s) begin like a spreadsheet formula (=, +, -, @, a tab or a return) (programme_id: 1, name: 1): stored as they are; check the export was not altered. The engine's CSV files show them with a leading ' (docs/reliability.md)"),
            "\(result.standardOutput)")
    #expect(lines.contains { $0.hasPrefix("  1 value(s) begin like a spreadsheet formula") && $0.contains("(participant_id: 1)") }, "\(result.standardOutput)")
}

@Test func importSaysHowEachInstrumentIsScoredAndRefusesRowsThatDisagree() throws {
    let folder = try makeFolder()
    try write("instrument_id,item_id,construct,scale_min,scale_max,scoring\nasq,q1,belonging,1,5,all_items\ncore,c1,confidence,1,5,\n",
              to: "survey_items.csv", in: folder)
    let result = try runImpact(["import", "survey_items.csv"], in: folder)
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("\n  scoring: asq all_items (a score needs every item answered), core at_least_half (a score needs at least half the items answered)"),
            "\(result.standardOutput)")
    try write("instrument_id,item_id,construct,scale_min,scale_max,scoring\nasq,q1,belonging,1,5,all_items\nasq,q2,belonging,1,5,at_least_half\n",
              to: "items-2.csv", in: folder)
    let refused = try runImpact(["import", "survey_items=items-2.csv"], in: folder)
    #expect(refused.status == 1)
    #expect(refused.standardError.hasPrefix("Error: items-2.csv:3:6: instrument asq is scored all_items on line 2 but at_least_half here"), "\(refused.standardError)")
    #expect(refused.standardError.contains("The file was refused whole; the database is as it was before it."))
}
