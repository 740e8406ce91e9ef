/// Every figure of one row of prepost.csv: the change from pre to post in paired scores.
///
/// Property names follow the contract's columns. A figure the contract leaves undefined for
/// these data is nil (an empty cell).
public struct PairedChange: Sendable, Equatable {
    /// n_pairs: the number of pairs.
    public let nPairs: Int
    /// mean_pre: the mean of the pre scores (n ≥ 1).
    public let meanPre: Double?
    /// mean_post: the mean of the post scores (n ≥ 1).
    public let meanPost: Double?
    /// mean_change: the mean of post − pre (n ≥ 1).
    public let meanChange: Double?
    /// sd_change: the sample SD (n − 1) of post − pre (n ≥ 2).
    public let sdChange: Double?
    /// ci_low: the lower limit of the 95% Student t interval of mean_change (n ≥ 2).
    public let ciLow: Double?
    /// ci_high: the upper limit of the 95% Student t interval of mean_change (n ≥ 2).
    public let ciHigh: Double?
    /// t: the paired t statistic mean_change / (sd_change/√n) (n ≥ 2, sd_change > 0).
    public let t: Double?
    /// df: the degrees of freedom n − 1 (n ≥ 2).
    public let df: Int?
    /// p_value: the two-sided p-value of the paired t-test (n ≥ 2, sd_change > 0).
    public let pValue: Double?
    /// cohens_dz: mean_change / sd_change (n ≥ 2, sd_change > 0).
    public let cohensDz: Double?
    /// hedges_gav: mean_change / ((sd_pre + sd_post)/2) × J, J = 1 − 3/(4(n − 1) − 1)
    /// (n ≥ 2, sd_pre + sd_post > 0; J = 0 at n = 2, so the figure is 0 there).
    public let hedgesGav: Double?
    /// wilcoxon_p: the two-sided Wilcoxon signed-rank p-value (at least one non-zero difference).
    public let wilcoxonP: Double?
    /// pct_improved: the share of pairs with post > pre, a proportion in [0, 1] (n ≥ 1).
    public let pctImproved: Double?
    /// The sample SD (n − 1) of the pre scores (n ≥ 2); not a contract column.
    public let sdPre: Double?
    /// The sample SD (n − 1) of the post scores (n ≥ 2); not a contract column.
    public let sdPost: Double?
}

/// The paired change from `pre` to `post` (equal lengths, pair i being `pre[i]`, `post[i]`),
/// with every prepost.csv figure as the contract defines it (docs/metrics.md).
///
/// Paired t-test and its Student t interval (Student 1908); d_z and Hedges' g_av as named by
/// Lakens (2013); Wilcoxon signed-rank as `wilcoxonSignedRankPValue(differences:)`.
/// The differences are post − pre as computed in binary floating point, and means and SDs use
/// NumPy's order of operations (`numpy.mean`, `numpy.std(ddof=1)`; t as `scipy.stats.ttest_rel`),
/// so that every figure is the one NumPy and SciPy give for the same pairs in the same order,
/// down to the rounding of differences such as 14/3 − 11/3 (1.0000000000000004) against
/// 11/3 − 8/3 (1.0).
public func pairedChange(pre: [Double], post: [Double]) -> PairedChange {
    precondition(pre.count == post.count, "pairedChange needs as many post scores (\(post.count)) as pre scores (\(pre.count))")
    let count = pre.count
    guard count >= 1 else {
        return PairedChange(nPairs: 0, meanPre: nil, meanPost: nil, meanChange: nil, sdChange: nil,
                            ciLow: nil, ciHigh: nil, t: nil, df: nil, pValue: nil, cohensDz: nil,
                            hedgesGav: nil, wilcoxonP: nil, pctImproved: nil, sdPre: nil, sdPost: nil)
    }
    let differences = zip(post, pre).map { $0 - $1 }
    let meanPre = NumPyOrder.mean(pre)
    let meanPost = NumPyOrder.mean(post)
    let meanChange = NumPyOrder.mean(differences)
    let pctImproved = Double(differences.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }) / Double(count)
    let wilcoxonP = wilcoxonSignedRankPValue(differences: differences)
    guard count >= 2 else {
        return PairedChange(nPairs: 1, meanPre: meanPre, meanPost: meanPost, meanChange: meanChange,
                            sdChange: nil, ciLow: nil, ciHigh: nil, t: nil, df: nil, pValue: nil,
                            cohensDz: nil, hedgesGav: nil, wilcoxonP: wilcoxonP, pctImproved: pctImproved,
                            sdPre: nil, sdPost: nil)
    }
    let n = Double(count)
    let df = count - 1
    let squaredDeviations = NumPyOrder.sumOfSquaredDeviations(differences, mean: meanChange)
    let sdChange = (squaredDeviations / Double(df)).squareRoot()
    let sdPre = NumPyOrder.sampleStandardDeviation(pre, mean: meanPre)
    let sdPost = NumPyOrder.sampleStandardDeviation(post, mean: meanPost)
    let margin = StudentT(degreesOfFreedom: Double(df)).quantile(0.975) * (sdChange / n.squareRoot())
    // Hedges' small-sample correction J = 1 − 3/(4·df − 1) (Hedges 1981); + 0 turns −0 into 0.
    let correction = 1 - 3 / (4 * Double(df) - 1)
    let hedgesGav = sdPre + sdPost > 0 ? meanChange / ((sdPre + sdPost) / 2) * correction + 0 : nil
    var t: Double?
    var pValue: Double?
    var cohensDz: Double?
    if sdChange > 0 {
        // As scipy.stats.ttest_rel forms it: the variance is the mean squared deviation times
        // n/(n − 1), and the standard error √(variance/n).
        let variance = squaredDeviations / n * (n / Double(df))
        let statistic = meanChange / (variance / n).squareRoot()
        t = statistic
        pValue = StudentT(degreesOfFreedom: Double(df)).twoSidedPValue(statistic)
        cohensDz = meanChange / sdChange
    }
    return PairedChange(nPairs: count, meanPre: meanPre, meanPost: meanPost, meanChange: meanChange,
                        sdChange: sdChange, ciLow: meanChange - margin, ciHigh: meanChange + margin,
                        t: t, df: df, pValue: pValue, cohensDz: cohensDz, hedgesGav: hedgesGav,
                        wilcoxonP: wilcoxonP, pctImproved: pctImproved, sdPre: sdPre, sdPost: sdPost)
}

