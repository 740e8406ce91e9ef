/// What the analysis and the report read from a store: consistent snapshots of the people, their
/// enrolments and outcomes, the stored construct scores, the benchmarks, the cohorts and the
/// provenance, and the version of the data they saw. `ImpactDatabase` is the SQLite backend.
///
/// Every read sees one state of the data: an import or erasure committing meanwhile is either
/// wholly in it or wholly out of it.
public protocol AnalysisBackend: Sendable {
    /// What identifies the stored data's state now: it changes exactly when the data do (an
    /// import or an erasure).
    func dataVersion() throws -> DataVersion

    /// `body` over one snapshot of the data (for SQLite, one read transaction). The snapshot is
    /// valid only while `body` runs.
    func read<T>(_ body: (any AnalysisSnapshot) throws -> T) throws -> T

    /// The people read by `people` and, unless `request` says otherwise, the passes over the
    /// stored construct scores of the cohorts in scope, all from one state of the data. A backend
    /// may read them at the same time on several connections (SQLite's does), and then reads
    /// again when the data changed meanwhile. `afterPlanning` runs after the first read and
    /// before the others, for tests to change the data there.
    func readAnalysis<People: Sendable>(
        _ request: AnalysisReadRequest,
        people: @Sendable (any AnalysisSnapshot) throws -> People,
        afterPlanning: (() throws -> Void)?
    ) throws -> AnalysisRead<People>
}

extension AnalysisBackend {
    /// `readAnalysis(_:people:afterPlanning:)` without a test hook.
    public func readAnalysis<People: Sendable>(
        _ request: AnalysisReadRequest, people: @Sendable (any AnalysisSnapshot) throws -> People
    ) throws -> AnalysisRead<People> {
        try readAnalysis(request, people: people, afterPlanning: nil)
    }

    /// The result of `body` made while the data's version stayed the same (the version is read
    /// before and after it), tried at most `attempts` times; nil when the data changed during
    /// every attempt. `body` may make several reads: together they saw one state of the data,
    /// since every change to the data changes the version and a version never returns.
    ///
    /// The one retry of the store: the analysis's concurrent reads and the report's separate
    /// reads (tables, the year before, provenance) both go through it.
    public func readUnchanged<T>(attempts: Int, _ body: () throws -> T) throws -> T? {
        for _ in 0..<max(0, attempts) {
            let before = try dataVersion()
            let result = try body()
            if try dataVersion() == before { return result }
        }
        return nil
    }
}
