import Foundation
import GRDB

extension ResultValue {
    /// The value SQLite returned.
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case let .int64(number): self = .integer(number)
        case let .double(number): self = .real(number)
        case let .string(text): self = .text(text)
        case let .blob(data): self = .blob(Array(data))
        }
    }

    /// The value to bind.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case let .integer(number): return number.databaseValue
        case let .real(number): return number.databaseValue
        case let .text(text): return text.databaseValue
        case let .blob(bytes): return Data(bytes).databaseValue
        }
    }
}
