import GRDB
import GRDBSQLite

/// Writes an import's rows to one table through prepared multi-row upserts, bound directly
/// through SQLite's C interface (GRDB's argument binding is markedly slower here,
/// docs/performance.md). Counts the rows SQLite changed; a batch the database refuses is retried
/// row by row so that only the offending rows are refused.
final class SQLiteTableInserts: TableInserts {
    private let target: InsertTarget
    private let connection: OpaquePointer
    private let batchStatement: Statement
    private let singleStatement: Statement
    private let batchRows: Int
    private(set) var changes = 0

    /// Inserts of `target`'s rows; a stored row's columns in `keeping` (those the file does not
    /// have) are left as they are when the row is updated.
    init(db: Database, target: InsertTarget, keeping: Set<String> = [], batchRows: Int = 128) throws {
        self.target = target
        self.batchRows = batchRows
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the database connection is closed") }
        self.connection = connection
        batchStatement = try db.makeStatement(sql: target.upsertSQL(rows: batchRows, keeping: keeping))
        singleStatement = try db.makeStatement(sql: target.upsertSQL(rows: 1, keeping: keeping))
    }

    func write(_ values: [BindValue], lines: [Int], refused: (RefusedInsert) throws -> Void) throws {
        let width = target.columns.count
        var row = 0
        while row < lines.count {
            if lines.count - row >= batchRows,
               run(batchStatement, values: values[(row * width)..<((row + batchRows) * width)]) == nil {
                row += batchRows
                continue
            }
            // A short tail, or a batch the database refused: row by row.
            let end = lines.count - row >= batchRows ? row + batchRows : lines.count
            for single in row..<end {
                let slice = values[(single * width)..<((single + 1) * width)]
                if let message = run(singleStatement, values: slice) {
                    try refused(RefusedInsert(table: target.table, line: lines[single], values: Array(slice), message: message))
                }
            }
            row = end
        }
    }

    /// Binds and steps; returns SQLite's message on failure.
    private func run(_ statement: Statement, values: ArraySlice<BindValue>) -> String? {
        let handle = statement.sqliteStatement
        var parameter: Int32 = 1
        for value in values {
            switch value {
            case .null: sqlite3_bind_null(handle, parameter)
            case let .integer(number): sqlite3_bind_int64(handle, parameter, number)
            case let .real(number): sqlite3_bind_double(handle, parameter, number)
            case var .text(text):
                text.withUTF8 { bytes in
                    _ = sqlite3_bind_text(handle, parameter, bytes.baseAddress, Int32(bytes.count), sqliteTransient)
                }
            }
            parameter += 1
        }
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        if code == SQLITE_DONE {
            changes += Int(sqlite3_changes(connection))
            return nil
        }
        return String(cString: sqlite3_errmsg(connection))
    }
}
