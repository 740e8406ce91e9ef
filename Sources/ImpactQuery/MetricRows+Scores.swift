import ImpactAnalysis
import ImpactStore

extension MetricRows {
    /// The stored construct scores of `respondents`, read in the question's transaction.
    static func scores(_ reader: any QuestionReader, respondents: [ConstructScoreTable.PersonCohort]) throws -> RespondentScores {
        guard let snapshot = ImpactDatabase.analysisSnapshot(of: reader) else {
            throw QueryError.badResource(file: "queries/metrics.yaml", reason: "this store cannot read stored scores for pairs")
        }
        return try RespondentScores(snapshot, respondents: respondents)
    }
}
