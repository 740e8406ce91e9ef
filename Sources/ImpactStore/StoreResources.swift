import Foundation

/// The SQL files shipped with the engine: migrations in `schema/`, named queries in `queries/`.
public enum StoreResources {
    /// One SQL file bundled with the engine.
    public struct SQLFile: Sendable, Equatable {
        /// The file name without `.sql`, e.g. `001_core`.
        public let name: String
        /// The file's SQL text.
        public let sql: String
    }

    /// The migrations of `schema/`, in the order of their numbered names.
    public static func migrations() throws -> [SQLFile] {
        try sqlFiles(in: "schema")
    }

    /// The named queries of `queries/`, sorted by name.
    public static func namedQueries() throws -> [SQLFile] {
        try sqlFiles(in: "queries")
    }

    /// The SQL files of a subfolder of `queries/` (e.g. `check`), sorted by name.
    public static func queries(in subfolder: String) throws -> [SQLFile] {
        try sqlFiles(in: "queries/" + subfolder)
    }

    /// The SQL of `queries/<path>.sql`, e.g. `analysis/people` (the engine's own queries live in
    /// subfolders of `queries/`; the named queries users run are its top-level files).
    public static func query(_ path: String) throws -> String {
        try text(at: "queries/\(path).sql")
    }

    /// The text of one bundled resource file, by its path from the package root, e.g.
    /// `queries/metrics.yaml` (the metric registry) or `schema/dictionary.yaml` (the data dictionary).
    public static func text(at relativePath: String) throws -> String {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent(relativePath),
              let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else {
            throw StoreError.missingResource(relativePath)
        }
        return text
    }

    static func sqlFiles(in folder: String) throws -> [SQLFile] {
        guard let base = Bundle.module.resourceURL?.appendingPathComponent(folder) else {
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
