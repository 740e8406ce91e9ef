public import Foundation
public import ImpactStore

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
    /// How each instrument's scores were made (`survey_constructs.scoring`, schema/migrations/010), by
    /// instrument_id: the method text says how many items a score needs.
    public let instrumentScoring: [String: ScoringRule]

    /// Provenance from its parts (tests and fixed golden reports).
    public init(engineVersion: String, imports: [Import], generatedAt: String, instrumentScoring: [String: ScoringRule] = [:]) {
        self.engineVersion = engineVersion
        self.imports = imports
        self.generatedAt = generatedAt
        self.instrumentScoring = instrumentScoring
    }

    /// Reads the imports log and the instruments' scoring rules.
    public static func read(from backend: any AnalysisBackend, generatedAt date: Date) throws -> Provenance {
        let stored = try backend.read { snapshot in try snapshot.provenance() }
        let formatter = ISO8601DateFormatter()
        return Provenance(
            engineVersion: ImpactVersion.current,
            imports: stored.imports.map {
                Import(path: $0.path, kind: $0.kind, sha256: $0.sha256, rows: $0.rows, rejected: $0.rejected, finishedAt: $0.finishedAt)
            },
            generatedAt: formatter.string(from: date),
            instrumentScoring: stored.instrumentScoring)
    }
}
