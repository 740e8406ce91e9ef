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
    /// item with the same people), in their order.
    static func of(_ items: [[Double]]) -> [ItemStatistics] {
        items.indices.map { index in
            let item = items[index]
            let others = items.indices.filter { $0 != index }.map { items[$0] }
            let mean = item.isEmpty ? nil : Summation.mean(item)
            let standardDeviation = mean.flatMap { item.count >= 2 ? Summation.sampleVariance(item, mean: $0).squareRoot() : nil }
            return ItemStatistics(mean: mean, standardDeviation: standardDeviation,
                                  correctedItemTotalCorrelation: correlationWithRest(item, others),
                                  alphaIfDeleted: cronbachAlpha(items: others))
        }
    }

    /// r = cov(item, rest) / √(var(item)·var(rest)), rest the sum of the other items: the corrected
    /// item–total correlation (Nunnally & Bernstein 1994, ch. 8), clamped to [−1, 1].
    private static func correlationWithRest(_ item: [Double], _ others: [[Double]]) -> Double? {
        guard item.count >= 2, !others.isEmpty else { return nil }
        let rest = item.indices.map { person in Summation.sum(others.lazy.map { $0[person] }) }
        let itemMean = Summation.mean(item), restMean = Summation.mean(rest)
        let itemVariance = Summation.sampleVariance(item, mean: itemMean)
        let restVariance = Summation.sampleVariance(rest, mean: restMean)
        guard itemVariance > 0, restVariance > 0 else { return nil }
        let covariance = Summation.sampleCovariance(item, mean: itemMean, rest, mean: restMean)
        return min(1, max(-1, covariance / (itemVariance * restVariance).squareRoot()))
    }
}
