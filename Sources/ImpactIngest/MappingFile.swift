import Foundation
import ImpactStore

/// A YAML mapping file of either family, told apart by its keys: `kind` makes it a file mapping
/// (docs/mappings.md), a key only a wide survey's mapping has (`layout`, `items`…) a survey
/// mapping (docs/survey-mappings.md).
enum MappingFile {
    case file(FileMapping)
    case survey(SurveyMapping)

    /// Reads and checks the mapping file at `path` as its family.
    init(contentsOf path: String) throws {
        let document = try MappingDocument(contentsOf: path, empty: FileMapping.essentials)
        self = Self.isSurvey(document) ? .survey(try SurveyMapping(document: document)) : .file(try FileMapping(document: document))
    }

    /// Whether a mapping is a wide survey's: no `kind`, and a key only survey mappings have.
    static func isSurvey(_ document: MappingDocument) -> Bool {
        document.entries["kind"] == nil
            && document.entries.keys.contains { SurveyMapping.keys.contains($0) && !FileMapping.keys.contains($0) }
    }

    /// What a plan of imports needs of a mapping before it is read in full: its family, the kind
    /// a file mapping names and the export it reads, as far as they can be told; nil for a file
    /// that is not YAML at all (its import says why).
    static func outline(ofMappingAt path: String) -> (isSurvey: Bool, kind: FileKind?, exportPath: String?)? {
        guard let document = try? MappingDocument(contentsOf: path, empty: FileMapping.essentials) else { return nil }
        let kind = (try? document.text("kind")).flatMap { FileKind(rawValue: $0.lowercased()) }
        return (isSurvey(document), kind, try? document.exportPath())
    }
}

extension Importer {
    /// Imports the export that the YAML mapping at `path` describes: with `kind`, as a file of
    /// that kind (docs/mappings.md); a wide survey export's mapping, as responses
    /// (docs/survey-mappings.md). `options.keep` adds columns to keep to a file mapping's own.
    ///
    /// A mapping that is wrong, or names a column its export lacks, throws
    /// ``IngestError/mapping(file:message:)`` and leaves the database as it was.
    public func importMapping(at path: String, options: HeaderOptions = HeaderOptions()) throws -> ImportSummary {
        switch try MappingFile(contentsOf: path) {
        case let .file(mapping): return try importExport(through: mapping, keeping: options.keep)
        case let .survey(mapping): return try importSurvey(mapping)
        }
    }

    /// The export a mapping names, opened: its reader and size; refuses one that does not exist
    /// or is not a regular file (a link is followed to a regular file only).
    func openExport(_ export: String, mappingPath: String) throws -> (reader: CSVReader, size: Int) {
        let absolute = URL(fileURLWithPath: export).standardizedFileURL.path
        switch RegularFile.kindFollowingLinks(at: export) {
        case .regular:
            break
        case .missing:
            throw IngestError.mapping(file: mappingPath, message: "the export named by `file` does not exist (looked for \(absolute)); `file` is relative to the mapping file's folder")
        case let kind:
            throw IngestError.mapping(file: mappingPath, message: "the export named by `file` (\(absolute)) is \(kind.description), not a regular file: the engine reads only regular files; save the export to a file and name that")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(path: export, displayName: export)
        } catch let error as CSVError {
            throw IngestError.unreadable(error)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: export)[.size] as? NSNumber)?.intValue ?? 0
        return (reader, size)
    }
}
