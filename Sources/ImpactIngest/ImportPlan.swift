import Foundation
public import ImpactStore

/// What `impact import PATH…` will import, in dependency order.
public struct ImportPlan: Sendable, Equatable {
    /// One file to import.
    public enum Item: Sendable, Equatable {
        /// A contract CSV file of the given kind.
        case contract(path: String, kind: FileKind)
        /// A wide survey export described by a YAML mapping file (or a `.yaml` file whose kind
        /// cannot be told: its import says what is wrong with it).
        case survey(mappingPath: String)
        /// A tool's export described by a YAML file mapping, as the kind it names.
        case mapping(path: String, kind: FileKind)

        /// Files of one kind come together, a mapping's export after the contract's own file.
        var order: Int {
            switch self {
            case let .contract(_, kind): return kind.order * 2
            case .survey: return FileKind.responses.order * 2 + 1
            case let .mapping(_, kind): return kind.order * 2 + 1
            }
        }
    }

    /// What a folder holds that is not imported, and why.
    public struct Skipped: Sendable, Equatable, CustomStringConvertible {
        /// Why an entry of a folder is not imported.
        public enum Reason: Sendable, Equatable {
            /// A file whose name is not a contract file's or a mapping's.
            case unrecognisedName
            /// Not a regular file: a folder, a named pipe, a device, a socket.
            case notRegular(RegularFile.Kind)
            /// A symbolic link to something other than a regular file, or to nothing.
            case linkToNonRegular(RegularFile.Kind)
        }

        /// The entry's path.
        public let path: String
        /// Why it is not imported.
        public let reason: Reason

        /// The line `impact import` prints for it.
        public var description: String {
            switch reason {
            case .unrecognisedName:
                return "\(path): skipped (not a contract file name; import it as KIND=PATH)"
            case .notRegular(.folder):
                return "\(path): skipped (a folder: the folders inside a folder are not read; name it to import it)"
            case let .notRegular(kind):
                return "\(path): skipped (\(kind.description), not a regular file: the engine reads only regular files)"
            case .linkToNonRegular(.missing):
                return "\(path): skipped (a symbolic link that leads to nothing)"
            case let .linkToNonRegular(kind):
                return "\(path): skipped (a symbolic link to \(kind.description): links are followed to regular files only)"
            }
        }
    }

    /// A symbolic link the plan follows to a regular file: the file read is the target.
    public struct Link: Sendable, Equatable, CustomStringConvertible {
        /// The link's path, as the plan names it.
        public let path: String
        /// The regular file it leads to, as an absolute path with no link in it.
        public let target: String

        /// The line `impact import` prints for it.
        public var description: String { "\(path): a symbolic link to \(target); that file is read" }
    }

    /// The files, parents first.
    public let items: [Item]
    /// What folders hold that is not imported: files not recognised, and what is not a regular file.
    public let skipped: [Skipped]
    /// The files of the plan, and the exports its mappings read, that are symbolic links (to
    /// regular files: a link to anything else is skipped or refused).
    public let links: [Link]

