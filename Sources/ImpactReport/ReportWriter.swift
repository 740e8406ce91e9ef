public import Foundation
public import ImpactAnalysis
public import ImpactStore

/// Writes a report folder: the CSV tables (the contract's and the extensions), `report.md` and
/// a self-contained `report.html` rendered from Mustache templates, and the SVG charts they
/// show in `charts/`. In public mode every table, sentence and chart is built from the tables
/// with the contract's publication rules applied (`PublicTables`).
public struct ReportWriter: Sendable {
    /// The store reported on.
    public let backend: any AnalysisBackend
    /// The programme-years covered.
    public let scope: AnalysisScope
    /// Whether to apply the publication rules.
    public let isPublic: Bool
    /// The templates used.
    public let templates: ReportTemplates

    /// A writer for `backend` limited to `scope`; `templateFolder` overrides shipped templates.
    public init(backend: any AnalysisBackend, scope: AnalysisScope = AnalysisScope(), isPublic: Bool = false,
                templateFolder: URL? = nil) throws {
        self.backend = backend
        self.scope = scope
        self.isPublic = isPublic
        self.templates = try ReportTemplates(override: templateFolder)
    }

    /// A writer for `database` limited to `scope`; `templateFolder` overrides shipped templates.
    public init(database: ImpactDatabase, scope: AnalysisScope = AnalysisScope(), isPublic: Bool = false, templateFolder: URL? = nil) throws {
        try self.init(backend: database, scope: scope, isPublic: isPublic, templateFolder: templateFolder)
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
        /// Earlier report folders beside this one that were not removed because they hold files
        /// a report does not write (one that appeared while it was replaced, say).
        public let leftAlone: [String]
    }

    /// How many times the report's reads are made before giving up when the data keep changing.
    static let readAttempts = 3

    /// Computes the tables and writes them, with report.md, report.html and the charts, into
    /// `folder` (created if needed).
    ///
    /// The tables, the year before's tables and the provenance footer are separate reads. They
    /// are made again when an import or erasure committed between the first and the last (the
    /// data's version differs: `AnalysisBackend.readUnchanged`), so the report shows one state of
    /// the data, footer included.
    public func write(to folder: URL, generatedAt date: Date = Date()) throws -> Written {
        try write(to: folder, generatedAt: date, betweenReads: nil)
    }

    /// `betweenReads` runs after the tables are read and before the rest, for tests to change
    /// the data there.
    func write(to folder: URL, generatedAt date: Date, betweenReads: (() throws -> Void)?) throws -> Written {
        let read = try backend.readUnchanged(attempts: Self.readAttempts) {
            let exact = try Analysis(backend: backend, scope: scope).reportTables()
            try betweenReads?()
            // A one-year report compares its headlines with the year before, read on its own.
            var previous: [OutputTable] = []
            if let year = scope.year {
                previous = try Analysis(backend: backend, scope: AnalysisScope(programme: scope.programme, year: year - 1))
                    .reachOutcomeTables().all.filter { ["reach.csv", "funnel.csv", "outcomes.csv"].contains($0.name) }
            }
            return (exact, previous, try Provenance.read(from: backend, generatedAt: date))
        }
        guard let (exact, previous, provenance) = read else { throw ReportError.dataKeptChanging(attempts: Self.readAttempts) }
        return try write(exact, previous: previous, provenance: provenance, to: folder)
    }

    /// Writes a report of tables already computed (exact; made public here in public mode), with
    /// the year before's reach, funnel and outcomes tables for a one-year report's headlines.
    public func write(_ exact: [OutputTable], previous: [OutputTable] = [], provenance: Provenance, to folder: URL) throws -> Written {
        try write(exact, previous: previous, provenance: provenance, to: folder, afterWriting: nil)
    }

    /// `afterWriting` runs after each file is written into the staging folder, with its name,
    /// for tests to fail the report there.
    func write(_ exact: [OutputTable], previous: [OutputTable] = [], provenance: Provenance, to folder: URL,
               afterWriting: (@Sendable (String) throws -> Void)?) throws -> Written {
        let tables: [OutputTable]
        var suppression: (primary: Int, secondary: Int)?
        if isPublic {
            let published = PublicTables(exact)
            tables = published.tables
            suppression = (published.primarySuppressed, published.secondarySuppressed)
        } else {
            tables = exact
        }
        let earlier = isPublic && !previous.isEmpty ? PublicTables(previous).tables : previous
        let format = ReportFormat(isPublic: isPublic)
        let names = tables.map(\.name)
        // The whole folder is written beside the old one and swapped in with one rename, so a
        // report that fails or is killed (Ctrl-C, a template error, a full disk) leaves the
        // previous report whole or the new one whole, never a mix (docs/reliability.md).
        let destination = try ReportFolder(folder, reportFiles: Set(names + ["report.md", "report.html"]))
        var leftAlone = destination.clearLeftovers()
        try destination.checkHoldsOnlyAReport()
        // The internal report holds exact small counts: like the database, only its owner may
        // read it, from the first byte written (docs/privacy.md).
        let staging = try destination.makeStaging(isOwnerOnly: !isPublic)
        var isInPlace = false
        defer { if !isInPlace { _ = destination.removeReport(at: staging.path) } }
        @Sendable func stage(_ text: String, as name: String) throws {
            try staging.write(text, as: name)
            try afterWriting?(name)
        }
        // The CSV files are formatted and written at the same time: formatting them is a large part
        // of the writing (docs/performance.md, "Report rendering").
        _ = try concurrently(tables.count) { try stage(tables[$0].csv(), as: names[$0]) }
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
        if let kept = try destination.replace(with: staging) { leftAlone.append(kept) }
        isInPlace = true
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        return Written(tables: names.map(path), report: path("report.md"), html: path("report.html"), charts: charts.map { path($0.path) },
                       leftAlone: leftAlone)
    }
}
