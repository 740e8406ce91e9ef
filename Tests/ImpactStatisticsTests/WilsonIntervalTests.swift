import ImpactTestSupport
import Testing
import ImpactStatistics

// Reference values: statsmodels 0.15.0 on SciPy 1.17.1,
// statsmodels.stats.proportion.proportion_confint(x, n, alpha=2 * scipy.stats.norm.sf(1.959964), method='wilson'),
// whose z is norm.isf(alpha/2) = 1.9599639999999998, one ulp from the contract's 1.959964.
private let references: [(successes: Int, trials: Int, low: Double, high: Double)] = [
    (0, 10, 0.0, 0.2775328030260577),  // proportion_confint(0, 10, …)
    (10, 10, 0.7224671969739423, 1.0),  // proportion_confint(10, 10, …)
    (0, 1, 0.0, 0.7934506882081972),  // proportion_confint(0, 1, …)
    (1, 1, 0.20654931179180275, 1.0),  // proportion_confint(1, 1, …)
    (13, 40, 0.20084502152253988, 0.4798225393379223),  // proportion_confint(13, 40, …)
    (7, 23, 0.15604024368893232, 0.5086575642878356),  // proportion_confint(7, 23, …)
    (500, 1000, 0.46906960012506277, 0.5309303998749372),  // proportion_confint(500, 1000, …)
    (1, 1000, 0.00017654636867653643, 0.005642558659926142),  // proportion_confint(1, 1000, …)
    (999, 1000, 0.9943574413400738, 0.9998234536313233),  // proportion_confint(999, 1000, …)
    (281, 1000, 0.25401977810085113, 0.3096563421421628),  // proportion_confint(281, 1000, …)
]

@Test(arguments: references)
func wilsonIntervalMatchesStatsmodelsAtTheContractZ(successes: Int, trials: Int, low: Double, high: Double) throws {
    let interval = try #require(wilsonInterval(successes: successes, trials: trials))
    #expect(isClose(interval.low, low, absolute: 1e-12))
    #expect(isClose(interval.high, high))
}

@Test func ratesOfZeroAndOneGiveExactEndpoints() throws {
    let none = try #require(wilsonInterval(successes: 0, trials: 17))
    let all = try #require(wilsonInterval(successes: 17, trials: 17))
    #expect(none.low == 0)
    #expect(all.high == 1)
    #expect(isClose(none.high, 1 - all.low, relative: 1e-14))
}

@Test func noTrialsGiveNoInterval() {
    #expect(wilsonInterval(successes: 0, trials: 0) == nil)
}

@Test func theContractZIsNotTheExactNormalQuantile() throws {
    #expect(ConfidenceInterval.contractZ == 1.959964)
    // statsmodels 0.15.0: proportion_confint(13, 40, alpha=0.05, method='wilson'), z = 1.959963984540054.
    let exact = try #require(wilsonInterval(successes: 13, trials: 40, z: StandardNormal.quantile(0.975)))
    #expect(isClose(exact.low, 0.20084502231782703))
    #expect(isClose(exact.high, 0.4798225381012234))
    let contract = try #require(wilsonInterval(successes: 13, trials: 40))
    #expect(!isClose(contract.low, exact.low))
}
