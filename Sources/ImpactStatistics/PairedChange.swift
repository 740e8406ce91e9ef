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
/// Differences post − pre whose magnitudes agree to within 1e-10 of the largest |score| are
/// taken as equal (and as zero within that of 0): they differ only by rounding, as 14/3 − 11/3
/// and 11/3 − 8/3 do in binary, and must tie in ranks and give sd_change = 0.
public func pairedChange(pre: [Double], post: [Double]) -> PairedChange {
    precondition(pre.count == post.count, "pairedChange needs as many post scores (\(post.count)) as pre scores (\(pre.count))")
    let count = pre.count
    guard count >= 1 else {
        return PairedChange(nPairs: 0, meanPre: nil, meanPost: nil, meanChange: nil, sdChange: nil,
                            ciLow: nil, ciHigh: nil, t: nil, df: nil, pValue: nil, cohensDz: nil,
                            hedgesGav: nil, wilcoxonP: nil, pctImproved: nil, sdPre: nil, sdPost: nil)
    }
    let differences = roundingMergedDifferences(pre: pre, post: post)
    let meanPre = Summation.mean(pre)
    let meanPost = Summation.mean(post)
    let meanChange = Summation.mean(differences)
    let pctImproved = Double(differences.filter { $0 > 0 }.count) / Double(count)
    let wilcoxonP = wilcoxonSignedRankPValue(differences: differences)
    guard count >= 2 else {
        return PairedChange(nPairs: 1, meanPre: meanPre, meanPost: meanPost, meanChange: meanChange,
                            sdChange: nil, ciLow: nil, ciHigh: nil, t: nil, df: nil, pValue: nil,
                            cohensDz: nil, hedgesGav: nil, wilcoxonP: wilcoxonP, pctImproved: pctImproved,
                            sdPre: nil, sdPost: nil)
    }
    let n = Double(count)
    let df = count - 1
    let sdChange = Summation.sampleVariance(differences, mean: meanChange).squareRoot()
    let sdPre = Summation.sampleVariance(pre, mean: meanPre).squareRoot()
    let sdPost = Summation.sampleVariance(post, mean: meanPost).squareRoot()
    let standardError = sdChange / n.squareRoot()
    let margin = StudentT(degreesOfFreedom: Double(df)).quantile(0.975) * standardError
    // Hedges' small-sample correction J = 1 − 3/(4·df − 1) (Hedges 1981); + 0 turns −0 into 0.
    let correction = 1 - 3 / (4 * Double(df) - 1)
    let hedgesGav = sdPre + sdPost > 0 ? meanChange / ((sdPre + sdPost) / 2) * correction + 0 : nil
    var t: Double?
    var pValue: Double?
    var cohensDz: Double?
    if sdChange > 0 {
        let statistic = meanChange / standardError
        t = statistic
        pValue = StudentT(degreesOfFreedom: Double(df)).twoSidedPValue(statistic)
        cohensDz = meanChange / sdChange
    }
    return PairedChange(nPairs: count, meanPre: meanPre, meanPost: meanPost, meanChange: meanChange,
                        sdChange: sdChange, ciLow: meanChange - margin, ciHigh: meanChange + margin,
                        t: t, df: df, pValue: pValue, cohensDz: cohensDz, hedgesGav: hedgesGav,
                        wilcoxonP: wilcoxonP, pctImproved: pctImproved, sdPre: sdPre, sdPost: sdPost)
}

/// post − pre, with magnitudes that agree to within 1e-10 × max|score| replaced by the smallest
/// of their group (signs kept), and those that close to 0 by 0.
func roundingMergedDifferences(pre: [Double], post: [Double]) -> [Double] {
    var differences = zip(post, pre).map { $0 - $1 }
    let scale = zip(pre, post).reduce(0.0) { max($0, abs($1.0), abs($1.1)) }
    let tolerance = 1e-10 * scale
    guard tolerance > 0 else { return differences }
    let order = differences.indices.sorted { abs(differences[$0]) < abs(differences[$1]) }
    var anchor = 0.0
    for index in order {
        let magnitude = abs(differences[index])
        if magnitude - anchor > tolerance { anchor = magnitude }
        differences[index] = anchor == 0 ? 0 : (differences[index] < 0 ? -anchor : anchor)
    }
    return differences
}
