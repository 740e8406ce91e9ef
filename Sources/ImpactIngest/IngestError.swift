/// Why a file was refused whole, or the import could not start.
public enum IngestError: Error, CustomStringConvertible, Equatable {
    /// The file cannot be read as CSV (encoding, quoting, size).
    case unreadable(CSVError)
    /// The header lacks a required column, or repeats one.
    case header(file: String, line: Int, column: Int, message: String)
    /// The path is not a file the engine knows how to import.
    case unknownFile(path: String, message: String)
    /// The survey mapping file is wrong.
    case mapping(file: String, message: String)
    /// The keyed-hash secret cannot be read or created.
    case key(String)
    /// The database refused the file (a constraint the checks did not foresee).
    case database(file: String, message: String)
    /// A row says what only the file as a whole may say, and says it otherwise than another row
    /// or the stored data: an instrument's scoring rule (`column` nil when no field gives it).
    case declaration(file: String, line: Int, column: Int?, message: String)

    public var description: String {
        switch self {
        case let .unreadable(error): return error.description
        case let .header(file, line, column, message): return "\(file):\(line):\(column): \(message)"
        case let .unknownFile(path, message): return "\(path): \(message)"
        case let .mapping(file, message): return "\(file): \(message)"
        case let .key(message): return message
        case let .database(file, message): return "\(file): \(message)"
        case let .declaration(file, line, column, message):
            return column.map { "\(file):\(line):\($0): \(message)" } ?? "\(file):\(line): \(message)"
        }
    }
}
