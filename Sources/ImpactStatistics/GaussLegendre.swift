import Foundation

/// Gauss–Legendre quadrature: ∫₋₁¹ f ≈ Σ wᵢ f(xᵢ), exact for polynomials of degree below 2n.
enum GaussLegendre {
    /// The 8-point rule: nodes xᵢ (the roots of P₈) and weights wᵢ, in increasing order of xᵢ.
    static let eightPoint: [(node: Double, weight: Double)] = rule(order: 8)
    /// The 16-point rule, in increasing order of xᵢ.
    static let sixteenPoint: [(node: Double, weight: Double)] = rule(order: 16)

    /// The n-point rule: wᵢ = 2 / ((1 − xᵢ²) P′ₙ(xᵢ)²) (Abramowitz & Stegun 25.4.29), each root
    /// found by Newton's method from cos(π(i − ¼)/(n + ½)) (Press et al. 2007, §4.6, `gauleg`).
    static func rule(order n: Int) -> [(node: Double, weight: Double)] {
        var rule: [(node: Double, weight: Double)] = []
        for i in stride(from: 1, through: (n + 1) / 2, by: 1) {
            var x = cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                let (value, slope) = legendre(n, x)
                derivative = slope
                let step = value / slope
                x -= step
                if abs(step) <= 1e-16 { break }
            }
            derivative = legendre(n, x).derivative
            let weight = 2 / ((1 - x * x) * derivative * derivative)
            rule.append((node: -x, weight: weight))
            if 2 * i - 1 != n { rule.append((node: x, weight: weight)) }
        }
        return rule.sorted { $0.node < $1.node }
    }

    /// Pₙ(x) by the three-term recurrence k Pₖ = (2k − 1) x Pₖ₋₁ − (k − 1) Pₖ₋₂, and
    /// P′ₙ(x) = n (x Pₙ − Pₙ₋₁) / (x² − 1), for |x| < 1.
    private static func legendre(_ n: Int, _ x: Double) -> (value: Double, derivative: Double) {
        var previous = 1.0, current = x
        for k in stride(from: 2, through: n, by: 1) {
            let next = (Double(2 * k - 1) * x * current - Double(k - 1) * previous) / Double(k)
            previous = current
            current = next
        }
        return (current, Double(n) * (x * current - previous) / (x * x - 1))
    }

    /// ∫ₐᵇ f by the 8-point rule on `panels` equal panels (at least one).
    static func integrate(from a: Double, to b: Double, panels: Int, _ f: (Double) -> Double) -> Double {
        let count = max(1, panels)
        let halfWidth = (b - a) / Double(2 * count)
        var total = 0.0
        for panel in 0..<count {
            let centre = a + halfWidth * Double(2 * panel + 1)
            for (node, weight) in eightPoint {
                total += weight * f(centre + halfWidth * node)
            }
        }
        return total * halfWidth
    }
}
