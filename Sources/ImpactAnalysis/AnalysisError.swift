/// Why an analysis could not be computed.
public enum AnalysisError: Error, CustomStringConvertible, Equatable {
    /// The database could not be read.
    case database(String)
    /// The scope names a programme or year with no data.
    case emptyScope(String)

    public var description: String {
        switch self {
        case let .database(message): return "cannot read the database: \(message)"
        case let .emptyScope(message): return message
        }
    }
}
