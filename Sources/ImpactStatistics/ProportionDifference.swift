/// The difference between two independent proportions with its confidence interval.
public struct ProportionDifference: Sendable, Equatable {
    /// p₁ − p₂: the programme's rate minus the comparison group's.
    public let difference: Double
    /// Newcombe's hybrid score interval for the difference.
    public let confidenceInterval: ConfidenceInterval
}

/// The difference `successes`/`trials` − `comparisonSuccesses`/`comparisonTrials` with
/// Newcombe's hybrid score interval (Newcombe 1998, method 10: square-and-add of the two
/// Wilson intervals, no continuity correction). Nil when either group is empty.
///
/// L = δ − √((p₁ − l₁)² + (u₂ − p₂)²), U = δ + √((u₁ − p₁)² + (p₂ − l₂)²), where (lᵢ, uᵢ) are the
/// Wilson limits at the same `z` (the contract's 1.959964 unless given).
public func proportionDifference(
    successes: Int, trials: Int,
    comparisonSuccesses: Int, comparisonTrials: Int,
    z: Double = ConfidenceInterval.contractZ
) -> ProportionDifference? {
    guard let first = wilsonInterval(successes: successes, trials: trials, z: z),
          let second = wilsonInterval(successes: comparisonSuccesses, trials: comparisonTrials, z: z)
    else { return nil }
    let rate = Double(successes) / Double(trials)
    let comparisonRate = Double(comparisonSuccesses) / Double(comparisonTrials)
    let difference = rate - comparisonRate
    let below = ((rate - first.low) * (rate - first.low)
        + (second.high - comparisonRate) * (second.high - comparisonRate)).squareRoot()
    let above = ((first.high - rate) * (first.high - rate)
        + (comparisonRate - second.low) * (comparisonRate - second.low)).squareRoot()
    return ProportionDifference(
        difference: difference,
        confidenceInterval: ConfidenceInterval(low: difference - below, high: difference + above)
    )
}
