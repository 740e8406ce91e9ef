import Foundation

/// P(T ≤ t | ν, δ) and its derivative in δ for one t ≥ 0 and ν, as functions of δ alone: the
/// integral of `NoncentralT.cdf` with its quadrature set up once, so that each value costs only
/// Φ and φ at fixed nodes (or, where Φ(t·w − δ) is steep, a few panels around w = δ/t).
///
/// P(δ) = ∫ Φ(t·w − δ) f(w) dw and P′(δ) = −∫ φ(t·w − δ) f(w) dw, f the density of W = √(V/ν).
/// f is integrated by Gauss–Legendre on panels a few of its scales 1/√(2ν) wide, over the range
/// where f is above e⁻⁴⁰ of its peak. Where Φ(t·w − δ) changes little across a panel, the same
/// nodes serve every δ; otherwise the steep part |t·w − δ| ≤ 8.5 gets its own finer panels and the
/// rest of f above it comes from the panels' precomputed masses.
struct NoncentralTSection: Sendable {
    /// The t (at least 0) at which the distribution function is taken.
    let t: Double
    private let density: ChiOverRootDF
    /// The range of w where f is above e⁻⁴⁰ of its peak, and its panels.
    private let low: Double, high: Double, panelWidth: Double, panelCount: Int
    /// Whether Φ(t·w − δ) may change too much across a panel for the panel's own nodes.
    private let isSteep: Bool
    /// The panels' nodes and f-weights (empty when steep), and the panels' masses ∫ f, each
    /// divided by the total mass; `massAbove[j]` is the mass of panels j and above.
    private let nodes: [Double], weights: [Double], massAbove: [Double]
    /// ∫ f over the range, in the units of `density.relative`.
    private let total: Double

    /// The section at `t` ≥ 0 for `degreesOfFreedom` ≥ 1.
    init(t: Double, degreesOfFreedom ν: Double) {
        self.t = t
        let density = ChiOverRootDF(degreesOfFreedom: ν)
        self.density = density
        let (low, high) = density.range(logRelativeAbove: -Self.logReach)
        self.low = low
        self.high = high
        let scale = 1 / (2 * ν).squareRoot()
        let panelCount = max(1, Int(((high - low) / (Self.panelScales * scale)).rounded(.up)))
        self.panelCount = panelCount
        let panelWidth = (high - low) / Double(panelCount)
        self.panelWidth = panelWidth
        isSteep = t * panelWidth > Self.smoothSpan
        var nodes: [Double] = [], weights: [Double] = []
        if !isSteep {
            nodes.reserveCapacity(panelCount * Self.panelRule.count)
            weights.reserveCapacity(panelCount * Self.panelRule.count)
        }
        var masses = [Double](repeating: 0, count: panelCount + 1)
        let halfWidth = panelWidth / 2
        for panel in 0..<panelCount {
            let centre = low + halfWidth * Double(2 * panel + 1)
            var mass = 0.0
            for (node, weight) in Self.panelRule {
                let w = centre + halfWidth * node
                let f = weight * halfWidth * density.relative(w)
                mass += f
                if !isSteep {
                    nodes.append(w)
                    weights.append(f)
                }
            }
            masses[panel] = mass
        }
        for panel in stride(from: panelCount - 1, through: 0, by: -1) {
            masses[panel] += masses[panel + 1]
        }
        let total = masses[0]
        self.total = total
        self.nodes = nodes
        self.weights = weights.map { $0 / total }
        massAbove = masses.map { $0 / total }
    }

    /// (P(T ≤ t | δ), dP/dδ), to about 1e-15 absolute; P falls as δ grows.
    func cdfAndSlope(noncentrality δ: Double) -> (cdf: Double, slope: Double) {
        var value = 0.0, slope = 0.0
        if !isSteep {
            for index in nodes.indices {
                let x = t * nodes[index] - δ
                if x < -Self.cut { continue }
                let weight = weights[index]
                if x > Self.cut {
                    value += weight
                    continue
                }
                let (cdf, density) = normalCDFAndDensity(x)
                value += weight * cdf
                slope += weight * density
            }
            return (min(1, max(0, value)), -slope)
        }
        // Below a, Φ(t·w − δ) < 1e-17; above b, it is 1 to double precision.
        let a = min(max((δ - Self.cut) / t, low), high)
        let b = min(max((δ + Self.cut) / t, low), high)
        if b > a {
            let width = min(Self.steepSpan / t, panelWidth)
            let count = Int(min(1e6, ((b - a) / width).rounded(.up)))
            let halfWidth = (b - a) / Double(2 * max(1, count))
            for panel in 0..<max(1, count) {
                let centre = a + halfWidth * Double(2 * panel + 1)
                for (node, weight) in Self.steepRule {
                    let w = centre + halfWidth * node
                    let f = weight * halfWidth * density.relative(w)
                    let (cdf, density) = normalCDFAndDensity(t * w - δ)
                    value += f * cdf
                    slope += f * density
                }
            }
        }
        if b < high {
            // The rest of b's panel by that panel's rule, then the panels above it.
            let panel = min(panelCount - 1, Int((b - low) / panelWidth))
            let end = panel == panelCount - 1 ? high : low + panelWidth * Double(panel + 1)
            if end > b {
                let halfWidth = (end - b) / 2, centre = b + halfWidth
                for (node, weight) in Self.panelRule {
                    value += weight * halfWidth * density.relative(centre + halfWidth * node)
                }
            }
            value = value / total + massAbove[panel + 1]
        } else {
            value /= total
        }
        return (min(1, max(0, value)), -slope / total)
    }

    /// |t·w − δ| beyond which Φ(t·w − δ) is 0 or 1 to within 1e-17.
    private static let cut = 8.5
    /// log f/f(mode) at the ends of the range.
    private static let logReach = 40.0
    /// The widest panel, in scales 1/√(2ν) of f, and its rule.
    private static let panelScales = 4.0
    private static let panelRule = GaussLegendre.sixteenPoint
    /// The most that t·w may change across a panel for its nodes to carry Φ(t·w − δ).
    private static let smoothSpan = 3.0
    /// Where Φ(t·w − δ) is steep: the most that t·w may change across one of its panels (which are
    /// also no wider than the others), and their rule.
    private static let steepSpan = 4.25
    private static let steepRule = GaussLegendre.sixteenPoint
}

/// (Φ(x), φ(x)), Φ as `StandardNormal.cdf`.
private func normalCDFAndDensity(_ x: Double) -> (Double, Double) {
    (StandardNormal.cdf(x), exp(-0.5 * x * x) * 0.398_942_280_401_432_677_94)
}
