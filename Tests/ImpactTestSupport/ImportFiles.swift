public import Foundation
public import ImpactIngest
public import ImpactStore

/// Writes each of `files` (kind, CSV text) to its contract name (`survey_items.csv`) in
/// `folder` and imports it into `database` with `testHasher` and `options`, in order; returns
/// each import's summary.
@discardableResult
public func importFiles(_ files: [(FileKind, String)], into database: ImpactDatabase, folder: URL,
                        options: HeaderOptions = HeaderOptions()) throws -> [ImportSummary] {
    let importer = Importer(database: database, hasher: testHasher)
    return try files.map { kind, text in
        try importer.importFile(at: write(text, to: kind.fileName, in: folder), as: kind, options: options)
    }
}
