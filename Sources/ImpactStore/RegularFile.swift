public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The engine reads data only from regular files (docs/reliability.md, "Only regular files are
/// read"): a named pipe would block the read for ever, a device (`/dev/zero`) never ends, and a
/// folder or socket has no text. A symbolic link is followed only when it leads to a regular
/// file. Every open checks the file's type before opening it, opens without blocking, and
/// checks the type of what it opened again (the path can change in between).
public enum RegularFile {
    /// What a path names.
    public enum Kind: Sendable, Equatable {
        case regular
        case folder
        case symbolicLink
        case namedPipe
        case characterDevice
        case blockDevice
        case socket
        /// A type the engine does not know.
        case other
        /// Nothing (or a link that leads nowhere, when links are followed).
        case missing

        /// The kind in words, for messages: "a named pipe (FIFO)".
        public var description: String {
            switch self {
            case .regular: return "a regular file"
            case .folder: return "a folder"
            case .symbolicLink: return "a symbolic link"
            case .namedPipe: return "a named pipe (FIFO)"
            case .characterDevice: return "a character device"
            case .blockDevice: return "a block device"
            case .socket: return "a socket"
            case .other: return "not a regular file"
            case .missing: return "missing"
            }
        }

        init(mode: mode_t) {
            switch mode & mode_t(S_IFMT) {
            case mode_t(S_IFREG): self = .regular
            case mode_t(S_IFDIR): self = .folder
            case mode_t(S_IFLNK): self = .symbolicLink
            case mode_t(S_IFIFO): self = .namedPipe
            case mode_t(S_IFCHR): self = .characterDevice
            case mode_t(S_IFBLK): self = .blockDevice
            case mode_t(S_IFSOCK): self = .socket
            default: self = .other
            }
        }
    }

    /// What `path` names itself: a link is `.symbolicLink` (`lstat`).
    public static func kind(at path: String) -> Kind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .missing }
        return Kind(mode: status.st_mode)
    }

    /// What `path` leads to, following links (`stat`): `.missing` for a link that leads nowhere.
    public static func kindFollowingLinks(at path: String) -> Kind {
        var status = stat()
        guard stat(path, &status) == 0 else { return .missing }
        return Kind(mode: status.st_mode)
    }

    /// The file a symbolic link at `path` finally leads to, as an absolute path; nil when `path`
    /// is not a link.
    public static func linkTarget(of path: String) -> String? {
        guard kind(at: path) == .symbolicLink else { return nil }
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// Why a file could not be opened for reading.
    public enum Refusal: Error, Sendable, Equatable {
        /// The path names something other than a regular file (after following links).
        case notRegular(Kind)
        /// The system refused to open or read it: its words (`Permission denied`).
        case failed(String)

        /// The refusal in words, to follow a path and a colon: "a named pipe (FIFO), not a
        /// regular file (the engine reads only regular files)".
        public var description: String {
            switch self {
            case .notRegular(.missing): return "no such file"
            case let .notRegular(kind): return "\(kind.description), not a regular file (the engine reads only regular files)"
            case let .failed(reason): return "cannot open the file (\(reason))"
            }
        }

        /// What to do about it.
        public var fix: String {
            switch self {
            case .notRegular(.missing): return "check the path"
            case .notRegular: return "save the data to a regular file and give that"
            case .failed: return "check the path and that you may read it"
            }
        }
    }

    /// Opens the regular file at `path` for reading and returns its descriptor, which the caller
    /// closes. Anything else is refused without reading from it: the type is checked before the
    /// open, the open does not wait for a pipe's writer (`O_NONBLOCK`), and what was opened is
    /// checked again (`fstat`) before a byte is read.
    public static func openForReading(_ path: String) throws(Refusal) -> Int32 {
        let before = kindFollowingLinks(at: path)
        guard before == .regular else {
            if before == .missing, errno != ENOENT, errno != ENOTDIR { throw .failed(String(cString: strerror(errno))) }
            throw .notRegular(before)
        }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .failed(String(cString: strerror(errno))) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .failed(reason)
        }
        let opened = Kind(mode: status.st_mode)
        guard opened == .regular else {
            close(descriptor)
            throw .notRegular(opened)
        }
        // Reads of a regular file never wait anyway; the flag is cleared so that they block as usual.
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return descriptor
    }

    /// The whole content of the regular file at `path` (a mapping, a key, a query), read as
    /// `openForReading` opens it.
    public static func contents(of path: String) throws(Refusal) -> Data {
        let descriptor = try openForReading(path)
        defer { close(descriptor) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .failed(String(cString: strerror(errno)))
            }
            if count == 0 { return data }
            data.append(contentsOf: chunk[0..<count])
        }
    }
}
