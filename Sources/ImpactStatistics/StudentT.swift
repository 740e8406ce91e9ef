import Foundation

/// Student's t distribution with a given (possibly fractional) number of degrees of freedom.
public struct StudentT: Sendable, Equatable {
    /// The degrees of freedom ν (> 0).
    public let degreesOfFreedom: Double

    /// The t distribution with `degreesOfFreedom` > 0 (infinity gives the standard normal).
    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "StudentT needs positive degrees of freedom, not \(degreesOfFreedom)")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// Above this many degrees of freedom the t and normal distributions agree to double precision.
    static let normalThreshold = 1e20

    /// P(T ≤ t): ½ I_x(ν/2, ½) in the lower tail, x = ν/(ν + t²) (Abramowitz & Stegun 26.7.1, 26.5.27).
    public func cdf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        let tail = upperTail(abs(t))
        return t < 0 ? tail : 1 - tail
    }

    /// P(T > t), with full relative precision in the upper tail.
    public func survival(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        let tail = upperTail(abs(t))
        return t > 0 ? tail : 1 - tail
    }

    /// P(|T| ≥ |t|) = I_x(ν/2, ½): the two-sided p-value of a t statistic.
    public func twoSidedPValue(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        let ν = degreesOfFreedom
        if ν > Self.normalThreshold { return 2 * StandardNormal.survival(abs(t)) }
        let (x, y) = betaArguments(abs(t))
        return incompleteBeta(x: x, y: y, a: ν / 2, b: 0.5)
    }

    /// The density Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^(−(ν+1)/2).
    public func density(_ t: Double) -> Double {
        let ν = degreesOfFreedom
        if ν > Self.normalThreshold { return exp(-0.5 * t * t) / (2 * Double.pi).squareRoot() }
        return exp(-logBeta(ν / 2, 0.5) - 0.5 * log(ν) - (ν + 1) / 2 * log1p(t * t / ν))
    }

    /// The t with P(T ≤ t) = p: Hill's approximation (Hill 1970, Algorithm 396, as in R's `qt`)
    /// polished by two-term Taylor steps until a step is below 1e-14 · |t|; closed forms for
    /// ν = 1 and ν = 2; bracketing Newton below ν = 1. −∞ at 0, +∞ at 1, NaN outside [0, 1].
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        let ν = degreesOfFreedom
        if ν > Self.normalThreshold { return StandardNormal.quantile(p) }
        // Both are exact in floating point: the tail beyond |t| and the mass between 0 and |t|.
        let tail = min(p, 1 - p)
        let central = abs(p - 0.5)
        let magnitude: Double
        if ν == 1 {
            // Cauchy: |t| = tan(π·central) = 1/tan(π·tail).
            magnitude = central < 0.25 ? tan(Double.pi * central) : 1 / tan(Double.pi * tail)
        } else if ν == 2 {
            // |t| = (2p − 1)/√(2p(1 − p)).
            magnitude = 2 * central / (2 * tail * (0.5 + central)).squareRoot()
        } else {
            let target = Target(tail: tail, central: central)
            magnitude = ν < 1 ? bracketedQuantile(target) : refinedHillQuantile(target)
        }
        return p < 0.5 ? -magnitude : magnitude
    }

    /// The probability a quantile must reach, held both ways so either can be matched precisely.
    private struct Target {
        /// P(T > |t|), at most ½.
        let tail: Double
        /// P(0 < T < |t|) = ½ − tail.
        let central: Double
    }

    /// How far q falls short of the target, as a probability: positive when q is too small.
    /// Near the centre it compares P(0 < T < q) (exact there), in the tails P(T > q).
    private func shortfall(_ q: Double, _ target: Target) -> Double {
        if target.central < 0.25 {
            let (x, y) = betaArguments(q)
            return target.central - 0.5 * incompleteBeta(x: y, y: x, a: 0.5, b: degreesOfFreedom / 2)
        }
        return upperTail(q) - target.tail
    }

    /// |t| for ν ≥ 1 other than 1 and 2: Hill's start, then Taylor steps (Hill 1981).
    private func refinedHillQuantile(_ target: Target) -> Double {
        let ν = degreesOfFreedom
        let twoSided = 2 * target.tail
        let a = 1 / (ν - 0.5)
        let b = 48 / (a * a)
        var c = ((20700 * a / b - 98) * a - 16) * a + 96.36
        let d = ((94.5 / (b + c) - 3) / b + 1) * (a * Double.pi / 2).squareRoot() * ν
        var y = pow(d * twoSided, 2 / ν)
        var q: Double
        if (ν < 2.1 && twoSided > 0.5) || y > 0.05 + a {
            // Asymptotic inverse expansion about the normal.
            let x = StandardNormal.quantile(target.tail)
            y = x * x
            if ν < 5 { c += 0.3 * (ν - 4.5) * (x + 0.6) }
            c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c
            y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x
            y = expm1(a * y * y)
            q = (ν * y).squareRoot()
        } else if y < Double.ulpOfOne {
            // Far tail, where (d·P)^(2/ν) underflows: t ≈ √ν · (d·P)^(−1/ν).
            q = ν.squareRoot() * exp(-log(d * twoSided) / ν)
        } else {
            y = ((1 / (((ν + 6) / (ν * y) - 0.089 * d - 0.822) * (ν + 2) * 3) + 0.5 / (ν + 4)) * y - 1)
                * (ν + 1) / (ν + 2) + 1 / y
            q = (ν * y).squareRoot()
        }
        for _ in 0..<20 {
            let slope = density(q)
            guard slope > 0 else { break }
            let step = shortfall(q, target) / slope
            guard step.isFinite else { break }
            q += step * (1 + step * q * (ν + 1) / (2 * (q * q + ν)))
            if abs(step) <= 1e-14 * abs(q) { break }
        }
        return q
    }

    /// |t| for ν < 1, whose tails are too heavy for Hill's start: Newton kept inside a bracket,
    /// bisecting (geometrically when the bracket is wide) whenever a step would leave it.
    private func bracketedQuantile(_ target: Target) -> Double {
        var low = 0.0, high = 1.0
        while shortfall(high, target) > 0 {
            low = high
            high *= 2
            if high.isInfinite { return .infinity }
        }
        var q = (low + high) / 2
        for _ in 0..<2000 {
            let shortfall = shortfall(q, target)
            if shortfall == 0 { return q }
            if shortfall > 0 { low = q } else { high = q }
            var next = q + shortfall / density(q)
            if !(next > low && next < high) {
                next = low > 0 && high > 4 * low ? (low * high).squareRoot() : (low + high) / 2
            }
            if abs(next - q) <= 1e-15 * q { return next }
            q = next
        }
        return q
    }

    /// P(T > t) for t ≥ 0.
    private func upperTail(_ t: Double) -> Double {
        let ν = degreesOfFreedom
        if ν > Self.normalThreshold { return StandardNormal.survival(t) }
        let (x, y) = betaArguments(t)
        return 0.5 * incompleteBeta(x: x, y: y, a: ν / 2, b: 0.5)
    }

    /// x = ν/(ν + t²) and y = t²/(ν + t²), each computed directly (never as 1 − the other).
    /// When t² overflows (|t| > 1.3e154) the tail, below 1e-154 (1e-308 for ν ≥ 2), is taken as 0.
    private func betaArguments(_ t: Double) -> (x: Double, y: Double) {
        let ν = degreesOfFreedom
        let square = t * t
        guard square.isFinite else { return (0, 1) }
        return (ν / (ν + square), square / (ν + square))
    }
}