    /// Resolves arguments: files named like the contract's (`participants.csv`), `KIND=PATH`
    /// for any other name, YAML mappings (`.yaml`, `.yml`: a file mapping, placed by its
    /// `kind`, or a wide survey's, with the responses), and folders of those. The export a
    /// mapping reads is imported through it only: not on its own, nor listed as skipped.
    ///
    /// Only regular files are read: a named pipe, a device or a socket is refused when an
    /// argument names it and skipped in a folder, and a symbolic link is followed only when it
    /// leads to a regular file (the plan lists it in `links`).
    public init(arguments: [String]) throws {
        var items: [Item] = []
        var skipped: [Skipped] = []
        let fileManager = FileManager.default
        func refuseUnlessRegular(_ path: String, _ kind: RegularFile.Kind) throws {
            guard kind != .regular else { return }
            throw IngestError.unknownFile(path: path, message: "\(kind.description), not a regular file: the engine reads only regular files; save the data to a regular file and import that")
        }
        for argument in arguments {
            if let equals = argument.firstIndex(of: "="), !fileManager.fileExists(atPath: argument),
               FileKind(rawValue: argument[..<equals].lowercased()) == nil {
                let kinds = FileKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw IngestError.unknownFile(path: argument, message: "\"\(argument[..<equals])\" is not a kind of file; KIND=PATH takes one of \(kinds)")
            }
            if let equals = argument.firstIndex(of: "="),
               let kind = FileKind(rawValue: argument[..<equals].lowercased()) {
                let path = String(argument[argument.index(after: equals)...])
                switch RegularFile.kindFollowingLinks(at: path) {
                case .missing:
                    throw IngestError.unknownFile(path: path, message: "no such file; check the path")
                case .folder:
                    throw IngestError.unknownFile(path: path, message: "is a folder; \(kind.rawValue)=PATH names one CSV file")
                case let other:
                    try refuseUnlessRegular(path, other)
                }
                items.append(.contract(path: path, kind: kind))
                continue
            }
            let argumentKind = RegularFile.kindFollowingLinks(at: argument)
            guard argumentKind != .missing else {
                throw IngestError.unknownFile(path: argument, message: "no such file or folder; check the path")
            }
            if argumentKind == .folder {
                let names = (try? fileManager.contentsOfDirectory(atPath: argument)) ?? []
                // Two files of one kind in a folder (PROGRAMMES.csv and programmes.csv, say): which
                // one should win is the user's call, not the file system's sort order.
                var kindFiles: [FileKind: String] = [:]
                for name in names.sorted() {
                    let path = (argument as NSString).appendingPathComponent(name)
                    // Hidden entries (.git, .DS_Store) are read only when named like a file to import.
                    let isHidden = name.hasPrefix(".")
                    // What the entry is, before anything reads it (a named pipe would block the read).
                    switch RegularFile.kind(at: path) {
                    case .regular:
                        break
                    case .symbolicLink:
                        let target = RegularFile.kindFollowingLinks(at: path)
                        if target != .regular {
                            if !isHidden { skipped.append(Skipped(path: path, reason: .linkToNonRegular(target))) }
                            continue
                        }
                    case let other:
                        if !isHidden { skipped.append(Skipped(path: path, reason: .notRegular(other))) }
                        continue
                    }
                    if let item = Self.item(for: path) {
                        if case let .contract(_, kind) = item {
                            if let other = kindFiles[kind] {
                                throw IngestError.unknownFile(path: path, message: "is \(kind.rawValue) data, and so is \(other) in the same folder; keep one of them there, or import each with \(kind.rawValue)=PATH in the order you want")
                            }
                            kindFiles[kind] = path
                        }
                        items.append(item)
                    } else if !isHidden {
                        skipped.append(Skipped(path: path, reason: .unrecognisedName))
                    }
                }
                continue
            }
            try refuseUnlessRegular(argument, argumentKind)
            if let item = Self.item(for: argument) {
                items.append(item)
            } else {
                let names = FileKind.allCases.map(\.fileName).joined(separator: ", ")
                throw IngestError.unknownFile(path: argument, message: "not a file name the engine recognises (\(names), or a .yaml mapping); rename it, name its kind: impact import participants=\(argument), or write a mapping for it: impact mapping suggest participants=\(argument)")
            }
        }
        // An export a mapping of the plan reads is imported through it: not skipped, and not
        // imported on its own as well (an export named like a contract file).
        func standardized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
        let exports = Set(items.compactMap { item -> String? in
            switch item {
            case let .survey(path), let .mapping(path, _):
                return MappingFile.outline(ofMappingAt: path)?.exportPath.map(standardized)
            case .contract:
                return nil
            }
        })
        skipped.removeAll { exports.contains(standardized($0.path)) }
        items.removeAll { item in
            guard case let .contract(path, _) = item else { return false }
            return exports.contains(standardized(path))
        }
        var seen = Set<Item>()
        self.items = items.filter { seen.insert($0).inserted }.enumerated()
            .sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element)
        self.skipped = skipped
        var links: [Link] = []
        for item in self.items {
            let paths: [String?]
            switch item {
            case let .contract(path, _): paths = [path]
            case let .survey(path), let .mapping(path, _): paths = [path, MappingFile.outline(ofMappingAt: path)?.exportPath]
            }
            for case let path? in paths {
                if let target = RegularFile.linkTarget(of: path), !links.contains(where: { $0.path == path }) {
                    links.append(Link(path: path, target: target))
                }
            }
        }
        self.links = links
    }

    private static func item(for path: String) -> Item? {
        let name = (path as NSString).lastPathComponent
        if let kind = FileKind.recognising(fileName: name) { return .contract(path: path, kind: kind) }
        let lower = name.lowercased()
        guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") else { return nil }
        if let outline = MappingFile.outline(ofMappingAt: path), !outline.isSurvey, let kind = outline.kind {
            return .mapping(path: path, kind: kind)
        }
        return .survey(mappingPath: path)
    }
}

extension ImportPlan.Item: Hashable {}

extension Importer {
    /// Imports one item of a plan: a contract file, or an export through its mapping.
    public func importItem(_ item: ImportPlan.Item, options: HeaderOptions = HeaderOptions()) throws -> ImportSummary {
        switch item {
        case let .contract(path, kind): return try importFile(at: path, as: kind, options: options)
        case let .survey(path), let .mapping(path, _): return try importMapping(at: path, options: options)
        }
    }
}
