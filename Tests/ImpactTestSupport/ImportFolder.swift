public import Foundation
public import ImpactIngest
public import ImpactStore
public import Testing

/// Imports with `importer` every file that `impact import FOLDER` would import from `folder`,
/// in its plan's order (parents first); returns each import's summary.
@discardableResult
public func importFolder(_ folder: URL, with importer: Importer) throws -> [ImportSummary] {
    try ImportPlan(arguments: [folder.path]).items.map { try importer.importItem($0) }
}

/// Imports `folder` as `importFolder(_:with:)` does into `database`, with `testHasher`.
@discardableResult
public func importFolder(_ folder: URL, into database: ImpactDatabase) throws -> [ImportSummary] {
    try importFolder(folder, with: Importer(database: database, hasher: testHasher))
}

/// `database`, or a fresh in-memory one (every migration run), with `folder` imported as
/// `importFolder(_:into:)` does; an issue is recorded for each file with rows rejected.
public func importedDatabase(_ folder: URL, into database: ImpactDatabase? = nil,
                             sourceLocation: SourceLocation = #_sourceLocation) throws -> ImpactDatabase {
    let database = try database ?? ImpactDatabase.inMemory()
    for summary in try importFolder(folder, into: database) {
        #expect(summary.rejected == 0, "\(summary.path): \(summary.rejected) rows rejected", sourceLocation: sourceLocation)
    }
    return database
}
