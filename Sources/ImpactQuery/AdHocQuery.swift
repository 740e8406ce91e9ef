import Foundation
public import GRDB
import GRDBSQLite

/// One read-only SQL statement with its parameter values, as `impact query` runs it.
///
/// Exactly one statement: the SQL is split with `sqlite3_prepare_v2`'s tail, and anything after
/// the first statement but spaces, comments and semicolons is refused before anything runs.
/// Read-only: the statement must be one SQLite marks read-only (`sqlite3_stmt_readonly`) and that
/// returns columns, which leaves SELECT, WITH, VALUES, EXPLAIN and the PRAGMAs that only report;
/// ATTACH, VACUUM INTO and a PRAGMA that sets are refused. The connection itself is read-only too
/// (`ReadOnlyStore`), and its authorizer refuses, as SQLite compiles the statement, the functions
/// that reach into the program (`fts3_tokenizer`, `load_extension`…), ATTACH and a PRAGMA that
/// sets (`QueryAuthorizer`). Parameters are bound by name, never spliced into the SQL.
public struct AdHocQuery: Sendable {
    /// The SQL text.
    public let sql: String
    /// Parameter values by name (without the `:`); an empty value binds NULL.
    public let parameters: [String: String]

    /// A query of `sql` with these parameter values.
    public init(sql: String, parameters: [String: String] = [:]) {
        self.sql = sql
        self.parameters = parameters
    }

    /// Runs the statement: `columns` receives the column names once, then `row` each row.
    public func run(_ db: Database, columns: ([String]) throws -> Void, row: ([ResultValue]) throws -> Void) throws {
        let statement = try prepare(db)
        try columns(statement.columnNames)
        do {
            let rows = try Row.fetchCursor(statement)
            while let next = try rows.next() {
                try row(next.databaseValues.map(ResultValue.init))
            }
        } catch let error as DatabaseError {
            throw Self.queryError(error, statement: sql)
        }
    }

    /// Runs the statement and returns every row.
    public func fetchAll(_ db: Database) throws -> ResultTable {
        var table = ResultTable(columns: [])
        try run(db, columns: { table = ResultTable(columns: $0) }, row: { table.append($0) })
        return table
    }

    /// The named parameters the SQL uses, in order of first use (without `:`, `@` or `$`).
    public func parameterNames(_ db: Database) throws -> [String] {
        let first = try Self.firstStatement(of: sql, in: db)
        let statement = try Self.compile(first, in: db)
        return try Self.parameterNames(of: statement)
    }

    /// The statement compiled, checked to read only, with its parameters bound.
    func prepare(_ db: Database) throws -> Statement {
        let first = try Self.firstStatement(of: sql, in: db)
        let statement = try Self.compile(first, in: db)
        guard statement.isReadonly, statement.columnCount > 0 else {
            throw QueryError.notReadOnly(statement: Self.summary(of: first))
        }
        let names = try Self.parameterNames(of: statement)
        let unknown = parameters.keys.filter { !names.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw QueryError.unknownParameters(unknown, accepted: names)
        }
        let missing = names.filter { parameters[$0] == nil }
        if !missing.isEmpty {
            throw QueryError.missingParameters(missing)
        }
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        for name in names {
            let value = parameters[name] ?? ""
            // updateValue, since assigning nil would remove the key instead of binding NULL.
            values.updateValue(value.isEmpty ? nil : value, forKey: name)
        }
        do {
            try statement.setArguments(StatementArguments(values))
        } catch let error as DatabaseError {
            throw QueryError.sqlite(message: error.message ?? "\(error.resultCode)", position: nil)
        }
        return statement
    }

    static func compile(_ sql: String, in db: Database) throws -> Statement {
        do {
            return try db.makeStatement(sql: sql)
        } catch let error as DatabaseError {
            throw queryError(error, statement: sql)
        }
    }

    /// The question's error for SQLite's: the authorizer's refusal, a value over the length
    /// limit, or SQLite's own message.
    static func queryError(_ error: DatabaseError, statement: String) -> QueryError {
        let message = error.message ?? "\(error.resultCode)"
        if error.resultCode.primaryResultCode == .SQLITE_AUTH || QueryAuthorizer.isRefusal(message) {
            return QueryAuthorizer.refusal(message: message, statement: statement)
        }
        switch error.resultCode.primaryResultCode {
        case .SQLITE_TOOBIG: return .valueTooLarge(limit: Int(QueryAuthorizer.maximumValueBytes))
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .damaged(detail: message)
        default: return .sqlite(message: message, position: nil)
        }
    }

