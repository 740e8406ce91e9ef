import GRDB

extension ImpactDatabase: QuestionBackend {
    /// Runs `body` in one read transaction of this store (GRDB's read access, `query_only` for
    /// its time), as ``ReadOnlyStore/init(reading:)`` does; `impact query` opens its own
    /// read-only connection instead (``ReadOnlyStore/open(at:)``).
    public func readQuestions<T>(_ body: (any QuestionReader) throws -> T) throws -> T {
        try writer.read { db in try body(SQLiteQuestionReader(db: db)) }
    }

    /// The analysis snapshot of a question's read transaction, so that the metric layer pairs
    /// the stored construct scores (ImpactAnalysis's `RespondentScores`) in the same state of the
    /// data as the question; nil for a reader of another backend.
    public static func analysisSnapshot(of reader: any QuestionReader) -> (any AnalysisSnapshot)? {
        (reader as? SQLiteQuestionReader).map { SQLiteAnalysisSnapshot($0.db) }
    }
}
