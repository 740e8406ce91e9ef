import ArgumentParser
import ImpactQuery
import ImpactStore

@main
struct Impact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "Impact analytics for social-mobility programmes: import, analyse, report.",
        discussion: """
            Loads programme, participant, enrolment, survey and outcome data into one SQLite \
            file and reports on it. Start with `impact demo`, then import your own files:

              impact import data/            # every contract file in a folder
              impact import participants.csv enrolments.csv --db charity.sqlite
              impact mapping suggest enrolments=crm.csv > crm.yaml
              impact import crm.yaml         # a tool's export, through its mapping
              impact check                   # is the data fit to report on?
              impact report --out report/    # the annual report (add --public to publish)
              impact metric reach_fsm --by programme,year

            A command that writes while another writes the same database waits its turn, \
            up to $IMPACT_WAIT seconds (default 600).
            """,
        version: ImpactVersion.current,
        subcommands: [ImportCommand.self, MappingCommand.self, ReportCommand.self, QueryCommand.self, QueriesCommand.self,
                      MetricCommand.self, MetricsCommand.self, SchemaCommand.self, CheckCommand.self,
                      EraseCommand.self, DemoCommand.self]
    )
}

/// The database option every command takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file (default: $IMPACT_DB, else impact.sqlite).", valueName: "path"))
    var db: String?

    func validate() throws {
        if let db, db.isEmpty { throw ValidationError("--db must name a database file") }
    }

    /// The path to use: --db, else $IMPACT_DB, else impact.sqlite in the current folder.
    var path: String {
        if let db, !db.isEmpty { return db }
        if let fromEnvironment = ProcessInfo.processInfo.environment["IMPACT_DB"], !fromEnvironment.isEmpty { return fromEnvironment }
        return "impact.sqlite"
    }

    /// How this command waits while another one writes to the database: up to `IMPACT_WAIT`
    /// seconds (default 600), saying so on standard error after a second.
    func writerWait() throws -> WriterWait {
        let path = path
        return try WriterWait(environment: ProcessInfo.processInfo.environment) { limit in
            let line = "Waiting: another command is writing to \(path); this one goes on when it has finished (waiting up to \(Int(limit)) s; IMPACT_WAIT sets the limit).\n"
            try? FileHandle.standardError.write(contentsOf: Data(TerminalText.safe(line).utf8))
        }
    }
}

/// `fail` for an error met working on the database at `path`: SQLite's finding that the file
/// is damaged, wherever it surfaced, is reported as `StoreError.damaged` with what to do.
func fail(_ error: any Error, database path: String) -> ExitCode {
    if let damage = ImpactDatabase.damage(in: error, path: path) { return fail(damage.description) }
    switch error {
    case QueryError.damaged(let detail):
        return fail(StoreError.damaged(path: path, detail: detail).description)
    default:
        return fail("\(error)")
    }
}

/// Prints `Error: …` on standard error (control characters from the data shown escaped) and
/// exits with `code`.
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    try? FileHandle.standardError.write(contentsOf: Data("Error: \(TerminalText.safe(message))\n".utf8))
    return ExitCode(code)
}

import Foundation
