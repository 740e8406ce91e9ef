public import ImpactStatistics
public import ImpactStore

/// The construct scores of chosen person-cohorts, read from the stored scores
/// (`construct_score_values`, schema/migrations/006) in one pass, by the rule the report scores them with
/// (`AnalysisSnapshot.scorePass`: a score when at least ⌈k/2⌉ of the k items are answered). The metric layer pairs
/// them for `prepost_change`, so that a metric and prepost.csv agree to the last bit.
public struct RespondentScores: Sendable {
    /// The constructs, indexed as `score(respondent:construct:wave:)` takes them.
    public var catalogue: ConstructCatalogue { scores.catalogue }
    private let scores: ConstructScores

    /// Reads the scores of `respondents` (indexed in this order) from `snapshot`; only the stored
    /// rows of their cohorts are kept while passing over the table.
    public init(_ snapshot: any AnalysisSnapshot, respondents: [ConstructScoreTable.PersonCohort]) throws {
        let catalogue = try snapshot.constructCatalogue()
        let cohorts = Set(respondents.map(\.cohortKey))
        let passes = try snapshot.scoreKeyRanges(parts: 1).map {
            try snapshot.scorePass(keys: $0, catalogue: catalogue, cohorts: cohorts, reliability: false)
        }
        scores = ConstructScores(catalogue: catalogue, respondents: respondents, passes: passes)
    }

    /// The score of a respondent (an index into the respondents read) for a construct (an index
    /// into `catalogue.constructs`) and wave, if there is one.
    public func score(respondent: Int, construct: Int, wave: SurveyWave) -> ScoreFraction? {
        scores.score(respondent: respondent, construct: construct, wave: wave)
    }
}
