import Foundation
public import GRDB

/// An impact database: one SQLite file (or an in-memory database for tests) migrated
/// to the engine's schema. This is the store's small interface; everything else reaches
/// SQLite through it.
public final class ImpactDatabase: Sendable {
    /// The GRDB writer: a WAL pool for files (read-only from `openForReading`), a queue in memory.
    public let writer: any DatabaseWriter
    /// The path of the file, or `:memory:`.
    public let path: String
    /// Whether this opening created the file (an import that then imports nothing removes it).
    public let created: Bool
    /// How this process waits for the write lock while another one writes.
    public let wait: WriterWait

    private init(writer: any DatabaseWriter, path: String, created: Bool = false, wait: WriterWait = WriterWait()) {
        self.writer = writer
        self.path = path
        self.created = created
        self.wait = wait
    }

    /// Opens (creating if needed and `create`, owner-only permissions) and migrates the
    /// database at `path`. While another process writes to it, writing waits its turn as
    /// `wait` says.
    public static func open(at path: String, create: Bool = true, wait: WriterWait = WriterWait()) throws -> ImpactDatabase {
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        var isNew = !fileManager.fileExists(atPath: path, isDirectory: &isFolder)
        if isFolder.boolValue { throw folderRefusal(path) }
        if !isNew { try checkIsRegularFile(path) }
        let foundWAL = walSize(of: path) > 0
        if isNew, !create {
            throw StoreError.missing(path: path)
        }
        if isNew {
            isNew = try createExclusively(path)
        }
        if !isNew {
            try checkIsSQLite(path: path)
            try checkBeforeOpening(path: path, wait: wait)
        }
        // Processes opening a new database together can meet in a way SQLite settles by refusing
        // one of them at once instead of calling its busy handler (two connections that both
        // read the file's header and then both ask to write it, as switching it to WAL mode
        // does): the opening is tried again, from the pool on, until the wait's limit.
        let started = Date()
        var tries = 0
        while true {
            do {
                return try openPool(at: path, created: isNew, foundWAL: foundWAL, wait: wait)
            } catch StoreError.busy where Date().timeIntervalSince(started) < wait.limit {
                let pause = WriterWait.waited(beforeTry: tries + 1) - WriterWait.waited(beforeTry: tries)
                usleep(useconds_t(pause * 1_000_000))
                tries += 1
            }
        }
    }

