import Foundation

/// A `NAME=VALUE` argument of `--param` or `--where`.
public struct Assignment: Sendable, Equatable {
    /// The name before the first `=`, trimmed.
    public let name: String
    /// Everything after the first `=`, as given (it may itself hold `=`, quotes or SQL: it is bound).
    public let value: String

    /// Splits `argument` at its first `=`; `option` names the option in the message when there is none.
    public init(parsing argument: String, option: String) throws {
        guard let equals = argument.firstIndex(of: "=") else {
            throw QueryError.malformedAssignment(option: option, argument: argument)
        }
        let name = argument[..<equals].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw QueryError.malformedAssignment(option: option, argument: argument) }
        self.name = name
        self.value = String(argument[argument.index(after: equals)...])
    }
}
