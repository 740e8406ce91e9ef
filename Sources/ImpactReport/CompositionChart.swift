import Foundation

/// A stacked bar chart as SVG: one bar per row, split into shares that add up to 100%.
/// Readable without colour: each part has its own pattern (solid, hatched, dotted), named in
/// the legend, and each part wide enough carries its percentage as text.
struct CompositionChart {
    /// One bar: its label and its parts' shares (nil: not shown, suppressed or unknown).
    struct Bar {
        let label: String
        let shares: [Double?]
        /// The figures as text beside the bar.
        let text: String
    }

    let identifier: String
    let title: String
    let description: String
    let axisLabel: String
    /// The parts' names, in stacking order (at most three: solid, hatched, dotted).
    let parts: [String]
    let bars: [Bar]

    static let width = 860.0
    static let left = 150.0
    static let right = 240.0
    static let top = 64.0
    static let rowHeight = 30.0

    /// The parts' fills; pattern ids carry the chart's identifier, unique within a page.
    var fills: [String] { ["#1f4e79", "url(#\(identifier)-hatched)", "url(#\(identifier)-dotted)"] }

    func svg() -> String {
        let plotWidth = Self.width - Self.left - Self.right
        let height = Self.top + Double(max(bars.count, 1)) * Self.rowHeight + 56
        var svg = SVG(width: Self.width, height: height, title: title, description: description, identifier: identifier)
        svg.define("""
            <pattern id="\(identifier)-hatched" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">\
            <rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#b35900" stroke-width="3"/></pattern>
            <pattern id="\(identifier)-dotted" patternUnits="userSpaceOnUse" width="6" height="6">\
            <rect width="6" height="6" fill="#ffffff"/><circle cx="3" cy="3" r="1.2" fill="#555555"/></pattern>
            """)
        svg.text(title, x: 12, y: 24, size: 16, weight: "bold")
        var legendX = Self.left
        for (index, part) in parts.enumerated() {
            svg.rect(x: legendX, y: 36, width: 14, height: 14, fill: fills[index % fills.count], stroke: "#333")
            svg.text(part, x: legendX + 20, y: 47, size: 11)
            legendX += 30 + Double(part.count) * 6.5
        }
        if bars.isEmpty { svg.text("No data in scope.", x: Self.left, y: Self.top + 18, size: 12) }
        for (index, bar) in bars.enumerated() {
            let y = Self.top + Double(index) * Self.rowHeight
            svg.text(bar.label, x: Self.left - 10, y: y + 19, size: 12, anchor: "end")
            var start = 0.0
            for (part, share) in bar.shares.enumerated() {
                guard let share, share > 0 else { continue }
                let width = share * plotWidth
                svg.rect(x: Self.left + start * plotWidth, y: y + 4, width: width, height: Self.rowHeight - 8,
                         fill: fills[part % fills.count], stroke: "#333")
                if width >= 34 {
                    let label = String(format: "%.0f%%", share * 100)
                    if part == 0 {
                        svg.text(label, x: Self.left + (start + share / 2) * plotWidth, y: y + 19, size: 11, anchor: "middle", weight: "bold", fill: "#ffffff")
                    } else {
                        // On a patterned part, the label sits on a white box so that it stays legible.
                        let middle = Self.left + (start + share / 2) * plotWidth
                        svg.rect(x: middle - 16, y: y + 8, width: 32, height: 14, fill: "#ffffff")
                        svg.text(label, x: middle, y: y + 19, size: 11, anchor: "middle")
                    }
                }
                start += share
            }
            svg.text(bar.text, x: Self.left + plotWidth + 10, y: y + 19, size: 11)
        }
        let axisY = Self.top + Double(max(bars.count, 1)) * Self.rowHeight + 4
        svg.line(x1: Self.left, y1: axisY, x2: Self.left + plotWidth, y2: axisY, stroke: "#333")
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let x = Self.left + tick * plotWidth
            svg.line(x1: x, y1: axisY, x2: x, y2: axisY + 5, stroke: "#333")
            svg.text(String(format: "%.0f%%", tick * 100), x: x, y: axisY + 18, size: 11, anchor: "middle")
        }
        svg.text(axisLabel, x: Self.left + plotWidth / 2, y: axisY + 36, size: 12, anchor: "middle")
        return svg.document()
    }
}
