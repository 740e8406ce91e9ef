/// A one-sample z-test of a proportion against a benchmark rate.
public struct ProportionZTest: Sendable, Equatable {
    /// z = (p̂ − p₀) / √(p₀(1 − p₀)/n).
    public let z: Double
    /// The two-sided p-value 2·(1 − Φ(|z|)).
    public let pValue: Double
}

/// The one-sample z-test of `successes`/`trials` against `benchmark` p₀, with the variance
/// under the null, p₀(1 − p₀)/n: the score test that the Wilson interval inverts (Wilson 1927;
/// Agresti & Coull 1998). Nil when `trials` is 0 or p₀ is not strictly between 0 and 1
/// (the null variance would be 0).
public func proportionZTest(successes: Int, trials: Int, benchmark: Double) -> ProportionZTest? {
    precondition(trials >= 0 && successes >= 0 && successes <= trials,
                 "a proportion needs 0 ≤ successes ≤ trials, not \(successes)/\(trials)")
    guard trials > 0, benchmark > 0, benchmark < 1 else { return nil }
    let n = Double(trials)
    let z = (Double(successes) / n - benchmark) / (benchmark * (1 - benchmark) / n).squareRoot()
    return ProportionZTest(z: z, pValue: min(1, 2 * StandardNormal.survival(abs(z))))
}
