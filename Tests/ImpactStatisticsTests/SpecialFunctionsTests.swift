import ImpactTestSupport
import Testing
@testable import ImpactStatistics

// Reference values: SciPy 1.17.1 (NumPy 2.4.6), the call beside each number, printed with repr().

private let incompleteBetaReferences: [(x: Double, a: Double, b: Double, value: Double)] = [
        (0.3, 0.5, 0.5, 0.36901011956554536),  // scipy.special.betainc(0.5, 0.5, 0.3)
        (0.42, 1.0, 1.0, 0.42),  // scipy.special.betainc(1.0, 1.0, 0.42)
        (0.2, 2.0, 3.0, 0.18080000000000004),  // scipy.special.betainc(2.0, 3.0, 0.2)
        (0.9, 2.0, 3.0, 0.9963),  // scipy.special.betainc(2.0, 3.0, 0.9)
        (0.001, 0.1, 10.0, 0.6596666602208251),  // scipy.special.betainc(0.1, 10.0, 0.001)
        (0.999, 10.0, 0.1, 0.3403333397791746),  // scipy.special.betainc(10.0, 0.1, 0.999)
        (0.5, 5.0, 0.5, 0.010119559735433718),  // scipy.special.betainc(5.0, 0.5, 0.5)
        (0.001, 50.0, 60.0, 3.2306766001524136e-119),  // scipy.special.betainc(50.0, 60.0, 0.001)
        (0.45, 50.0, 60.0, 0.4642352914306031),  // scipy.special.betainc(50.0, 60.0, 0.45)
        (0.95, 20.0, 0.5, 0.15459078143343816),  // scipy.special.betainc(20.0, 0.5, 0.95)
        (0.05, 3.5, 40.0, 0.24706038634446703),  // scipy.special.betainc(3.5, 40.0, 0.05)
        (0.3333, 1000.0, 2000.0, 0.500171880252062),  // scipy.special.betainc(1000.0, 2000.0, 0.3333)
        (0.999996, 500000.0, 0.5, 0.04550010192315519),  // scipy.special.betainc(500000.0, 0.5, 0.999996)
        (4e-06, 0.5, 500000.0, 0.9544998980767369),  // scipy.special.betainc(0.5, 500000.0, 4e-06)
        (0.52, 500.0, 500.0, 0.897082472693004),  // scipy.special.betainc(500.0, 500.0, 0.52)
]

private let logGammaReferences: [(x: Double, value: Double)] = [
        (1e-08, 18.42068073818021),  // scipy.special.gammaln(1e-08)
        (0.1, 2.252712651734206),  // scipy.special.gammaln(0.1)
        (0.5, 0.5723649429247),  // scipy.special.gammaln(0.5)
        (1.0, 0.0),  // scipy.special.gammaln(1.0)
        (1.5, -0.12078223763524526),  // scipy.special.gammaln(1.5)
        (2.0, 0.0),  // scipy.special.gammaln(2.0)
        (2.5, 0.2846828704729192),  // scipy.special.gammaln(2.5)
        (3.0, 0.6931471805599453),  // scipy.special.gammaln(3.0)
        (10.0, 12.801827480081469),  // scipy.special.gammaln(10.0)
        (10.5, 13.940625219403763),  // scipy.special.gammaln(10.5)
        (100.0, 359.1342053695754),  // scipy.special.gammaln(100.0)
        (100000.0, 1051287.7089736569),  // scipy.special.gammaln(100000.0)
        (10000000000.0, 220258509288.81058),  // scipy.special.gammaln(10000000000.0)
]

private let logBetaReferences: [(a: Double, b: Double, value: Double)] = [
        (0.5, 0.5, 1.1447298858494),  // scipy.special.betaln(0.5, 0.5)
        (1.0, 2.0, -0.6931471805599453),  // scipy.special.betaln(1.0, 2.0)
        (3.0, 40.0, -10.446973958541667),  // scipy.special.betaln(3.0, 40.0)
        (12.0, 15.0, -18.568172732389435),  // scipy.special.betaln(12.0, 15.0)
        (500000.0, 500000.0, -693152.4762292597),  // scipy.special.betaln(500000.0, 500000.0)
]

@Test(arguments: incompleteBetaReferences)
func incompleteBetaMatchesSciPy(x: Double, a: Double, b: Double, value: Double) {
    #expect(isClose(regularizedIncompleteBeta(x, a: a, b: b), value, relative: 1e-12))
}

@Test func incompleteBetaHasItsLimitsAndRefusesBadParameters() {
    #expect(regularizedIncompleteBeta(0, a: 2, b: 3) == 0)
    #expect(regularizedIncompleteBeta(1, a: 2, b: 3) == 1)
    #expect(regularizedIncompleteBeta(0.5, a: 0, b: 3).isNaN)
    #expect(regularizedIncompleteBeta(.nan, a: 2, b: 3).isNaN)
    // Symmetry I_x(a, b) = 1 − I_(1−x)(b, a).
    #expect(isClose(regularizedIncompleteBeta(0.3, a: 2.5, b: 7), 1 - regularizedIncompleteBeta(0.7, a: 7, b: 2.5), relative: 1e-14))
}

@Test(arguments: logGammaReferences)
func logGammaMatchesSciPy(x: Double, value: Double) {
    #expect(isClose(logGamma(x), value, relative: 1e-13, absolute: 1e-15))
}

@Test(arguments: logBetaReferences)
func logBetaMatchesSciPy(a: Double, b: Double, value: Double) {
    #expect(isClose(logBeta(a, b), value, relative: 1e-13))
}

@Test func logBetaStaysExactWhereSciPyLosesDigits() {
    // mpmath 1.3.0 (50 digits): mp.log(mp.beta(0.5, 500000)) and mp.log(mp.beta(0.5, 12345)); SciPy's
    // scipy.special.betaln(0.5, 500000.0) = -5.988816495984793 is 3.5e-11 off, and
    // scipy.special.betaln(0.5, 12345.0) = -4.138128132399288 is 2.1e-12 off.
    #expect(isClose(logBeta(0.5, 500_000), -5.988816495777464, relative: 1e-14))
    #expect(isClose(logBeta(0.5, 12_345), -4.138128132408037, relative: 1e-14))
}
