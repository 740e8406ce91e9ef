import ImpactTestSupport
import Testing
@testable import ImpactStatistics

// Reference figures: scripts/reference/prepost_alpha.py's paired_figures (Python 3.11 fractions,
// SciPy 1.17.1 for the t and normal distributions and the Wilcoxon ranking of the integers
// d·L), called on the same pairs as Fractions and printed with repr(). Every mean, difference and
// sum of squares there is an exact Fraction, turned into a float once.

/// Scores as (coded sum, items answered).
private func scores(_ parts: [(Int, Int)]) -> [ScoreFraction] {
    parts.compactMap { ScoreFraction(codedSum: $0.0, answered: $0.1) }
}

/// Expects `change` to hold `reference` (name: value, nil for an empty cell), to 1e-9 relative
/// (1e-12 absolute for figures that can be 0).
private func expectFigures(of change: PairedChange, _ reference: [String: Double?], sourceLocation: SourceLocation = #_sourceLocation) {
    let figures: [String: Double?] = [
        "mean_pre": change.meanPre, "mean_post": change.meanPost, "mean_change": change.meanChange,
        "sd_change": change.sdChange, "ci_low": change.ciLow, "ci_high": change.ciHigh, "t": change.t,
        "p_value": change.pValue, "cohens_dz": change.cohensDz, "hedges_gav": change.hedgesGav,
        "wilcoxon_p": change.wilcoxonP, "pct_improved": change.pctImproved,
    ]
    for (name, expected) in reference {
        let actual = figures[name] ?? nil
        if let expected {
            #expect(isClose(actual, expected, absolute: 1e-12), "\(name): \(String(describing: actual)) against \(expected)", sourceLocation: sourceLocation)
        } else {
            #expect(actual == nil, "\(name) should be empty, is \(String(describing: actual))", sourceLocation: sourceLocation)
        }
    }
}

@Test func fiveChangesOfExactlyOneThroughThirdsHaveNoSpreadAndNoTTest() {
    // 11/3 → 14/3, 8/3 → 11/3, …: in binary the differences are 1.0000000000000004, 1.0, …
    let change = pairedChange(pre: scores([(11, 3), (8, 3), (5, 3), (10, 3), (4, 3)]),
                              post: scores([(14, 3), (11, 3), (8, 3), (13, 3), (7, 3)]))
    #expect(change.sdChange == 0)
    #expect(change.meanChange == 1)
    #expect(change.ciLow == 1 && change.ciHigh == 1)
    #expect(change.df == 4)
    expectFigures(of: change, [
        "mean_pre": 2.533333333333333, "mean_post": 3.533333333333333, "t": nil, "p_value": nil, "cohens_dz": nil,
        "hedges_gav": 0.7869910029407435, "wilcoxon_p": 0.025347318677468252, "pct_improved": 1.0,
    ])
}

@Test func equalRationalChangesTieInTheWilcoxonRanksWhateverTheirDenominators() {
    // Changes +1/3 (13/3 − 4, 7/3 − 2), −1/3 (2 − 7/3), −1/2 (5/2 − 3), +1/2 (4 − 7/2), +1/4 (9/4 − 2),
    // +1/3 (10/3 − 3) and 0 (10/4 − 10/4): ties of both signs across denominators.
    let change = pairedChange(pre: scores([(12, 3), (6, 3), (7, 3), (6, 2), (7, 2), (8, 4), (9, 3), (10, 4)]),
                              post: scores([(13, 3), (7, 3), (6, 3), (5, 2), (8, 2), (9, 4), (10, 3), (10, 4)]))
    expectFigures(of: change, [
        "mean_pre": 2.7916666666666665, "mean_post": 2.90625, "mean_change": 0.11458333333333333,
        "sd_change": 0.3589488069791374, "ci_low": -0.1855053790952504, "ci_high": 0.414672045761917,
        "t": 0.9028881047727536, "p_value": 0.39659032977382475, "cohens_dz": 0.319219150768742,
        "hedges_gav": 0.1281887048286922, "wilcoxon_p": 0.4903143196690689, "pct_improved": 0.625,
    ])
}

