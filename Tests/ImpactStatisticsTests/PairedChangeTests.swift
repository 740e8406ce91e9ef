import ImpactTestSupport
import Testing
@testable import ImpactStatistics

// Reference figures: SciPy 1.17.1 with NumPy 2.4.6, from
//     pre, post = np.array(PRE), np.array(POST); d = post - pre
// and the call beside each number (printed with repr()). The differences are taken literally,
// as binary floating point makes them (decimal and one-third scores included).

/// The prepost.csv figures of one dataset, as computed by SciPy.
private struct Reference {
    let meanPre: Double
    let meanPost: Double
    let meanChange: Double
    let sdChange: Double
    let ciLow: Double
    let ciHigh: Double
    let t: Double?
    let df: Int
    let pValue: Double?
    let cohensDz: Double?
    let hedgesGav: Double
    let wilcoxonP: Double
    let pctImproved: Double
}

/// Expects every figure of `change` to match `reference` to 1e-9 relative (1e-12 absolute for
/// figures that can be 0).
private func expectFigures(of change: PairedChange, toMatch reference: Reference, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(isClose(change.meanPre, reference.meanPre), "mean_pre", sourceLocation: sourceLocation)
    #expect(isClose(change.meanPost, reference.meanPost), "mean_post", sourceLocation: sourceLocation)
    #expect(isClose(change.meanChange, reference.meanChange, absolute: 1e-12), "mean_change", sourceLocation: sourceLocation)
    #expect(isClose(change.sdChange, reference.sdChange, absolute: 1e-12), "sd_change", sourceLocation: sourceLocation)
    #expect(isClose(change.ciLow, reference.ciLow, absolute: 1e-12), "ci_low", sourceLocation: sourceLocation)
    #expect(isClose(change.ciHigh, reference.ciHigh, absolute: 1e-12), "ci_high", sourceLocation: sourceLocation)
    #expect(isClose(change.t, reference.t, absolute: 1e-12), "t", sourceLocation: sourceLocation)
    #expect(change.df == reference.df, "df", sourceLocation: sourceLocation)
    #expect(isClose(change.pValue, reference.pValue), "p_value", sourceLocation: sourceLocation)
    #expect(isClose(change.cohensDz, reference.cohensDz, absolute: 1e-12), "cohens_dz", sourceLocation: sourceLocation)
    #expect(isClose(change.hedgesGav, reference.hedgesGav, absolute: 1e-12), "hedges_gav", sourceLocation: sourceLocation)
    #expect(isClose(change.wilcoxonP, reference.wilcoxonP), "wilcoxon_p", sourceLocation: sourceLocation)
    #expect(isClose(change.pctImproved, reference.pctImproved), "pct_improved", sourceLocation: sourceLocation)
    #expect(change.nPairs == reference.df + 1, "n_pairs", sourceLocation: sourceLocation)
}

// MARK: - Datasets and their SciPy figures

/// Four-item scores (quarter points) on a 1–5 scale: ties and two zero differences.
private let quartersPre = [2.5, 3.0, 3.25, 2.75, 4.0, 3.5, 2.0, 3.0, 3.75, 2.25, 3.5, 4.25]
private let quartersPost = [3.25, 3.0, 4.0, 3.5, 4.25, 3.25, 3.0, 3.75, 3.75, 3.0, 4.0, 4.5]

/// np.round(rng.normal(3.2, 0.6, 25), 4) and np.round(pre + rng.normal(0.3, 0.5, 25), 4), rng = np.random.default_rng(2024).
private let continuousPre = [
    3.8173, 4.1852, 3.888, 2.6161, 2.3643, 3.2403, 3.7168, 3.5055, 4.2862, 3.6505, 3.5839, 2.7612, 2.5354,
    4.0906, 3.2293, 3.6869, 2.3741, 2.9382, 2.4253, 2.7346, 3.7418, 2.3117, 2.8795, 3.2983, 2.7989,
]
private let continuousPost = [
    3.9912, 4.3743, 4.3971, 2.7005, 2.8004, 3.5687, 4.2291, 3.918, 5.415, 3.6187, 4.4835, 2.8599, 2.3564,
    4.9962, 3.3095, 3.7931, 1.9798, 2.1891, 3.0425, 2.452, 4.4309, 3.5358, 3.1221, 3.035, 3.296,
]

