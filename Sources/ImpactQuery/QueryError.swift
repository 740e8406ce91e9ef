import Foundation
import ImpactStore

/// What can go wrong asking the database a question, worded for the person who asked.
public enum QueryError: Error, CustomStringConvertible, Equatable {
    /// The SQL holds no statement (only spaces or comments).
    case emptySQL
    /// The SQL holds a second statement after the first; `line` and `column` say where it starts.
    case multipleStatements(line: Int, column: Int)
    /// The statement would change the database, or the connection (ATTACH, a PRAGMA that sets).
    case notReadOnly(statement: String)
    /// The statement calls a function that reaches into the program or outside the database
    /// (`QueryAuthorizer`): its name, and what it would do.
    case refusedFunction(name: String, reason: String)
    /// A value of the result (or one the statement builds) is longer than a question may make.
    case valueTooLarge(limit: Int)
    /// SQLite found the file damaged while it ran the statement (SQLITE_CORRUPT, SQLITE_NOTADB).
    case damaged(detail: String)
    /// SQLite refused or failed the statement: its message, and where in the SQL when SQLite says.
    case sqlite(message: String, position: SQLPosition?)
    /// The statement uses a positional parameter (`?`), which `--param NAME=VALUE` cannot fill.
    case positionalParameter(String)
    /// Parameters the statement uses that were given no value.
    case missingParameters([String])
    /// `--param` names the statement does not use.
    case unknownParameters([String], accepted: [String])
    /// A `--param` or `--where` argument that is not `NAME=VALUE`.
    case malformedAssignment(option: String, argument: String)
    /// A named query's file has a header this engine cannot read.
    case badQueryHeader(file: String, line: Int, reason: String)
    /// A single word that names no named query and no file.
    case unknownNamedQuery(String, known: [String])
    /// A `.sql` path that does not exist or cannot be read, and why (`RegularFile`).
    case unreadableFile(String, reason: String)
    /// A metric name that is not in the registry.
    case unknownMetric(String, known: [String])
    /// A dimension name that is not in the registry.
    case unknownDimension(String, valid: [String])
    /// A dimension the metric's data does not have (an outcome for a pre/post metric, say).
    case dimensionNotApplicable(String, metric: String, valid: [String])
    /// A `--where` value that cannot be a value of the dimension.
    case badDimensionValue(dimension: String, value: String, reason: String)
    /// A bundled registry or dictionary file that does not read as expected (a broken installation or edit).
    case badResource(file: String, reason: String)

    public var description: String {
        switch self {
        case .emptySQL:
            return "the SQL holds no statement: give one SELECT (or a named query: impact queries lists them)"
        case let .multipleStatements(line, column):
            return "the SQL holds more than one statement (the second starts at line \(line), column \(column)): impact query runs exactly one; run them one at a time"
        case let .notReadOnly(statement):
            return "impact query only reads, and this statement would change the database or the connection: \(statement). Nothing was changed. Data changes go through impact import."
        case let .refusedFunction(name, reason):
            return "impact query does not call \(name)(): \(reason). Nothing was run; ask the question without it (docs/queries.md lists what a query cannot reach)."
        case let .valueTooLarge(limit):
            return "a value the statement makes or reads is longer than \(limit >> 20) MiB, the most impact query holds in memory for one value; ask for less of it (length(), substr())"
        case let .damaged(detail):
            return "the database is damaged (\(detail)); nothing was reported. Restore it from a backup (docs/reliability.md, \"Damage is refused\")."
        case let .sqlite(message, position):
            guard let position else { return "SQLite: \(message)" }
            return "SQLite: \(message) at line \(position.line), column \(position.column):\n\(position.excerpt)"
        case let .positionalParameter(name):
            return "the statement uses the positional parameter \(name): name it instead (:name) and give --param name=VALUE"
        case let .missingParameters(names):
            let examples = names.map { "--param \($0)=VALUE" }.joined(separator: " ")
            return "no value for the parameter\(names.count == 1 ? "" : "s") \(names.map { ":" + $0 }.joined(separator: ", ")): add \(examples)"
        case let .unknownParameters(names, accepted):
            let list = accepted.isEmpty ? "it takes none" : "it takes \(accepted.joined(separator: ", "))"
            return "the statement has no parameter \(names.joined(separator: ", ")) (\(list))"
        case let .malformedAssignment(option, argument):
            return "\(option) \"\(argument)\" is not NAME=VALUE (for example \(option) year=2024)"
        case let .badQueryHeader(file, line, reason):
            return "\(file):\(line): \(reason)"
        case let .unknownNamedQuery(name, known):
            return "no named query \"\(name)\" (and no such file). Named queries: \(known.joined(separator: ", ")); impact queries describes them. Literal SQL works too: impact query \"SELECT …\""
        case let .unreadableFile(path, reason):
            return "\(path): cannot read the file: \(reason) (and no named query has that name)"
        case let .unknownMetric(name, known):
            return "no metric \"\(name)\". Metrics: \(known.joined(separator: ", ")); impact metrics describes them"
        case let .unknownDimension(name, valid):
            return "no dimension \"\(name)\". Dimensions: \(valid.joined(separator: ", "))"
        case let .dimensionNotApplicable(name, metric, valid):
            return "the metric \(metric) cannot be split by \(name). Its dimensions: \(valid.joined(separator: ", "))"
        case let .badDimensionValue(dimension, value, reason):
            return "--where \(dimension)=\(value): \(reason)"
        case let .badResource(file, reason):
            return "the engine's \(file) is not valid (\(reason)): the installation is broken; rebuild impact"
        }
    }
}

extension QueryError {
    /// The question's error for the backend's refusal of `sql`, positions as lines and columns.
    init(_ refusal: QuestionRefusal, sql: String) {
        switch refusal {
        case .emptySQL: self = .emptySQL
        case let .multipleStatements(offset):
            let position = SQLPosition(byteOffset: offset, in: sql)
            self = .multipleStatements(line: position?.line ?? 1, column: position?.column ?? 1)
        case let .notReadOnly(statement): self = .notReadOnly(statement: statement)
        case let .refusedFunction(name, reason): self = .refusedFunction(name: name, reason: reason)
        case let .valueTooLarge(limit): self = .valueTooLarge(limit: limit)
        case let .damaged(detail): self = .damaged(detail: detail)
        case let .sqlite(message, offset): self = .sqlite(message: message, position: offset.flatMap { SQLPosition(byteOffset: $0, in: sql) })
        case let .positionalParameter(name): self = .positionalParameter(name)
        case let .missingParameters(names): self = .missingParameters(names)
        case let .unknownParameters(names, accepted): self = .unknownParameters(names, accepted: accepted)
        }
    }
}
