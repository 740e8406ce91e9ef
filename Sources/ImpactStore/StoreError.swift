public import Foundation

/// What can go wrong opening or migrating an impact database, worded for the person who ran the command.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// The file exists but is not a SQLite database (or is damaged beyond opening).
    case notADatabase(path: String, detail: String)
    /// The file is a SQLite database, but not one this engine created.
    case notAnImpactDatabase(path: String)
    /// The file was written by a newer version of the engine.
    case schemaTooNew(path: String, unknownMigrations: [String])
    /// The database failed `PRAGMA integrity_check` or could not be read.
    case damaged(path: String, detail: String)
    /// A resource bundled with the engine is missing (a broken installation).
    case missingResource(String)
    /// There is no database at the path (and the command does not create one).
    case missing(path: String)
    /// The file or its folder cannot be created or opened.
    case cannotOpen(path: String, detail: String)
    /// Another process held the write lock for longer than the command would wait.
    case busy(path: String, waited: TimeInterval)
    /// `IMPACT_WAIT` is not a number of seconds.
    case invalidWait(String)

    public var description: String {
        switch self {
        case let .notADatabase(path, detail):
            return "\(path): not a SQLite database (\(detail)). Check the --db path; to start afresh, give a new file name."
        case let .notAnImpactDatabase(path):
            return "\(path): a SQLite database, but not an impact database (it has tables and no impact schema). Use another --db path; the engine never changes a database it did not create."
        case let .schemaTooNew(path, unknown):
            return "\(path): written by a newer version of impact (unknown schema steps: \(unknown.joined(separator: ", "))). Upgrade impact to read it."
        case let .damaged(path, detail):
            return "\(path): the database is damaged (\(detail)); the command stopped and wrote nothing. Restore it from a backup: delete \(path)-wal and \(path)-shm first if they are there (a -wal left from another state of the file mixes with the backup's pages), then copy the backup over \(path). Or re-import the source files into a new database."
        case let .missingResource(name):
            return "the engine's resource \(name) is missing: the installation is broken; rebuild impact (swift build -c release)."
        case let .missing(path):
            return "\(path): no database here. Import data first (impact import DATA --db \(path)), or give the right --db path."
        case let .cannotOpen(path, detail):
            return "\(path): cannot open the database (\(detail))."
        case let .busy(path, waited):
            return "\(path): another command (or program) kept writing to the database for \(Self.duration(waited)); nothing was written. Run this one again when it has finished, or set IMPACT_WAIT to a longer wait in seconds."
        case let .invalidWait(text):
            return "IMPACT_WAIT is \(text), not a number of seconds: set it to how long a command may wait for another one writing to the database (0 for not at all; unset, 600)."
        }
    }

    /// `seconds` in words: "45 seconds", "10 minutes".
    static func duration(_ seconds: TimeInterval) -> String {
        if seconds >= 120, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) minutes" }
        let whole = Int(seconds.rounded())
        return whole == 1 ? "1 second" : "\(whole) seconds"
    }
}
