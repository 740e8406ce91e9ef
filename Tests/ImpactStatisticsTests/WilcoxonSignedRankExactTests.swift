import ImpactTestSupport
import Testing
@testable import ImpactStatistics

// Reference values: R 4.2.2, wilcox.test(x, exact = TRUE)$p.value printed with 17 significant
// digits, for x = the ranks 1…m with the ranks of a subset summing to V positive and the rest
// negative (no zeros, no ties: the statistic V is checked); each equals R's
// p <- if (V > m*(m+1)/4) psignrank(V - 1, m, lower.tail = FALSE) else psignrank(V, m); min(1, 2*p).
private let references: [(m: Int, v: Int, p: Double)] = [
    (1, 0, 1),
    (1, 1, 1),
    (2, 0, 0.5),
    (2, 1, 1),
    (2, 2, 1),
    (2, 3, 0.5),
    (3, 3, 1),
    (5, 0, 0.0625),
    (5, 7, 1),
    (5, 8, 1),
    (5, 15, 0.0625),
    (10, 8, 0.048828125),
    (10, 27, 1),
    (10, 28, 1),
    (10, 47, 0.048828125),
    (20, 40, 0.013616561889648438),
    (20, 105, 1),
    (20, 160, 0.039989471435546875),
    (30, 100, 0.0053827799856662768),
    (30, 232, 1),
    (49, 300, 0.0015035284702591414),
    (50, 0, 1.7763568394002489e-15),  // 2/2⁵⁰
    (50, 1, 3.5527136788004978e-15),
    (50, 300, 0.00084757089836529065),
    (50, 638, 1),
    (50, 975, 0.00084757089836529065),
    (50, 1274, 3.5527136788004978e-15),
    (50, 1275, 1.7763568394002489e-15),
]

@Test(arguments: references)
func exactWilcoxonMatchesRsWilcoxTest(m: Int, v: Int, p: Double) {
    #expect(isClose(wilcoxonSignedRankExactPValue(nonZeroCount: m, positiveRankSum: v), p, relative: 1e-14))
}

// R gives 0.99999999999999978 at (30, 233) and 0.99999999999999989 at (50, 637): the one-sided p
// there is exactly ½ (P(V ≤ 232) = P(V ≥ 233) by symmetry), which psignrank reaches as 1 minus a
// sum of rounded terms. The exact counts give 1.
@Test(arguments: [(30, 233), (50, 637)])
func theMiddleOfTheDistributionGivesExactlyOne(m: Int, v: Int) {
    #expect(wilcoxonSignedRankExactPValue(nonZeroCount: m, positiveRankSum: v) == 1)
}

@Test func subsetCountsAreTheKnownDistribution() {
    // m = 4: sums 0…10 of subsets of {1, 2, 3, 4}: 1 1 1 2 2 2 2 2 1 1 1 (16 subsets).
    #expect(signedRankCounts(4, upTo: 10) == [1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 1])
    // m = 50: the counts up to the middle are half of 2⁵⁰ (the distribution is symmetric and
    // 1275 is odd, so no sum sits on the centre).
    #expect(signedRankCounts(50, upTo: 637).reduce(0, +) == UInt64(1) << 49)
}

@Test func pValuesAreSymmetricInV() {
    for m in [7, 12, 50] {
        let maximum = m * (m + 1) / 2
        for v in stride(from: 0, through: maximum, by: max(1, maximum / 17)) {
            #expect(wilcoxonSignedRankExactPValue(nonZeroCount: m, positiveRankSum: v)
                == wilcoxonSignedRankExactPValue(nonZeroCount: m, positiveRankSum: maximum - v))
        }
    }
}

@Test(arguments: [(0, 0), (51, 100), (-1, 0), (5, -1), (5, 16), (50, 1276)])
func countsOrStatisticsOutsideTheExactRangeGiveNoPValue(m: Int, v: Int) {
    #expect(wilcoxonSignedRankExactPValue(nonZeroCount: m, positiveRankSum: v) == nil)
}
