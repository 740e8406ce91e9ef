import ArgumentParser
import Foundation
import ImpactAnalysis
import ImpactIngest
import ImpactReport
import ImpactStore
import ImpactSynthetic

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Make a synthetic dataset, import it and write the report: the whole job on its own.",
        discussion: """
            Writes the contract's CSV files for a made-up charity (three programmes over seven \
            years, applicants and participants with realistic gaps, pre/post surveys with a real \
            effect, outcomes for participants and for applicants who did not take part, national \
            benchmarks) into OUT/data, imports them into OUT/impact.sqlite, which is made \
            afresh, and writes the report into OUT/report and its public version (the \
            contract's publication rules applied) into OUT/report-public. The same seed gives the same data.

            Examples:
              impact demo
              impact demo --out /tmp/demo --participants 20000 --seed 7
            """
    )

    @Option(help: ArgumentHelp("Folder for the data and the database.", valueName: "dir"))
    var out = "impact-demo"

    @Option(help: ArgumentHelp("Number of people (applicants and participants).", valueName: "n"))
    var participants = 3_000

    @Option(help: ArgumentHelp("Seed of the generator: the same seed gives the same data.", valueName: "s"))
    var seed: UInt64 = 1

    func validate() throws {
        guard participants >= 1, participants <= 2_000_000 else {
            throw ValidationError("--participants must be between 1 and 2000000 (got \(participants))")
        }
        guard !out.isEmpty else { throw ValidationError("--out must name a folder") }
    }

    /// How to run this program again: `swift run -c release impact` from a build folder,
    /// `impact` when that name on PATH is this program, else the path it was run by.
    static func invocation() -> String {
        let path = CommandLine.arguments.first ?? "impact"
        if path.contains("/.build/") { return "swift run -c release impact" }
        let name = (path as NSString).lastPathComponent
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if !path.contains("/") || folders.contains(where: { URL(fileURLWithPath: String($0)).appendingPathComponent(name).resolvingSymlinksInPath().path == resolved }) {
            return name
        }
        return path
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out)
        let dataFolder = folder.appendingPathComponent("data")
        let databasePath = folder.appendingPathComponent("impact.sqlite").path
        let started = Date()
        let rows = try SyntheticDataset(participants: participants, seed: seed).write(to: dataFolder)
        print("Wrote a synthetic dataset (\(participants) people, seed \(seed)) to \(dataFolder.path)/:")
        for name in SyntheticDataset.fileNames {
            print("  \(name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(rows[name] ?? 0) rows")
        }
        // The demo database is made afresh, so a different seed or size never mixes with the last.
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: databasePath + suffix) {
            do {
                try FileManager.default.removeItem(atPath: databasePath + suffix)
            } catch {
                throw CommandFailure("cannot replace \(databasePath + suffix) (\(error.localizedDescription)); remove it or choose another --out")
            }
        }
        let store = try ImpactDatabase.open(at: databasePath)
        // The synthetic people have e-mails: their keyed hashes are made under a key of the
        // demo's own, beside its database, never under the user's real id key.
        let keyPath = folder.appendingPathComponent("demo-id.key").path
        try? FileManager.default.removeItem(atPath: keyPath)
        let secret = KeyedHasher.newSecret()
        guard FileManager.default.createFile(atPath: keyPath, contents: Data((secret + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure("cannot write the demo's id key at \(keyPath); choose another --out")
        }
        var environment = ProcessInfo.processInfo.environment
        environment["IMPACT_ID_KEY"] = nil
        environment["IMPACT_KEY_FILE"] = keyPath
        let importer = Importer(database: store, hasher: KeyedHasher(environment: environment), progress: ImportProgress())
        let summaries = try ImportPlan(arguments: [dataFolder.path]).items.map { try importer.importItem($0) }
        print("\nImported them into \(databasePath):")
        for summary in summaries {
            print(ImportCommand.describe(summary).replacingOccurrences(of: dataFolder.path + "/", with: "").split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        }
        let reportFolder = folder.appendingPathComponent("report")
        let publicFolder = folder.appendingPathComponent("report-public")
        // The tables are computed once for both versions.
        let tables = try Analysis(database: store).reportTables()
        let provenance = try Provenance.read(from: store, generatedAt: Date())
        let written = try ReportWriter(database: store).write(tables, provenance: provenance, to: reportFolder)
        _ = try ReportWriter(database: store, isPublic: true).write(tables, provenance: provenance, to: publicFolder)
        print("\nWrote the report to \(reportFolder.path)/: report.md, report.html, charts/ and \(written.tables.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))")
        print("Wrote the public version (publication rules applied) to \(publicFolder.path)/")
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "\nDone in %.1f s. Try next:", seconds))
        let impact = Self.invocation()
        print("""
              less \(reportFolder.path)/report.md                      # or open report.html in a browser
              \(impact) report --out \(folder.path)/in2r-review --programme IN2R --db \(databasePath)
              \(impact) check --db \(databasePath)                       # is the data fit to report on?
              \(impact) metric reach_fsm --by programme,year --db \(databasePath)
              \(impact) query reach-by-region --param year=2024 --db \(databasePath)
              \(impact) queries                                           # the named queries
              \(impact) schema --db \(databasePath)                      # every table and column, described
              \(impact) import \(dataFolder.path)/participants.csv --db \(databasePath)   # again: nothing changes
              \(impact) help import                                                      # your own files
            """)
        try finishStandardOutput()
    }
}
