import Foundation
import ImpactTestSupport
import Testing
@testable import ImpactIngest
import ImpactStore

@Test func aFolderIsImportedInDependencyOrder() throws {
    let folder = try makeTemporaryFolder()
    for name in ["outcomes.csv", "responses.csv", "Participants.CSV", "programmes.csv", "notes.txt", "survey.yaml", "cohorts.csv"] {
        try write("x\n", to: name, in: folder)
    }
    // A file mapping goes with its kind, after the contract's own file of that kind.
    try write("file: crm.csv\nkind: participants\n", to: "crm.yaml", in: folder)
    try write("file: crm.csv\nkind: programmes\n", to: "a-programmes.yml", in: folder)
    let plan = try ImportPlan(arguments: [folder.path])
    let order = plan.items.map { item -> String in
        switch item {
        case let .contract(_, kind): return kind.rawValue
        case .survey: return "survey"
        case let .mapping(_, kind): return "mapping of " + kind.rawValue
        }
    }
    #expect(order == ["programmes", "mapping of programmes", "cohorts", "participants", "mapping of participants", "responses", "survey", "outcomes"])
    #expect(plan.skipped.map { ($0.path as NSString).lastPathComponent } == ["notes.txt"])
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
    #expect(plan.skipped.map { ($0.path as NSString).lastPathComponent } == ["notes.csv"])
    #expect(plan.items.count == 1)
}

@Test func anExportThatAFileMappingReadsIsImportedThroughItOnly() throws {
    let folder = try makeTemporaryFolder()
    try write("file: engagements.csv\nkind: enrolments\n", to: "engagements.yaml", in: folder)
    try write("Contact ID,Stage\nP1,Completed\n", to: "engagements.csv", in: folder)
    // An export named like a contract file is not imported on its own as well.
    try write("file: participants.csv\nkind: participants\nid_column: Contact ID\n", to: "contacts.yaml", in: folder)
    try write("Contact ID\nP1\n", to: "participants.csv", in: folder)
    let plan = try ImportPlan(arguments: [folder.path])
    #expect(plan.skipped.isEmpty, "\(plan.skipped)")
    #expect(plan.items == [.mapping(path: folder.appendingPathComponent("contacts.yaml").path, kind: .participants),
                           .mapping(path: folder.appendingPathComponent("engagements.yaml").path, kind: .enrolments)])
}

@Test func aYAMLFileWhoseKindCannotBeToldIsLeftForItsImportToRefuse() throws {
    let folder = try makeTemporaryFolder()
    let path = try write("file: x.csv\nkind: enrollments\n", to: "x.yaml", in: folder)
    let plan = try ImportPlan(arguments: [path])
    #expect(plan.items == [.survey(mappingPath: path)])
    let importer = Importer(database: try ImpactDatabase.inMemory(), hasher: testHasher)
    let error = #expect(throws: IngestError.self) { try importer.importItem(plan.items[0]) }
    #expect("\(error.map(String.init(describing:)) ?? "")".contains("kind \"enrollments\" is not a kind of file"))
}

// Only regular files are read: what a folder holds is told by lstat, before anything opens it.
@Test func aFolderSkipsWhatIsNotARegularFileAndFollowsALinkToOne() throws {
    let folder = try makeTemporaryFolder()
    let elsewhere = try makeTemporaryFolder()
    let people = try write("participant_id\nP1\n", to: "people.csv", in: elsewhere)
    try write("programme_id,name\nA,a\n", to: "programmes.csv", in: folder)
    #expect(mkfifo(folder.appendingPathComponent("responses.csv").path, 0o600) == 0)
    #expect(mkfifo(folder.appendingPathComponent("survey.yaml").path, 0o600) == 0)
    let links = ["participants.csv": people, "outcomes.csv": "/dev/zero", "cohorts.csv": folder.appendingPathComponent("nowhere").path,
                 "enrolments.csv": "/"]
    for (name, target) in links {
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(name).path, withDestinationPath: target)
    }
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("benchmarks.csv"), withIntermediateDirectories: true)
    let plan = try ImportPlan(arguments: [folder.path])
    let participants = folder.appendingPathComponent("participants.csv").path
    #expect(plan.items == [.contract(path: folder.appendingPathComponent("programmes.csv").path, kind: .programmes),
                           .contract(path: participants, kind: .participants)])
    #expect(plan.links == [ImportPlan.Link(path: participants, target: URL(fileURLWithPath: people).resolvingSymlinksInPath().path)])
    let skipped = Dictionary(uniqueKeysWithValues: plan.skipped.map { (($0.path as NSString).lastPathComponent, $0.reason) })
    #expect(skipped == ["benchmarks.csv": .notRegular(.folder), "cohorts.csv": .linkToNonRegular(.missing),
                        "enrolments.csv": .linkToNonRegular(.folder), "outcomes.csv": .linkToNonRegular(.characterDevice),
                        "responses.csv": .notRegular(.namedPipe), "survey.yaml": .notRegular(.namedPipe)])
    #expect(plan.skipped.first { $0.path.hasSuffix("responses.csv") }?.description
        == "\(folder.path)/responses.csv: skipped (a named pipe (FIFO), not a regular file: the engine reads only regular files)")
}

@Test func aNamedPipeOrADeviceGivenByNameIsRefused() throws {
    let folder = try makeTemporaryFolder()
    let pipe = folder.appendingPathComponent("participants.csv").path
    #expect(mkfifo(pipe, 0o600) == 0)
    for argument in [pipe, "participants=\(pipe)", "participants=/dev/zero", "/dev/null"] {
        let error = #expect(throws: IngestError.self) { try ImportPlan(arguments: [argument]) }
        #expect("\(error.map(String.init(describing:)) ?? "")".contains("not a regular file: the engine reads only regular files"), "\(argument)")
    }
}
