/// The confidence interval of Hedges' g_av for paired scores (prepost.csv's hedges_gav):
/// J·(d_av ∓ z·SE), with d_av = `meanChange` / ((`sdPre` + `sdPost`)/2) and the contract's
/// J = 1 − 3/(4(n − 1) − 1), the same correction as the point estimate.
///
/// SE² = d_av²·(s₁² + s₂² + 2r²s₁s₂) / (8(n − 1)s²) + s_d² / ((n − 1)s²), s = (s₁ + s₂)/2,
/// s_d = `sdChange` and r = (s₁² + s₂² − s_d²)/(2s₁s₂): Bonett's (2008) large-sample variance
/// with the mean of the two SDs as standardiser in place of his root mean square (the delta
/// method, under bivariate normality; the two agree when s₁ = s₂); z = Φ⁻¹(1 − α/2).
///
/// Nil when n < 3 (below 2 there is no SD; at 2, J = 0 would make the interval [0, 0]),
/// when an input is not finite or an SD is negative, when sdPre + sdPost = 0 (no d_av), when
/// `level` is not strictly between 0 and 1, and when a limit overflows.
public func hedgesGavInterval(meanChange: Double, sdPre: Double, sdPost: Double, sdChange: Double,
                              n: Int, level: Double = 0.95) -> ConfidenceInterval? {
    guard n >= 3, level > 0, level < 1,
          meanChange.isFinite, sdPre.isFinite, sdPost.isFinite, sdChange.isFinite,
          sdPre >= 0, sdPost >= 0, sdChange >= 0, sdPre + sdPost > 0
    else { return nil }
    let df = Double(n - 1)
    let standardiser = (sdPre + sdPost) / 2
    let d = meanChange / standardiser
    let preVariance = sdPre * sdPre, postVariance = sdPost * sdPost
    // r²·s₁s₂ = cov²/(s₁s₂), at most s₁s₂ (|r| ≤ 1; rounding in s_d could push it past).
    let covariance = (preVariance + postVariance - sdChange * sdChange) / 2
    let product = sdPre * sdPost
    let correlated = product > 0 ? min(covariance * covariance / product, product) : 0
    let squaredStandardiser = standardiser * standardiser
    let variance = d * d * (preVariance + postVariance + 2 * correlated) / (8 * df * squaredStandardiser)
        + sdChange * sdChange / (df * squaredStandardiser)
    let margin = StandardNormal.quantile(1 - (1 - level) / 2) * variance.squareRoot()
    let correction = 1 - 3 / (4 * df - 1)
    let low = correction * (d - margin), high = correction * (d + margin)
    guard low.isFinite, high.isFinite else { return nil }
    return ConfidenceInterval(low: low, high: high)
}
