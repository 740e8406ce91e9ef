/// Feldt's confidence interval for Cronbach's alpha of `respondents` people answering `items`
/// items: nil when alpha is nil or not finite, n < 2, k < 2 or `level` is not in (0, 1).
///
/// 1 − (1 − α)·F₍₁₊c₎/₂ to 1 − (1 − α)·F₍₁₋c₎/₂, F with n − 1 and (n − 1)(k − 1) degrees of freedom
/// (Feldt 1965; Feldt, Woodruff & Salih 1987; as psych's `alpha.ci`, which `psych::alpha` reports as "Feldt").
public func feldtInterval(alpha: Double?, respondents: Int, items: Int, level: Double = 0.95) -> ConfidenceInterval? {
    guard let alpha, alpha.isFinite, respondents >= 2, items >= 2, level > 0, level < 1,
          let f = FDistribution(numeratorDegreesOfFreedom: Double(respondents - 1),
                                denominatorDegreesOfFreedom: Double(respondents - 1) * Double(items - 1)) else { return nil }
    let tail = (1 - level) / 2
    let complement = 1 - alpha
    return ConfidenceInterval(low: 1 - complement * f.quantile(1 - tail), high: 1 - complement * f.quantile(tail))
}
