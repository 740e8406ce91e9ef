import Foundation
import ImpactIngest
import ImpactQuery
import ImpactStore
import ImpactSynthetic
import Testing

private let hasher = KeyedHasher(environment: ["IMPACT_ID_KEY": "impact-query-tests-0123456789"])

/// A fresh folder, removed after `body`.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("impact-query-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// `database` with every contract file of `folder` imported.
@discardableResult
func importFolder(_ folder: URL, into database: ImpactDatabase) throws -> ImpactDatabase {
    let importer = Importer(database: database, hasher: hasher)
    for kind in FileKind.allCases {
        let path = folder.appendingPathComponent(kind.fileName).path
        guard FileManager.default.fileExists(atPath: path) else { continue }
        _ = try importer.importFile(at: path, as: kind)
    }
    return database
}

/// SyntheticDataset(participants: 400, seed: 11) imported into a fresh in-memory database (every migration run).
func syntheticDatabase() throws -> ImpactDatabase {
    try withTemporaryFolder { folder in
        _ = try SyntheticDataset(participants: 400, seed: 11).write(to: folder)
        return try importFolder(folder, into: ImpactDatabase.inMemory())
    }
}

/// The synthetic database, made once for the suites that only read it.
let sharedSynthetic: Result<ImpactDatabase, any Error> = Result { try syntheticDatabase() }

/// The shared synthetic database, read through `ReadOnlyStore`.
func syntheticStore() throws -> ReadOnlyStore {
    ReadOnlyStore(reading: try sharedSynthetic.get())
}

/// The text of a value, for comparisons with the report's cells.
extension ResultValue {
    var number: Double? {
        switch self {
        case let .integer(value): return Double(value)
        case let .real(value): return value
        default: return nil
        }
    }
}
