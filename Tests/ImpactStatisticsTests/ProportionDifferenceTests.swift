import ImpactTestSupport
import Testing
import ImpactStatistics

// Reference values: statsmodels 0.15.0 on SciPy 1.17.1, printed with repr():
// statsmodels.stats.proportion.confint_proportions_2indep(x1, n1, x2, n2, method='newcomb', compare='diff', alpha=ALPHA)
// with ALPHA = 2 * scipy.stats.norm.sf(1.959964) (the contract's z) or 0.05 (z = 1.959963984540054).
// The first eight are Newcombe's (1998) worked examples; his Table II, method 10, gives them to four
// decimals: (0.0524, 0.3339), (0.1705, 0.8090), (0.0582, 0.8062), (−0.0381, 0.1926), (−0.1611, 0.2775),
// (−0.2775, 0.2775), (0.6791, 1.0000), (0.6075, 1.0000).
private let references: [(x1: Int, n1: Int, x2: Int, n2: Int, low: Double, high: Double, exactLow: Double, exactHigh: Double)] = [
    (56, 70, 48, 80, 0.05243147121804573, 0.33387265501600794, 0.05243147240236498, 0.33387265403690614),
    (9, 10, 3, 10, 0.1705227205081173, 0.8090179743952328, 0.1705227239345029, 0.809017973535488),
    (6, 7, 2, 7, 0.058227923821648764, 0.8062496383214877, 0.05822792748231209, 0.8062496375242278),
    (5, 56, 0, 29, -0.038137149496566033, 0.19256001487876623, -0.038137147903536936, 0.19256001385511165),
    (0, 10, 0, 20, -0.16112516018512962, 0.2775328030260577, -0.1611251580528194, 0.27753279986288926),
    (0, 10, 0, 10, -0.2775328030260577, 0.2775328030260577, -0.27753279986288926, 0.27753279986288926),
    (10, 10, 0, 20, 0.6790860333357487, 1.0, 0.6790860371419145, 1.0),
    (10, 10, 0, 10, 0.6075093459571285, 1.0, 0.6075093504305241, 1.0),
    (41, 120, 37, 150, -0.013577441982999094, 0.20317512471851887, -0.013577441139713597, 0.20317512388281062),
]

@Test(arguments: references)
func newcombeIntervalMatchesStatsmodelsAndTheWorkedExamples(
    x1: Int, n1: Int, x2: Int, n2: Int, low: Double, high: Double, exactLow: Double, exactHigh: Double
) throws {
    let contract = try #require(proportionDifference(successes: x1, trials: n1, comparisonSuccesses: x2, comparisonTrials: n2))
    #expect(contract.difference == Double(x1) / Double(n1) - Double(x2) / Double(n2))
    #expect(isClose(contract.confidenceInterval.low, low))
    #expect(isClose(contract.confidenceInterval.high, high))
    let exact = try #require(proportionDifference(successes: x1, trials: n1, comparisonSuccesses: x2, comparisonTrials: n2,
                                                  z: StandardNormal.quantile(0.975)))
    #expect(isClose(exact.confidenceInterval.low, exactLow))
    #expect(isClose(exact.confidenceInterval.high, exactHigh))
}

@Test(arguments: [(0, 0, 3, 10), (3, 10, 0, 0), (0, 0, 0, 0)])
func aDifferenceNeedsBothGroups(x1: Int, n1: Int, x2: Int, n2: Int) {
    #expect(proportionDifference(successes: x1, trials: n1, comparisonSuccesses: x2, comparisonTrials: n2) == nil)
}
