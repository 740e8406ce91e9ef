/// The reliability of a scale from complete responses: Cronbach's alpha with Feldt's interval,
/// and each item's statistics (docs/metrics.md, "alpha.csv" and "alpha_items.csv").
public struct ScaleReliability: Sendable, Equatable {
    /// n: the people, each of whom answered every item.
    public let respondents: Int
    /// Cronbach's alpha (`cronbachAlpha(items:)`): nil when n < 2, k < 2 or the totals do not vary.
    public let alpha: Double?
    /// Feldt's interval for alpha at the level asked (`feldtInterval`): nil when alpha is.
    public let confidenceInterval: ConfidenceInterval?
    /// Each item's statistics, in the order of `items`.
    public let items: [ItemStatistics]

    /// The reliability of `items` (`items[i][p]` is person p's answer to item i) with a `level`
    /// interval; nil when the items do not all have the same number of people.
    public init?(items: [[Double]], level: Double = 0.95) {
        let respondents = items.first?.count ?? 0
        guard items.allSatisfy({ $0.count == respondents }) else { return nil }
        self.respondents = respondents
        // The moments are computed once for alpha and the items: alpha is cronbachAlpha(items:)'s.
        let means = items.map { $0.isEmpty ? nil : Summation.mean($0) }
        let variances = zip(items, means).map { item, mean in mean.flatMap { respondents >= 2 ? Summation.sampleVariance(item, mean: $0) : nil } }
        let totals = Summation.rowSums(items)
        let itemVariances = variances.compactMap { $0 }
        alpha = respondents < 2 ? nil
            : cronbachAlpha(itemVariances: itemVariances, totalVariance: Summation.sampleVariance(totals, mean: Summation.mean(totals)))
        confidenceInterval = feldtInterval(alpha: alpha, respondents: respondents, items: items.count, level: level)
        self.items = ItemStatistics.of(items, means: means, variances: variances, totals: totals)
    }
}
