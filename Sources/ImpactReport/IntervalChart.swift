import Foundation

/// A dot-and-whisker chart as SVG: one row per estimate with its 95% interval, an optional
/// reference mark per row (a benchmark) and an optional reference line (zero). Readable without
/// colour: the estimate is a filled circle, the reference an open diamond, each explained in a
/// legend, and every row carries its figures as text.
struct IntervalChart {
    /// One row.
    struct Row {
        let label: String
        let value: Double?
        let low: Double?
        let high: Double?
        let reference: Double?
        /// The figures as text beside the row (or why they are not shown).
        let text: String
    }

    let identifier: String
    let title: String
    let description: String
    let axisLabel: String
    let rows: [Row]
    /// A vertical line across every row (0 for a change), if any.
    let zeroLine: Double?
    /// What the per-row reference mark means, if rows have one.
    let referenceLabel: String?
    /// Values are proportions, shown as percentages on the axis.
    let percentAxis: Bool

    static let width = 860.0
    static let left = 230.0
    static let right = 260.0
    static let top = 64.0
    static let rowHeight = 26.0
    static let bottom = 64.0

    func svg() -> String {
        let plotWidth = Self.width - Self.left - Self.right
        let height = Self.top + Double(max(rows.count, 1)) * Self.rowHeight + Self.bottom
        let (lower, upper) = domain()
        func x(_ value: Double) -> Double { Self.left + (value - lower) / (upper - lower) * plotWidth }
        var svg = SVG(width: Self.width, height: height, title: title, description: description, identifier: identifier)
        svg.text(title, x: 12, y: 24, size: 16, weight: "bold")
        // Axis with ticks and its label.
        let axisY = Self.top + Double(max(rows.count, 1)) * Self.rowHeight + 6
        svg.line(x1: Self.left, y1: axisY, x2: Self.left + plotWidth, y2: axisY, stroke: "#333")
        for tick in SVG.ticks(lower, upper) {
            svg.line(x1: x(tick), y1: axisY, x2: x(tick), y2: axisY + 5, stroke: "#333")
            svg.line(x1: x(tick), y1: Self.top - 4, x2: x(tick), y2: axisY, stroke: "#ddd", dash: "2,3")
            svg.text(percentAxis ? String(format: "%.0f%%", tick * 100) : SVG.number(tick), x: x(tick), y: axisY + 18, size: 11, anchor: "middle")
        }
        svg.text(axisLabel, x: Self.left + plotWidth / 2, y: axisY + 36, size: 12, anchor: "middle")
        if let zeroLine, zeroLine >= lower, zeroLine <= upper {
            svg.line(x1: x(zeroLine), y1: Self.top - 8, x2: x(zeroLine), y2: axisY, stroke: "#000", width: 1.5)
        }
        // Legend.
        var legendX = Self.left
        svg.circle(x: legendX, y: 44, radius: 5, fill: "#1f4e79")
        svg.text("estimate with 95% interval", x: legendX + 10, y: 48, size: 11)
        legendX += 190
        if let referenceLabel {
            svg.diamond(x: legendX, y: 44, size: 6)
            svg.text(referenceLabel, x: legendX + 10, y: 48, size: 11)
        }
        if rows.isEmpty { svg.text("No data in scope.", x: Self.left, y: Self.top + 16, size: 12) }
        for (index, row) in rows.enumerated() {
            let y = Self.top + Double(index) * Self.rowHeight + Self.rowHeight / 2
            if index % 2 == 0 {
                svg.rect(x: 4, y: y - Self.rowHeight / 2, width: Self.width - 8, height: Self.rowHeight, fill: "#f4f4f4")
            }
            svg.text(row.label, x: Self.left - 10, y: y + 4, size: 12, anchor: "end")
            if let low = row.low, let high = row.high {
                svg.line(x1: x(low), y1: y, x2: x(high), y2: y, stroke: "#1f4e79", width: 2)
                svg.line(x1: x(low), y1: y - 5, x2: x(low), y2: y + 5, stroke: "#1f4e79", width: 2)
                svg.line(x1: x(high), y1: y - 5, x2: x(high), y2: y + 5, stroke: "#1f4e79", width: 2)
            }
            if let value = row.value { svg.circle(x: x(value), y: y, radius: 5, fill: "#1f4e79") }
            if let reference = row.reference { svg.diamond(x: x(reference), y: y, size: 6) }
            svg.text(row.text, x: Self.left + plotWidth + 10, y: y + 4, size: 11)
        }
        return svg.document()
    }

    /// The axis range: every value, limit and reference, with a margin, and zero when drawn.
    func domain() -> (Double, Double) {
        var values = rows.flatMap { [$0.value, $0.low, $0.high, $0.reference].compactMap { $0 } }
        if let zeroLine { values.append(zeroLine) }
        if percentAxis { values += [0, 1] }
        guard var lower = values.min(), var upper = values.max() else { return (0, 1) }
        if upper - lower < 1e-9 { lower -= 0.5; upper += 0.5 }
        let margin = percentAxis ? 0 : (upper - lower) * 0.05
        return (lower - margin, upper + margin)
    }
}
