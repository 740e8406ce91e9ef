/// A two-sided confidence interval [low, high].
public struct ConfidenceInterval: Sendable, Equatable {
    /// The lower limit.
    public let low: Double
    /// The upper limit.
    public let high: Double

    /// The interval from `low` to `high`.
    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// The z the data contract fixes for Wilson intervals (outcomes.csv): 1.959964, not the
    /// exact 97.5% normal quantile 1.959963984540054, so that reports match the contract's figures.
    public static let contractZ = 1.959964
}
