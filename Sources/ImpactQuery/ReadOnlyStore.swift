import GRDB
import ImpactStore

/// An impact database opened for questions: a connection SQLite opens read-only
/// (`Configuration.readonly`, SQLITE_OPEN_READONLY) with `PRAGMA query_only = ON`, so that no
/// statement can change the file, whatever got past the checks of `AdHocQuery`.
public final class ReadOnlyStore: Sendable {
    /// The connection every question goes through.
    public let reader: any DatabaseReader
    /// The store as opened by the engine: it checked the file and brought its schema up to date,
    /// and it stays open so that the WAL's files stay while the read-only connection reads.
    private let store: ImpactDatabase

    private init(reader: any DatabaseReader, store: ImpactDatabase) {
        self.reader = reader
        self.store = store
    }

    /// Opens the impact database at `path` for reading. The file must exist; it is checked and
    /// migrated by `ImpactDatabase.open` first (as by every command), then read through a second,
    /// read-only connection.
    public static func open(at path: String) throws -> ReadOnlyStore {
        let store = try ImpactDatabase.open(at: path, create: false)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA query_only = ON")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, detail: error.message ?? "\(error.resultCode)")
        }
        return ReadOnlyStore(reader: queue, store: store)
    }

    /// Questions asked of an open store (an in-memory database in tests), through GRDB's read
    /// access, which sets `query_only` for the time of each read.
    public init(reading store: ImpactDatabase) {
        self.reader = store.writer
        self.store = store
    }

    /// Runs `body` in one read transaction.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try reader.read(body)
    }
}
