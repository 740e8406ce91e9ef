import Foundation

/// The data contract's publication rules (the HESA convention), one figure at a time:
/// counts rounded to 5, rates over small denominators and means over few people not shown,
/// p-values to two significant figures. `PublicTables` applies them to whole tables, with
/// secondary suppression (docs/reports.md).
public enum Disclosure {
    /// A rate or percentage is shown only when its denominator is at least this (22.5 rounded up).
    public static let minimumRateDenominator = 23

    /// A mean, SD, effect size or alpha is shown only when based on at least this many people
    /// (the contract: not shown when based on 7 or fewer).
    public static let minimumMeanCount = 8

    /// A count rounded to the nearest 5, halves up: 0, 1 and 2 become 0, 3 to 7 become 5,
    /// 8 to 12 become 10. Negative counts (none in the tables) round symmetrically.
    public static func roundedCount(_ count: Int) -> Int {
        count < 0 ? -roundedCount(-count) : (count + 2) / 5 * 5
    }

    /// Whether a rate over `denominator` may be shown (denominator of 22.5 or more).
    public static func showsRate(denominator: Int) -> Bool {
        Double(denominator) >= 22.5
    }

    /// Whether a mean or effect size over `count` people may be shown (more than 7).
    public static func showsMean(count: Int) -> Bool {
        count > 7
    }

    /// A p-value to two significant figures, or `<0.001`; empty when undefined.
    public static func pValueText(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value < 0.001 { return "<0.001" }
        if value >= 1 { return "1" }
        // Two significant figures, then the shortest text of the rounded decimal (0.05, 0.0012).
        let exponent = Int(floor(log10(value)))
        let scale = pow(10.0, Double(1 - exponent))
        let rounded = (value * scale).rounded(.toNearestOrAwayFromZero) / scale
        return rounded >= 1 ? "1" : fixed(rounded, digits: max(0, 1 - exponent))
    }

    /// A proportion as published: two decimals (a whole percentage point), so that a rate
    /// cannot be multiplied back into an exact count. Empty when undefined.
    public static func proportionText(_ value: Double?) -> String {
        fixed(value, digits: 2)
    }

    /// Percentage points (diff_pp and its interval) as published: whole points.
    public static func percentagePointsText(_ value: Double?) -> String {
        fixed(value, digits: 0)
    }

    /// A mean, SD, interval limit, effect size or alpha as published: two decimals.
    public static func meanText(_ value: Double?) -> String {
        fixed(value, digits: 2)
    }

    /// `value` to `digits` decimals (halves away from zero), without trailing zeros, and never
    /// `-0`. Swift's shortest description of the rounded value, not `String(format:)`, which is
    /// much slower, and this is called for every figure of a public report (docs/performance.md).
    static func fixed(_ value: Double?, digits: Int) -> String {
        guard let value, value.isFinite else { return "" }
        let scale = pow(10.0, Double(digits))
        let rounded = (value * scale).rounded(.toNearestOrAwayFromZero) / scale
        if rounded == 0 { return "0" }
        if abs(rounded) >= 1e15 { return trimmed(String(format: "%.\(digits)f", value)) }
        let text = rounded.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Drops trailing zeros after a decimal point, and the point itself if nothing is left.
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = Substring(text)
        while result.hasSuffix("0") { result = result.dropLast() }
        if result.hasSuffix(".") { result = result.dropLast() }
        return String(result)
    }
}
