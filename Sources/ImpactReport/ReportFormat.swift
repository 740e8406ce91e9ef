import Foundation
import ImpactAnalysis

/// How report.md and report.html write the figures of a table cell: percentages, means and
/// p-values for reading, from the cells (exact, or public: rounded text). A suppressed cell is
/// written `..`.
struct ReportFormat: Sendable {
    /// Whether the tables are the public ones (coarser digits, as published).
    let isPublic: Bool

    /// A proportion as a percentage: one decimal in internal reports, whole in public ones.
    func percent(_ cell: Cell) -> String {
        if cell == .suppressed { return Cell.suppressedMark }
        guard let value = Self.value(of: cell) else { return "" }
        return Self.decimals(value * 100, isPublic ? 0 : 1) + "%"
    }

    /// A number to `digits` decimals.
    func fixed(_ cell: Cell, _ digits: Int) -> String {
        if cell == .suppressed { return Cell.suppressedMark }
        guard let value = Self.value(of: cell) else { return "" }
        return Self.decimals(value, digits)
    }

    /// `value` to `digits` decimals, an exact half rounded away from zero (3.125 → 3.13, as a
    /// reader rounds; printf would give 3.12), never `-0.00`.
    static func decimals(_ value: Double, _ digits: Int) -> String {
        let scale = pow(10, Double(digits))
        let rounded = abs(value) < 1e15 ? (value * scale).rounded(.toNearestOrAwayFromZero) / scale : value
        return String(format: "%.\(digits)f", rounded == 0 ? 0 : rounded)
    }

    /// A p-value: three decimals or `<0.001` (public tables already hold two significant figures).
    func pValue(_ cell: Cell) -> String {
        if cell == .suppressed { return Cell.suppressedMark }
        if case let .text(text) = cell, text.hasPrefix("<") { return text }
        guard let value = Self.value(of: cell) else { return "" }
        if isPublic { return cell.text }
        return value < 0.001 ? "<0.001" : Self.decimals(value, 3)
    }

    /// An interval "low to high", or `..` when suppressed, empty when undefined.
    func interval(_ low: Cell, _ high: Cell, digits: Int? = nil) -> String {
        if low == .suppressed || high == .suppressed { return Cell.suppressedMark }
        let lowText = digits.map { fixed(low, $0) } ?? percent(low)
        let highText = digits.map { fixed(high, $0) } ?? percent(high)
        guard !lowText.isEmpty, !highText.isEmpty else { return "" }
        return "\(lowText) to \(highText)"
    }

    /// A cell's number: a figure's own value, or the number a public table's rounded text reads as.
    static func value(of cell: Cell) -> Double? {
        switch cell {
        case let .number(value): return value.flatMap { $0.isNaN ? nil : $0 }
        case let .integer(value): return Double(value)
        case let .text(text): return Double(text)
        case .empty, .suppressed: return nil
        }
    }
}
