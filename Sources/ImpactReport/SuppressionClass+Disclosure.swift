import ImpactAnalysis

extension SuppressionClass {
    /// Whether a figure over `base` may be shown (the thresholds of `Disclosure`).
    func shows(base value: Int) -> Bool {
        switch rule {
        case .rate: return Disclosure.showsRate(denominator: value)
        case .mean: return Disclosure.showsMean(count: value)
        }
    }
}
