import Foundation

/// One cell of a question's result, as the database typed it: the store's value type, with no
/// database library in it (ImpactQuery gives it its text).
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

    /// The value read as text: text, or bytes that are UTF-8 (as SQLite converts them); nil for
    /// NULL and numbers.
    public var stringValue: String? {
        switch self {
        case let .text(text): return text
        case let .blob(bytes): return String(data: Data(bytes), encoding: .utf8)
        default: return nil
        }
    }

    /// The value read as a whole number: an integer, or a real in range rounded toward zero; nil
    /// for NULL, text and bytes.
    public var int64Value: Int64? {
        switch self {
        case let .integer(number): return number
        case let .real(number):
            guard number >= Double(Int64.min), number < Double(Int64.max) else { return nil }
            return Int64(number)
        default: return nil
        }
    }

    /// The value read as an `Int` (``int64Value`` when it fits).
    public var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }
}
