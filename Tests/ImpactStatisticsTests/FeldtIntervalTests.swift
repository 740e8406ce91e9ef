import ImpactTestSupport
import Testing
import ImpactStatistics

// Reference values: R 4.2.2 with psych 2.2.9, f <- psych::alpha.ci(alpha, n.obs, n.var) (what
// psych::alpha reports as "Feldt"), c(f$lower.ci, f$upper.ci) printed with 17 significant digits;
// SciPy 1.17.1's 1 - (1 - alpha) * scipy.stats.f.ppf(0.975 / 0.025, n - 1, (n - 1)(k - 1)) agrees
// to 1e-15 on each.
private let references: [(alpha: Double, n: Int, k: Int, low: Double, high: Double)] = [
    (0.8, 400, 5, 0.76724897373113365, 0.82939786103366819),
    (0.7, 30, 10, 0.51003916256643844, 0.83733740388616318),
    (0.9, 100_000, 5, 0.89901666582686979, 0.90097665116215031),
    (1, 50, 4, 1, 1),
    (0.5, 2, 2, -322.89450573892202, 0.99922814374566293),
]

@Test func feldtIntervalsMatchPsych() {
    for reference in references {
        let interval = feldtInterval(alpha: reference.alpha, respondents: reference.n, items: reference.k)
        #expect(isClose(interval?.low, reference.low, relative: 1e-12), "\(reference)")
        #expect(isClose(interval?.high, reference.high, relative: 1e-12), "\(reference)")
    }
}

@Test func feldtIntervalAtManyRespondentsMatchesMpmathWhereRIsOff() {
    // n = 100000, k = 10: R 4.2.2's qf(0.975, 99999, 899991) is 5e-4 too small (FDistributionTests),
    // so psych gives 0.89912158029276879 to 0.90087463106303201. mpmath 1.3.0's F quantiles
    // 1.0092647944943152 and 0.9907859557484098 give 1 − 0.1·F: 0.8990735205505684 to 0.900921404425159
    // (SciPy 1.17.1: 0.8990735205505686, 0.900921404425159).
    let interval = feldtInterval(alpha: 0.9, respondents: 100_000, items: 10)
    #expect(isClose(interval?.low, 0.8990735205505684, relative: 1e-12))
    #expect(isClose(interval?.high, 0.900921404425159, relative: 1e-12))
}

@Test func aNinetyPercentIntervalIsNarrower() {
    // psych::alpha.ci(0.8, 400, 5, p.val = 0.1): 0.77283193059385735 to 0.82495550447708377.
    let interval = feldtInterval(alpha: 0.8, respondents: 400, items: 5, level: 0.9)
    #expect(isClose(interval?.low, 0.77283193059385735, relative: 1e-12))
    #expect(isClose(interval?.high, 0.82495550447708377, relative: 1e-12))
}

@Test(arguments: [
    (nil, 10, 5, 0.95),  // no alpha
    (Double.nan, 10, 5, 0.95),
    (0.8, 1, 5, 0.95),  // one respondent: no degrees of freedom
    (0.8, 10, 1, 0.95),  // one item
    (0.8, 10, 5, 0),  // no level
    (0.8, 10, 5, 1),
] as [(Double?, Int, Int, Double)])
func feldtIntervalIsEmptyWithoutAlphaTwoRespondentsTwoItemsOrALevel(alpha: Double?, n: Int, k: Int, level: Double) {
    #expect(feldtInterval(alpha: alpha, respondents: n, items: k, level: level) == nil)
}
