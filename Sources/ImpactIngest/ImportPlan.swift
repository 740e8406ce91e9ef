import Foundation

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

    /// The files, parents first.
    public let items: [Item]
    /// Files in a folder that were not recognised, and so not imported.
    public let skipped: [String]

    /// Resolves arguments: files named like the contract's (`participants.csv`), `KIND=PATH`
    /// for any other name, YAML mappings (`.yaml`, `.yml`: a file mapping, placed by its
    /// `kind`, or a wide survey's, with the responses), and folders of those. The export a
    /// mapping reads is imported through it only: not on its own, nor listed as skipped.
    public init(arguments: [String]) throws {
        var items: [Item] = []
        var skipped: [String] = []
        let fileManager = FileManager.default
        for argument in arguments {
            if let equals = argument.firstIndex(of: "="), !fileManager.fileExists(atPath: argument),
               FileKind(rawValue: argument[..<equals].lowercased()) == nil {
                let kinds = FileKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw IngestError.unknownFile(path: argument, message: "\"\(argument[..<equals])\" is not a kind of file; KIND=PATH takes one of \(kinds)")
            }
            if let equals = argument.firstIndex(of: "="),
               let kind = FileKind(rawValue: argument[..<equals].lowercased()) {
                let path = String(argument[argument.index(after: equals)...])
                var isFolder: ObjCBool = false
                guard fileManager.fileExists(atPath: path, isDirectory: &isFolder) else {
                    throw IngestError.unknownFile(path: path, message: "no such file; check the path")
                }
                if isFolder.boolValue {
                    throw IngestError.unknownFile(path: path, message: "is a folder; \(kind.rawValue)=PATH names one CSV file")
                }
                items.append(.contract(path: path, kind: kind))
                continue
            }
            var isFolder: ObjCBool = false
            guard fileManager.fileExists(atPath: argument, isDirectory: &isFolder) else {
                throw IngestError.unknownFile(path: argument, message: "no such file or folder; check the path")
            }
            if isFolder.boolValue {
                let names = (try? fileManager.contentsOfDirectory(atPath: argument)) ?? []
                // Two files of one kind in a folder (PROGRAMMES.csv and programmes.csv, say): which
                // one should win is the user's call, not the file system's sort order.
                var kindFiles: [FileKind: String] = [:]
                for name in names.sorted() {
                    let path = (argument as NSString).appendingPathComponent(name)
                    if let item = Self.item(for: path) {
                        if case let .contract(_, kind) = item {
                            if let other = kindFiles[kind] {
                                throw IngestError.unknownFile(path: path, message: "is \(kind.rawValue) data, and so is \(other) in the same folder; keep one of them there, or import each with \(kind.rawValue)=PATH in the order you want")
                            }
                            kindFiles[kind] = path
                        }
                        items.append(item)
                    } else if !name.hasPrefix(".") {
                        skipped.append(path)
                    }
                }
            } else if let item = Self.item(for: argument) {
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
        skipped.removeAll { exports.contains(standardized($0)) }
        items.removeAll { item in
            guard case let .contract(path, _) = item else { return false }
            return exports.contains(standardized(path))
        }
        var seen = Set<Item>()
        self.items = items.filter { seen.insert($0).inserted }.enumerated()
            .sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element)
        self.skipped = skipped
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