/// Sums, means and SDs in NumPy's order of operations, so that figures on the same data agree
/// with NumPy's to the last bit, which matters when the differences are equal but for rounding.
enum NumPyOrder {
    /// The sum as `numpy.add.reduce` forms it for a contiguous float64 array: 0 plus the
    /// pairwise sum of numpy/_core/src/umath/loops_utils.h.src (blocks of 128 summed with 8
    /// accumulators, halves split at a multiple of 8).
    static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { buffer in 0 + pairwiseSum(0, buffer.count) { buffer[$0] } }
    }

    /// `numpy.mean`: the sum divided by n (n ≥ 1).
    static func mean(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "the mean needs at least one value")
        return sum(values) / Double(values.count)
    }

    /// Σ (x − mean)², each square formed as (x − mean)·(x − mean) and summed as `numpy.std` and
    /// SciPy's `_moment` sum them.
    static func sumOfSquaredDeviations(_ values: [Double], mean: Double) -> Double {
        values.withUnsafeBufferPointer { buffer in
            0 + pairwiseSum(0, buffer.count) { index in
                let deviation = buffer[index] - mean
                return deviation * deviation
            }
        }
    }

    /// `numpy.std(values, ddof=1)` about `mean` (n ≥ 2).
    static func sampleStandardDeviation(_ values: [Double], mean: Double) -> Double {
        (sumOfSquaredDeviations(values, mean: mean) / Double(values.count - 1)).squareRoot()
    }

    /// NumPy's pairwise sum of `term(start)` … `term(start + count − 1)`.
    @inline(__always)
    private static func pairwiseSum(_ start: Int, _ count: Int, _ term: (Int) -> Double) -> Double {
        if count < 8 {
            var total = 0.0
            for index in start..<(start + count) { total += term(index) }
            return total
        }
        if count <= 128 {
            var (r0, r1, r2, r3) = (term(start), term(start + 1), term(start + 2), term(start + 3))
            var (r4, r5, r6, r7) = (term(start + 4), term(start + 5), term(start + 6), term(start + 7))
            var index = start + 8
            let blocksEnd = start + count - count % 8
            while index < blocksEnd {
                r0 += term(index); r1 += term(index + 1); r2 += term(index + 2); r3 += term(index + 3)
                r4 += term(index + 4); r5 += term(index + 5); r6 += term(index + 6); r7 += term(index + 7)
                index += 8
            }
            var total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while index < start + count {
                total += term(index)
                index += 1
            }
            return total
        }
        var half = count / 2
        half -= half % 8
        return pairwiseSum(start, half, term) + pairwiseSum(start + half, count - half, term)
    }
}
