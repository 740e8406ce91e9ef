public import GRDB

extension ImpactDatabase: QuestionBackend {
    /// Runs `body` in one read transaction of this store (GRDB's read access, `query_only` for
    /// its time), as ``ReadOnlyStore/init(reading:)`` does; `impact query` opens its own
    /// read-only connection instead (``ReadOnlyStore/open(at:)``).
    public func readQuestions<T>(_ body: (any QuestionReader) throws -> T) throws -> T {
        try writer.read { db in try body(SQLiteQuestionReader(db: db)) }
    }

    /// The GRDB connection of a question's read transaction, for the one reader of ImpactQuery
    /// not yet behind a backend (ImpactAnalysis's `RespondentScores`, which the metric layer
    /// pairs scores with); nil for a reader of another backend.
    public static func connection(of reader: any QuestionReader) -> Database? {
        (reader as? SQLiteQuestionReader)?.db
    }
}
