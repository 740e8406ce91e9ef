import Foundation
import GRDB
import GRDBSQLite

/// How the SQLite backend reads a question's SQL: exactly one statement (split with
/// `sqlite3_prepare_v2`'s tail; anything after the first statement but spaces, comments and
/// semicolons is refused before anything runs), read-only (one SQLite marks read-only,
/// `sqlite3_stmt_readonly`, and that returns columns: SELECT, WITH, VALUES, EXPLAIN and the
/// PRAGMAs that only report), its named parameters read with `sqlite3_bind_parameter_name`.
extension SQLiteQuestionReader {
    /// The statement of `sql` compiled and checked to only read.
    func compileQuestion(_ sql: String) throws -> Statement {
        let first = try Self.firstStatement(of: sql, in: db)
        let statement = try Self.compile(first, in: db)
        guard statement.isReadonly, statement.columnCount > 0 else {
            throw QuestionRefusal.notReadOnly(statement: Self.summary(of: first))
        }
        return statement
    }

    static func compile(_ sql: String, in db: Database) throws -> Statement {
        do {
            return try db.makeStatement(sql: sql)
        } catch let error as DatabaseError {
            throw refusal(error, statement: sql)
        }
    }

    /// The refusal for SQLite's error: the authorizer's refusal, a value over the length limit,
    /// or SQLite's own message.
    static func refusal(_ error: DatabaseError, statement: String) -> QuestionRefusal {
        let message = error.message ?? "\(error.resultCode)"
        if error.resultCode.primaryResultCode == .SQLITE_AUTH || QueryAuthorizer.isRefusal(message) {
            return QueryAuthorizer.refusal(message: message, statement: statement)
        }
        switch error.resultCode.primaryResultCode {
        case .SQLITE_TOOBIG: return .valueTooLarge(limit: Int(QueryAuthorizer.maximumValueBytes))
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .damaged(detail: message)
        default: return .sqlite(message: message, byteOffset: nil)
        }
    }

    static func parameterNames(of statement: Statement) throws -> [String] {
        let handle = statement.sqliteStatement
        var names: [String] = []
        let count = sqlite3_bind_parameter_count(handle)
        guard count > 0 else { return [] }
        for index in 1...count {
            guard let cName = sqlite3_bind_parameter_name(handle, index) else {
                throw QuestionRefusal.positionalParameter("?")
            }
            let full = String(cString: cName)
            guard let prefix = full.first, prefix != "?" else { throw QuestionRefusal.positionalParameter(full) }
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
            guard let base = buffer.baseAddress else { throw QuestionRefusal.emptySQL }
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
                    throw QuestionRefusal.sqlite(message: message, byteOffset: offset)
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
            guard let firstRange else { throw QuestionRefusal.emptySQL }
            return String(decoding: bytes[firstRange], as: UTF8.self)
        }
    }

    /// A second statement starting at or after `offset`, after spaces, semicolons and comments.
    static func multipleStatements(sql: String, from offset: Int) -> QuestionRefusal {
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
        return .multipleStatements(byteOffset: min(index, bytes.count))
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
