import ImpactTestSupport
import Testing
@testable import ImpactStatistics

// Reference values: R 4.2.2, pt(t, ν, δ) printed with 17 significant digits, for |δ| below
// 37.62, where R sums Lenth's series (AS 243, to 1e-12); SciPy 1.17.1's scipy.stats.nct.cdf
// (Boost's series) agrees with each to 1e-12.
private let seriesReferences: [(t: Double, df: Double, delta: Double, cdf: Double)] = [
    (1, 1, 0.5, 0.59274773643996048),  // pt(1, 1, 0.5)
    (-2, 1, -1, 0.37712803553983143),  // pt(-2, 1, -1)
    (2.5, 3, 1, 0.82418375920036724),  // pt(2.5, 3, 1)
    (-1, 4, 1.5, 0.010193644278565839),  // pt(-1, 4, 1.5)
    (0.5, 9, 2, 0.066356818913922921),  // pt(0.5, 9, 2)
    (3, 29, 2.5, 0.67026100525071319),  // pt(3, 29, 2.5)
    (1, 99, 0, 0.84012576293034913),  // pt(1, 99, 0)
    (-3.5, 4999, -3, 0.30870689963209952),  // pt(-3.5, 4999, -3)
    (10, 4, 8, 0.63083393365525597),  // pt(10, 4, 8)
    (40, 9, 35, 0.64786024801761732),  // pt(40, 9, 35)
    (0, 5, 1.2, 0.11506967022170828),  // pt(0, 5, 1.2)
    (36, 199, 37, 0.30469725746515292),  // pt(36, 199, 37)
    (0.01, 2, 3, 0.0013898469649070528),  // pt(0.01, 2, 3)
    (-6, 7, -2, 0.015905206692074736),  // pt(-6, 7, -2)
    (20, 1, 30, 0.13409986554619713),  // pt(20, 1, 30)
]

@Test(arguments: seriesReferences)
func noncentralTMatchesRsSeries(t: Double, df: Double, delta: Double, cdf: Double) {
    #expect(isClose(NoncentralT(degreesOfFreedom: df, noncentrality: delta).cdf(t), cdf, relative: 0, absolute: 2e-12))
}

// Reference values where R's pt is approximate: |δ| beyond 37.62, where it switches to the
// normal approximation of Abramowitz & Stegun 26.7.10 (pt(40, 1, 90) = 0.0170032,
// pt(40, 9, 45) = 0.2596043), and 10⁵ degrees of freedom (pt(5, 1e5, 4.5) = 0.69144705944349327,
// 5.9e-12 low). mpmath 1.3.0 at 30 digits: mp.quad of Φ(t·w − δ) times the density of √(V/ν),
// over w split at the density's centre and at (δ ± 10)/t. SciPy 1.17.1's nct.cdf agrees to
// 1e-15 on the first four and to 1e-13 on the last, is 1e-8 off on the fifth and gives NaN on the
// sixth (whose limit is P(|Z| ≥ 2) = 2Φ(−2)).
private let mpmathReferences: [(t: Double, df: Double, delta: Double, cdf: Double)] = [
    (40, 1, 90, 0.024493593572189522),
    (40, 9, 45, 0.2510880097014433),
    (-40, 29, -45, 0.841894729739456),
    (100, 4999, 102, 0.078226587291953035),
    (1e4, 3, 9000, 0.48807456733866271),
    (1e15, 1, 2e15, 0.045500263896358414),
    (5, 100_000, 4.5, 0.69144705944937963),
]

@Test(arguments: mpmathReferences)
func noncentralTMatchesMpmathWhereRIsApproximate(t: Double, df: Double, delta: Double, cdf: Double) {
    #expect(isClose(NoncentralT(degreesOfFreedom: df, noncentrality: delta).cdf(t), cdf, relative: 0, absolute: 1e-14))
}

@Test(arguments: [1.0, 2, 9, 250, 1e6])
func zeroNoncentralityIsStudentT(df: Double) {
    for t in [-30.0, -2.5, -0.3, 0, 0.7, 4, 12] {
        let central = StudentT(degreesOfFreedom: df).cdf(t)
        #expect(isClose(NoncentralT(degreesOfFreedom: df, noncentrality: 0).cdf(t), central, relative: 0, absolute: 1e-14))
    }
}

@Test func theCDFFallsAsTheNoncentralityGrowsAndReflects() {
    var previous = 1.0
    for step in 0...80 {
        let delta = -20 + 0.5 * Double(step)
        let value = NoncentralT(degreesOfFreedom: 6, noncentrality: delta).cdf(3)
        #expect(value <= previous)
        previous = value
        let reflected = NoncentralT(degreesOfFreedom: 6, noncentrality: -delta).cdf(-3)
        #expect(isClose(value, 1 - reflected, relative: 0, absolute: 1e-15))
    }
}

@Test func edgeArgumentsGiveLimitsOrNaN() {
    let distribution = NoncentralT(degreesOfFreedom: 4, noncentrality: 1.5)
    #expect(distribution.cdf(.infinity) == 1)
    #expect(distribution.cdf(-.infinity) == 0)
    #expect(distribution.cdf(.nan).isNaN)
    #expect(NoncentralT(degreesOfFreedom: 4, noncentrality: .infinity).cdf(3) == 0)
    #expect(NoncentralT(degreesOfFreedom: 4, noncentrality: -.infinity).cdf(3) == 1)
    #expect(NoncentralT(degreesOfFreedom: 0.5, noncentrality: 1).cdf(3).isNaN)
}