/// Decimal scores that mostly fall; the three changes of −0.6 come out as two different Doubles
/// (−0.6000000000000001 and −0.5999999999999996), which do not tie in the Wilcoxon ranks.
private let declinePre = [4.2, 3.8, 4.6, 3.9, 4.4, 4.1, 3.7, 4.0, 3.3]
private let declinePost = [3.6, 3.9, 4.0, 3.1, 4.4, 3.5, 3.2, 3.3, 2.5]

/// Changes of 1 ± k/64: a t statistic above 100 and a p-value of 5e-15.
private let sharpPre = (0..<10).map { 2 + 0.25 * Double($0) }
private let sharpPost = zip(sharpPre, [0, 3, -2, 1, -3, 2, -1, 0, 2, -2]).map { $0 + 1 + Double($1) / 64 }

/// 2000 pairs in eighths, the same in Python: pre[i] = ((i*37) % 41)/8 + 1, post[i] = pre[i] + ((i*13) % 23)/8 - 1.25.
private let largePre = (0..<2000).map { Double(($0 * 37) % 41) / 8 + 1 }
private let largePost = largePre.indices.map { largePre[$0] + Double(($0 * 13) % 23) / 8 - 1.25 }

/// One-third scores that all rise by exactly 1, which binary rounding turns into
/// 1.0000000000000004, 1.0, 0.9999999999999998, …: taken literally, as SciPy takes them, the
/// differences have an SD of 3.5e-16, so t = 6.4e15 and p = 3.6e-63.
private let thirdsPre = [11.0 / 3, 8.0 / 3, 5.0 / 3, 10.0 / 3, 4.0 / 3]
private let thirdsPost = [14.0 / 3, 11.0 / 3, 8.0 / 3, 13.0 / 3, 7.0 / 3]

/// Everybody rises by 0.5.
private let constantPre = [2, 2.5, 3, 3.5, 4, 1.5]
private let constantPost = [2.5, 3, 3.5, 4, 4.5, 2]

