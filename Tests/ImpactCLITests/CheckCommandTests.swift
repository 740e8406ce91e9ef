import Foundation
import Testing

/// A small database with one rejected row (a warning) and nothing worse.
private func importWithOneRejection(in folder: URL) throws {
    try write("programme_id,name\nIN2R,Research placements\n", to: "programmes.csv", in: folder)
    try write("participant_id,birth_year,fsm,first_generation,gender\nP1,2007,yes,no,female\nP2,2007,no,no,male\n", to: "participants.csv", in: folder)
    try write("participant_id,outcome,value\nP1,he_entry,maybe\n", to: "outcomes.csv", in: folder)
    let result = try runImpact(["import", "programmes.csv", "participants.csv", "--db", "t.sqlite"], in: folder)
    #expect(result.status == 0, "\(result.standardError)")
}

@Test func checkPrintsAMarkdownReportAndExitsZeroWithoutFailOn() throws {
    let folder = try makeFolder()
    try importWithOneRejection(in: folder)
    let clean = try runImpact(["check", "--db", "t.sqlite", "--fail-on", "warning"], in: folder)
    #expect(clean.status == 0, "\(clean.standardError)")
    #expect(clean.standardOutput.hasPrefix("# Data quality check"))
    #expect(clean.standardOutput.contains("0 errors, 0 warnings"))
    _ = try runImpact(["import", "outcomes.csv", "--db", "t.sqlite"], in: folder)
    let result = try runImpact(["check", "--db", "t.sqlite"], in: folder)
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("## Rejected rows not yet resolved (`unresolved_rejections`)"))
    #expect(result.standardOutput.contains("line 2: column value"))
}

@Test func failOnExitsTwoOnlyWhenAFindingReachesItsLevel() throws {
    let folder = try makeFolder()
    try importWithOneRejection(in: folder)
    _ = try runImpact(["import", "outcomes.csv", "--db", "t.sqlite"], in: folder)
    let onWarning = try runImpact(["check", "--db", "t.sqlite", "--fail-on", "warning"], in: folder)
    #expect(onWarning.status == 2)
    #expect(onWarning.standardError.contains("1 finding(s) at level warning or worse"))
    let onError = try runImpact(["check", "--db", "t.sqlite", "--fail-on", "error"], in: folder)
    #expect(onError.status == 0, "a warning does not meet --fail-on error")
}

/// A cohort K1 of ten people with every field recorded but POLAR4, which the charity does not
/// collect; `polar4ForOne` records it for one of them.
private func importCohortWithoutPOLAR4(polar4ForOne: Bool, in folder: URL) throws {
    let header = "participant_id,birth_year,gender,ethnicity,region,postcode,school_type,fsm,first_generation,"
        + "parental_occupation,imd_quintile,care_experienced,disability,polar4_quintile"
    let people = (1...10).map { "K\($0),2007,female,white,London,N1,state_non_selective,yes,no,working_class,2,no,no,\(polar4ForOne && $0 == 1 ? "1" : "")" }
    try write("programme_id,name\nIN2R,Research placements\n", to: "programmes.csv", in: folder)
    try write("cohort_id,programme_id,year\nK1,IN2R,2024\n", to: "cohorts.csv", in: folder)
    try write(([header] + people).joined(separator: "\n") + "\n", to: "participants.csv", in: folder)
    try write((["participant_id,cohort_id,status,hours"] + (1...10).map { "K\($0),K1,completed,12" }).joined(separator: "\n") + "\n",
              to: "enrolments.csv", in: folder)
    let result = try runImpact(["import", "programmes.csv", "cohorts.csv", "participants.csv", "enrolments.csv", "--db", "t.sqlite"], in: folder)
    #expect(result.status == 0, "\(result.standardError)")
}

@Test func aFieldNotCollectedIsInfoAndPassesFailOnError() throws {
    let folder = try makeFolder()
    try importCohortWithoutPOLAR4(polar4ForOne: false, in: folder)
    let result = try runImpact(["check", "--db", "t.sqlite", "--fail-on", "error"], in: folder)
    #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    #expect(result.standardOutput.contains("0 errors, 0 warnings"))
    #expect(result.standardOutput.contains("polar4_quintile: not collected for cohort K1 (unknown for all 10 participants)"))
    #expect(result.standardOutput.contains("polar4_quintile: not collected in any cohort (unknown for all 10 participants)"))
    let csv = try runImpact(["check", "--db", "t.sqlite", "--format", "csv"], in: folder)
    #expect(csv.standardOutput.split(separator: "\n").contains("not_collected,info,K1,polar4_quintile,10,10,1.0,"))
}

