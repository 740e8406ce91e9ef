import GRDB
import ImpactQuery
@testable import ImpactStore
import ImpactTestSupport

/// The shared synthetic database (`SyntheticDatabase.small`), read through `ReadOnlyStore`.
func syntheticStore() throws -> ReadOnlyStore {
    ReadOnlyStore(reading: try SyntheticDatabase.small.get().database)
}

extension ReadOnlyStore {
    /// Runs `body` in one read transaction of the store's own connection, for tests that look
    /// past the questions (what SQLite itself allows, or the data as it is).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try reader.read(body)
    }
}

/// The questions' reader of the read transaction `db` is in, so that a test can ask a question
/// and look at the data in one snapshot.
func questions(_ db: Database) -> any QuestionReader {
    SQLiteQuestionReader(db: db)
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
