/// The Wilson score interval of a proportion `successes`/`trials`; nil when `trials` is 0.
///
/// (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n) (Wilson 1927; Newcombe 1998 method 3).
/// Limits are clamped to [0, 1], and are exactly 0 when there are no successes and exactly 1
/// when every trial succeeds. `z` defaults to the contract's 1.959964.
public func wilsonInterval(successes: Int, trials: Int, z: Double = ConfidenceInterval.contractZ) -> ConfidenceInterval? {
    precondition(trials >= 0 && successes >= 0 && successes <= trials,
                 "a proportion needs 0 ≤ successes ≤ trials, not \(successes)/\(trials)")
    guard trials > 0 else { return nil }
    let n = Double(trials)
    let rate = Double(successes) / n
    let zSquared = z * z
    let denominator = 1 + zSquared / n
    let centre = (rate + zSquared / (2 * n)) / denominator
    let halfWidth = z * (rate * (1 - rate) / n + zSquared / (4 * n * n)).squareRoot() / denominator
    let low = successes == 0 ? 0 : max(0, centre - halfWidth)
    let high = successes == trials ? 1 : min(1, centre + halfWidth)
    return ConfidenceInterval(low: low, high: high)
}