@Test func aFieldKnownForOneInTenStillFailsFailOnError() throws {
    let folder = try makeFolder()
    try importCohortWithoutPOLAR4(polar4ForOne: true, in: folder)
    let result = try runImpact(["check", "--db", "t.sqlite", "--fail-on", "error"], in: folder)
    #expect(result.status == 2)
    #expect(result.standardError.contains("2 finding(s) at level error or worse"), "K1 and the all-cohorts row: \(result.standardError)")
    #expect(result.standardOutput.contains("| error | K1 | polar4_quintile | 9 | 10 | 90.0% | K10, K2, K3, K4, K5 |"))
    #expect(result.standardOutput.contains("## Fields not collected (`not_collected`)\n\nNo findings."))
}

@Test func checkWritesCSV() throws {
    let folder = try makeFolder()
    try importWithOneRejection(in: folder)
    _ = try runImpact(["import", "outcomes.csv", "--db", "t.sqlite"], in: folder)
    let result = try runImpact(["check", "--db", "t.sqlite", "--format", "csv"], in: folder)
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.first == "check,level,cohort_id,subject,count,total,share,examples")
    #expect(lines.contains { $0.hasPrefix("unresolved_rejections,warning,,") && $0.contains("outcomes.csv,1,1,1.0,") })
}

@Test(arguments: [
    (["check", "--format", "xml"], "'xml' is invalid for '--format"),
    (["check", "--fail-on", "info"], "'info' is invalid for '--fail-on"),
    (["check", "--fail-on"], "Missing value for '--fail-on"),
    (["check", "--db", "missing.sqlite"], "no database here"),
    (["check", "--db", "notes.txt"], "not a SQLite database"),
    (["check", "--db", ""], "--db must name a database file"),
    (["check", "extra"], "Unexpected argument 'extra'"),
])
func checkRefusesBadInputWithAMessage(arguments: [String], message: String) throws {
    let folder = try makeFolder()
    try write("just some text, long enough to have a header's worth of bytes", to: "notes.txt", in: folder)
    let result = try runImpact(arguments, in: folder)
    #expect(result.status == 1 || result.status == 64, "\(arguments): \(result.status)")
    #expect(result.standardError.contains("Error:"), "\(arguments): \(result.standardError)")
    #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("missing.sqlite").path))
}

// `impact check` and `impact report` only read: the database file's bytes stay as they were
// (they used to open a writing pool, which creates and drops a table), so a user who may only
// read the file can run them.
@Test func checkAndReportLeaveTheDatabaseFileAsItWas() throws {
    let folder = try makeFolder()
    let source = try queryDemo.get().appendingPathComponent(demoDatabase)
    let copy = folder.appendingPathComponent("copy.sqlite")
    try FileManager.default.copyItem(at: source, to: copy)
    let before = try Data(contentsOf: copy)
    #expect(try runImpact(["check", "--db", "copy.sqlite"], in: folder).status == 0)
    #expect(try runImpact(["report", "--out", "report", "--db", "copy.sqlite"], in: folder).status == 0)
    #expect(try runImpact(["report", "--out", "review", "--programme", "IN2R", "--public", "--db", "copy.sqlite"], in: folder).status == 0)
    #expect(try Data(contentsOf: copy) == before)
    let wal = (try? FileManager.default.attributesOfItem(atPath: copy.path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
    #expect(wal == 0)
}

@Test func checkAndReportRefuseAnEmptyFileAndLeaveItEmpty() throws {
    let folder = try makeFolder()
    try write("", to: "empty.sqlite", in: folder)
    for command in [["check"], ["report", "--out", "r"]] {
        let result = try runImpact(command + ["--db", "empty.sqlite"], in: folder)
        #expect(result.status == 1)
        #expect(result.standardError.contains("no database here"), "\(result.standardError)")
    }
    let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("empty.sqlite").path)[.size] as? NSNumber
    #expect(size?.intValue == 0)
}

// impact check's Markdown shows the cohorts and unread values of the data as text: no
// link, image or HTML from them once rendered (HostileData).
@Test func checkMarkdownShowsValuesFromTheDataAsText() throws {
    let (hostile, plain) = try HostileData.run(["check"])
    #expect(hostile.status == 0 && plain.status == 0, "\(hostile.standardError)\(plain.standardError)")
    try HostileData.expectShownAsText(hostile.standardOutput, twin: plain.standardOutput,
                                      holding: Array(HostileData.programmes.values) + [HostileData.gender])
}
