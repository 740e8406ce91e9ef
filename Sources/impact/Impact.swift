import ArgumentParser
import Foundation
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

    /// ArgumentParser's own `main()`, as its ManualParsing article spells it out: parse (usage
    /// errors exit 64), run, and for an error `run()` throws print `Error: …` and exit 1, or exit
    /// with the code of a thrown `ExitCode`. Only the error a command throws is made fit to print
    /// first (`CommandFailure.printable`).
    static func main() {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            exit(withError: CommandFailure.printable(error, from: command))
        }
    }
}

/// A command that works on the database its `--db` option names.
protocol DatabaseCommand: ParsableCommand {
    var database: DatabaseOptions { get }
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
