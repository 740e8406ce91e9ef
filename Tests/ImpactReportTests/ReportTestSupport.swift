import Foundation
import ImpactAnalysis
import ImpactReport
import ImpactStore
import ImpactTestSupport
import Testing

/// SyntheticDataset(participants: 400, seed: 11) imported once into an in-memory database
/// (`SyntheticDatabase.small`, which these tests only read), and its exact report tables: the
/// small fixed dataset of the golden files.
enum SmallDataset {
    static let loaded: Result<(database: ImpactDatabase, tables: [OutputTable], provenance: Provenance), any Error> = Result {
        let database = try SyntheticDatabase.small.get().database
        let tables = try Analysis(database: database).reportTables()
        // Provenance as read, with what changes from run to run (folder, times) fixed.
        let read = try Provenance.read(from: database, generatedAt: Date(timeIntervalSince1970: 0))
        let provenance = Provenance(
            engineVersion: "test", imports: read.imports.map {
                Provenance.Import(path: ($0.path as NSString).lastPathComponent, kind: $0.kind, sha256: $0.sha256,
                                  rows: $0.rows, rejected: $0.rejected, finishedAt: "2026-01-01T00:00:00Z")
            }, generatedAt: "2026-01-01T00:00:00Z")
        return (database, tables, provenance)
    }

    /// Writes the report (exact or public, whole or one programme) into a fresh folder.
    static func writeReport(isPublic: Bool, scope: AnalysisScope = AnalysisScope(), templates: URL? = nil) throws -> URL {
        let data = try loaded.get()
        let folder = try makeTemporaryFolder().appendingPathComponent("report")
        let tables = scope == AnalysisScope() ? data.tables : try Analysis(database: data.database, scope: scope).reportTables()
        _ = try ReportWriter(database: data.database, scope: scope, isPublic: isPublic, templateFolder: templates)
            .write(tables, provenance: data.provenance, to: folder)
        return folder
    }
}

/// A golden file of the tests' Fixtures/golden folder. With IMPACT_UPDATE_GOLDEN=1 in the
/// environment, `actual` is written to the source tree's copy instead (then review the diff).
func expectGolden(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if ProcessInfo.processInfo.environment["IMPACT_UPDATE_GOLDEN"] == "1" {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden/\(name)")
        try FileManager.default.createDirectory(at: source.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: source)
        return
    }
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/golden"),
                           "missing golden file \(name); run with IMPACT_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
    let expected = try String(contentsOf: url, encoding: .utf8)
    if actual != expected {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
        let line = (first?.offset ?? min(actualLines.count, expectedLines.count)) + 1
        let expectedLine = first.map { String($0.element.1) } ?? "(end)"
        let actualLine = first.map { String($0.element.0) } ?? "(end)"
        Issue.record(Comment(rawValue: "\(name) differs from its golden file at line \(line):\nexpected: \(expectedLine)\nactual:   \(actualLine)"),
                     sourceLocation: sourceLocation)
    }
}
