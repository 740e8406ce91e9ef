import Testing
@testable import ImpactStatistics

// Reference figures: SciPy 1.17.1 with NumPy 2.4.6, from
//     pre, post = np.array(PRE), np.array(POST); d = post - pre
// and the call beside each number (printed with repr()). Where binary rounding makes
// mathematically equal differences unequal (decimal and one-third scores), d is instead the
// exact differences, d = np.array([float(Fraction(b) - Fraction(a)) for a, b in zip(PRE, POST)])
// from the decimal texts, and the t-test is scipy.stats.ttest_1samp(d, 0.0), as the beside-calls say.

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
/// (−0.6000000000000001 and −0.5999999999999996).
private let declinePre = [4.2, 3.8, 4.6, 3.9, 4.4, 4.1, 3.7, 4.0, 3.3]
private let declinePost = [3.6, 3.9, 4.0, 3.1, 4.4, 3.5, 3.2, 3.3, 2.5]

/// Changes of 1 ± k/64: a t statistic above 100 and a p-value of 5e-15.
private let sharpPre = (0..<10).map { 2 + 0.25 * Double($0) }
private let sharpPost = zip(sharpPre, [0, 3, -2, 1, -3, 2, -1, 0, 2, -2]).map { $0 + 1 + Double($1) / 64 }

/// 2000 pairs in eighths, the same in Python: pre[i] = ((i*37) % 41)/8 + 1, post[i] = pre[i] + ((i*13) % 23)/8 - 1.25.
private let largePre = (0..<2000).map { Double(($0 * 37) % 41) / 8 + 1 }
private let largePost = largePre.indices.map { largePre[$0] + Double(($0 * 13) % 23) / 8 - 1.25 }

/// One-third scores that all rise by exactly 1, which binary rounding turns into
/// 1.0000000000000004, 1.0, 0.9999999999999998, …: raw scipy.stats.ttest_rel(post, pre) reports
/// t = 6369051672525772.0, p = 3.6e-63.
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
    meanChange: -0.5,                       // d.mean()
    sdChange: 0.32787192621510003,          // d.std(ddof=1)
    ciLow: -0.7520246725564586,             // scipy.stats.ttest_1samp(d, 0.0).confidence_interval(0.95).low
    ciHigh: -0.2479753274435414,            // scipy.stats.ttest_1samp(d, 0.0).confidence_interval(0.95).high
    t: -4.57495710997814,                   // scipy.stats.ttest_1samp(d, 0.0).statistic
    df: 8,                                  // scipy.stats.ttest_1samp(d, 0.0).df
    pValue: 0.0018139585097282141,          // scipy.stats.ttest_1samp(d, 0.0).pvalue
    cohensDz: -1.5249857033260468,          // d.mean() / d.std(ddof=1)
    hedgesGav: -0.9522204604242006,         // d.mean() / ((pre.std(ddof=1) + post.std(ddof=1)) / 2) * (1 - 3 / (4 * (len(d) - 1) - 1))
    wilcoxonP: 0.01661139935534668,         // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx').pvalue
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
    sdChange: 0.0,                          // d.std(ddof=1)
    ciLow: 1.0,                             // d.mean() (sd_change = 0)
    ciHigh: 1.0,                            // d.mean() (sd_change = 0)
    t: nil,                                 // undefined: sd_change = 0
    df: 4,                                  // len(d) - 1
    pValue: nil,                            // undefined: sd_change = 0
    cohensDz: nil,                          // undefined: sd_change = 0
    hedgesGav: 0.7869910029407435,          // d.mean() / ((pre.std(ddof=1) + post.std(ddof=1)) / 2) * (1 - 3 / (4 * (len(d) - 1) - 1))
    wilcoxonP: 0.025347318677468252,        // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx').pvalue
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

@Test func fallingDecimalScoresGiveNegativeFiguresAndTieTheirRoundedDifferences() {
    let change = pairedChange(pre: declinePre, post: declinePost)
    expectFigures(of: change, toMatch: declineReference)
    // Raw scipy.stats.wilcoxon(post - pre, …) splits the ties and reports 0.017017372166933803.
    #expect(!isClose(change.wilcoxonP, 0.017017372166933803))
}

@Test func aTStatisticAbove100GivesATinyPValueWithFullRelativePrecision() {
    expectFigures(of: pairedChange(pre: sharpPre, post: sharpPost), toMatch: sharpReference)
}

@Test func twoThousandPairsMatchSciPy() {
    expectFigures(of: pairedChange(pre: largePre, post: largePost), toMatch: largeReference)
}

@Test func equalChangesBrokenOnlyByRoundingHaveNoSpreadAndNoTTest() {
    let change = pairedChange(pre: thirdsPre, post: thirdsPost)
    expectFigures(of: change, toMatch: thirdsReference)
    #expect(change.sdChange == 0)
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
    let change = pairedChange(pre: [], post: [])
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

@Test func roundingMergedDifferencesMakesEqualChangesIdenticalAndKeepsTheirSigns() {
    let differences = roundingMergedDifferences(pre: [11.0 / 3, 8.0 / 3, 14.0 / 3, 2], post: [14.0 / 3, 11.0 / 3, 11.0 / 3, 2])
    let upper: Double = 14.0 / 3 - 11.0 / 3, lower: Double = 11.0 / 3 - 8.0 / 3
    #expect(upper != lower)
    #expect(differences[0] == differences[1])
    #expect(differences[2] == -differences[0])
    #expect(differences[3] == 0)
    #expect(isClose(differences[0], 1, relative: 1e-15))
}

@Test func genuinelyDifferentChangesAreNotMerged() {
    let pre = [3.0, 3.0, 3.0]
    let post = [3.25, 3.2500001, 2.75]
    #expect(roundingMergedDifferences(pre: pre, post: post) == zip(post, pre).map { $0 - $1 })
}
