import Foundation
import GRDB
import ImpactStore

/// Where the figures come from: the engine, the imports and when.
public struct Provenance: Sendable, Equatable {
    /// One imported file.
    public struct Import: Sendable, Equatable {
        /// The file's path as imported, its kind, sha256, rows read, rows rejected and when.
        public let path: String
        public let kind: String
        public let sha256: String
        public let rows: Int
        public let rejected: Int
        public let finishedAt: String

        /// An import as the imports log holds it.
        public init(path: String, kind: String, sha256: String, rows: Int, rejected: Int, finishedAt: String) {
            self.path = path
            self.kind = kind
            self.sha256 = sha256
            self.rows = rows
            self.rejected = rejected
            self.finishedAt = finishedAt
        }
    }

    /// The engine version.
    public let engineVersion: String
    /// The latest import of each path, oldest first.
    public let imports: [Import]
    /// When the report was generated (UTC, ISO 8601).
    public let generatedAt: String

    /// Provenance from its parts (tests and fixed golden reports).
    public init(engineVersion: String, imports: [Import], generatedAt: String) {
        self.engineVersion = engineVersion
        self.imports = imports
        self.generatedAt = generatedAt
    }

    /// Reads the imports log.
    public static func read(from database: ImpactDatabase, generatedAt date: Date) throws -> Provenance {
        let rows = try database.writer.read { db in
            try Row.fetchAll(db, sql: try StoreResources.query("report/provenance"))
        }
        let formatter = ISO8601DateFormatter()
        return Provenance(
            engineVersion: ImpactVersion.current,
            imports: rows.map { Import(path: $0[0], kind: $0[1], sha256: $0[2], rows: $0[3], rejected: $0[4], finishedAt: $0[5]) },
            generatedAt: formatter.string(from: date))
    }
}
