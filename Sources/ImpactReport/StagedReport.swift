import Foundation

/// A report being written, in a staging folder beside its report folder: each file is created
/// new, written and flushed to disk, then the folder is swapped in whole (`ReportFolder`).
/// An internal report's folders are owner-only (0700) and its files 0600 from the first byte;
/// a public report's get the umask's permissions (docs/privacy.md).
struct StagedReport: Sendable {
    /// Its name beside the report folder.
    let folder: ReportFolder.EngineFolder
    /// Its path.
    let path: String
    /// Whether only its owner may read it.
    let isOwnerOnly: Bool

    /// Makes the staging folder at `path` and its `charts/`.
    init(_ folder: ReportFolder.EngineFolder, at path: String, isOwnerOnly: Bool) throws {
        self.folder = folder
        self.path = path
        self.isOwnerOnly = isOwnerOnly
        for made in [path, (path as NSString).appendingPathComponent("charts")] {
            guard mkdir(made, isOwnerOnly ? 0o700 : 0o777) == 0, !isOwnerOnly || chmod(made, 0o700) == 0 else {
                let parent = (path as NSString).deletingLastPathComponent
                throw ReportError.cannotWrite(path: made, detail: String(cString: strerror(errno))
                    + "; a report is written beside its folder and swapped in whole, so \(parent) must be writable")
            }
        }
    }

    /// Writes `text` as the file `name` (a path inside the folder) and flushes it to disk.
    func write(_ text: String, as name: String) throws {
        let file = (path as NSString).appendingPathComponent(name)
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, isOwnerOnly ? 0o600 : 0o666)
        guard descriptor >= 0 else { throw Self.failure(file) }
        defer { close(descriptor) }
        if isOwnerOnly, fchmod(descriptor, 0o600) != 0 { throw Self.failure(file) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw Self.failure(file) }
            bytes = bytes.dropFirst(count)
        }
        if fsync(descriptor) != 0 { throw Self.failure(file) }
    }

    /// Flushes the folders' entries to disk, before the folder is swapped in.
    func flush() {
        ReportFolder.flushFolder((path as NSString).appendingPathComponent("charts"))
        ReportFolder.flushFolder(path)
    }

    /// The error for the file at `file` after a failed call, from errno.
    private static func failure(_ file: String) -> ReportError {
        .cannotWrite(path: file, detail: String(cString: strerror(errno)) + "; check that the folder is writable and the disk has room")
    }
}
