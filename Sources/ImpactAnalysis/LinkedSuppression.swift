/// Two suppression classes of one row where the second is computed from the first, so that it
/// is suppressed whenever the first is.
public struct LinkedSuppression: Sendable, Hashable {
    /// The class computed from.
    public let source: SuppressionClass
    /// The class computed from it.
    public let target: SuppressionClass
}
