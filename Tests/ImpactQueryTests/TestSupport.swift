import ImpactQuery
import ImpactTestSupport

/// The shared synthetic database (`SyntheticDatabase.small`), read through `ReadOnlyStore`.
func syntheticStore() throws -> ReadOnlyStore {
    ReadOnlyStore(reading: try SyntheticDatabase.small.get().database)
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
