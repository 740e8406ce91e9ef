/// One item of a scale, from complete responses: its mean and SD, how it correlates with the
/// rest of the scale, and the scale's alpha without it (as psych's `alpha` reports them).
public struct ItemStatistics: Sendable, Equatable {
    /// The mean answer; nil when nobody answered.
    public let mean: Double?
    /// The sample standard deviation (n − 1); nil when n < 2.
    public let standardDeviation: Double?
    /// The corrected item–total correlation: Pearson's r of the item with the sum of the other
    /// items (psych's `r.drop`); nil when n < 2, k < 2, or the item or that sum does not vary.
    public let correctedItemTotalCorrelation: Double?
    /// Cronbach's alpha of the other k − 1 items (psych's `alpha.drop$raw_alpha`); nil when fewer
    /// than two items are left, n < 2 or their totals do not vary.
    public let alphaIfDeleted: Double?

    /// The statistics of each item of `items` (`items[i][p]` is person p's answer to item i, every
    /// item with the same people), in their order, given the items' means (nil when n = 0) and
    /// sample variances (nil when n < 2) and the people's totals (`Summation.rowSums`).
    ///
    /// The rest of item i is the respondent's total minus the item: exact for the integer answers
    /// the engine has, and one pass per item instead of k − 1 (O(n·k) in all, not O(n·k²)).
    static func of(_ items: [[Double]], means: [Double?], variances: [Double?], totals: [Double]) -> [ItemStatistics] {
        items.indices.map { index in
            let standardDeviation = variances[index].map { $0.squareRoot() }
            guard items.count >= 2, let itemMean = means[index], let itemVariance = variances[index] else {
                return ItemStatistics(mean: means[index], standardDeviation: standardDeviation,
                                      correctedItemTotalCorrelation: nil, alphaIfDeleted: nil)
            }
            let item = items[index]
            let rest = zip(totals, item).map { $0 - $1 }
            let restMean = Summation.mean(rest)
            let restVariance = Summation.sampleVariance(rest, mean: restMean)
            let others = variances.indices.filter { $0 != index }.map { variances[$0] ?? 0 }
            return ItemStatistics(
                mean: itemMean, standardDeviation: standardDeviation,
                correctedItemTotalCorrelation: correlation(item, mean: itemMean, variance: itemVariance,
                                                           rest, mean: restMean, variance: restVariance),
                alphaIfDeleted: cronbachAlpha(itemVariances: others, totalVariance: restVariance))
        }
    }

    /// r = cov(item, rest) / √(var(item)·var(rest)), rest the sum of the other items: the corrected
    /// item–total correlation (Nunnally & Bernstein 1994, ch. 8), clamped to [−1, 1]; nil when
    /// either does not vary.
    private static func correlation(_ item: [Double], mean itemMean: Double, variance itemVariance: Double,
                                    _ rest: [Double], mean restMean: Double, variance restVariance: Double) -> Double? {
        guard itemVariance > 0, restVariance > 0 else { return nil }
        let covariance = Summation.sampleCovariance(item, mean: itemMean, rest, mean: restMean)
        return min(1, max(-1, covariance / (itemVariance * restVariance).squareRoot()))
    }
}
