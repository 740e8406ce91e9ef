import Foundation
import Testing
@testable import ImpactStatistics

@Test func theEightPointRuleIsExactForPolynomialsOfDegreeFifteen() {
    // ∫₋₁¹ xᵏ dx = 2/(k + 1) for even k, 0 for odd k.
    for k in 0...15 {
        let value = GaussLegendre.integrate(from: -1, to: 1, panels: 1) { pow($0, Double(k)) }
        let exact = k % 2 == 0 ? 2 / Double(k + 1) : 0
        #expect(abs(value - exact) <= 1e-15, "degree \(k)")
    }
    // Degree 16 is the first it cannot integrate exactly.
    let sixteen = GaussLegendre.integrate(from: -1, to: 1, panels: 1) { pow($0, 16) }
    #expect(abs(sixteen - 2.0 / 17) > 1e-6)
}

@Test func theEightPointRuleHasTheTabulatedNodesAndWeights() {
    // Abramowitz & Stegun, Table 25.4 (n = 8), to the 15 places printed there.
    let nodes = [0.183434642495650, 0.525532409916329, 0.796666477413627, 0.960289856497536]
    let weights = [0.362683783378362, 0.313706645877887, 0.222381034453374, 0.101228536290376]
    let rule = GaussLegendre.eightPoint
    #expect(rule.count == 8)
    for (index, (node, weight)) in zip(nodes, weights).enumerated() {
        #expect(abs(rule[4 + index].node - node) <= 1e-15)
        #expect(abs(rule[3 - index].node + node) <= 1e-15)
        #expect(abs(rule[4 + index].weight - weight) <= 1e-15)
        #expect(rule[3 - index].weight == rule[4 + index].weight)
    }
}

@Test func panelsIntegrateASmoothFunctionToRoundingError() {
    // ∫₀^π sin = 2.
    #expect(abs(GaussLegendre.integrate(from: 0, to: .pi, panels: 4) { sin($0) } - 2) <= 1e-15)
}
