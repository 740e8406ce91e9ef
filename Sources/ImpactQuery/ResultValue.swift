public import GRDB
import ImpactStatistics

/// One cell of a query's result, as SQLite typed it.
public enum ResultValue: Sendable, Hashable {
    /// SQL NULL (an unknown or undefined value).
    case null
    /// An integer.
    case integer(Int64)
    /// A floating-point number.
    case real(Double)
    /// Text.
    case text(String)
    /// Bytes.
    case blob([UInt8])

    /// The value SQLite returned.
    public init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case let .int64(number): self = .integer(number)
        case let .double(number): self = .real(number)
        case let .string(text): self = .text(text)
        case let .blob(data): self = .blob(Array(data))
        }
    }

    /// An optional figure: nil is NULL.
    public init(_ number: Double?) {
        self = number.map(ResultValue.real) ?? .null
    }

    /// An optional count: nil is NULL.
    public init(_ number: Int?) {
        self = number.map { .integer(Int64($0)) } ?? .null
    }

    /// The value as a Double when it is a number.
    public var numericValue: Double? {
        switch self {
        case let .integer(number): return Double(number)
        case let .real(number): return number
        default: return nil
        }
    }

    /// Whether the value is a number (integer or real).
    public var isNumber: Bool {
        switch self {
        case .integer, .real: return true
        default: return false
        }
    }

    /// The value as plain text: numbers in full precision (the shortest decimal that reads back
    /// to the same double, as in reports), NULL empty, bytes as `x'…'` hex.
    public var text: String {
        switch self {
        case .null: return ""
        case let .integer(number): return String(number)
        case let .real(number):
            if number.isNaN { return "" }
            if number.isInfinite { return number > 0 ? "inf" : "-inf" }
            return shortestText(number)
        case let .text(text): return text
        case let .blob(bytes): return "x'" + bytes.map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined() + "'"
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
