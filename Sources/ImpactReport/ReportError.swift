/// Why a report could not be written.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// A file or folder could not be written.
    case cannotWrite(path: String, detail: String)
    /// A template is missing, unreadable or not valid Mustache.
    case template(path: String, detail: String)
    /// The report folder holds files a report does not write (a folder's name ends in `/`).
    case holdsOtherFiles(path: String, names: [String])
    /// Imports or erasures committed during every attempt to read the data.
    case dataKeptChanging(attempts: Int)

    public var description: String {
        switch self {
        case let .cannotWrite(path, detail): return "\(path): cannot write (\(detail))"
        case let .template(path, detail): return "\(path): template \(detail)"
        case let .holdsOtherFiles(path, names):
            let listed = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? " and \(names.count - 5) more" : "")
            return "\(path): holds files a report does not write (\(listed)); a report replaces its whole folder, "
                + "so --out must name a new or empty folder or one holding an earlier report: move those files out or choose another folder"
        case let .dataKeptChanging(attempts):
            return "the data changed while the report was read, \(attempts) times in a row (imports or erasures running); run the report again when they have finished"
        }
    }
}
