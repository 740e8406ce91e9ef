import Foundation

/// How report.md and report.html write the figures of a table cell: percentages, means and
/// p-values for reading, from the CSV text (exact or public). A suppressed cell stays `..`.
struct ReportFormat: Sendable {
    /// Whether the tables are the public ones (coarser digits, as published).
    let isPublic: Bool

    /// A proportion as a percentage: one decimal in internal reports, whole in public ones.
    func percent(_ text: String) -> String {
        if text == Disclosure.suppressed { return text }
        guard let value = Double(text) else { return "" }
        return String(format: isPublic ? "%.0f%%" : "%.1f%%", value * 100)
    }

    /// A number to `digits` decimals.
    func fixed(_ text: String, _ digits: Int) -> String {
        if text == Disclosure.suppressed { return text }
        guard let value = Double(text) else { return "" }
        let written = String(format: "%.\(digits)f", value)
        return Double(written) == 0 ? String(format: "%.\(digits)f", 0.0) : written
    }

    /// A p-value: three decimals or `<0.001` (public tables already hold two significant figures).
    func pValue(_ text: String) -> String {
        if text == Disclosure.suppressed || text.hasPrefix("<") { return text }
        guard let value = Double(text) else { return "" }
        if isPublic { return text }
        return value < 0.001 ? "<0.001" : String(format: "%.3f", value)
    }

    /// An interval "low to high", or `..` when suppressed, empty when undefined.
    func interval(_ low: String, _ high: String, digits: Int? = nil) -> String {
        if low == Disclosure.suppressed || high == Disclosure.suppressed { return Disclosure.suppressed }
        let lowText = digits.map { fixed(low, $0) } ?? percent(low)
        let highText = digits.map { fixed(high, $0) } ?? percent(high)
        guard !lowText.isEmpty, !highText.isEmpty else { return "" }
        return "\(lowText) to \(highText)"
    }
}
