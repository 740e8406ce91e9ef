/// Why a backend refused or failed a question's SQL. Positions are UTF-8 byte offsets into the
/// SQL given; ImpactQuery words each case for the person who asked (`QueryError`).
public enum QuestionRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The SQL holds no statement (only spaces or comments).
    case emptySQL
    /// The SQL holds a second statement, starting at this byte offset.
    case multipleStatements(byteOffset: Int)
    /// The statement would change the database or the connection; its first words.
    case notReadOnly(statement: String)
    /// The statement calls a function a question may not call: its name, and what it would do.
    case refusedFunction(name: String, reason: String)
    /// A value the statement makes or reads is longer than `limit` bytes.
    case valueTooLarge(limit: Int)
    /// The database found its file damaged while it ran the statement.
    case damaged(detail: String)
    /// The database refused or failed the statement: its message, and where when it says.
    case sqlite(message: String, byteOffset: Int?)
    /// The statement uses a positional parameter (`?`), which a name cannot fill.
    case positionalParameter(String)
    /// Parameters the statement uses that were given no value.
    case missingParameters([String])
    /// Values given for parameters the statement does not use, and those it does.
    case unknownParameters([String], accepted: [String])

    /// A short account, for logs; users see ImpactQuery's wording.
    public var description: String {
        switch self {
        case .emptySQL: return "no statement"
        case let .multipleStatements(offset): return "a second statement at byte \(offset)"
        case let .notReadOnly(statement): return "not read-only: \(statement)"
        case let .refusedFunction(name, reason): return "\(name)(): \(reason)"
        case let .valueTooLarge(limit): return "a value over \(limit) bytes"
        case let .damaged(detail): return "damaged: \(detail)"
        case let .sqlite(message, _): return message
        case let .positionalParameter(name): return "positional parameter \(name)"
        case let .missingParameters(names): return "no value for \(names.joined(separator: ", "))"
        case let .unknownParameters(names, _): return "no parameter \(names.joined(separator: ", "))"
        }
    }
}
