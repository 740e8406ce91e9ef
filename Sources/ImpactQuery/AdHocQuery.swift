import Foundation
public import ImpactStore

/// One read-only SQL statement with its parameter values, as `impact query` runs it.
///
/// Exactly one statement, and one that only reads: the backend refuses anything after the first
/// statement but spaces, comments and semicolons, and a statement that is not read-only or does
/// not return columns (which leaves SELECT, WITH, VALUES, EXPLAIN and the PRAGMAs that only
/// report), before anything runs. The connection itself is read-only too (`ReadOnlyStore`), and
/// its authorizer refuses, as SQLite compiles the statement, the functions that reach into the
/// program (`fts3_tokenizer`, `load_extension`…), ATTACH and a PRAGMA that sets. Parameters are
/// bound by name, never spliced into the SQL.
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

    /// Runs the statement in one read of `backend`: `columns` receives the column names once,
    /// then `row` each row.
    public func run(_ backend: any QuestionBackend, columns: ([String]) throws -> Void, row: ([ResultValue]) throws -> Void) throws {
        try backend.readQuestions { reader in try run(reader, columns: columns, row: row) }
    }

    /// Runs the statement in the read transaction of `reader`.
    public func run(_ reader: any QuestionReader, columns: ([String]) throws -> Void, row: ([ResultValue]) throws -> Void) throws {
        let statement = try prepare(reader)
        try columns(statement.columnNames)
        try Self.worded(sql) { try statement.run(row: row) }
    }

    /// Runs the statement and returns every row.
    public func fetchAll(_ backend: any QuestionBackend) throws -> ResultTable {
        var table = ResultTable(columns: [])
        try run(backend, columns: { table = ResultTable(columns: $0) }, row: { table.append($0) })
        return table
    }

    /// Runs the statement in the read transaction of `reader` and returns every row.
    public func fetchAll(_ reader: any QuestionReader) throws -> ResultTable {
        var table = ResultTable(columns: [])
        try run(reader, columns: { table = ResultTable(columns: $0) }, row: { table.append($0) })
        return table
    }

    /// The named parameters the SQL uses, in order of first use (without `:`, `@` or `$`).
    public func parameterNames(_ backend: any QuestionBackend) throws -> [String] {
        try backend.readQuestions { reader in try parameterNames(reader) }
    }

    /// The named parameters the SQL uses, read in the transaction of `reader`.
    public func parameterNames(_ reader: any QuestionReader) throws -> [String] {
        try Self.worded(sql) { try reader.parameterNames(of: sql) }
    }

    /// The statement compiled, checked to read only, with its parameters bound.
    func prepare(_ reader: any QuestionReader) throws -> any PreparedQuestion {
        let statement = try Self.worded(sql) { try reader.prepareQuestion(sql) }
        let names = statement.parameterNames
        let unknown = parameters.keys.filter { !names.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw QueryError.unknownParameters(unknown, accepted: names)
        }
        let missing = names.filter { parameters[$0] == nil }
        if !missing.isEmpty {
            throw QueryError.missingParameters(missing)
        }
        var values: [String: String?] = [:]
        for name in names {
            let value = parameters[name] ?? ""
            // updateValue, since assigning nil would remove the key instead of binding NULL.
            values.updateValue(value.isEmpty ? nil : value, forKey: name)
        }
        try Self.worded(sql) { try statement.bind(values) }
        return statement
    }

    /// `body`, with the backend's refusal of `sql` worded for the person who asked.
    static func worded<T>(_ sql: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let refusal as QuestionRefusal {
            throw QueryError(refusal, sql: sql)
        }
    }
}
