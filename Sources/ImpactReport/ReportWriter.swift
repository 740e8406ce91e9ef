import Foundation
import GRDB
import ImpactAnalysis
import ImpactStore

/// Writes a report folder: the contract's CSV tables (and the extension tables) and
/// `report.md`, a Markdown summary of the same figures with the provenance of the data.
public struct ReportWriter: Sendable {
    /// The database reported on.
    public let database: ImpactDatabase
    /// The programme-years covered.
    public let scope: AnalysisScope

    /// A writer for `database` limited to `scope`.
    public init(database: ImpactDatabase, scope: AnalysisScope = AnalysisScope()) {
        self.database = database
        self.scope = scope
    }

    /// The files written, in order.
    public struct Written: Sendable, Equatable {
        /// Paths of the CSV tables.
        public let tables: [String]
        /// Path of report.md.
        public let report: String
    }

    /// Computes the tables and writes them, with report.md, into `folder` (created if needed).
    public func write(to folder: URL, generatedAt date: Date = Date()) throws -> Written {
        let tables = try Analysis(database: database, scope: scope).tables()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: folder.path, detail: error.localizedDescription)
        }
        var paths: [String] = []
        for table in tables {
            let url = folder.appendingPathComponent(table.name)
            try Self.write(table.csv(), to: url)
            paths.append(url.path)
        }
        let provenance = try Provenance.read(from: database, generatedAt: date)
        let markdown = MarkdownSummary(tables: tables, scope: scope, provenance: provenance).render()
        let reportURL = folder.appendingPathComponent("report.md")
        try Self.write(markdown, to: reportURL)
        return Written(tables: paths, report: reportURL.path)
    }

    static func write(_ text: String, to url: URL) throws {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ReportError.cannotWrite(path: url.path, detail: error.localizedDescription)
        }
    }
}

/// Why a report could not be written.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// A file or folder could not be written.
    case cannotWrite(path: String, detail: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, detail): return "\(path): cannot write (\(detail)); check that the folder is writable"
        }
    }
}

/// Where the figures come from: the engine, the imports and when.
public struct Provenance: Sendable, Equatable {
    /// One imported file.
    public struct Import: Sendable, Equatable {
        public let path: String
        public let kind: String
        public let sha256: String
        public let rows: Int
        public let rejected: Int
        public let finishedAt: String
    }

    /// The engine version.
    public let engineVersion: String
    /// The latest import of each path, oldest first.
    public let imports: [Import]
    /// When the report was generated (UTC, ISO 8601).
    public let generatedAt: String

    /// Reads the imports log.
    public static func read(from database: ImpactDatabase, generatedAt date: Date) throws -> Provenance {
        let rows = try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT path, file_kind, sha256, rows_read, rejected, finished_at FROM imports
                WHERE import_id IN (SELECT max(import_id) FROM imports GROUP BY path)
                ORDER BY import_id
                """)
        }
        let formatter = ISO8601DateFormatter()
        return Provenance(
            engineVersion: ImpactVersion.current,
            imports: rows.map { Import(path: $0[0], kind: $0[1], sha256: $0[2], rows: $0[3], rejected: $0[4], finishedAt: $0[5]) },
            generatedAt: formatter.string(from: date))
    }
}