private let quartersReference = Reference(
    meanPre: 3.1458333333333335,            // pre.mean()
    meanPost: 3.6041666666666665,           // post.mean()
    meanChange: 0.4583333333333333,         // d.mean()
    sdChange: 0.39648073054937955,          // d.std(ddof=1)
    ciLow: 0.20642149553155048,             // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).low
    ciHigh: 0.7102451711351161,             // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).high
    t: 4.004515523545046,                   // scipy.stats.ttest_rel(post, pre).statistic
    df: 11,                                 // scipy.stats.ttest_rel(post, pre).df
    pValue: 0.0020701528805041384,          // scipy.stats.ttest_rel(post, pre).pvalue
    cohensDz: 1.1560040577463837,           // d.mean() / d.std(ddof=1)
    hedgesGav: 0.70418933307475,            // d.mean() / ((pre.std(ddof=1) + post.std(ddof=1)) / 2) * (1 - 3 / (4 * (len(d) - 1) - 1))
    wilcoxonP: 0.008273985146025502,        // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx').pvalue
    pctImproved: 0.75                       // (d > 0).mean()
)
private let continuousReference = Reference(
    meanPre: 3.226396,                      // pre.mean()
    meanPost: 3.5157920000000007,           // post.mean()
    meanChange: 0.289396,                   // d.mean()
    sdChange: 0.47693768502813866,          // d.std(ddof=1)
    ciLow: 0.09252579957684495,             // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).low
    ciHigh: 0.48626620042315505,            // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).high
    t: 3.0338973946137853,                  // scipy.stats.ttest_rel(post, pre).statistic
    df: 24,                                 // scipy.stats.ttest_rel(post, pre).df
    pValue: 0.005724730473922336,           // scipy.stats.ttest_rel(post, pre).pvalue
    cohensDz: 0.606779478922757,            // d.mean() / d.std(ddof=1)
    hedgesGav: 0.3705566162339455,          // d.mean() / ((pre.std(ddof=1) + post.std(ddof=1)) / 2) * (1 - 3 / (4 * (len(d) - 1) - 1))
    wilcoxonP: 0.007423194605873108,        // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx').pvalue
    pctImproved: 0.76                       // (d > 0).mean()
)
private let declineReference = Reference(
    meanPre: 4.0,                           // pre.mean()
    meanPost: 3.5,                          // post.mean()
    meanChange: -0.4999999999999999,        // d.mean()
    sdChange: 0.32787192621510003,          // d.std(ddof=1)
    ciLow: -0.7520246725564586,             // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).low
    ciHigh: -0.24797532744354128,           // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).high
    t: -4.574957109978139,                  // scipy.stats.ttest_rel(post, pre).statistic
    df: 8,                                  // scipy.stats.ttest_rel(post, pre).df
    pValue: 0.0018139585097282154,          // scipy.stats.ttest_rel(post, pre).pvalue
    cohensDz: -1.5249857033260463,          // d.mean() / d.std(ddof=1)
    hedgesGav: -0.9522204604242004,         // d.mean() / ((pre.std(ddof=1) + post.std(ddof=1)) / 2) * (1 - 3 / (4 * (len(d) - 1) - 1))
    wilcoxonP: 0.017017372166933803,        // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx').pvalue
    pctImproved: 0.1111111111111111         // (d > 0).mean()
)
private let sharpReference = Reference(
    meanPre: 3.125,                         // pre.mean()
    meanPost: 4.125,                        // post.mean()
    meanChange: 1.0,                        // d.mean()
    sdChange: 0.03125,                      // d.std(ddof=1)
    ciLow: 0.9776450966884167,              // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).low
    ciHigh: 1.0223549033115833,             // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).high
    t: 101.19288512538813,                  // scipy.stats.ttest_rel(post, pre).statistic
    df: 9,                                  // scipy.stats.ttest_rel(post, pre).df
    pValue: 4.559951103477223e-15,          // scipy.stats.ttest_rel(post, pre).pvalue
    cohensDz: 32.0,                         // d.mean() / d.std(ddof=1)
    hedgesGav: 1.211076632474925,           // d.mean() / ((pre.std(ddof=1) + post.std(ddof=1)) / 2) * (1 - 3 / (4 * (len(d) - 1) - 1))
    wilcoxonP: 0.0049767307542139365,       // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx').pvalue
    pctImproved: 1.0                        // (d > 0).mean()
)
private let largeReference = Reference(
    meanPre: 3.5,                           // pre.mean()
    meanPost: 3.6250625,                    // post.mean()
    meanChange: 0.1250625,                  // d.mean()
    sdChange: 0.8295661658997147,           // d.std(ddof=1)
    ciLow: 0.08868380130321975,             // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).low
    ciHigh: 0.16144119869678025,            // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).high
    t: 6.742036089014599,                   // scipy.stats.ttest_rel(post, pre).statistic
    df: 1999,                               // scipy.stats.ttest_rel(post, pre).df
    pValue: 2.037120467190659e-11,          // scipy.stats.ttest_rel(post, pre).pvalue
    cohensDz: 0.15075651001793466,          // d.mean() / d.std(ddof=1)
    hedgesGav: 0.07862119005732433,         // d.mean() / ((pre.std(ddof=1) + post.std(ddof=1)) / 2) * (1 - 3 / (4 * (len(d) - 1) - 1))
    wilcoxonP: 4.667970506616697e-11,       // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx').pvalue
    pctImproved: 0.522                      // (d > 0).mean()
)
private let thirdsReference = Reference(
    meanPre: 2.5333333333333337,            // pre.mean()
    meanPost: 3.5333333333333328,           // post.mean()
    meanChange: 1.0,                        // d.mean()
    sdChange: 3.510833468576701e-16,        // d.std(ddof=1)
    ciLow: 0.9999999999999996,              // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).low
    ciHigh: 1.0000000000000004,             // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).high
    t: 6369051672525772.0,                  // scipy.stats.ttest_rel(post, pre).statistic
    df: 4,                                  // scipy.stats.ttest_rel(post, pre).df
    pValue: 3.646298014371765e-63,          // scipy.stats.ttest_rel(post, pre).pvalue
    cohensDz: 2848326498395271.5,           // d.mean() / d.std(ddof=1)
    hedgesGav: 0.7869910029407435,          // d.mean() / ((pre.std(ddof=1) + post.std(ddof=1)) / 2) * (1 - 3 / (4 * (len(d) - 1) - 1))
    wilcoxonP: 0.043114446783075355,        // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx').pvalue
    pctImproved: 1.0                        // (d > 0).mean()
)
private let constantReference = Reference(
    meanPre: 2.75,                          // pre.mean()
    meanPost: 3.25,                         // post.mean()
    meanChange: 0.5,                        // d.mean()
    sdChange: 0.0,                          // d.std(ddof=1)
    ciLow: 0.5,                             // d.mean() (sd_change = 0)
    ciHigh: 0.5,                            // d.mean() (sd_change = 0)
    t: nil,                                 // undefined: sd_change = 0
    df: 5,                                  // len(d) - 1
    pValue: nil,                            // undefined: sd_change = 0
    cohensDz: nil,                          // undefined: sd_change = 0
    hedgesGav: 0.4501241969051358,          // d.mean() / ((pre.std(ddof=1) + post.std(ddof=1)) / 2) * (1 - 3 / (4 * (len(d) - 1) - 1))
    wilcoxonP: 0.014305878435429648,        // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx').pvalue
    pctImproved: 1.0                        // (d > 0).mean()
)
private let twoPairsReference = Reference(
    meanPre: 3.25,                          // pre.mean()
    meanPost: 3.625,                        // post.mean()
    meanChange: 0.375,                      // d.mean()
    sdChange: 0.5303300858899106,           // d.std(ddof=1)
    ciLow: -4.38982677606551,               // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).low
    ciHigh: 5.13982677606551,               // scipy.stats.ttest_rel(post, pre).confidence_interval(0.95).high
    t: 1.0,                                 // scipy.stats.ttest_rel(post, pre).statistic
    df: 1,                                  // scipy.stats.ttest_rel(post, pre).df
    pValue: 0.5000000000000001,             // scipy.stats.ttest_rel(post, pre).pvalue
    cohensDz: 0.7071067811865476,           // d.mean() / d.std(ddof=1)
    hedgesGav: 0.0,                         // d.mean() / ((pre.std(ddof=1) + post.std(ddof=1)) / 2) * (1 - 3 / (4 * (len(d) - 1) - 1))
    wilcoxonP: 0.31731050786291415,         // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx').pvalue
    pctImproved: 0.5                        // (d > 0).mean()
)

