import Foundation

/// Why a synthetic dataset could not be written, worded for the person who ran the command.
public enum SyntheticDataError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The output folder cannot be created (a file is in the way, or no permission).
    case cannotCreateFolder(path: String, detail: String)
    /// A file in the output folder cannot be created or written.
    case cannotWriteFile(path: String, detail: String)

    public var description: String {
        switch self {
        case let .cannotCreateFolder(path, detail):
            return "\(path): cannot create the output folder (\(detail)). Choose a folder you can write to."
        case let .cannotWriteFile(path, detail):
            return "\(path): cannot write the file (\(detail)). Check that the folder is writable and the disk has free space."
        }
    }
}
