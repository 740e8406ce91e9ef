import Foundation

/// The x in [0, 1] with I_x(a, b) = p, for 0 ≤ p ≤ 1 and finite a, b > 0 (NaN otherwise): the
/// quantile of the Beta(a, b) distribution.
///
/// A start from Abramowitz & Stegun 26.5.22 (as Cephes `incbi`, Moshier 1989), then Newton's
/// method kept inside a bracket, bisecting (geometrically near 0) whenever a step would leave it.
public func inverseRegularizedIncompleteBeta(_ p: Double, a: Double, b: Double) -> Double {
    inverseIncompleteBeta(p: p, q: 1 - p, a: a, b: b).x
}

/// x with I_x(a, b) = p, and y = 1 − x, each with full relative precision; `q` is 1 − p as
/// accurately as the caller knows it (the upper tail is matched when it is the smaller).
///
/// The unknown solved for is whichever of x and y is at most ½ (y with I_y(b, a) = q when
/// p > I_½(a, b)), so that neither is the difference of two numbers close to 1.
func inverseIncompleteBeta(p: Double, q: Double, a: Double, b: Double) -> (x: Double, y: Double) {
    guard !p.isNaN, !q.isNaN, a > 0, b > 0, a.isFinite, b.isFinite, p >= 0, p <= 1 else { return (.nan, .nan) }
    if p == 0 { return (0, 1) }
    if p == 1 || q <= 0 { return (1, 0) }
    if p <= incompleteBeta(x: 0.5, y: 0.5, a: a, b: b) {
        let x = smallerArgument(BetaTarget(lower: p, upper: q, a: a, b: b))
        return (x, 1 - x)
    }
    let y = smallerArgument(BetaTarget(lower: q, upper: p, a: b, b: a))
    return (1 - y, y)
}

/// I_u(a, b) = lower (and so I_{1−u}(b, a) = upper), for a u known to be at most ½.
private struct BetaTarget {
    let lower: Double
    let upper: Double
    let a: Double
    let b: Double

    /// How far I_u(a, b) falls short of the target: positive when u is too small. The smaller
    /// of the two tails is compared, so that a target close to 1 keeps its precision.
    func shortfall(_ u: Double) -> Double {
        if lower <= 0.5 { return lower - incompleteBeta(x: u, y: 1 - u, a: a, b: b) }
        return incompleteBeta(x: 1 - u, y: u, a: b, b: a) - upper
    }

    /// The density u^(a−1) (1 − u)^(b−1) / B(a, b), formed in logarithms.
    func density(_ u: Double) -> Double {
        exp(logPowerTerm(x: u, y: 1 - u, a: a, b: b)) / (u * (1 - u))
    }
}

/// The u in (0, ½] with I_u(a, b) = target.lower.
private func smallerArgument(_ target: BetaTarget) -> Double {
    var low = 0.0, high = 0.5
    var u = startingValue(target)
    if !(u > low && u < high) { u = 0.25 }
    for _ in 0..<2000 {
        let shortfall = target.shortfall(u)
        if shortfall == 0 { return u }
        if shortfall > 0 { low = u } else { high = u }
        var next = u + shortfall / target.density(u)
        if !(next > low && next < high) {
            next = low == 0 ? high / 16 : high > 4 * low ? (low * high).squareRoot() : (low + high) / 2
        }
        // Converged, or the bracket is two neighbouring numbers.
        if abs(next - u) <= 1e-15 * u || !(next > low && next < high) { return next }
        u = next
    }
    return u
}

/// A first guess at the u with I_u(a, b) = target.lower.
///
/// For a, b > 1, Abramowitz & Stegun 26.5.22 from the normal quantile; otherwise the leading
/// term of I_u(a, b) near 0, u^a / (a·B(a, b)), solved for u.
private func startingValue(_ target: BetaTarget) -> Double {
    let a = target.a, b = target.b
    if a > 1, b > 1 {
        // 26.5.22 takes the upper-tail normal deviate z, P(Z > z) = lower.
        let z = target.lower <= 0.5 ? -StandardNormal.quantile(target.lower) : StandardNormal.quantile(target.upper)
        let lambda = (z * z - 3) / 6
        let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
        let w = z * (h + lambda).squareRoot() / h
            - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (lambda + 5.0 / 6 - 2 / (3 * h))
        return a / (a + b * exp(2 * w))
    }
    return exp((log(target.lower) + log(a) + logBeta(a, b)) / a)
}