@Test func twoPairsOfDifferentDenominators() {
    let change = pairedChange(pre: scores([(10, 3), (7, 2)]), post: scores([(11, 3), (4, 1)]))
    #expect(change.df == 1)
    #expect(change.hedgesGav == 0)
    expectFigures(of: change, [
        "mean_pre": 3.4166666666666665, "mean_post": 3.8333333333333335, "mean_change": 0.4166666666666667,
        "sd_change": 0.11785113019775792, "ci_low": -0.6421837280145577, "ci_high": 1.4755170613478912,
        "t": 5.000000000000001, "p_value": 0.12566591637800234, "cohens_dz": 3.5355339059327378,
        "wilcoxon_p": 0.17971249487899976, "pct_improved": 1.0,
    ])
}

@Test func oneItemConstructsAreWholeNumbers() {
    let change = pairedChange(pre: scores([(3, 1), (2, 1), (4, 1), (1, 1), (5, 1), (3, 1), (2, 1)]),
                              post: scores([(4, 1), (2, 1), (5, 1), (3, 1), (4, 1), (4, 1), (3, 1)]))
    expectFigures(of: change, [
        "mean_pre": 2.857142857142857, "mean_post": 3.5714285714285716, "mean_change": 0.7142857142857143,
        "sd_change": 0.9511897312113419, "ci_low": -0.16541806446887863, "ci_high": 1.5939894930403073,
        "t": 1.986798535597566, "p_value": 0.09413276656581646, "cohens_dz": 0.7509392614826383,
        "hedges_gav": 0.5351961526385004, "wilcoxon_p": 0.0955807045456294, "pct_improved": 0.7142857142857143,
    ])
}

@Test func fortyPairsInThirdsQuartersAndFifths() {
    // random.seed(14); per pair a, b from {3, 4, 5}, (randint(a, 5a), a) and (randint(b, 5b), b).
    let pre = scores([(14, 3), (13, 5), (6, 4), (16, 4), (6, 3), (15, 4), (11, 3), (10, 5), (8, 5), (6, 4), (9, 3), (25, 5),
                      (12, 3), (10, 5), (21, 5), (10, 4), (12, 4), (7, 3), (5, 3), (20, 4), (10, 3), (19, 5), (17, 4), (13, 5),
                      (18, 4), (8, 4), (23, 5), (9, 3), (14, 3), (15, 4), (6, 5), (13, 5), (5, 4), (4, 4), (21, 5), (5, 4),
                      (6, 3), (10, 5), (13, 3), (15, 4)])
    let post = scores([(25, 5), (14, 3), (18, 4), (16, 4), (14, 4), (20, 4), (13, 3), (4, 4), (12, 3), (7, 3), (18, 4), (13, 3),
                       (25, 5), (7, 4), (10, 4), (19, 4), (8, 5), (7, 3), (14, 3), (12, 3), (9, 4), (13, 4), (17, 4), (10, 3),
                       (12, 3), (10, 3), (18, 4), (18, 5), (15, 4), (13, 4), (13, 3), (7, 4), (6, 3), (12, 3), (15, 4), (5, 3),
                       (7, 3), (11, 4), (15, 5), (6, 5)])
    expectFigures(of: pairedChange(pre: pre, post: post), [
        "mean_pre": 3.0016666666666665, "mean_post": 3.401666666666667, "mean_change": 0.4,
        "sd_change": 1.4078331939524307, "ci_low": -0.05024689865188953, "ci_high": 0.8502468986518896,
        "t": 1.7969615569528787, "p_value": 0.08008924735400332, "cohens_dz": 0.28412456938667385,
        "hedges_gav": 0.3297610871401338, "wilcoxon_p": 0.14123544933718096, "pct_improved": 0.525,
    ])
}

@Test func unchangedFractionsGiveExactZerosAndNoWilcoxon() {
    let same = scores([(8, 2), (12, 3), (7, 3), (5, 4)])
    let equalValues = scores([(12, 3), (8, 2), (14, 6), (10, 8)])
    let change = pairedChange(pre: same, post: equalValues)
    #expect(change.meanChange == 0 && change.sdChange == 0)
    #expect(change.wilcoxonP == nil && change.t == nil && change.pValue == nil && change.cohensDz == nil)
    #expect(change.pctImproved == 0)
}

