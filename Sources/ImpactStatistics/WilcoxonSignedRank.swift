/// The two-sided p-value of the Wilcoxon signed-rank test of paired `differences` (post − pre):
/// zero differences dropped, average ranks for ties, normal approximation with the tie
/// correction and no continuity correction (Wilcoxon 1945; Lehmann 1975, §3.2).
/// Nil when no difference is non-zero.
///
/// z = (R₊ − n(n+1)/4) / √([n(n+1)(2n+1) − ½Σ(t³ − t)] / 24), p = 2·(1 − Φ(|z|)); the same as
/// `scipy.stats.wilcoxon(d, zero_method="wilcox", correction=False, method="approx")`.
/// Ties are exact equalities of |d|, as in SciPy: differences that differ only by binary
/// rounding are distinct values.
public func wilcoxonSignedRankPValue(differences: [Double]) -> Double? {
    let nonZero = differences.filter { $0 != 0 }.sorted { abs($0) < abs($1) }
    guard !nonZero.isEmpty else { return nil }
    var positiveRankSum = 0.0
    var tieCorrection = 0.0
    var start = 0
    while start < nonZero.count {
        var end = start + 1
        while end < nonZero.count, abs(nonZero[end]) == abs(nonZero[start]) { end += 1 }
        // Ranks start + 1 … end share their average.
        let averageRank = Double(start + 1 + end) / 2
        for index in start..<end where nonZero[index] > 0 { positiveRankSum += averageRank }
        let tied = Double(end - start)
        tieCorrection += tied * tied * tied - tied
        start = end
    }
    let n = Double(nonZero.count)
    let expected = n * (n + 1) / 4
    let standardError = ((n * (n + 1) * (2 * n + 1) - tieCorrection / 2) / 24).squareRoot()
    let z = (positiveRankSum - expected) / standardError
    return min(1, 2 * StandardNormal.survival(abs(z)))
}
