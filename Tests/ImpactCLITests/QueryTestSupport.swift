import Foundation
import ImpactTestSupport
import Testing

/// A folder holding `demo/impact.sqlite`, made once by `impact demo` (400 people, seed 3) for the
/// query, metric and schema tests, which only read it.
let queryDemo: Result<URL, any Error> = Result {
    let folder = try makeFolder()
    let demo = try runImpact(["demo", "--out", "demo", "--participants", "400", "--seed", "3"], in: folder)
    guard demo.status == 0 else { throw CLITestFailure(message: "impact demo failed: \(demo.standardError)") }
    return folder
}

/// The demo database's path relative to its folder.
let demoDatabase = "demo/impact.sqlite"

struct CLITestFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Runs `impact` in the demo's folder.
func runOnDemo(_ arguments: [String]) throws -> CommandResult {
    try runImpact(arguments + ["--db", demoDatabase], in: try queryDemo.get())
}

/// `text` read back with the engine's own RFC 4180 reader: `ImpactTestSupport.readCSV(_:)`, for
/// the CLI tests' files that do not import ImpactTestSupport.
func readCSV(_ text: String) throws -> [[String]] {
    try ImpactTestSupport.readCSV(text)
}

/// `text` parsed as a JSON array of objects.
func readJSON(_ text: String) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
}

/// A refusal: exit status non-zero, one `Error: …` message on standard error, nothing on standard
/// output, and no trap or stack trace.
func expectRefusal(_ result: CommandResult, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status != 0, sourceLocation: sourceLocation)
    #expect(result.standardError.hasPrefix("Error: "), "\(result.standardError)", sourceLocation: sourceLocation)
    #expect(result.standardError.contains(text), "\(result.standardError)", sourceLocation: sourceLocation)
    #expect(result.standardOutput.isEmpty, "\(result.standardOutput)", sourceLocation: sourceLocation)
    for trap in ["Fatal error", "Stack dump", "Backtrace", "Segmentation"] {
        #expect(!result.standardError.contains(trap), sourceLocation: sourceLocation)
    }
}
