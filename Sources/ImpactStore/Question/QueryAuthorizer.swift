import Foundation
import GRDB
import GRDBSQLite

/// What a question's SQL may reach, enforced by SQLite itself as it compiles each statement
/// (`sqlite3_set_authorizer`) on the connection of ``ReadOnlyStore/open(at:)``: reading tables and
/// views, SQLite's own functions but the few that reach into the program, and PRAGMAs that only
/// report. Refused at compile time, so nothing runs: the functions of ``refusedFunctions``, ATTACH
/// and DETACH, a PRAGMA that sets a value or acts, and every statement that writes or changes the
/// schema (which the read-only connection would refuse anyway). See docs/queries.md, "What a
/// query cannot reach".
///
/// The authorizer takes the place of GRDB's own, which only records what statements read and
/// write for database observation: a read-only connection has no observers
/// (`Configuration.readonly`), so nothing relies on it there.
enum QueryAuthorizer {
    /// The SQL functions a question may not call, and why: each hands out a memory address, or
    /// loads code, or reaches files outside the database, and none is needed to ask a question
    /// of the data. The first three are in the SQLite the engine links against (Debian's 3.40,
    /// built with SQLITE_ENABLE_FTS3_TOKENIZER); the others are the sqlite3 shell's, refused
    /// should a library ever have them.
    static let refusedFunctions: [String: String] = [
        "fts3_tokenizer": "it returns the memory address of a full-text tokenizer, and given an address installs code from it",
        "fts5": "it hands out the memory address of the full-text search interface",
        "load_extension": "it loads a compiled library into the program",
        "readfile": "it reads a file outside the database",
        "writefile": "it writes a file",
        "edit": "it starts an editor",
    ]

    /// PRAGMAs that take an argument and still only report: it names a table, an index or a
    /// number of faults to list.
    static let reportingPragmasWithArgument: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_info", "index_xinfo", "index_list",
        "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check",
    ]

    /// PRAGMAs that act even without an argument.
    static let actingPragmas: Set<String> = ["optimize", "wal_checkpoint", "shrink_memory", "incremental_vacuum"]

    /// The longest text or blob a question may make or read, in bytes: `zeroblob(1e9)` or a
    /// `hex()` of a large blob would otherwise be built in memory. Twice the longest record
    /// the importer reads (64 MiB), so every stored value can be read.
    static let maximumValueBytes: Int32 = 128 << 20

    /// Puts the authorizer and the value limit on the connection of `db`.
    static func install(on db: Database) {
        let connection = db.sqliteConnection
        sqlite3_limit(connection, SQLITE_LIMIT_LENGTH, maximumValueBytes)
        sqlite3_set_authorizer(connection, { _, action, first, second, _, _ in
            QueryAuthorizer.decide(action, first.map { String(cString: $0) }, second.map { String(cString: $0) })
        }, nil)
    }

    /// SQLITE_OK or SQLITE_DENY for one action of a statement being compiled; `first` and
    /// `second` are the action's names (a table and a column, a PRAGMA and its argument, nothing
    /// and a function).
    static func decide(_ action: Int32, _ first: String?, _ second: String?) -> Int32 {
        switch action {
        case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE, SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
            return SQLITE_OK
        case SQLITE_UPDATE where first == "sqlite_master":
            // SQLite's own set-up of a table-valued PRAGMA (`pragma_table_info('x')`) asks for
            // it; nothing is written on a read-only connection.
            return SQLITE_OK
        case SQLITE_FUNCTION:
            return refusedFunctions[(second ?? "").lowercased()] == nil ? SQLITE_OK : SQLITE_DENY
        case SQLITE_PRAGMA:
            let name = (first ?? "").lowercased()
            if second == nil { return actingPragmas.contains(name) ? SQLITE_DENY : SQLITE_OK }
            return reportingPragmasWithArgument.contains(name) ? SQLITE_OK : SQLITE_DENY
        default:
            // ATTACH, DETACH, every write, schema change, ANALYZE and REINDEX, and any action a
            // later SQLite adds.
            return SQLITE_DENY
        }
    }

    /// Whether SQLite's `message` says the authorizer refused part of a statement (SQLite
    /// reports a refused function as an error of the statement, not as SQLITE_AUTH).
    static func isRefusal(_ message: String) -> Bool { message.hasPrefix("not authorized") }

    /// The refusal for SQLite's refusal of `statement` by the authorizer: SQLite names a refused
    /// function (`not authorized to use function: fts3_tokenizer`); anything else refused would
    /// change the database or the connection.
    static func refusal(message: String, statement: String) -> QuestionRefusal {
        let prefix = "not authorized to use function: "
        if message.hasPrefix(prefix) {
            let name = String(message.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            if let reason = refusedFunctions[name.lowercased()] { return .refusedFunction(name: name, reason: reason) }
        }
        return .notReadOnly(statement: SQLiteQuestionReader.summary(of: statement))
    }
}
