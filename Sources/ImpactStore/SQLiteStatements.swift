public import GRDB
// The C API, for the passes that read or write many rows through one prepared statement (the
// score upkeep here, ImpactAnalysis's ScorePass, the import's SQLiteTableInserts): GRDB's Row cursor
// and argument binding are markedly slower there (docs/performance.md).
public import GRDBSQLite

/// Steps `statement` (of `db`): true when a row is ready to read with `sqlite3_column_*`, false
/// when the statement is done; SQLite's error otherwise.
public func stepRow(_ statement: Statement, in db: Database) throws -> Bool {
    let code = sqlite3_step(statement.sqliteStatement)
    if code == SQLITE_ROW { return true }
    if code == SQLITE_DONE { return false }
    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
}

/// SQLite's SQLITE_TRANSIENT: the bound bytes are copied before the call returns.
public let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
