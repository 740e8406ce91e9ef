import Foundation
public import ImpactIngest
public import ImpactStore
public import ImpactSynthetic

/// A synthetic dataset written to a temporary folder (removed after) and imported into a fresh
/// in-memory database (every migration run) as `importFolder(_:into:)` does.
public struct SyntheticDatabase: Sendable {
    /// The database with the dataset imported.
    public let database: ImpactDatabase
    /// The rows written to each file, by file name, as `SyntheticDataset.write(to:)` counts them.
    public let rowsWritten: [String: Int]
    /// Each file's import, in order.
    public let imports: [ImportSummary]

    /// `dataset` (the small fixed dataset of the golden files unless given) imported afresh.
    public init(_ dataset: SyntheticDataset = SyntheticDataset(participants: 400, seed: 11)) throws {
        let database = try ImpactDatabase.inMemory()
        (rowsWritten, imports) = try withTemporaryFolder { folder in
            let rows = try dataset.write(to: folder)
            return (rows, try importFolder(folder, into: database))
        }
        self.database = database
    }

    /// SyntheticDataset(participants: 400, seed: 11) imported once, for the tests that only read it.
    public static let small: Result<SyntheticDatabase, any Error> = Result { try SyntheticDatabase() }
}
