import ImpactTestSupport
import Testing
@testable import ImpactStatistics

// Reference values: R 4.2.2. For each n, differences d = z + t₀/√n with z = qnorm(ppoints(n))
// centred and scaled to SD 1, post = pre + d; t = mean(post − pre)/(sd(post − pre)/√n) as R
// computes it (printed with 17 digits). The limits are
// c(uniroot(function(δ) pt(t, n − 1, δ) − 0.975, …, tol = 1e-15)$root,
//   uniroot(function(δ) pt(t, n − 1, δ) − 0.025, …, tol = 1e-15)$root) / sqrt(n),
// the noncentral t inverted (every δ here is below 37.62, where pt sums its series). pt is good to
// about 1e-12, so these limits are good to about 1e-11: for t = 2.5, n = 2 mpmath 1.3.0 (as for
// the large-t references below) gives −0.71968475180377581 and 4.2675036519049794.
private let exactReferences: [(t: Double, n: Int, low: Double, high: Double)] = [
    (0, 2, -1.385903824349678, 1.3859038243496777),
    (3.2530664035064361e-16, 30, -0.35783882874343148, 0.35783882874343148),
    (2.4999999999999991, 2, -0.71968475180830027, 4.2675036518888954),
    (-2.4999999999999991, 2, -4.2675036518888936, 0.71968475180829983),
    (1.0000000000000007, 3, -0.72137675336006746, 1.7732154944535679),
    (3.2000000000000006, 3, -0.18985458672085562, 3.8323199959692174),
    (-4.0000000000000018, 10, -2.0922864270061345, -0.40107654586304686),
    (2.0999999999999996, 25, 0.0065805925741072423, 0.82542240124894339),
    (0.50000000000000699, 100, -0.14624573070373847, 0.24599383067465933),
    (1.9599999999999962, 40, -0.0093767140061877009, 0.62540096479948204),
    (11.999999999999988, 4, 1.4710978495002665, 10.677702627548475),
    (4.9999999999999911, 5000, 0.042954442674461919, 0.098459857966621434),
    (-3.0000000000000422, 5000, -0.070154835673614468, -0.014693738300505063),
]

@Test(arguments: exactReferences)
func dzIntervalInvertsRsNoncentralT(t: Double, n: Int, low: Double, high: Double) throws {
    let interval = try #require(cohensDzInterval(t: t, n: n))
    #expect(isClose(interval.low, low, relative: 1e-10, absolute: 1e-12))
    #expect(isClose(interval.high, high, relative: 1e-10, absolute: 1e-12))
}

// Reference values: effectsize 0.8.3 on R 4.2.2, cohens_d(post, pre, paired = TRUE)'s CI_low and
// CI_high for the same data. Its limits come from optim (Nelder–Mead, abstol 1e-9) on
// |pt(t, df, δ) − 0.975| + |pt(t, df, δ) − 0.025|, so they are within about 5e-7 of the exact
// ones above (3e-8 absolute near 0). Left out: at t = 3.3e-16, n = 30 it returns the empty interval
// (6.5e-17, 6.5e-17), as optim starts from 1.1·t with a simplex too small to move.
private let effectsizeReferences: [(t: Double, n: Int, low: Double, high: Double)] = [
    (0, 2, -1.3859041188248262, 1.3859039411848901),
    (2.4999999999999991, 2, -0.71968515686212342, 4.2675040120080361),
    (-2.4999999999999991, 2, -4.2675036777194952, 0.71968465714360719),
    (1.0000000000000007, 3, -0.72137670490503636, 1.7732156034839099),
    (3.2000000000000006, 3, -0.18985465257412443, 3.8323196923834555),
    (-4.0000000000000018, 10, -2.0922865183777484, -0.40107659498755988),
    (2.0999999999999996, 25, 0.0065805957824132226, 0.82542242643064512),
    (0.50000000000000699, 100, -0.14624576186750182, 0.24599382003272849),
    (1.9599999999999962, 40, -0.0093766831694835767, 0.62540092883908571),
    (11.999999999999988, 4, 1.4710981484383685, 10.677703026374694),
    (4.9999999999999911, 5000, 0.042954448039805845, 0.098459856785619332),
    (-3.0000000000000422, 5000, -0.070154835083980918, -0.014693741217935026),
]

@Test(arguments: effectsizeReferences)
func dzIntervalMatchesEffectsizeToItsOptimiserTolerance(t: Double, n: Int, low: Double, high: Double) throws {
    let interval = try #require(cohensDzInterval(t: t, n: n))
    #expect(isClose(interval.low, low, relative: 1e-6, absolute: 1e-7))
    #expect(isClose(interval.high, high, relative: 1e-6, absolute: 1e-7))
}

// Reference values for |t| = 40, where a limit's δ exceeds 37.62 and R's pt (hence effectsize)
// uses the normal approximation of Abramowitz & Stegun 26.7.10: mpmath 1.3.0 at 30 digits,
// mp.findroot (Anderson) on P(T ≤ t | δ) − p, the CDF as mp.quad of Φ(t·w − δ) times the density
// of √(V/ν). effectsize 0.8.3 gives the high limits 60.43697, 18.17401, 3.135394 and 0.5955108
// for the first, second, fourth and fifth, and the low limits −9.153235 and 0.5358034 for the
// third and fifth.
private let largeTReferences: [(t: Double, n: Int, low: Double, high: Double)] = [
    (39.999999999999879, 2, 0.84674587942649066, 63.416251016167333),
    (39.999999999999979, 10, 6.8906110506276729, 18.419647073535572),
    (-40.000000000000014, 30, -9.2018633581018376, -5.3962089474891542),
    (40.000000000000007, 200, 2.5172454007597735, 3.1379117626994080),
    (40.000000000000043, 5000, 0.53580724215980983, 0.59551442271267860),
]

