import Foundation

/// The noncentral t distribution: T = (Z + δ) / √(V/ν), Z standard normal, V chi-square with ν
/// degrees of freedom independent of Z (Johnson, Kotz & Balakrishnan 1995, ch. 31).
struct NoncentralT: Sendable, Equatable {
    /// The degrees of freedom ν (at least 1).
    let degreesOfFreedom: Double
    /// The noncentrality δ.
    let noncentrality: Double

    /// P(T ≤ t) = ∫₀^∞ Φ(t·w − δ) f(w) dw, f the density of W = √(V/ν), to about 1e-14 absolute
    /// (not relative: a tail probability below 1e-14 is not accurate to its own size).
    ///
    /// The integral follows from the definition; it is evaluated by 8-point Gauss–Legendre on
    /// panels no wider than the scale of either factor: 1/√(2ν) where f lives (f is log-concave,
    /// so beyond √(90/ν) of its mode it is below e⁻⁴⁵ of its peak) and 1/t where Φ(t·w − δ)
    /// climbs from below 1e-17 to above 1 − 1e-17 (|t·w − δ| ≤ 8.5). Dividing by the same rule's
    /// integral of f cancels f's normalising constant. Unlike the Poisson-weighted series (Lenth
    /// 1989, AS 243, as R's `pt` uses), this needs no switch to an approximation for large δ.
    func cdf(_ t: Double) -> Double {
        let ν = degreesOfFreedom, δ = noncentrality
        if t.isNaN || δ.isNaN || !(ν >= 1) { return .nan }
        // T with noncentrality δ is −T with noncentrality −δ.
        if t < 0 { return 1 - NoncentralT(degreesOfFreedom: ν, noncentrality: -δ).cdf(-t) }
        if t == 0 { return StandardNormal.cdf(-δ) }
        if t == .infinity { return 1 }
        let density = ChiOverRootDF(degreesOfFreedom: ν)
        let scale = 1 / (2 * ν).squareRoot()
        // Below a, Φ(t·w − δ) < 1e-17; above b, it is 1 to double precision.
        let a = min(max((δ - Self.cut) / t, density.low), density.high)
        let b = min(max((δ + Self.cut) / t, density.low), density.high)
        // Each segment gives (∫ f·Φ(t·w − δ), ∫ f); Φ is 0 below a and 1 above b.
        let below = Self.integrals(from: density.low, to: a, width: scale) { (0, density.relative($0)) }
        let rising = Self.integrals(from: a, to: b, width: min(scale, 1 / t)) { w in
            let f = density.relative(w)
            return (f * StandardNormal.cdf(t * w - δ), f)
        }
        let above = Self.integrals(from: b, to: density.high, width: scale) { w in
            let f = density.relative(w)
            return (f, f)
        }
        let total = below.1 + rising.1 + above.1
        guard total > 0 else { return .nan }
        return min(1, max(0, (rising.0 + above.0) / total))
    }

    /// |t·w − δ| beyond which Φ(t·w − δ) is 0 or 1 to within 1e-17.
    private static let cut = 8.5

    /// The integrals over [a, b] of both parts of `f`, by 8-point Gauss–Legendre on equal panels
    /// at most `width` wide.
    private static func integrals(from a: Double, to b: Double, width: Double,
                                 _ f: (Double) -> (Double, Double)) -> (Double, Double) {
        guard b > a else { return (0, 0) }
        let panels = Int(min(1e6, ((b - a) / width).rounded(.up)))
        let halfWidth = (b - a) / Double(2 * max(1, panels))
        var first = 0.0, second = 0.0
        for panel in 0..<max(1, panels) {
            let centre = a + halfWidth * Double(2 * panel + 1)
            for (node, weight) in GaussLegendre.eightPoint {
                let (x, y) = f(centre + halfWidth * node)
                first += weight * x
                second += weight * y
            }
        }
        return (first * halfWidth, second * halfWidth)
    }
}

/// The density of W = √(V/ν), V chi-square with ν ≥ 1 degrees of freedom, relative to its value
/// at the mode: f(w) ∝ w^(ν−1) e^(−νw²/2), mode m = √((ν − 1)/ν).
struct ChiOverRootDF: Sendable {
    /// The mode m.
    let mode: Double
    /// ν.
    let degreesOfFreedom: Double
    /// The end points beyond which f is below e⁻⁴⁵ of its peak: m ∓ √(90/ν), at least 0.
    /// (log f has second derivative −(ν − 1)/w² − ν ≤ −ν, so log f(m + x) ≤ log f(m) − νx²/2.)
    let low: Double, high: Double

    /// The density for `degreesOfFreedom` ≥ 1.
    init(degreesOfFreedom ν: Double) {
        degreesOfFreedom = ν
        mode = ((ν - 1) / ν).squareRoot()
        let reach = (90 / ν).squareRoot()
        low = max(0, mode - reach)
        high = mode + reach
    }

    /// f(w)/f(m) = exp((ν − 1) log(w/m) − ν(w − m)(w + m)/2), for w > 0.
    func relative(_ w: Double) -> Double {
        exp(logRelative(w))
    }

    /// log f(w)/f(m), for w > 0. log(w/m) is taken as log1p((w − m)/m), exact to rounding near m,
    /// where log of the rounded w/m would be off by ε·(ν − 1) (7e-13 relative in f at ν = 7000).
    func logRelative(_ w: Double) -> Double {
        let ν = degreesOfFreedom
        let shape = ν == 1 ? 0 : (ν - 1) * log1p((w - mode) / mode)
        return shape - ν * (w - mode) * (w + mode) / 2
    }

    /// The w on either side of m (at least 0) where log f/f(m) = `level` < 0, within [low, high].
    ///
    /// log f is concave, so Newton's method from a point below the level on either side climbs
    /// to it without overshooting. On the left it starts at `low`, or, when that is 0 (where
    /// log f = −∞ for ν > 1), at m·e^(−1/2 − (1 − level)/(ν − 1)), where log f ≤ level − 1 since
    /// −ν(w² − m²)/2 ≤ νm²/2 = (ν − 1)/2.
    func range(logRelativeAbove level: Double) -> (low: Double, high: Double) {
        let ν = degreesOfFreedom
        func climb(from start: Double) -> Double {
            var w = start
            for _ in 0..<100 {
                let slope = (ν - 1) / w - ν * w
                let step = (level - logRelative(w)) / slope
                guard step.isFinite else { break }
                w += step
                if abs(step) <= 1e-12 * w { break }
            }
            return w
        }
        let right = climb(from: high)
        if mode == 0 { return (0, min(high, right)) }
        let left = climb(from: low > 0 ? low : mode * exp(-0.5 - (1 - level) / (ν - 1)))
        return (max(low, min(left, mode)), min(high, max(right, mode)))
    }
}