// MARK: - Tests

@Test func quarterPointScoresWithTiesAndZerosMatchSciPy() {
    expectFigures(of: pairedChange(pre: quartersPre, post: quartersPost), toMatch: quartersReference)
}

@Test func continuousScoresMatchSciPy() {
    expectFigures(of: pairedChange(pre: continuousPre, post: continuousPost), toMatch: continuousReference)
}

@Test func fallingDecimalScoresGiveNegativeFiguresWithTheirDifferencesTakenLiterally() {
    expectFigures(of: pairedChange(pre: declinePre, post: declinePost), toMatch: declineReference)
}

@Test func aTStatisticAbove100GivesATinyPValueWithFullRelativePrecision() {
    expectFigures(of: pairedChange(pre: sharpPre, post: sharpPost), toMatch: sharpReference)
}

@Test func twoThousandPairsMatchSciPy() {
    expectFigures(of: pairedChange(pre: largePre, post: largePost), toMatch: largeReference)
}

@Test func equalChangesBrokenOnlyByRoundingGiveSciPysLiteralTTest() {
    let change = pairedChange(pre: thirdsPre, post: thirdsPost)
    expectFigures(of: change, toMatch: thirdsReference)
    #expect(change.sdChange.map { $0 > 0 && $0 < 1e-15 } == true)
}

@Test func sevenEqualChangesOfATenthSpreadAsInNumPy() {
    // d = np.full(7, 0.1); scipy.stats.ttest_rel(np.full(7, 0.1), np.zeros(7)) (SciPy 1.17.1, NumPy 2.4.6):
    // d.mean() = 0.09999999999999999, not 0.1, so the seven equal differences spread.
    let change = pairedChange(pre: Array(repeating: 0, count: 7), post: Array(repeating: 0.1, count: 7))
    #expect(change.meanChange == 0.09999999999999999)                       // d.mean()
    #expect(isClose(change.sdChange, 1.4989724041661926e-17))             // d.std(ddof=1)
    #expect(isClose(change.t, 1.7650433748553876e16))                     // .statistic
    #expect(isClose(change.pValue, 2.2323972485981933e-96))               // .pvalue
    #expect(isClose(change.cohensDz, 6671236890156444.0))                 // d.mean() / d.std(ddof=1)
}

