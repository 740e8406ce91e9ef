import Foundation
import ImpactStore

/// A named, documented, parameterised query of `queries/named/` (queries/README.md): a header of
/// `--` lines, then one SELECT.
///
/// ```sql
/// -- name: reach-by-region
/// -- description: Participants by home region and year.
/// -- param: year = 2024
/// ```
///
/// `param: NAME = DEFAULT` gives a default (`param: NAME =` defaults to NULL, "no filter");
/// `param: NAME` alone makes the parameter required. A `--` line without a key continues the
/// description. The header ends at the first line that is not a `--` comment.
public struct NamedQuery: Sendable, Equatable {
    /// One parameter of the query.
    public struct Parameter: Sendable, Equatable {
        /// The name, as used in the SQL after `:`.
        public let name: String
        /// The default value; "" binds NULL; nil means the parameter is required.
        public let defaultValue: String?

        /// A parameter named `name` with this default (nil: required).
        public init(name: String, defaultValue: String?) {
            self.name = name
            self.defaultValue = defaultValue
        }
    }

    /// The query's name (the file's name without `.sql`).
    public let name: String
    /// What it answers.
    public let description: String
    /// Its parameters, in header order.
    public let parameters: [Parameter]
    /// The file's whole text (header comments included; SQLite skips them).
    public let sql: String

    /// Reads the header of `sql`, the text of the file `file` (for messages).
    public init(file: String, sql: String) throws {
        var name: String?
        var description: [String] = []
        var parameters: [Parameter] = []
        var lastKey: String?
        for (index, rawLine) in sql.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            guard line.hasPrefix("--") else { break }
            let body = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            let fail = { (reason: String) in QueryError.badQueryHeader(file: file, line: index + 1, reason: reason) }
            guard let colon = body.firstIndex(of: ":"),
                  body[..<colon].allSatisfy({ $0.isLetter || $0 == "_" }), !body[..<colon].isEmpty else {
                if lastKey == "description", !body.isEmpty { description.append(body) }
                continue
            }
            let key = String(body[..<colon])
            let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            lastKey = key
            switch key {
            case "name":
                guard name == nil else { throw fail("a second name line") }
                name = value
            case "description":
                description.append(value)
            case "param":
                let parts = value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let parameterName = parts[0].trimmingCharacters(in: .whitespaces)
                guard !parameterName.isEmpty, parameterName.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw fail("param needs a name of letters, digits and _ (param: year = 2024)")
                }
                guard !parameters.contains(where: { $0.name == parameterName }) else {
                    throw fail("param \(parameterName) is declared twice")
                }
                let defaultValue = parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
                parameters.append(Parameter(name: parameterName, defaultValue: defaultValue))
            default:
                throw fail("unknown header key \"\(key)\" (known: name, description, param)")
            }
        }
        guard let name, !name.isEmpty else {
            throw QueryError.badQueryHeader(file: file, line: 1, reason: "no name line (-- name: NAME)")
        }
        guard !description.isEmpty else {
            throw QueryError.badQueryHeader(file: file, line: 1, reason: "no description line (-- description: …)")
        }
        self.name = name
        self.description = description.joined(separator: " ")
        self.parameters = parameters
        self.sql = sql
    }

    /// Every named query shipped in `queries/named/`, by name.
    public static func all() throws -> [NamedQuery] {
        try StoreResources.namedQueries().map { file in
            let query = try NamedQuery(file: "queries/named/\(file.name).sql", sql: file.sql)
            guard query.name == file.name else {
                throw QueryError.badQueryHeader(file: "queries/named/\(file.name).sql", line: 1,
                                                reason: "the name \(query.name) differs from the file's name")
            }
            return query
        }
    }

    /// The query with the defaults filled in and `values` over them; a value for a parameter the
    /// header does not declare is refused, as is a required one left without a value.
    public func query(with values: [String: String]) throws -> AdHocQuery {
        let declared = parameters.map(\.name)
        let unknown = values.keys.filter { !declared.contains($0) }.sorted()
        if !unknown.isEmpty { throw QueryError.unknownParameters(unknown, accepted: declared) }
        var merged: [String: String] = [:]
        for parameter in parameters {
            if let value = values[parameter.name] ?? parameter.defaultValue { merged[parameter.name] = value }
        }
        let missing = parameters.filter { merged[$0.name] == nil }.map(\.name)
        if !missing.isEmpty { throw QueryError.missingParameters(missing) }
        return AdHocQuery(sql: sql, parameters: merged)
    }

    /// The parameters as `name=default` (`name` alone when required), for listings.
    public var parameterSummary: String {
        parameters.map { parameter in
            guard let value = parameter.defaultValue else { return parameter.name + " (required)" }
            return parameter.name + "=" + value
        }.joined(separator: ", ")
    }
}