@Test func onePairHasNoSpread() {
    let change = pairedChange(pre: scores([(7, 3)]), post: scores([(10, 3)]))
    #expect(change.nPairs == 1 && change.meanChange == 1 && change.df == nil && change.sdChange == nil)
    // scipy.stats.wilcoxon([1], zero_method='wilcox', correction=False, method='approx').pvalue (SciPy 1.17.1)
    #expect(isClose(change.wilcoxonP, 0.31731050786291415))
}

@Test func denominatorsBeyondSixtyFourBitsAreTakenInBinary() {
    // Three primes near 2³¹ have a common multiple above 2⁶³: the figures are the binary ones.
    let pre = scores([(2_147_483_647, 2_147_483_647), (2_147_483_629, 2_147_483_629), (1, 1)])
    let post = scores([(2, 1), (1_073_741_793, 2_147_483_587), (3, 1)])
    #expect(pairedChange(pre: pre, post: post) == pairedChange(pre: pre.map(\.value), post: post.map(\.value)))
}

@Test func aScoreNeedsAPositiveCountWithinThirtyTwoBits() {
    #expect(ScoreFraction(codedSum: 3, answered: 0) == nil)
    #expect(ScoreFraction(codedSum: 3, answered: -1) == nil)
    #expect(ScoreFraction(codedSum: Int(Int32.max) + 1, answered: 1) == nil)
    #expect(ScoreFraction(codedSum: 12, answered: 3)?.value == 4)
}

@Test func theExtensionsComeFromTheExactChanges() {
    // Changes 2/3, −1/4, 4/3, 5/4, 1, −1/2 and 0: no ties among the six non-zero ones.
    // wilcox.test(c(2/3, -1/4, 4/3, 5/4, 1, -1/2), exact = TRUE)$p.value = 0.15625 (R 4.2.2);
    // effectsize::cohens_d(post, pre, paired = TRUE) CI -0.18019034433 to 1.47606636649
    // (effectsize 0.8.3, its optimiser to about 1e-9); prepost_alpha.py's paired_figures
    // (SciPy 1.17.1 nct and brentq; Bonett 2008 for g_av) for the figures compared.
    let change = pairedChange(pre: scores([(9, 3), (10, 4), (11, 3), (12, 4), (7, 2), (13, 4), (8, 3)]),
                              post: scores([(11, 3), (9, 4), (15, 3), (17, 4), (9, 2), (11, 4), (8, 3)]))
    #expect(isClose(change.wilcoxonPExact, 0.15625, relative: 1e-14))
    #expect(isClose(change.cohensDzInterval?.low, -0.18019034495575376, relative: 1e-9))
    #expect(isClose(change.cohensDzInterval?.high, 1.4760663303191952, relative: 1e-9))
    #expect(isClose(change.cohensDzInterval?.low, -0.18019034433, relative: 1e-6))
    #expect(isClose(change.hedgesGavInterval?.low, -0.1805923899590911, relative: 1e-9))
    #expect(isClose(change.hedgesGavInterval?.high, 1.3621656152908572, relative: 1e-9))
}

@Test func tiesLeaveNoExactWilcoxonAndAConstantChangeNoEffectSizeInterval() {
    let thirds = pairedChange(pre: scores([(11, 3), (8, 3), (5, 3), (10, 3), (4, 3)]),
                              post: scores([(14, 3), (11, 3), (8, 3), (13, 3), (7, 3)]))
    #expect(thirds.wilcoxonPExact == nil && thirds.cohensDzInterval == nil)
    #expect(thirds.hedgesGavInterval != nil)
    // Two pairs: the exact p of two positive ranks is 2 · 1/4 = 0.5; g_av has no interval (J = 0).
    let two = pairedChange(pre: scores([(10, 3), (7, 2)]), post: scores([(11, 3), (4, 1)]))
    #expect(two.wilcoxonPExact == 0.5 && two.hedgesGavInterval == nil)
    #expect(isClose(two.cohensDzInterval?.high, 8.081492463344473, relative: 1e-9))
}