@Test(arguments: [
    // (values, numpy.sum, numpy.mean, numpy.std(ddof=1)) with values[i] = ((i*37 + s*11) % 41)/10 + 0.1
    // for (n, s) = (9, 4), (20, 3), (130, 1), (300, 6): NumPy 2.4.6, where its pairwise sum differs
    // from both a running sum and the exactly rounded sum (math.fsum).
    (9, 4, 22.000000000000004, 2.4444444444444446, 1.194896555262328),
    (20, 3, 41.199999999999996, 2.0599999999999996, 1.1962221233621506),
    (130, 1, 274.70000000000005, 2.1130769230769233, 1.2014454125378684),
    (300, 6, 629.9000000000001, 2.099666666666667, 1.180031696568037),
])
func sumsMeansAndSDsFollowNumPyToTheLastBit(count: Int, shift: Int, sum: Double, mean: Double, sd: Double) {
    let values = (0..<count).map { Double(($0 * 37 + shift * 11) % 41) / 10 + 0.1 }
    #expect(NumPyOrder.sum(values) == sum)
    #expect(NumPyOrder.mean(values) == mean)
    #expect(NumPyOrder.sampleStandardDeviation(values, mean: mean) == sd)
}

@Test func aConstantChangeHasAnIntervalOfZeroWidthButAWilcoxonPValue() {
    expectFigures(of: pairedChange(pre: constantPre, post: constantPost), toMatch: constantReference)
}

@Test func twoPairsHaveEveryFigureAndHedgesGIsZeroBecauseJIsZero() {
    let change = pairedChange(pre: [3.0, 3.5], post: [3.75, 3.5])
    expectFigures(of: change, toMatch: twoPairsReference)
    // J = 1 − 3/(4·1 − 1) = 0 at n = 2, so g_av is 0 (and never −0) whatever the change.
    #expect(change.hedgesGav == 0)
    let falling = pairedChange(pre: [3.75, 3.5], post: [3.0, 3.5])
    #expect(falling.hedgesGav == 0 && falling.hedgesGav?.sign == .plus)
}

@Test func noPairsLeaveEveryFigureEmpty() {
    let change = pairedChange(pre: [Double](), post: [])
    #expect(change.nPairs == 0)
    let figures = [change.meanPre, change.meanPost, change.meanChange, change.sdChange, change.ciLow, change.ciHigh,
                   change.t, change.pValue, change.cohensDz, change.hedgesGav, change.wilcoxonP, change.pctImproved]
    #expect(figures.allSatisfy { $0 == nil })
    #expect(change.df == nil)
}

@Test func onePairHasMeansShareAndWilcoxonButNoSpreadOrTTest() {
    let change = pairedChange(pre: [2.0], post: [3.0])
    #expect(change.nPairs == 1)
    #expect(change.meanPre == 2 && change.meanPost == 3 && change.meanChange == 1)
    #expect(change.pctImproved == 1)
    // scipy.stats.wilcoxon([1.0], zero_method='wilcox', correction=False, method='approx').pvalue (SciPy 1.17.1)
    #expect(isClose(change.wilcoxonP, 0.31731050786291415))
    let undefined = [change.sdChange, change.ciLow, change.ciHigh, change.t, change.pValue, change.cohensDz, change.hedgesGav]
    #expect(undefined.allSatisfy { $0 == nil })
    #expect(change.df == nil)
}

@Test(arguments: [1, 2, 5])
func unchangedScoresHaveZeroChangeAndNoTests(count: Int) {
    let scores = Array([3, 3.5, 4, 2.5, 3].prefix(count))
    let change = pairedChange(pre: scores, post: scores)
    #expect(change.meanChange == 0)
    #expect(change.pctImproved == 0)
    #expect(change.wilcoxonP == nil)
    #expect(change.t == nil && change.pValue == nil && change.cohensDz == nil)
    if count >= 2 {
        #expect(change.sdChange == 0 && change.ciLow == 0 && change.ciHigh == 0 && change.df == count - 1)
        #expect(change.hedgesGav == 0)
    } else {
        #expect(change.sdChange == nil && change.ciLow == nil && change.hedgesGav == nil)
    }
}

@Test func hedgesGIsEmptyWhenNeitherWaveVaries() {
    let change = pairedChange(pre: [3, 3, 3], post: [4, 4, 4])
    #expect(change.sdPre == 0 && change.sdPost == 0)
    #expect(change.hedgesGav == nil)
    #expect(change.sdChange == 0 && change.t == nil)
    #expect(change.meanChange == 1 && change.ciLow == 1 && change.ciHigh == 1)
}

@Test func pctImprovedIsAProportionOfAllPairsIncludingUnchangedOnes() {
    let change = pairedChange(pre: [1, 2, 3, 4], post: [2, 2, 2, 5])
    #expect(change.pctImproved == 0.5)
}
