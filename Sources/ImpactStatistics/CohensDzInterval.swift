import Foundation

/// The confidence interval of Cohen's d_z (mean change / SD of the changes) from the paired t
/// statistic `t` of `n` pairs, by inverting the noncentral t: nil when n < 2, t is not finite,
/// `level` is not strictly between 0 and 1, or the search overflows (only for |t| above ~10³⁰⁷).
///
/// The noncentrality limits δ_L < δ_U solve P(T ≤ t | n − 1 df, δ) = 1 − α/2 and α/2 (Steiger &
/// Fouladi 1997; Cumming & Finch 2001), and the interval is δ/√n, as R's
/// `effectsize::cohens_d(post, pre, paired = TRUE)` (`effectsize:::.get_ncp_t` then × √(1/n)).
/// The limits are found by Newton's method to about 1e-14 of their scale, and a negative t gives
/// exactly the negated interval of −t. At t = 0 the interval is ±z₁₋α/₂/√n.
public func cohensDzInterval(t: Double, n: Int, level: Double = 0.95) -> ConfidenceInterval? {
    guard n >= 2, t.isFinite, level > 0, level < 1 else { return nil }
    let ν = Double(n - 1)
    let tail = (1 - level) / 2
    // For t < 0 the limits are those of −t, negated and swapped.
    let magnitude = abs(t)
    let section = NoncentralTSection(t: magnitude, degreesOfFreedom: ν)
    guard let lower = noncentralityLimit(section, degreesOfFreedom: ν, probability: 1 - tail),
          let upper = noncentralityLimit(section, degreesOfFreedom: ν, probability: tail)
    else { return nil }
    let root = Double(n).squareRoot()
    let low = lower / root, high = upper / root
    guard low.isFinite, high.isFinite else { return nil }
    return t < 0 ? ConfidenceInterval(low: -high, high: -low) : ConfidenceInterval(low: low, high: high)
}

/// The δ with P(T ≤ t | ν, δ) = `probability` for the section's t ≥ 0; P falls as δ grows.
///
/// Newton's method with the exact slope from the normal approximation of Abramowitz & Stegun
/// 26.7.10, δ ≈ t ∓ z·√(1 + t²/2ν), safeguarded by the bracket its values build up: a step that
/// leaves the bracket bisects it, and until both ends are known a step is at most a doubling
/// multiple of √(1 + t²/2ν). Stops when a step is within 4ε|δ| + 1e-14·√(1 + t²/2ν).
func noncentralityLimit(_ section: NoncentralTSection, degreesOfFreedom ν: Double,
                        probability: Double) -> Double? {
    let t = section.t
    let scale = hypot(1, t / (2 * ν).squareRoot())
    let accuracy = 1e-14 * scale
    var δ = t - StandardNormal.quantile(probability) * scale
    // P(below) > probability > P(above).
    var below = -Double.infinity, above = Double.infinity
    var reach = scale
    for _ in 0..<200 {
        let (cdf, slope) = section.cdfAndSlope(noncentrality: δ)
        let excess = cdf - probability
        if excess == 0 { return δ }
        if excess > 0 { below = δ } else { above = δ }
        let tolerance = 4 * Double.ulpOfOne * abs(δ) + accuracy
        var next = δ - excess / slope
        if abs(next - δ) <= tolerance { return next }
        if !(next > below && next < above) || !(abs(next - δ) <= reach) {
            if below.isFinite && above.isFinite {
                next = below + (above - below) / 2
            } else {
                next = excess > 0 ? δ + reach : δ - reach
                reach *= 2
            }
        }
        guard next.isFinite else { return nil }
        if above - below <= tolerance { return next }
        δ = next
    }
    return nil
}

/// The δ with P(T ≤ t | ν, δ) = `probability` for t ≥ 0, by Brent's method on `NoncentralT.cdf`:
/// the slower reference for `noncentralityLimit(_:degreesOfFreedom:probability:)`.
///
/// The search starts near the normal approximation of Abramowitz & Stegun 26.7.10,
/// δ ≈ t ∓ z·√(1 + t²/2ν), widens the bracket by doubling steps of that scale, then runs Brent's method.
func noncentralityLimitByBrent(t: Double, degreesOfFreedom ν: Double, probability: Double) -> Double? {
    let scale = hypot(1, t / (2 * ν).squareRoot())
    let excess = { (δ: Double) in NoncentralT(degreesOfFreedom: ν, noncentrality: δ).cdf(t) - probability }
    let guess = t - StandardNormal.quantile(probability) * scale
    var low = guess - scale, high = guess + scale
    var step = scale
    var widenings = 0
    while excess(low) < 0, widenings < 64 {
        low -= step
        step *= 2
        widenings += 1
    }
    step = scale
    widenings = 0
    while excess(high) > 0, widenings < 64 {
        high += step
        step *= 2
        widenings += 1
    }
    guard low.isFinite, high.isFinite else { return nil }
    return brentRoot(low: low, high: high, absoluteTolerance: 1e-15 * scale, excess)
}
