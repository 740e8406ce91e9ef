import Foundation
import Testing
@testable import ImpactIngest

@Test func aFolderIsImportedInDependencyOrder() throws {
    let folder = try makeTemporaryFolder()
    for name in ["outcomes.csv", "responses.csv", "Participants.CSV", "programmes.csv", "notes.txt", "survey.yaml", "cohorts.csv"] {
        try write("x\n", to: name, in: folder)
    }
    let plan = try ImportPlan(arguments: [folder.path])
    let order = plan.items.map { item -> String in
        switch item {
        case let .contract(_, kind): return kind.rawValue
        case .survey: return "survey"
        }
    }
    #expect(order == ["programmes", "cohorts", "participants", "responses", "survey", "outcomes"])
    #expect(plan.skipped.map { ($0 as NSString).lastPathComponent } == ["notes.txt"])
}

@Test func kindEqualsPathNamesAFileOfAnyName() throws {
    let folder = try makeTemporaryFolder()
    let crm = try write("x\n", to: "crm-export.csv", in: folder)
    let plan = try ImportPlan(arguments: ["participants=\(crm)"])
    #expect(plan.items == [.contract(path: crm, kind: .participants)])
}

@Test func anUnknownFileNameIsRefusedWithTheFix() throws {
    let folder = try makeTemporaryFolder()
    let crm = try write("x\n", to: "crm-export.csv", in: folder)
    do {
        _ = try ImportPlan(arguments: [crm])
        Issue.record("expected an error")
    } catch {
        #expect("\(error)".contains("impact import participants=\(crm)"))
    }
    #expect(throws: IngestError.self) { try ImportPlan(arguments: [folder.appendingPathComponent("missing.csv").path]) }
}

@Test func kindEqualsAFolderIsRefused() throws {
    let folder = try makeTemporaryFolder()
    do {
        _ = try ImportPlan(arguments: ["participants=\(folder.path)"])
        Issue.record("expected an error")
    } catch {
        #expect("\(error)".contains("is a folder; participants=PATH names one CSV file"))
    }
}

@Test func twoFilesOfOneKindInAFolderOrAnUnknownKindAreRefusedByName() throws {
    let folder = try makeTemporaryFolder()
    try write("programme_id,name\nA,a\n", to: "programmes.csv", in: folder)
    try write("programme_id,name\nB,b\n", to: "PROGRAMMES.csv", in: folder)
    do {
        _ = try ImportPlan(arguments: [folder.path])
        Issue.record("expected a refusal")
    } catch let error as IngestError {
        #expect("\(error)".contains("is programmes data, and so is"))
    }
    do {
        _ = try ImportPlan(arguments: ["participant=" + folder.appendingPathComponent("programmes.csv").path])
        Issue.record("expected a refusal")
    } catch let error as IngestError {
        #expect("\(error)".contains("\"participant\" is not a kind of file; KIND=PATH takes one of programmes, cohorts, participants"))
    }
}

@Test func anExportThatAMappingReadsIsNotListedAsSkipped() throws {
    let folder = try makeTemporaryFolder()
    try write("file: answers.csv\nlayout: plain\nid_column: id\ncohort: C1\ninstrument: core\nwave: pre\nitems:\n  se1: Q1\n", to: "survey.yaml", in: folder)
    try write("id,Q1\nP1,3\n", to: "answers.csv", in: folder)
    try write("notes\n", to: "notes.csv", in: folder)
    let plan = try ImportPlan(arguments: [folder.path])
    #expect(plan.skipped.map { ($0 as NSString).lastPathComponent } == ["notes.csv"])
    #expect(plan.items.count == 1)
}
