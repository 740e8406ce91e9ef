import Foundation
import GRDB
import ImpactIngest
import ImpactStore

/// A fresh temporary folder for one test.
func makeTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("impact-check-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A hasher with a fixed test key, so no key file is touched.
let testHasher = KeyedHasher(environment: ["IMPACT_ID_KEY": "check-test-key-0123456789"])

/// Imports `files` (kind, CSV text), in order, into `database` through the production importer;
/// a column named `note` is kept by name (files about people keep no unknown column otherwise).
func importFiles(_ files: [(FileKind, String)], into database: ImpactDatabase, folder: URL) throws {
    let importer = Importer(database: database, hasher: testHasher)
    for (kind, text) in files {
        let url = folder.appendingPathComponent("\(kind.rawValue).csv")
        try Data(text.utf8).write(to: url)
        _ = try importer.importFile(at: url.path, as: kind, options: HeaderOptions(keep: ["note"]))
    }
}