    /// Opens the pool on the file at `path`, checks it when a -wal file was found, and migrates it.
    private static func openPool(at path: String, created: Bool, foundWAL: Bool, wait: WriterWait) throws -> ImpactDatabase {
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: makeConfiguration(wait: wait))
        } catch let error as DatabaseError {
            throw classify(error, path: path, wait: wait)
        }
        let database = ImpactDatabase(writer: pool, path: path, created: created, wait: wait)
        // A -wal file found on opening was left by a crash, belongs to a process writing now, or
        // is a leftover beside a restored backup, whose frames then mix with the backup's pages:
        // the pages are checked before anything reads or writes them (docs/reliability.md).
        if foundWAL { try database.checkIntegrity(.quick) }
        try database.migrate()
        return database
    }

    /// How thoroughly `checkIntegrity` looks.
    public enum IntegrityCheck: String, Sendable {
        /// `PRAGMA quick_check`: every page and record, without matching indexes to their tables.
        case quick = "quick_check"
        /// `PRAGMA integrity_check`: also that every index holds exactly its table's rows.
        case full = "integrity_check"
    }

    /// Runs SQLite's own check of the file and throws `StoreError.damaged`, with the first
    /// faults it names, unless the file is whole.
    public func checkIntegrity(_ check: IntegrityCheck) throws {
        let faults: [String]
        do {
            faults = try writer.read { db in try String.fetchAll(db, sql: "PRAGMA \(check.rawValue)(20)") }
        } catch let error as DatabaseError {
            throw Self.classify(error, path: path, wait: wait)
        }
        guard faults != ["ok"] else { return }
        // SQLite gives the faults as rows, and several lines in a row: one fault a line.
        let lines = faults.flatMap { $0.split(separator: "\n").map(String.init) }.filter { !$0.hasPrefix("***") }
        let shown = lines.prefix(3).joined(separator: "; ")
        let count = lines.count >= 20 ? "20 or more faults" : lines.count == 1 ? "1 fault" : "\(lines.count) faults"
        throw StoreError.damaged(path: path, detail: "PRAGMA \(check.rawValue) found \(count): \(shown)")
    }

    /// The size of the -wal file beside `path` (0 when there is none).
    static func walSize(of path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Refuses a database path that is not a regular file (a named pipe would block the open).
    private static func checkIsRegularFile(_ path: String) throws {
        let kind = RegularFile.kindFollowingLinks(at: path)
        guard kind == .regular || kind == .missing else {
            throw StoreError.cannotOpen(path: path, detail: "it is \(kind.description), not a database file")
        }
    }

    /// Creates the empty file at `path`, owner-only, unless another process has just created
    /// it (two imports started together into a new database): true when this one did.
    private static func createExclusively(_ path: String) throws -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            throw StoreError.cannotOpen(path: path, detail: "folder \(folder) does not exist")
        }
        let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw StoreError.cannotOpen(path: path, detail: "cannot create the file (\(String(cString: strerror(errno)))); check that the folder is writable")
        }
        close(descriptor)
        return true
    }

    /// Opens the database at `path` for commands that only read it (`impact report`,
    /// `impact check`): on read-only connections, so nothing is written to the file and a file
    /// the user may only read can be reported on. A database that needs writing first (its
    /// schema older than the engine's, or a -wal file left by a crash, which only a writer may
    /// recover) is opened as `open(at:create: false)` opens it.
    public static func openForReading(at path: String, wait: WriterWait = WriterWait()) throws -> ImpactDatabase {
        try checkReadablePath(path)
        guard walSize(of: path) == 0 else { return try open(at: path, create: false, wait: wait) }
        if try !isCurrentForReading(path) { return try open(at: path, create: false, wait: wait) }
        do {
            return ImpactDatabase(writer: try DatabasePool(path: path, configuration: readOnlyConfiguration()), path: path)
        } catch let error as DatabaseError {
            throw classify(error, path: path)
        }
    }

    /// Makes `path` ready to be read on read-only connections of the caller's own (`impact
    /// query`'s): the checks of `openForReading`, and a schema older than the engine's brought
    /// up to date by `open(at:create: false)`, as every command does.
    public static func prepareForReading(at path: String, wait: WriterWait = WriterWait()) throws {
        try checkReadablePath(path)
        if try !isCurrentForReading(path) { _ = try open(at: path, create: false, wait: wait) }
    }

    /// Refuses a path with nothing to read: missing, a folder, or an empty file (making it a
    /// database would be a write).
    private static func checkReadablePath(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw StoreError.missing(path: path) }
        if isFolder.boolValue { throw folderRefusal(path) }
        try checkIsRegularFile(path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        if size == 0 { throw StoreError.missing(path: path) }
    }

    /// Whether the file at `path` is an impact database of the engine's schema with its stored
    /// scores built, checked on a read-only connection; throws for a file that is not one.
    private static func isCurrentForReading(_ path: String) throws -> Bool {
        try checkIsSQLite(path: path)
        do {
            let queue = try DatabaseQueue(path: path, configuration: readOnlyConfiguration())
            defer { try? queue.close() }
            let migrator = try makeMigrator()
            return try queue.read { db in
                try checkIsUsable(db, migrator: migrator, path: path)
                guard try db.tableExists("grdb_migrations"), try migrator.hasCompletedMigrations(db) else { return false }
                return try Bool.fetchOne(db, sql: try StoreResources.query("scores/needs_rebuild")) != true
            }
        } catch let error as DatabaseError {
            throw classify(error, path: path)
        }
    }

    private static func readOnlyConfiguration() -> Configuration {
        var configuration = makeConfiguration()
        configuration.readonly = true
        // A reader waits (rather than fails) while an import's transaction commits.
        configuration.busyMode = .timeout(10)
        return configuration
    }

    /// The refusal of a folder given as the database.
    static func folderRefusal(_ path: String) -> StoreError {
        .cannotOpen(path: path, detail: "it is a folder; give the database file's path, such as \((path as NSString).appendingPathComponent("impact.sqlite"))")
    }

    /// An in-memory copy of the database at `path` (an empty one when there is no file), for
    /// `impact import --dry-run`: everything a real import would do, written nowhere.
    public static func scratchCopy(of path: String) throws -> ImpactDatabase {
        let copy = try inMemory()
        guard FileManager.default.fileExists(atPath: path) else { return copy }
        let source = try openForReading(at: path)
        do {
            try source.writer.backup(to: copy.writer)
        } catch let error as DatabaseError {
            throw classify(error, path: path)
        }
        try copy.migrate()
        return copy
    }

    /// A fresh in-memory database with the full schema, for tests.
    public static func inMemory() throws -> ImpactDatabase {
        let queue = try DatabaseQueue(configuration: makeConfiguration())
        let database = ImpactDatabase(writer: queue, path: ":memory:")
        try database.migrate()
        return database
    }

    /// The migrator that runs every file of `schema/` in order.
    public static func makeMigrator() throws -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for file in try StoreResources.migrations() {
            migrator.registerMigration(file.name) { db in
                try db.execute(sql: file.sql)
            }
        }
        return migrator
    }

    static func makeConfiguration(wait: WriterWait = WriterWait()) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = wait.busyMode
        configuration.prepareDatabase { db in
            // WAL with NORMAL sync is durable across application crashes and keeps
            // readers on a consistent snapshot while an import writes.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 32 MiB of page cache for the connection that writes (an import's index pages); the
            // readers scan (a report reads each page once), so a small cache serves them as well
            // and keeps the report's memory down.
            try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size = -4096" : "PRAGMA cache_size = -32768")
            // Statement journals (one per multi-row insert) stay in memory instead of a temp
            // file: on disk they cost extra writes for every row of tables with scattered index
            // pages (docs/performance.md, `temp_store = MEMORY`).
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return configuration
    }

    private func migrate() throws {
        let migrator = try Self.makeMigrator()
        do {
            try writer.read { db in try Self.checkIsUsable(db, migrator: migrator, path: path) }
            try migrateRacing(migrator)
            // A database from before schema/migrations/006 has answers but no stored scores yet.
            if try writer.read({ try Bool.fetchOne($0, sql: try StoreResources.query("scores/needs_rebuild")) }) == true {
                _ = try writer.write { try ConstructScoreTable.rebuildIfNeeded($0) }
            }
        } catch let error as DatabaseError {
            throw Self.classify(error, path: path, wait: wait)
        }
    }

    /// Runs the migrations not yet applied. Each runs in its own transaction, after a look at
    /// what is applied taken outside them: when another process migrates the same new database
    /// at the same time, a step can fail because the other has just applied it, and the look
    /// is taken again (a step that fails with nothing applied meanwhile is a real failure).
    private func migrateRacing(_ migrator: DatabaseMigrator) throws {
        for attempt in 1...3 {
            let before = try writer.read { try migrator.appliedIdentifiers($0) }
            do {
                try migrator.migrate(writer)
                return
            } catch let error as DatabaseError {
                let after = try writer.read { try migrator.appliedIdentifiers($0) }
                if attempt == 3 || after == before { throw error }
            }
        }
    }

    /// Refuses a database with tables but no impact schema, or with migrations this program does not know.
    public static func checkIsUsable(_ db: Database, migrator: DatabaseMigrator, path: String) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if !tables.isEmpty, !tables.contains("grdb_migrations") {
            throw StoreError.notAnImpactDatabase(path: path)
        }
        if try migrator.hasBeenSuperseded(db) {
            let known = Set(migrator.migrations)
            let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            throw StoreError.schemaTooNew(path: path, unknownMigrations: applied.filter { !known.contains($0) })
        }
    }

    /// Runs the checks of `checkIsUsable` on a read-only connection before the pool opens the
    /// file: opening a pool switches a database to WAL mode and, when its -wal file is missing
    /// or empty, writes to it (GRDB creates and drops a table so that readers find a non-empty
    /// -wal file), which must never happen to a database the engine then refuses. With a
    /// non-empty -wal file the pool writes nothing on opening, and a read-only connection might
    /// be unable to recover that -wal after a crash, so the checks run after opening, in `migrate`.
    private static func checkBeforeOpening(path: String, wait: WriterWait) throws {
        guard walSize(of: path) == 0 else { return }
        var configuration = Configuration()
        configuration.readonly = true
        // Another process may be making a new file a database (its first write locks the whole file).
        configuration.busyMode = wait.busyMode
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in try checkIsUsable(db, migrator: try makeMigrator(), path: path) }
            try queue.close()
        } catch let error as DatabaseError {
            throw classify(error, path: path, wait: wait)
        }
    }

    /// A file that exists must start with SQLite's header, or be empty (a database never written).
    private static func checkIsSQLite(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.cannotOpen(path: path, detail: "cannot read the file; check its permissions")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }
        if header != Data("SQLite format 3\0".utf8) {
            throw StoreError.notADatabase(path: path, detail: "the file does not start with the SQLite header")
        }
    }

    /// The store's own error for a failure any command can meet while it works on this
    /// database (busy past the wait, damaged), nil for a failure the caller words.
    public func storeError(for error: DatabaseError) -> StoreError? {
        switch error.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_CORRUPT, .SQLITE_NOTADB: return Self.classify(error, path: path, wait: wait)
        default: return nil
        }
    }

    /// `StoreError.damaged` for SQLite's finding, in `error`, that the file at `path` is
    /// damaged (SQLITE_CORRUPT, SQLITE_NOTADB); nil for any other error.
    public static func damage(in error: any Error, path: String) -> StoreError? {
        guard let error = error as? DatabaseError,
              [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode.primaryResultCode) else { return nil }
        return .damaged(path: path, detail: error.message ?? "\(error.resultCode)")
    }

    /// The store's error for SQLite's refusal to open or read `path`; a busy database is
    /// reported with the wait `wait` allowed.
    public static func classify(_ error: DatabaseError, path: String, wait: WriterWait = WriterWait()) -> StoreError {
        switch error.resultCode.primaryResultCode {
        case .SQLITE_BUSY:
            return .busy(path: path, waited: wait.limit)
        case .SQLITE_NOTADB:
            return .notADatabase(path: path, detail: error.message ?? "file is not a database")
        case .SQLITE_CORRUPT:
            return .damaged(path: path, detail: error.message ?? "database disk image is malformed")
        default:
            return .cannotOpen(path: path, detail: (error.message ?? "\(error.resultCode)") + "; check that you may read and write the file, its folder and its -wal and -shm files")
        }
    }
}
