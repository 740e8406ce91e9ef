import GRDB

/// The SQLite backend's read transaction for questions: the GRDB connection of one read,
/// on `ReadOnlyStore`'s read-only connection or an `ImpactDatabase`'s.
struct SQLiteQuestionReader: QuestionReader {
    let db: Database

    func parameterNames(of sql: String) throws -> [String] {
        let first = try Self.firstStatement(of: sql, in: db)
        return try Self.parameterNames(of: try Self.compile(first, in: db))
    }

    func prepareQuestion(_ sql: String) throws -> any PreparedQuestion {
        let statement = try compileQuestion(sql)
        return SQLitePreparedQuestion(sql: sql, statement: statement, parameterNames: try Self.parameterNames(of: statement))
    }

    func forEachRow(_ sql: String, arguments: [ResultValue], _ body: ([ResultValue]) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
        var values: [ResultValue] = []
        while let row = try cursor.next() {
            values.removeAll(keepingCapacity: true)
            for index in 0..<row.count { values.append(ResultValue(row[index] as DatabaseValue)) }
            try body(values)
        }
    }

    func schemaColumns() throws -> [SchemaColumn] {
        let objects = try Row.fetchAll(db, sql: """
            SELECT type, name FROM sqlite_schema
            WHERE (type = 'table' OR type = 'view') AND name NOT LIKE 'sqlite_%'
            ORDER BY type, name
            """)
        var columns: [SchemaColumn] = []
        for object in objects {
            let name: String = object["name"]
            let kind: String = object["type"]
            for info in try Row.fetchAll(db, sql: "SELECT name, type FROM pragma_table_xinfo(?) ORDER BY cid", arguments: [name]) {
                columns.append(SchemaColumn(object: name, kind: kind, name: info["name"], type: info["type"] ?? ""))
            }
        }
        return columns
    }
}

/// A question's statement on SQLite: compiled, checked to only read, then bound by name.
struct SQLitePreparedQuestion: PreparedQuestion {
    /// The whole SQL given, for messages.
    let sql: String
    let statement: Statement
    let parameterNames: [String]

    var columnNames: [String] { statement.columnNames }

    func bind(_ values: [String: String?]) throws {
        let unknown = values.keys.filter { !parameterNames.contains($0) }.sorted()
        if !unknown.isEmpty { throw QuestionRefusal.unknownParameters(unknown, accepted: parameterNames) }
        let missing = parameterNames.filter { values[$0] == nil }
        if !missing.isEmpty { throw QuestionRefusal.missingParameters(missing) }
        var arguments: [String: (any DatabaseValueConvertible)?] = [:]
        for (name, value) in values {
            // updateValue, since assigning nil would remove the key instead of binding NULL.
            arguments.updateValue(value, forKey: name)
        }
        do {
            try statement.setArguments(StatementArguments(arguments))
        } catch let error as DatabaseError {
            throw QuestionRefusal.sqlite(message: error.message ?? "\(error.resultCode)", byteOffset: nil)
        }
    }

    func run(row: ([ResultValue]) throws -> Void) throws {
        do {
            let rows = try Row.fetchCursor(statement)
            while let next = try rows.next() {
                try row(next.databaseValues.map(ResultValue.init))
            }
        } catch let error as DatabaseError {
            throw SQLiteQuestionReader.refusal(error, statement: sql)
        }
    }
}
