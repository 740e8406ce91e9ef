/// Cronbach's alpha of a scale from complete responses: `items[i][p]` is person p's answer to
/// item i (k items, each with the same n people). Nil when n < 2, k < 2 or the totals do not vary.
///
/// α = k/(k − 1) · (1 − Σ var(item) / var(total)), sample variances with n − 1 (Cronbach 1951).
public func cronbachAlpha(items: [[Double]]) -> Double? {
    let itemCount = items.count
    guard itemCount >= 2 else { return nil }
    let peopleCount = items[0].count
    precondition(items.allSatisfy { $0.count == peopleCount },
                 "cronbachAlpha needs the same number of people for every item")
    guard peopleCount >= 2 else { return nil }
    let totals = Summation.rowSums(items)
    return cronbachAlpha(itemVariances: items.map { Summation.sampleVariance($0, mean: Summation.mean($0)) },
                         totalVariance: Summation.sampleVariance(totals, mean: Summation.mean(totals)))
}

/// α = k/(k − 1) · (1 − Σ var(item) / var(total)) from the k item variances and the variance of
/// the totals (Cronbach 1951); nil when k < 2 or the totals do not vary (variance 0).
func cronbachAlpha(itemVariances: [Double], totalVariance: Double) -> Double? {
    guard itemVariances.count >= 2, totalVariance > 0 else { return nil }
    let k = Double(itemVariances.count)
    return k / (k - 1) * (1 - Summation.sum(itemVariances) / totalVariance)
}
