import Foundation
import GRDB

/// The impact database opened for questions, the SQLite ``QuestionBackend``: a connection
/// SQLite opens read-only (`Configuration.readonly`, SQLITE_OPEN_READONLY) with
/// `PRAGMA query_only = ON`, so that no statement can change the file, whatever got past the
/// checks of the question; and, on the connection of ``open(at:)``, an authorizer that keeps
/// every statement from SQLite's internals and a limit on the length of a value
/// (`QueryAuthorizer`).
public final class ReadOnlyStore: QuestionBackend {
    /// The connection every question goes through.
    let reader: any DatabaseReader
    /// The store, when this was made from an open one (tests), kept alive while it is read.
    private let store: ImpactDatabase?

    private init(reader: any DatabaseReader, store: ImpactDatabase?) {
        self.reader = reader
        self.store = store
    }

    /// Opens the impact database at `path` for reading. The file must exist, not be empty, and
    /// be an impact database of this engine's schema or an older one. Nothing is written on the
    /// way, so a question can be asked while an import runs; only a database whose schema is
    /// older than the engine's is first brought up to date (`ImpactDatabase.prepareForReading`),
    /// as every command does.
    public static func open(at path: String) throws -> ReadOnlyStore {
        try ImpactDatabase.prepareForReading(at: path)
        return ReadOnlyStore(reader: try readOnlyQueue(at: path), store: nil)
    }

    /// Questions asked of an open store (an in-memory database in tests), through GRDB's read
    /// access, which sets `query_only` for the time of each read. The store's connection writes
    /// too, so it keeps GRDB's authorizer: ``open(at:)`` is the one `impact query` uses.
    public init(reading store: ImpactDatabase) {
        self.reader = store.writer
        self.store = store
    }

    /// Runs `body` in one read transaction.
    public func readQuestions<T>(_ body: (any QuestionReader) throws -> T) throws -> T {
        try reader.read { db in try body(SQLiteQuestionReader(db: db)) }
    }

    private static func readOnlyQueue(at path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        // A reader waits (rather than fails) while a writer holds a lock it needs, for instance
        // while an import's transaction commits.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA query_only = ON")
            // Reads of the whole participants and enrolments tables: a larger page cache, and
            // pages mapped into memory rather than copied by a read() each (docs/performance.md).
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
            // Last: from here on, the connection's statements are the questions'.
            QueryAuthorizer.install(on: db)
        }
        do {
            return try DatabaseQueue(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw ImpactDatabase.classify(error, path: path)
        }
    }
}
