import Foundation
import ImpactTestSupport

/// The result of running the built `impact` binary.
struct CommandResult {
    let status: Int32
    let standardOutput: String
    let standardError: String
}

/// The `impact` executable built beside the test bundle.
var impactBinary: URL {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [bundle, bundle.deletingLastPathComponent()] {
        let url = candidate.appendingPathComponent("impact")
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return bundle.appendingPathComponent("impact")
}

/// The `impact` process for `arguments` in `folder`, not started: this process's environment
/// without IMPACT_DB, with the tests' id key, and with `environment` added.
func impactProcess(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) -> Process {
    let process = Process()
    process.executableURL = impactBinary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var merged = ProcessInfo.processInfo.environment
    merged["IMPACT_DB"] = nil
    merged["IMPACT_ID_KEY"] = "cli-test-key-0123456789"
    for (key, value) in environment { merged[key] = value }
    process.environment = merged
    return process
}

/// An `impact` process started with its output collected in pipes.
struct RunningImpact {
    let process: Process
    private let out = Pipe(), err = Pipe()

    /// Starts `impactProcess(arguments, in: folder, environment: environment)`.
    init(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws {
        process = impactProcess(arguments, in: folder, environment: environment)
        process.standardOutput = out
        process.standardError = err
        try process.run()
    }

    /// Waits for the process to end and returns what it printed.
    func finish() -> CommandResult {
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             standardOutput: String(decoding: outData, as: UTF8.self),
                             standardError: String(decoding: errData, as: UTF8.self))
    }
}

/// Runs `impact` with `arguments` in `folder`, with `environment` added to this process's.
func runImpact(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> CommandResult {
    try RunningImpact(arguments, in: folder, environment: environment).finish()
}

/// A fresh temporary folder: `makeTemporaryFolder()`, under the name the CLI tests call it by.
func makeFolder() throws -> URL {
    try makeTemporaryFolder()
}

/// Writes `text` to `name` in `folder` and returns the path: `ImpactTestSupport.write(_:to:in:)`,
/// for the CLI tests' files that do not import ImpactTestSupport.
@discardableResult
func write(_ text: String, to name: String, in folder: URL) throws -> String {
    try ImpactTestSupport.write(text, to: name, in: folder)
}

/// A Salesforce programme-engagement report, the parents it refers to, and a folder for them.
func engagementFolder() throws -> URL {
    let folder = try makeFolder()
    try write("programme_id,name\nIN2R,Research placements\nONLINE,STEM online\n", to: "programmes.csv", in: folder)
    try write("cohort_id,programme_id,year\nIN2R-2025,IN2R,2025\nONLINE-2026,ONLINE,2026\n", to: "cohorts.csv", in: folder)
    try write("participant_id\nC1\nC2\nC3\n", to: "participants.csv", in: folder)
    try write("""
        Contact: Contact ID,Contact: Full Name,Programme,Academic Year,Programme Engagement: Stage,Test record
        C1,Ann Example,Research Placement,2025,Place confirmed,No
        C2,Bo Example,Online Course,2026,Interview booked,No
        C3,Cy Example,Research Placement,2025,Completed,Yes

        """, to: "engagements.csv", in: folder)
    return folder
}

/// Runs `impact` as `runImpact` does, but ends it after `seconds`: a command that would hang (a
/// read of a named pipe, say) fails the test instead of blocking the run. Nil when it was ended.
func runImpact(_ arguments: [String], in folder: URL, within seconds: TimeInterval) throws -> CommandResult? {
    let process = impactProcess(arguments, in: folder)
    // Files rather than pipes: nothing has to read them while the command runs.
    let outputs = try makeTemporaryFolder()
    let outURL = outputs.appendingPathComponent("out"), errURL = outputs.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning, Date() < deadline { usleep(20_000) }
    if process.isRunning {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return nil
    }
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus,
                         standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                         standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}
