/// The engine's version, printed by `impact --version` and recorded with imports and reports.
public enum ImpactVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
