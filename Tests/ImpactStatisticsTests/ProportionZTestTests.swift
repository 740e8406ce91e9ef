import ImpactTestSupport
import Testing
import ImpactStatistics

// Reference values: statsmodels 0.15.0 on SciPy 1.17.1,
// statsmodels.stats.proportion.proportions_ztest(x, n, value=p0, prop_var=p0) → (z, p), printed with repr().
private let references: [(successes: Int, trials: Int, benchmark: Double, z: Double, p: Double)] = [
    (13, 40, 0.281, 0.6191060770564771, 0.5358464801712295),  // proportions_ztest(13, 40, value=0.281, prop_var=0.281)
    (7, 23, 0.29, 0.15164281875934849, 0.8794686594356004),  // proportions_ztest(7, 23, value=0.29, prop_var=0.29)
    (0, 30, 0.29, -3.5005029819671005, 0.0004643810430701577),  // proportions_ztest(0, 30, value=0.29, prop_var=0.29)
    (30, 30, 0.29, 8.570196955850488, 1.0330819871957004e-17),  // proportions_ztest(30, 30, value=0.29, prop_var=0.29)
    (500, 1000, 0.292, 14.466227158261141, 1.9804111136232566e-47),  // proportions_ztest(500, 1000, value=0.292, prop_var=0.292)
    (281, 1000, 0.281, 0.0, 1.0),  // proportions_ztest(281, 1000, value=0.281, prop_var=0.281)
    (150, 300, 0.29, 8.015889998750847, 1.0934233324754985e-15),  // proportions_ztest(150, 300, value=0.29, prop_var=0.29)
    (9, 12, 0.5, 1.7320508075688774, 0.0832645166635504),  // proportions_ztest(9, 12, value=0.5, prop_var=0.5)
]

@Test(arguments: references)
func proportionZTestMatchesStatsmodels(successes: Int, trials: Int, benchmark: Double, z: Double, p: Double) throws {
    let test = try #require(proportionZTest(successes: successes, trials: trials, benchmark: benchmark))
    #expect(isClose(test.z, z, absolute: 1e-12))
    #expect(isClose(test.pValue, p))
}

@Test(arguments: [(0, 0, 0.3), (3, 10, 0.0), (3, 10, 1.0), (3, 10, -0.2), (3, 10, .nan)])
func proportionZTestIsEmptyWithoutTrialsOrWithADegenerateBenchmark(successes: Int, trials: Int, benchmark: Double) {
    #expect(proportionZTest(successes: successes, trials: trials, benchmark: benchmark) == nil)
}
