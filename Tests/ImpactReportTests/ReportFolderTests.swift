import Foundation
import ImpactTestSupport
import Testing
@testable import ImpactReport

/// A process id no process has: above Linux's largest (2^22) and macOS's (99,999).
private let goneProcess: Int32 = 4_194_305

/// A fresh folder holding `report`, not created.
private func freshReportFolder() throws -> URL {
    try makeTemporaryFolder().appendingPathComponent("report")
}

/// Writes `text` to `path` inside `folder`, making the folders on the way.
private func put(_ text: String, at path: String, in folder: URL) throws {
    let url = folder.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

/// A small stand-in report: what `ReportFolder` is told a report writes, and a way to stage one.
private let reportFiles: Set<String> = ["reach.csv", "report.md", "report.html"]

private func stage(_ label: String, into folder: ReportFolder) throws -> StagedReport {
    let staging = try folder.makeStaging(isOwnerOnly: false)
    for name in reportFiles.sorted() + ["charts/reach-2025.svg"] { try staging.write("\(label) \(name)", as: name) }
    return staging
}

private func contents(_ label: String) -> [String: Data] {
    Dictionary(uniqueKeysWithValues: (reportFiles.sorted() + ["charts/reach-2025.svg"]).map { ($0, Data("\(label) \($0)".utf8)) })
}

@Test func theSystemsExchangeSwapsTwoFoldersInOneStep() throws {
    let first = try freshReportFolder(), second = first.deletingLastPathComponent().appendingPathComponent("other")
    try put("first", at: "report.md", in: first)
    try put("second", at: "report.md", in: second)
    let result = ReportFolder.systemExchange(first.path, second.path)
    #if os(Linux) || os(macOS)
    // The file system of the tests' temporary folder supports it (ext4, tmpfs, APFS).
    #expect(result == 0, "\(String(cString: strerror(result)))")
    #endif
    if result == 0 {
        #expect(try folderContents(first) == ["report.md": Data("second".utf8)])
        #expect(try folderContents(second) == ["report.md": Data("first".utf8)])
    }
    // Where one of the two is missing, nothing happens.
    #expect(ReportFolder.systemExchange(first.path, first.path + "-missing") == ENOENT)
}

@Test func aReportFolderIsSwappedInWholeWithOrWithoutAnExchange() throws {
    // The exchange of the system, and the fallback of a file system without one.
    for exchange: @Sendable (String, String) -> Int32 in [ReportFolder.systemExchange, { _, _ in ENOSYS }, { _, _ in EINVAL }] {
        let target = try freshReportFolder()
        for label in ["first", "second", "third"] {
            let folder = try ReportFolder(target, reportFiles: reportFiles, exchange: exchange)
            #expect(folder.clearLeftovers().isEmpty)
            #expect(try folder.replace(with: stage(label, into: folder)) == nil)
            #expect(try folderContents(target) == contents(label))
            #expect(try stagingLeftovers(beside: target).isEmpty)
        }
    }
}

@Test func anExchangeThatFailsOtherwiseLeavesThePreviousReportAndSaysWhy() throws {
    let target = try freshReportFolder()
    let first = try ReportFolder(target, reportFiles: reportFiles)
    _ = try first.replace(with: stage("first", into: first))
    let mounted = try ReportFolder(target, reportFiles: reportFiles) { _, _ in EXDEV }
    let staging = try stage("second", into: mounted)
    #expect(throws: ReportError.self) { try mounted.replace(with: staging) }
    do {
        _ = try mounted.replace(with: staging)
    } catch {
        #expect("\(error)".contains("mount point"), "\(error)")
    }
    #expect(try folderContents(target) == contents("first"))
}

// What a killed report leaves beside its folder: its staging folder (or, after an exchange, the
// report it replaced), or with the fallback the previous report set aside. The next report
// clears the ones whose process is gone, by the names a report writes, and nothing else.
@Test func theNextReportClearsWhatKilledReportsLeftAndNothingElse() throws {
    let target = try freshReportFolder()
    let parent = target.deletingLastPathComponent()
    let folder = try ReportFolder(target, reportFiles: reportFiles)
    _ = try folder.replace(with: stage("current", into: folder))
    func engineFolder(_ kind: ReportFolder.EngineFolder.Kind, _ process: Int32, _ token: String) -> URL {
        URL(fileURLWithPath: folder.location(of: .init(kind: kind, process: process, token: token)))
    }
    let killed = engineFolder(.staging, goneProcess, "00000000000000aa")
    let replaced = engineFolder(.staging, goneProcess, "00000000000000bb")
    let running = engineFolder(.staging, getpid(), "00000000000000cc")
    let withNotes = engineFolder(.staging, goneProcess, "00000000000000dd")
    try put("half", at: "reach.csv", in: killed)
    for name in reportFiles.sorted() + ["charts/reach-2024.svg", "charts/.DS_Store", ".DS_Store"] { try put("old", at: name, in: replaced) }
    try put("another report's", at: "report.md", in: running)
    try put("half", at: "reach.csv", in: withNotes)
    try put("someone's notes", at: "notes.txt", in: withNotes)
    // Names the engine did not give (or gave another report folder) are never touched.
    let strangers = [".report.impact-new-1-notatoken", ".report.impact-new-\(goneProcess)-00000000000000AA", ".other.impact-new-\(goneProcess)-00000000000000ee", "report-old"]
    for name in strangers { try put("not the engine's", at: "report.md", in: parent.appendingPathComponent(name)) }

    #expect(folder.clearLeftovers() == [withNotes.path])
    #expect(!FileManager.default.fileExists(atPath: killed.path))
    #expect(!FileManager.default.fileExists(atPath: replaced.path))
    #expect(try folderContents(running) == ["report.md": Data("another report's".utf8)])
    #expect(try folderContents(withNotes) == ["notes.txt": Data("someone's notes".utf8)])
    for name in strangers { #expect(try folderContents(parent.appendingPathComponent(name)) == ["report.md": Data("not the engine's".utf8)]) }
    #expect(try folderContents(target) == contents("current"))

    // Killed between the fallback's two renames: the folder is missing and the previous report
    // is whole beside it; the next report puts it back first.
    try FileManager.default.moveItem(at: target, to: engineFolder(.setAside, goneProcess, "00000000000000ff"))
    let half = engineFolder(.staging, goneProcess, "00000000000000ff")
    try put("new", at: "reach.csv", in: half)
    _ = folder.clearLeftovers()
    #expect(try folderContents(target) == contents("current"))
    #expect(!FileManager.default.fileExists(atPath: half.path))
}

@Test func aFolderHoldingOtherFilesIsRefusedAndLeftAsItWas() throws {
    let target = try freshReportFolder()
    let folder = try ReportFolder(target, reportFiles: reportFiles)
    _ = try folder.replace(with: stage("first", into: folder))
    try put("notes", at: "notes.txt", in: target)
    try put("a picture", at: "charts/logo.png", in: target)
    try put("data", at: "data/participants.csv", in: target)
    let before = try folderContents(target)
    let staging = try stage("second", into: folder)
    #expect(throws: ReportError.holdsOtherFiles(path: target.path, names: ["charts/logo.png", "data/", "notes.txt"])) {
        try folder.replace(with: staging)
    }
    #expect(try folderContents(target) == before)
    #expect(folder.removeReport(at: staging.path))
    // Finder's .DS_Store and an earlier version's staging folder are not the user's: they go with the report.
    for name in ["notes.txt", "charts/logo.png", "data/participants.csv", "data"] { try FileManager.default.removeItem(at: target.appendingPathComponent(name)) }
    try put("view settings", at: ".DS_Store", in: target)
    try put("half", at: ".impact-report-\(goneProcess)-6F9619FF-8B86-D011-B42D-00C04FC964FF/reach.csv", in: target)
    _ = try folder.replace(with: stage("third", into: folder))
    #expect(try folderContents(target) == contents("third"))
    #expect(try stagingLeftovers(beside: target).isEmpty)
}

@Test func aLinkToAReportFolderStaysALinkToTheNewReport() throws {
    let real = try freshReportFolder()
    let link = real.deletingLastPathComponent().appendingPathComponent("latest")
    let first = try ReportFolder(real, reportFiles: reportFiles)
    _ = try first.replace(with: stage("first", into: first))
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "report")
    let through = try ReportFolder(link, reportFiles: reportFiles)
    #expect(through.path == ReportFolder.realPath(real.path))
    _ = try through.replace(with: stage("second", into: through))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "report")
    #expect(try folderContents(real) == contents("second"))
    #expect(try stagingLeftovers(beside: real).isEmpty)

    let dangling = real.deletingLastPathComponent().appendingPathComponent("dangling")
    try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "nowhere")
    #expect(throws: ReportError.cannotWrite(path: dangling.path, detail: "it is a link to a folder that does not exist; --out names a folder for the report's files")) {
        _ = try ReportFolder(dangling, reportFiles: reportFiles)
    }
}

@Test func anInternalReportIsStagedOwnerOnlyAndAPublicOneAsTheUmaskGives() throws {
    let target = try freshReportFolder()
    let folder = try ReportFolder(target, reportFiles: reportFiles)
    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
    let owned = try folder.makeStaging(isOwnerOnly: true)
    try owned.write("exact", as: "charts/reach-2025.svg")
    #expect(try mode(owned.path) == 0o700)
    #expect(try mode(owned.path + "/charts") == 0o700)
    #expect(try mode(owned.path + "/charts/reach-2025.svg") == 0o600)
    #expect(folder.removeReport(at: owned.path))
    let mask = umask(0o022)
    umask(mask)
    let shared = try folder.makeStaging(isOwnerOnly: false)
    try shared.write("public", as: "report.md")
    #expect(try mode(shared.path) == 0o777 & ~Int(mask))
    #expect(try mode(shared.path + "/report.md") == 0o666 & ~Int(mask))
    #expect(folder.removeReport(at: shared.path))
}
