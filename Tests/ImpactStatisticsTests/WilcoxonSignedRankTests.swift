import ImpactTestSupport
import Testing
import ImpactStatistics

// Reference values: SciPy 1.17.1 (NumPy 2.4.6),
// scipy.stats.wilcoxon(np.array(d, float), zero_method='wilcox', correction=False, method='approx').pvalue
// for the d beside each number, printed with repr().
private let references: [(differences: [Double], p: Double)] = [
    ([1.5, -0.5, 2.25, 3.0, -1.25, 0.75, 2.0, 4.5], 0.0499499764547464),  // no ties
    ([1, -1, 2, 2, -2, 0, 0, 3, 1, 1, -0.5], 0.1870112591665758),  // ties across signs and two zeros
    ([-1, -2, -3, -4, -5], 0.043114446783075355),  // every change negative
    ([1, -1, 2, -2], 1.0),  // R₊ equals its expectation: z = 0
    ([-0.25], 0.31731050786291415),  // a single non-zero difference
    ((0..<60).map { Double(($0 * 7) % 11 - 5) }, 0.9798473373149162),  // d = [((i*7) % 11) - 5 for i in range(60)]
]

@Test(arguments: references)
func wilcoxonMatchesSciPyWithTieCorrectionAndNoContinuityCorrection(differences: [Double], p: Double) {
    #expect(isClose(wilcoxonSignedRankPValue(differences: differences), p))
}

@Test(arguments: [[], [0.0], [0.0, 0.0, -0.0]])
func wilcoxonIsEmptyWithoutANonZeroDifference(differences: [Double]) {
    #expect(wilcoxonSignedRankPValue(differences: differences) == nil)
}

@Test func wilcoxonDoesNotDependOnOrderOrOnTheSignOfEveryDifference() {
    let differences = [1.5, -0.5, 2.25, 3.0, -1.25, 0.75, 2.0, 4.5]
    #expect(wilcoxonSignedRankPValue(differences: differences.reversed()) == wilcoxonSignedRankPValue(differences: differences))
    #expect(wilcoxonSignedRankPValue(differences: differences.map { -$0 }) == wilcoxonSignedRankPValue(differences: differences))
}
