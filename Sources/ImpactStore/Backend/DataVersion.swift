/// What identifies a state of the stored data (for SQLite, the last import and the last erasure:
/// queries/engine/analysis/data_version.sql). Two reads that saw equal versions saw the same data;
/// callers only compare versions.
public struct DataVersion: Equatable, Sendable {
    private let components: [Int64?]

    /// The version made of a backend's `components` (nil: none yet, as before the first import).
    public init(components: [Int64?]) {
        self.components = components
    }
}
