import Foundation
import GRDB
import ImpactAnalysis
import ImpactStore

/// Writes a report folder: the CSV tables (the contract's and the extensions), `report.md` and
/// a self-contained `report.html` rendered from Mustache templates, and the SVG charts they
/// show in `charts/`. In public mode every table, sentence and chart is built from the tables
/// with the contract's publication rules applied (`PublicTables`).
public struct ReportWriter: Sendable {
    /// The database reported on.
    public let database: ImpactDatabase
    /// The programme-years covered.
    public let scope: AnalysisScope
    /// Whether to apply the publication rules.
    public let isPublic: Bool
    /// The templates used.
    public let templates: ReportTemplates

    /// A writer for `database` limited to `scope`; `templateFolder` overrides shipped templates.
    public init(database: ImpactDatabase, scope: AnalysisScope = AnalysisScope(), isPublic: Bool = false, templateFolder: URL? = nil) throws {
        self.database = database
        self.scope = scope
        self.isPublic = isPublic
        self.templates = try ReportTemplates(override: templateFolder)
    }

    /// The files written, in order.
    public struct Written: Sendable, Equatable {
        /// Paths of the CSV tables.
        public let tables: [String]
        /// Path of report.md.
        public let report: String
        /// Path of report.html.
        public let html: String
        /// Paths of the SVG charts.
        public let charts: [String]
    }

    /// Computes the tables and writes them, with report.md, report.html and the charts, into
    /// `folder` (created if needed).
    public func write(to folder: URL, generatedAt date: Date = Date()) throws -> Written {
        let exact = try Analysis(database: database, scope: scope).reportTables()
        // A one-year report compares its headlines with the year before, read on its own.
        var previous: [OutputTable] = []
        if let year = scope.year {
            previous = try Analysis(database: database, scope: AnalysisScope(programme: scope.programme, year: year - 1))
                .reachOutcomeTables().all.filter { ["reach.csv", "funnel.csv", "outcomes.csv"].contains($0.name) }
        }
        let provenance = try Provenance.read(from: database, generatedAt: date)
        return try write(exact, previous: previous, provenance: provenance, to: folder)
    }

    /// Writes a report of tables already computed (exact; made public here in public mode), with
    /// the year before's reach, funnel and outcomes tables for a one-year report's headlines.
    public func write(_ exact: [OutputTable], previous: [OutputTable] = [], provenance: Provenance, to folder: URL) throws -> Written {
        let tables: [OutputTable]
        var suppression: (primary: Int, secondary: Int)?
        if isPublic {
            let published = try PublicTables(exact)
            tables = published.tables
            suppression = (published.primarySuppressed, published.secondarySuppressed)
        } else {
            tables = exact
        }
        let earlier = isPublic && !previous.isEmpty ? try PublicTables(previous).tables : previous
        let format = ReportFormat(isPublic: isPublic)
        let chartsFolder = folder.appendingPathComponent("charts")
        do {
            try FileManager.default.createDirectory(at: chartsFolder, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: chartsFolder.path, detail: error.localizedDescription)
        }
        var paths: [String] = []
        for table in tables {
            let url = folder.appendingPathComponent(table.name)
            try Self.write(table.csv(), to: url)
            paths.append(url.path)
        }
        let draft = ReportModel(tables: tables, scope: scope, provenance: provenance, format: format, charts: [], suppression: suppression)
        let charts = ReportCharts.make(tables: tables, focusYear: draft.focusYear, format: format)
        var chartPaths: [String] = []
        for chart in charts {
            let url = folder.appendingPathComponent(chart.path)
            try Self.write(chart.svg, to: url)
            chartPaths.append(url.path)
        }
        let context = ReportModel(tables: tables, scope: scope, provenance: provenance, format: format, charts: charts,
                                  suppression: suppression, previous: earlier).context()
        let reportURL = folder.appendingPathComponent("report.md")
        try Self.write(try templates.render("report.md", context), to: reportURL)
        let htmlURL = folder.appendingPathComponent("report.html")
        try Self.write(try templates.render("report.html", context), to: htmlURL)
        return Written(tables: paths, report: reportURL.path, html: htmlURL.path, charts: chartPaths)
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
    /// A template is missing, unreadable or not valid Mustache.
    case template(path: String, detail: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, detail): return "\(path): cannot write (\(detail)); check that the folder is writable"
        case let .template(path, detail): return "\(path): template \(detail)"
        }
    }
}

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