    static func parameterNames(of statement: Statement) throws -> [String] {
        let handle = statement.sqliteStatement
        var names: [String] = []
        let count = sqlite3_bind_parameter_count(handle)
        guard count > 0 else { return [] }
        for index in 1...count {
            guard let cName = sqlite3_bind_parameter_name(handle, index) else {
                throw QueryError.positionalParameter("?")
            }
            let full = String(cString: cName)
            guard let prefix = full.first, prefix != "?" else { throw QueryError.positionalParameter(full) }
            let name = String(full.dropFirst())
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The first statement's text, after checking that nothing but spaces, comments and
    /// semicolons follows it. A syntax error in the first statement is reported with its position
    /// (`sqlite3_error_offset`, SQLite 3.38 or later; without it, SQLite's message alone).
    static func firstStatement(of sql: String, in db: Database) throws -> String {
        let connection = db.sqliteConnection
        let bytes = Array(sql.utf8)
        let cString = sql.utf8CString
        return try cString.withUnsafeBufferPointer { buffer -> String in
            guard let base = buffer.baseAddress else { throw QueryError.emptySQL }
            let end = base + (buffer.count - 1)
            var start = base
            var firstRange: Range<Int>?
            while start < end {
                var handle: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(connection, start, Int32(end - start), &handle, &tail)
                defer { sqlite3_finalize(handle) }
                if code != SQLITE_OK {
                    if firstRange != nil {
                        throw multipleStatements(sql: sql, from: start - base)
                    }
                    let message = String(cString: sqlite3_errmsg(connection))
                    if code & 0xFF == SQLITE_AUTH || QueryAuthorizer.isRefusal(message) {
                        throw QueryAuthorizer.refusal(message: message, statement: String(decoding: bytes[(start - base)...], as: UTF8.self))
                    }
                    let offset = errorOffset(connection).map { $0 + (start - base) }
                    throw QueryError.sqlite(message: message, position: offset.flatMap { SQLPosition(byteOffset: $0, in: sql) })
                }
                guard let next = tail, next > start else { break }
                if handle != nil {
                    if firstRange != nil {
                        throw multipleStatements(sql: sql, from: start - base)
                    }
                    firstRange = (start - base)..<(next - base)
                }
                start = next
            }
            guard let firstRange else { throw QueryError.emptySQL }
            return String(decoding: bytes[firstRange], as: UTF8.self)
        }
    }

    /// A second statement starting at or after `offset`, after spaces, semicolons and comments.
    static func multipleStatements(sql: String, from offset: Int) -> QueryError {
        let bytes = Array(sql.utf8)
        var index = offset
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ";") {
                index += 1
            } else if byte == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                index += 2
            } else {
                break
            }
        }
        let position = SQLPosition(byteOffset: min(index, bytes.count), in: sql)
        return .multipleStatements(line: position?.line ?? 1, column: position?.column ?? 1)
    }

    /// The statement's first words, for a message.
    static func summary(of statement: String) -> String {
        let words = statement.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .filter { !$0.hasPrefix("--") }
        let text = words.prefix(6).joined(separator: " ")
        return words.count > 6 ? text + " …" : text
    }

    private typealias ErrorOffsetFunction = @convention(c) (OpaquePointer?) -> Int32

    /// `sqlite3_error_offset(db)` when the SQLite in use has it (3.38 or later), looked up at run
    /// time so that the engine still builds and runs on an older SQLite; nil when unknown.
    static func errorOffset(_ connection: OpaquePointer?) -> Int? {
        guard sqlite3_libversion_number() >= 3_038_000,
              let program = dlopen(nil, RTLD_NOW),
              let symbol = dlsym(program, "sqlite3_error_offset") else { return nil }
        let function = unsafeBitCast(symbol, to: ErrorOffsetFunction.self)
        let offset = Int(function(connection))
        return offset >= 0 ? offset : nil
    }
}
