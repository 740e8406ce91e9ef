import ImpactTestSupport
import Testing
@testable import ImpactStatistics

// Reference values: SciPy 1.17.1 (NumPy 2.4.6), the call beside each number, printed with repr().

private let cdfReferences: [(x: Double, cdf: Double)] = [
        (-37.0, 5.7255712225239266e-300),  // scipy.stats.norm.cdf(-37.0)
        (-20.0, 2.7536241186061556e-89),  // scipy.stats.norm.cdf(-20.0)
        (-8.5, 9.47953482220325e-18),  // scipy.stats.norm.cdf(-8.5)
        (-5.0, 2.866515718791933e-07),  // scipy.stats.norm.cdf(-5.0)
        (-1.96, 0.024997895148220435),  // scipy.stats.norm.cdf(-1.96)
        (-1.0, 0.15865525393145707),  // scipy.stats.norm.cdf(-1.0)
        (-0.5, 0.3085375387259869),  // scipy.stats.norm.cdf(-0.5)
        (-0.1, 0.460172162722971),  // scipy.stats.norm.cdf(-0.1)
        (0.0, 0.5),  // scipy.stats.norm.cdf(0.0)
        (0.3, 0.6179114221889526),  // scipy.stats.norm.cdf(0.3)
        (0.7, 0.758036347776927),  // scipy.stats.norm.cdf(0.7)
        (1.0, 0.8413447460685429),  // scipy.stats.norm.cdf(1.0)
        (1.959964, 0.9750000009035577),  // scipy.stats.norm.cdf(1.959964)
        (3.0, 0.9986501019683699),  // scipy.stats.norm.cdf(3.0)
        (6.0, 0.9999999990134123),  // scipy.stats.norm.cdf(6.0)
        (8.2, 0.9999999999999999),  // scipy.stats.norm.cdf(8.2)
]

private let survivalReferences: [(x: Double, survival: Double)] = [
        (-8.2, 0.9999999999999999),  // scipy.stats.norm.sf(-8.2)
        (-3.0, 0.9986501019683699),  // scipy.stats.norm.sf(-3.0)
        (-1.0, 0.8413447460685429),  // scipy.stats.norm.sf(-1.0)
        (0.0, 0.5),  // scipy.stats.norm.sf(0.0)
        (0.5, 0.3085375387259869),  // scipy.stats.norm.sf(0.5)
        (1.959964, 0.024999999096442398),  // scipy.stats.norm.sf(1.959964)
        (3.0, 0.0013498980316300933),  // scipy.stats.norm.sf(3.0)
        (5.0, 2.866515718791933e-07),  // scipy.stats.norm.sf(5.0)
        (8.5, 9.47953482220325e-18),  // scipy.stats.norm.sf(8.5)
        (20.0, 2.7536241186061556e-89),  // scipy.stats.norm.sf(20.0)
        (37.0, 5.7255712225239266e-300),  // scipy.stats.norm.sf(37.0)
]

private let quantileReferences: [(p: Double, x: Double)] = [
        (1e-300, -37.0470962993612),  // scipy.stats.norm.ppf(1e-300)
        (1e-20, -9.262340089798409),  // scipy.stats.norm.ppf(1e-20)
        (1e-10, -6.361340902404056),  // scipy.stats.norm.ppf(1e-10)
        (1e-05, -4.264890793922825),  // scipy.stats.norm.ppf(1e-05)
        (0.001, -3.090232306167813),  // scipy.stats.norm.ppf(0.001)
        (0.01, -2.3263478740408408),  // scipy.stats.norm.ppf(0.01)
        (0.02425, -1.972961051311885),  // scipy.stats.norm.ppf(0.02425)
        (0.025, -1.9599639845400545),  // scipy.stats.norm.ppf(0.025)
        (0.1, -1.2815515655446004),  // scipy.stats.norm.ppf(0.1)
        (0.3, -0.5244005127080409),  // scipy.stats.norm.ppf(0.3)
        (0.5, 0.0),  // scipy.stats.norm.ppf(0.5)
        (0.6, 0.2533471031357997),  // scipy.stats.norm.ppf(0.6)
        (0.9, 1.2815515655446004),  // scipy.stats.norm.ppf(0.9)
        (0.975, 1.959963984540054),  // scipy.stats.norm.ppf(0.975)
        (0.999, 3.090232306167813),  // scipy.stats.norm.ppf(0.999)
        (0.9999999999, 6.361340889697422),  // scipy.stats.norm.ppf(0.9999999999)
]

@Test(arguments: cdfReferences)
func normalCDFMatchesSciPy(x: Double, cdf: Double) {
    #expect(isClose(StandardNormal.cdf(x), cdf, relative: 1e-13))
}

@Test(arguments: survivalReferences)
func normalSurvivalKeepsRelativePrecisionInTheUpperTail(x: Double, survival: Double) {
    #expect(isClose(StandardNormal.survival(x), survival, relative: 1e-13))
}

@Test(arguments: quantileReferences)
func normalQuantileMatchesSciPyToFullPrecision(p: Double, x: Double) {
    #expect(isClose(StandardNormal.quantile(p), x, relative: 1e-14, absolute: 1e-300))
}

@Test func normalQuantileIsInfiniteAtTheEndsAndUndefinedOutside() {
    #expect(StandardNormal.quantile(0) == -.infinity)
    #expect(StandardNormal.quantile(1) == .infinity)
    #expect(StandardNormal.quantile(-0.1).isNaN)
    #expect(StandardNormal.quantile(1.1).isNaN)
    #expect(StandardNormal.quantile(.nan).isNaN)
}

@Test(arguments: [1e-12, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999999])
func normalQuantileInvertsTheCDF(p: Double) {
    #expect(isClose(StandardNormal.cdf(StandardNormal.quantile(p)), p, relative: 1e-14))
}
