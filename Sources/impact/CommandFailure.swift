import ArgumentParser
import ImpactQuery
import ImpactStore

/// The executable's error: a message a command composes (what went wrong and what to do), which
/// ArgumentParser prints as `Error: …` before it exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    /// `error`, thrown by `command`'s `run()`, as ArgumentParser is to print it. An error it
    /// prints as `Error: <description>` with exit status 1 gets its description with the control
    /// characters from the data shown escaped (`TerminalText`), and SQLite's finding that the
    /// database of a `DatabaseCommand` is damaged, wherever it surfaced, as `StoreError.damaged`,
    /// which says what to do. ArgumentParser's own (a thrown `ExitCode`, the help that
    /// `impact help` throws, a `ValidationError`) go through as they are.
    static func printable(_ error: any Error, from command: any ParsableCommand) -> any Error {
        guard !(error is ExitCode), Impact.exitCode(for: error) == .failure else { return error }
        var shown = error
        if let command = command as? any DatabaseCommand { shown = damage(in: error, database: command.database.path) }
        return CommandFailure(TerminalText.safe("\(shown)"))
    }

    /// `StoreError.damaged` when `error` is SQLite's finding that the database at `path` is
    /// damaged, else `error`.
    private static func damage(in error: any Error, database path: String) -> any Error {
        if let damage = ImpactDatabase.damage(in: error, path: path) { return damage }
        if case QueryError.damaged(let detail) = error { return StoreError.damaged(path: path, detail: detail) }
        return error
    }
}
