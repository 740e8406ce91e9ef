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
    let totals = (0..<peopleCount).map { person in Summation.sum(items.lazy.map { $0[person] }) }
    guard let first = totals.first, !totals.allSatisfy({ $0 == first }) else { return nil }
    let totalVariance = Summation.sampleVariance(totals, mean: Summation.mean(totals))
    let itemVariances = Summation.sum(items.lazy.map { Summation.sampleVariance($0, mean: Summation.mean($0)) })
    let k = Double(itemCount)
    return k / (k - 1) * (1 - itemVariances / totalVariance)
}
