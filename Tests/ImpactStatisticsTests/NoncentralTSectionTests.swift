import ImpactTestSupport
import Testing
@testable import ImpactStatistics

// The section's quadrature against NoncentralT.cdf's (tested against R and mpmath), at δ from
// t − 6 to t + 6 of the scale √(1 + t²/2ν), on both of its paths (Φ smooth or steep across a panel).
@Test(arguments: [1.0, 2, 9, 29, 169, 999, 6999], [0, 1e-3, 0.8, 2, 6, 17, 40, 1e3, 1e6])
func theSectionMatchesTheNoncentralTCDFAndItsSlope(df: Double, t: Double) {
    let section = NoncentralTSection(t: t, degreesOfFreedom: df)
    let scale = (1 + t * t / (2 * df)).squareRoot()
    for step in -12...12 {
        let delta = t + 0.5 * Double(step) * scale
        let (cdf, slope) = section.cdfAndSlope(noncentrality: delta)
        let expected = NoncentralT(degreesOfFreedom: df, noncentrality: delta).cdf(t)
        #expect(isClose(cdf, expected, relative: 0, absolute: 2e-14))
        // The slope against a central difference of the reference (error O(h²), larger where
        // δ/t nears w = 0, the end of W's range).
        let h = 1e-5 * scale
        let difference = (NoncentralT(degreesOfFreedom: df, noncentrality: delta + h).cdf(t)
            - NoncentralT(degreesOfFreedom: df, noncentrality: delta - h).cdf(t)) / (2 * h)
        #expect(isClose(slope, difference, relative: 0, absolute: 1e-9))
    }
}

@Test func theSectionAtTZeroIsTheNormalCDF() {
    let section = NoncentralTSection(t: 0, degreesOfFreedom: 4)
    for delta in [-3.0, -0.4, 0, 1.7, 9] {
        #expect(isClose(section.cdfAndSlope(noncentrality: delta).cdf, StandardNormal.cdf(-delta),
                        relative: 0, absolute: 1e-15))
    }
}
