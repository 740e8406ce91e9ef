/// Fisher's F distribution with d₁ (numerator) and d₂ (denominator) degrees of freedom.
public struct FDistribution: Sendable, Equatable {
    /// d₁ (> 0, finite).
    public let numeratorDegreesOfFreedom: Double
    /// d₂ (> 0, finite).
    public let denominatorDegreesOfFreedom: Double

    /// The F distribution with these degrees of freedom; nil unless both are finite and positive.
    public init?(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) {
        guard numeratorDegreesOfFreedom > 0, numeratorDegreesOfFreedom.isFinite,
              denominatorDegreesOfFreedom > 0, denominatorDegreesOfFreedom.isFinite else { return nil }
        self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    }

    /// P(F ≤ f) = I_x(d₁/2, d₂/2) with x = d₁f/(d₁f + d₂) (Abramowitz & Stegun 26.6.2); 0 for f ≤ 0.
    public func cdf(_ f: Double) -> Double {
        if f.isNaN { return .nan }
        guard f > 0 else { return 0 }
        guard f.isFinite else { return 1 }
        let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
        // x and 1 − x each computed directly, never as 1 − the other.
        let scaled = d1 * f
        return incompleteBeta(x: scaled / (scaled + d2), y: d2 / (scaled + d2), a: d1 / 2, b: d2 / 2)
    }

    /// The f with P(F ≤ f) = p: f = d₂x / (d₁(1 − x)) where I_x(d₁/2, d₂/2) = p
    /// (`inverseRegularizedIncompleteBeta`). 0 at 0, +∞ at 1, NaN outside [0, 1].
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
        let (x, y) = inverseIncompleteBeta(p: p, q: 1 - p, a: d1 / 2, b: d2 / 2)
        guard y > 0 else { return .infinity }
        return (d2 / d1) * (x / y)
    }
}
