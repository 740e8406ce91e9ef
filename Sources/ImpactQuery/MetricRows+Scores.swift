import GRDB
import ImpactAnalysis
import ImpactStore

extension MetricRows {
    /// The stored construct scores of `respondents`, read in the question's transaction.
    ///
    /// The one use of GRDB left in ImpactQuery: ImpactAnalysis's `RespondentScores` reads a GRDB
    /// connection until the analysis backend (issue 18, part 1, area C) gives it a snapshot of its
    /// own; then this takes that snapshot from the question's reader and the import goes.
    static func scores(_ reader: any QuestionReader, respondents: [ConstructScoreTable.PersonCohort]) throws -> RespondentScores {
        guard let db = ImpactDatabase.connection(of: reader) else {
            throw QueryError.badResource(file: "queries/metrics.yaml", reason: "this store cannot read stored scores for pairs")
        }
        return try RespondentScores(db, respondents: respondents)
    }
}
