public import ImpactStore
import ImpactStatistics

extension ResultValue {
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
