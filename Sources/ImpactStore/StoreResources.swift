import Foundation
import ImpactQueries
import ImpactSchema

/// The SQL files shipped with the engine, by their paths in the repository: the migrations in
/// `schema/migrations/`, the named queries users run in `queries/named/`, the data-quality checks in
/// `queries/check/` and the engine's own SQL in `queries/engine/` (the resources of the
/// `ImpactSchema` and `ImpactQueries` targets, whose paths are those two folders).
public enum StoreResources {
    /// One SQL file bundled with the engine.
    public struct SQLFile: Sendable, Equatable {
        /// The file name without `.sql`, e.g. `001_core`.
        public let name: String
        /// The file's SQL text.
        public let sql: String
    }

    /// The migrations of `schema/migrations/`, in the order of their numbered names.
    public static func migrations() throws -> [SQLFile] {
        try sqlFiles(in: "schema/migrations")
    }

    /// The named queries of `queries/named/`, sorted by name.
    public static func namedQueries() throws -> [SQLFile] {
        try sqlFiles(in: "queries/named")
    }

    /// The SQL files of a subfolder of `queries/` (e.g. `check`), sorted by name.
    public static func queries(in subfolder: String) throws -> [SQLFile] {
        try sqlFiles(in: "queries/" + subfolder)
    }

    /// The SQL of the engine's own `queries/engine/<path>.sql`, e.g. `analysis/people`.
    public static func query(_ path: String) throws -> String {
        try text(at: "queries/engine/\(path).sql")
    }

    /// The text of one bundled resource file, by its path in the repository, e.g.
    /// `queries/metrics.yaml` (the metric registry) or `schema/dictionary.yaml` (the data dictionary).
    public static func text(at relativePath: String) throws -> String {
        guard let url = url(of: relativePath),
              let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else {
            throw StoreError.missingResource(relativePath)
        }
        return text
    }

    /// Where the bundled copy of a repository path under `schema/` or `queries/` is.
    static func url(of relativePath: String) -> URL? {
        let components = relativePath.split(separator: "/", maxSplits: 1).map(String.init)
        guard components.count == 2 else { return nil }
        let folder: URL?
        switch components[0] {
        case "schema": folder = SchemaFolder.url
        case "queries": folder = QueryFolder.url
        default: folder = nil
        }
        return folder?.appendingPathComponent(components[1])
    }

    static func sqlFiles(in folder: String) throws -> [SQLFile] {
        guard let base = url(of: folder) else {
            throw StoreError.missingResource(folder)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: base.path)
        } catch {
            throw StoreError.missingResource(folder)
        }
        return try names.filter { $0.hasSuffix(".sql") }.sorted().map { name in
            let url = base.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path),
                  let sql = String(data: data, encoding: .utf8) else {
                throw StoreError.missingResource("\(folder)/\(name)")
            }
            return SQLFile(name: String(name.dropLast(4)), sql: sql)
        }
    }
}
