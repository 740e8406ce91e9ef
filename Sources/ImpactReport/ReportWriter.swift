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

    /// How many times the report's reads are made before giving up when the data keep changing.
    static let readAttempts = 3

    /// Computes the tables and writes them, with report.md, report.html and the charts, into
    /// `folder` (created if needed).
    ///
    /// The tables, the year before's tables and the provenance footer are separate reads. They
    /// are made again when an import or erasure committed between the first and the last (the
    /// data's version differs), so the report shows one state of the data, footer included.
    public func write(to folder: URL, generatedAt date: Date = Date()) throws -> Written {
        try write(to: folder, generatedAt: date, betweenReads: nil)
    }

    /// `betweenReads` runs after the tables are read and before the rest, for tests to change
    /// the data there.
    func write(to folder: URL, generatedAt date: Date, betweenReads: (() throws -> Void)?) throws -> Written {
        for _ in 0..<Self.readAttempts {
            let version = try Analysis.dataVersion(of: database)
            let exact = try Analysis(database: database, scope: scope).reportTables()
            try betweenReads?()
            // A one-year report compares its headlines with the year before, read on its own.
            var previous: [OutputTable] = []
            if let year = scope.year {
                previous = try Analysis(database: database, scope: AnalysisScope(programme: scope.programme, year: year - 1))
                    .reachOutcomeTables().all.filter { ["reach.csv", "funnel.csv", "outcomes.csv"].contains($0.name) }
            }
            let provenance = try Provenance.read(from: database, generatedAt: date)
            if try Analysis.dataVersion(of: database) == version {
                return try write(exact, previous: previous, provenance: provenance, to: folder)
            }
        }
        throw ReportError.dataKeptChanging(attempts: Self.readAttempts)
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
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw ReportError.cannotWrite(path: folder.path, detail: "it is a file; --out names a folder for the report's files")
        }
        // Every file is written into a staging folder inside `folder` first and moved into place
        // only when all are written, so an interrupted or failed report (Ctrl-C, a template
        // error, a full disk) leaves the previous report whole rather than half replaced.
        let fileManager = FileManager.default
        // A staging folder is named after its process; one whose process is gone was left by an
        // interrupted report (another report writing into this folder now keeps its own).
        for leftover in (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? [] where leftover.hasPrefix(Self.stagingPrefix) {
            let owner = leftover.dropFirst(Self.stagingPrefix.count).prefix { $0 != "-" }
            if let pid = Int32(owner), kill(pid, 0) == 0 || errno == EPERM { continue }
            try? fileManager.removeItem(at: folder.appendingPathComponent(leftover))
        }
        let staging = folder.appendingPathComponent(Self.stagingPrefix + "\(getpid())-" + UUID().uuidString)
        do {
            // The internal report holds exact small counts: like the database, only its owner
            // may read it, from the first byte written (docs/privacy.md).
            let mode: [FileAttributeKey: Any] = isPublic ? [:] : [.posixPermissions: 0o700]
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true, attributes: mode)
            try fileManager.createDirectory(at: staging.appendingPathComponent("charts"), withIntermediateDirectories: true, attributes: mode)
        } catch {
            throw ReportError.cannotWrite(path: folder.path, detail: systemReason(of: error) + "; check that the folder is writable")
        }
        defer { try? fileManager.removeItem(at: staging) }
        var written: [String] = []
        func stage(_ text: String, as name: String) throws {
            try Self.write(text, to: staging.appendingPathComponent(name))
            written.append(name)
        }
        // The CSV files are formatted and written at the same time (a tenth of the report's time).
        let names = tables.map(\.name)
        _ = try concurrently(tables.count) { try Self.write(tables[$0].csv(), to: staging.appendingPathComponent(names[$0])) }
        written += names
        // Which reach indicators nobody has recorded, from the exact tables (ReachRecording).
        let recording = ReachRecording(exactReach: exact.first { $0.name == "reach.csv" }, isPublic: isPublic)
        let draft = ReportModel(tables: tables, scope: scope, provenance: provenance, format: format, charts: [], suppression: suppression,
                                recording: recording)
        let charts = ReportCharts.make(tables: tables, focusYear: draft.focusYear, format: format, recording: recording)
        for chart in charts { try stage(chart.svg, as: chart.path) }
        let context = ReportModel(tables: tables, scope: scope, provenance: provenance, format: format, charts: charts,
                                  suppression: suppression, previous: earlier, recording: recording).context()
        try stage(try templates.render("report.md", context), as: "report.md")
        try stage(try templates.render("report.html", context), as: "report.html")
        // Into place: each a rename within one file system, replacing the file of the last report.
        do {
            try fileManager.createDirectory(at: folder.appendingPathComponent("charts"), withIntermediateDirectories: true)
            if !isPublic {
                for name in written { try fileManager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: staging.appendingPathComponent(name).path) }
                for owned in [folder, folder.appendingPathComponent("charts")] {
                    try fileManager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: owned.path)
                }
            }
        } catch {
            throw ReportError.cannotWrite(path: folder.path, detail: systemReason(of: error) + "; check that the folder is writable")
        }
        for name in written where rename(staging.appendingPathComponent(name).path, folder.appendingPathComponent(name).path) != 0 {
            throw ReportError.cannotWrite(path: folder.appendingPathComponent(name).path, detail: String(cString: strerror(errno)))
        }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        return Written(tables: names.map(path), report: path("report.md"), html: path("report.html"), charts: charts.map { path($0.path) })
    }

    /// The name that staging folders of a report being written start with.
    static let stagingPrefix = ".impact-report-"

    static func write(_ text: String, to url: URL) throws {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ReportError.cannotWrite(path: url.path, detail: systemReason(of: error) + "; check that the folder is writable and the disk has room")
        }
    }
}
