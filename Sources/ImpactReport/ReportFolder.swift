import CFolderExchange
import Foundation
import ImpactStore

/// The folder a report goes into, replaced in one step: the new report is written into a
/// staging folder beside it (same parent, so the same file system) and swapped in whole, so a
/// report that fails or is killed leaves either the previous folder or the new one, never a
/// mix. The method, its fallback and their tests are in docs/reliability.md.
struct ReportFolder: Sendable {
    /// The path as given (`--out`), for messages and the paths printed.
    let given: URL
    /// The folder replaced: its real path, a link to a folder resolved (the link stays).
    let path: String
    /// The folder holding it, where staging folders are made.
    let parent: String
    /// Its name in `parent`.
    let name: String
    /// The top-level files a report writes: its tables, report.md and report.html.
    let reportFiles: Set<String>
    /// Exchanges two paths in one step; 0, or the errno (tests pass one without support).
    let exchange: @Sendable (String, String) -> Int32

    /// The folder at `given`, with its links resolved; the folders above it are created if missing.
    init(_ given: URL, reportFiles: Set<String>, exchange: @escaping @Sendable (String, String) -> Int32 = systemExchange) throws {
        self.given = given
        self.reportFiles = reportFiles
        self.exchange = exchange
        let path: String
        switch Self.fileType(given.path) {
        case nil:
            // A new folder: the report will be renamed to it from beside it.
            let above = given.deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: above, withIntermediateDirectories: true)
            } catch {
                throw ReportError.cannotWrite(path: above.path, detail: systemReason(of: error) + "; check that the folder is writable")
            }
            guard let real = Self.realPath(above.path) else {
                throw ReportError.cannotWrite(path: above.path, detail: String(cString: strerror(errno)))
            }
            path = (real as NSString).appendingPathComponent(given.lastPathComponent)
        case let type? where type == S_IFDIR || type == S_IFLNK:
            guard let real = Self.realPath(given.path) else {
                throw ReportError.cannotWrite(path: given.path, detail: type == S_IFLNK
                    ? "it is a link to a folder that does not exist; --out names a folder for the report's files"
                    : String(cString: strerror(errno)))
            }
            guard Self.fileType(real) == S_IFDIR else { throw Self.notAFolder(given) }
            path = real
        default:
            throw Self.notAFolder(given)
        }
        guard path != "/" else {
            throw ReportError.cannotWrite(path: given.path, detail: "a report replaces its whole folder; choose a folder of its own")
        }
        // A shell whose working folder is the report folder would be left in the removed one.
        if let working = Self.realPath(FileManager.default.currentDirectoryPath), working == path || working.hasPrefix(path + "/") {
            throw ReportError.cannotWrite(path: given.path, detail: "it is the working folder or holds it; a report replaces its whole folder, so run impact from another folder")
        }
        self.path = path
        self.parent = (path as NSString).deletingLastPathComponent
        self.name = (path as NSString).lastPathComponent
    }

    /// A new, empty staging folder beside this one, owner-only for an internal report.
    func makeStaging(isOwnerOnly: Bool) throws -> StagedReport {
        let token = String(UInt64.random(in: .min ... .max), radix: 16)
        let staging = EngineFolder(kind: .staging, process: getpid(), token: String(repeating: "0", count: 16 - token.count) + token)
        return try StagedReport(staging, at: location(of: staging), isOwnerOnly: isOwnerOnly)
    }

    /// Refuses a folder that holds anything but an earlier report, before it is replaced.
    func checkHoldsOnlyAReport() throws {
        let others = entries(of: path).compactMap { if case let .other(name) = $0 { name } else { nil } }
        if !others.isEmpty { throw ReportError.holdsOtherFiles(path: given.path, names: others) }
    }

    /// Puts the staged report in place of this folder in one step and removes the folder it
    /// replaced. Returns the replaced folder's path when it was kept because something other
    /// than a report appeared in it meanwhile.
    func replace(with staging: StagedReport) throws -> String? {
        staging.flush()
        guard Self.fileType(path) != nil else {
            // No report yet: one rename.
            if rename(staging.path, path) != 0 { throw failedSwap(errno) }
            Self.flushFolder(parent)
            return nil
        }
        try checkHoldsOnlyAReport()
        let replaced: String
        switch exchange(staging.path, path) {
        case 0:
            // The previous report now has the staging folder's name.
            replaced = staging.path
        case EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP:
            // No exchange here: the previous report is set aside under a name the next report
            // recognises, and put back by it should this process die before the second rename.
            replaced = location(of: staging.folder.settingAside)
            if rename(path, replaced) != 0 { throw failedSwap(errno) }
            if rename(staging.path, path) != 0 {
                let reason = errno
                if rename(replaced, path) != 0 {
                    throw ReportError.cannotWrite(path: given.path, detail: String(cString: strerror(reason))
                        + "; the previous report is whole in \(replaced), and the next report puts it back")
                }
                throw failedSwap(reason)
            }
        case let reason:
            throw failedSwap(reason)
        }
        Self.flushFolder(parent)
        return removeReport(at: replaced) ? nil : replaced
    }

    private static func notAFolder(_ given: URL) -> ReportError {
        .cannotWrite(path: given.path, detail: "it is a file; --out names a folder for the report's files")
    }

    /// The error of a swap that did not happen: the previous report is as it was.
    private func failedSwap(_ reason: Int32) -> ReportError {
        let hint = reason == EXDEV || reason == EBUSY
            ? "it is a mount point or on another file system than \(parent), and a report replaces its folder by renaming it there; choose a folder inside it"
            : "the previous report is as it was; check that \(parent) is writable"
        return .cannotWrite(path: given.path, detail: String(cString: strerror(reason)) + "; " + hint)
    }

    /// The system's exchange: renameat2 with RENAME_EXCHANGE on Linux, renamex_np with
    /// RENAME_SWAP on macOS (`CFolderExchange`).
    static let systemExchange: @Sendable (String, String) -> Int32 = { impact_exchange_paths($0, $1) }

    /// The type bits of what is at `path` (`S_IFDIR`, `S_IFLNK`, …), not following a link, or nil.
    static func fileType(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// `path` with every link, `.` and `..` resolved, or nil (errno says why).
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Writes a folder's entries to disk (so a rename in it survives a power cut); a file
    /// system that cannot is left as it is.
    static func flushFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
