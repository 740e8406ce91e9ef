/// Cohen's verbal label for the size of a standardised effect (Cohen 1988, ch. 2).
public enum EffectSizeMagnitude: String, Sendable, CaseIterable {
    /// |d| < 0.2.
    case negligible
    /// 0.2 ≤ |d| < 0.5.
    case small
    /// 0.5 ≤ |d| < 0.8.
    case medium
    /// |d| ≥ 0.8.
    case large

    /// The label of `effectSize` (d_z, g_av, …) by its absolute value; nil for nil or NaN.
    public init?(effectSize: Double?) {
        guard let effectSize, !effectSize.isNaN else { return nil }
        switch abs(effectSize) {
        case ..<0.2: self = .negligible
        case ..<0.5: self = .small
        case ..<0.8: self = .medium
        default: self = .large
        }
    }
}