@Test(arguments: largeTReferences)
func dzIntervalStaysExactWhereRApproximates(t: Double, n: Int, low: Double, high: Double) throws {
    let interval = try #require(cohensDzInterval(t: t, n: n))
    #expect(isClose(interval.low, low, relative: 1e-12))
    #expect(isClose(interval.high, high, relative: 1e-12))
}

// Reference values: R 4.2.2. As t grows the noncentral t tends to δ/√(V/ν), so the limits tend to
// t·√(qchisq(c(0.025, 0.975), n − 1)/(n − 1))/√n, with a relative error of order 1/t² (nil here).
// A t this large comes from changes that are equal but for rounding (docs/metrics.md, section 5).
@Test(arguments: [
    (2, 33238949394079.273, 2377366602089220.0),
    (5, 233446112994823.88, 1119651625712771.5),
])
func dzIntervalForAHugeTIsTheChiSquareLimit(n: Int, low: Double, high: Double) throws {
    let interval = try #require(cohensDzInterval(t: 1.5e15, n: n))
    #expect(isClose(interval.low, low, relative: 1e-12))
    #expect(isClose(interval.high, high, relative: 1e-12))
}

@Test(arguments: [2, 3, 17, 5000])
func aZeroTGivesTheNormalQuantileOverRootNAndANegativeTTheMirrorImage(n: Int) throws {
    let zero = try #require(cohensDzInterval(t: 0, n: n))
    let expected = StandardNormal.quantile(0.975) / Double(n).squareRoot()
    #expect(isClose(zero.low, -expected, relative: 1e-13))
    #expect(isClose(zero.high, expected, relative: 1e-13))
    for t in [0.3, 2.2, 9.5, 40] {
        let positive = try #require(cohensDzInterval(t: t, n: n))
        let negative = try #require(cohensDzInterval(t: -t, n: n))
        #expect(negative.low == -positive.high)
        #expect(negative.high == -positive.low)
        #expect(positive.low < t / Double(n).squareRoot() && t / Double(n).squareRoot() < positive.high)
    }
}

@Test func aTOfTenToThe300StillGivesAFiniteInterval() throws {
    let interval = try #require(cohensDzInterval(t: 1e300, n: 3))
    #expect(interval.low.isFinite && interval.high.isFinite)
    #expect(0 < interval.low && interval.low < 1e300 / 3.squareRoot() && 1e300 / 3.squareRoot() < interval.high)
}

@Test func aLowerLevelGivesANarrowerInterval() throws {
    let ninetyFive = try #require(cohensDzInterval(t: 2.3, n: 12))
    let ninety = try #require(cohensDzInterval(t: 2.3, n: 12, level: 0.9))
    #expect(ninety.low > ninetyFive.low)
    #expect(ninety.high < ninetyFive.high)
}

@Test(arguments: [
    (2.0, 1, 0.95), (2.0, 0, 0.95), (Double.nan, 10, 0.95), (Double.infinity, 10, 0.95),
    (-Double.infinity, 10, 0.95), (2.0, 10, 0), (2.0, 10, 1), (2.0, 10, Double.nan),
    (Double.greatestFiniteMagnitude, 10, 0.95),  // the upper limit overflows
])
func dzIntervalIsEmptyWithoutTwoPairsAFiniteTOrAProperLevel(t: Double, n: Int, level: Double) {
    #expect(cohensDzInterval(t: t, n: n, level: level) == nil)
}

/// The interval by Brent's method on `NoncentralT.cdf`, as `cohensDzInterval` computed it before
/// its Newton search on `NoncentralTSection`.
private func referenceInterval(t: Double, n: Int) throws -> ConfidenceInterval {
    let ν = Double(n - 1), root = Double(n).squareRoot()
    let lower = try #require(noncentralityLimitByBrent(t: abs(t), degreesOfFreedom: ν, probability: 0.975))
    let upper = try #require(noncentralityLimitByBrent(t: abs(t), degreesOfFreedom: ν, probability: 0.025))
    return t < 0 ? ConfidenceInterval(low: -upper / root, high: -lower / root)
        : ConfidenceInterval(low: lower / root, high: upper / root)
}

// Both searches stop within about 1e-14 of √(1 + t²/2ν) (the reference at 1e-15, noise-limited
// by the quadrature), so a limit near 0 is compared relative to the interval's larger end.
@Test(arguments: [2, 3, 10, 1000, 7000], [0, 1e-3, -1e-3, 2, -2, 10, 40, -40, 1e6])
func theNewtonSearchAgreesWithBrentsOnTheQuadrature(n: Int, t: Double) throws {
    let fast = try #require(cohensDzInterval(t: t, n: n))
    let reference = try referenceInterval(t: t, n: n)
    let size = max(abs(reference.low), abs(reference.high))
    #expect(isClose(fast.low, reference.low, relative: 1e-12, absolute: 1e-12 * size))
    #expect(isClose(fast.high, reference.high, relative: 1e-12, absolute: 1e-12 * size))
}
