import Foundation
import ImpactStore

/// What the argument of `impact query` names: a named query of `queries/named/` when it is one's name,
/// else a file when it ends in `.sql` and exists, else literal SQL.
public enum QuerySource: Sendable, Equatable {
    /// A shipped named query.
    case named(NamedQuery)
    /// A file of SQL: its path and text.
    case file(path: String, sql: String)
    /// SQL given on the command line.
    case literal(String)

    /// Resolves `argument` against `namedQueries` and the file system. A single word that is
    /// neither a named query nor a file is refused with the list of names (it cannot be SQL that
    /// reads); a `.sql` path that does not exist is refused too.
    public static func resolve(_ argument: String, namedQueries: [NamedQuery]) throws -> QuerySource {
        if let query = namedQueries.first(where: { $0.name == argument }) { return .named(query) }
        let trimmed = argument.trimmingCharacters(in: .whitespacesAndNewlines)
        let isOneWord = !trimmed.isEmpty && !trimmed.contains(where: { $0.isWhitespace || $0 == "(" || $0 == ";" || $0 == "'" })
        if isOneWord, trimmed.lowercased().hasSuffix(".sql") {
            // Only a regular file is read: a named pipe would block the read (`RegularFile`).
            let data: Data
            do throws(RegularFile.Refusal) {
                data = try RegularFile.contents(of: trimmed)
            } catch {
                throw QueryError.unreadableFile(trimmed, reason: error.description)
            }
            guard let sql = String(data: data, encoding: .utf8) else {
                throw QueryError.unreadableFile(trimmed, reason: "not UTF-8 text")
            }
            return .file(path: trimmed, sql: sql)
        }
        if isOneWord, trimmed.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            throw QueryError.unknownNamedQuery(trimmed, known: namedQueries.map(\.name))
        }
        return .literal(argument)
    }

    /// The query to run with `values` for its parameters (a named query adds its defaults).
    public func query(with values: [String: String]) throws -> AdHocQuery {
        switch self {
        case let .named(named): return try named.query(with: values)
        case let .file(_, sql), let .literal(sql): return AdHocQuery(sql: sql, parameters: values)
        }
    }
}
