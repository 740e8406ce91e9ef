import ImpactStatistics
import ImpactStore

/// A person in a cohort whose answers are scored: `(participant_key, cohort_key)`, the store's key
/// of the score table.
typealias RespondentKey = ConstructScoreTable.PersonCohort

/// Construct scores and reliability data of the respondents kept, from the passes over the stored
/// scores (`StoredScorePass` over `construct_score_values`, which the importer keeps: schema/migrations/006).
///
/// The analysts' definition of a score is the `construct_scores` view (schema/migrations/006, over the same
/// table); a test checks that the two agree score for score, and another that the table agrees
/// with the rule computed from `answers`. For each respondent, construct and wave: the score (sum
/// of coded values / number answered, when at least ⌈k/2⌉ of the k items are answered), and for
/// Cronbach's alpha the coded answers of the respondents who answered all k items.
struct ConstructScores: Sendable {
    let catalogue: ConstructCatalogue
    /// The respondents kept, in the order of their indices.
    let respondents: [RespondentKey]
    /// Scores by respondent, construct and wave (`slot`); nil where there is no score.
    private var scores: [ScoreFraction?]
    /// Per construct-wave slot: how many respondents have a score.
    private(set) var respondentsScored: [Int]
    /// Per construct-wave slot: how many respondents answered at least one of its items.
    private(set) var respondentsAnswering: [Int]
    /// Per construct-wave slot: the coded answers of the respondents who answered every item,
    /// item-major (`[item][respondent]`), in the order of the passes (participant_key, cohort_key).
    private(set) var completeAnswers: [[[Double]]]

    /// The number of waves (a stored constant, read in the innermost loops).
    static let waveCount = SurveyWave.allCases.count

    /// The score of a respondent (an index into `respondents`) for a construct and wave, if any.
    func score(respondent: Int, construct: Int, wave: SurveyWave) -> ScoreFraction? {
        scores[respondent * catalogue.constructs.count * Self.waveCount + slot(construct: construct, wave: wave)]
    }

    /// The construct-wave slot of alpha's data.
    func slot(construct: Int, wave: SurveyWave) -> Int { construct * Self.waveCount + wave.rawValue }

    /// The scores of `respondents` from `passes` (in participant_key order, together covering
    /// every stored score of the respondents); other person-cohorts the passes met are left out.
    init(catalogue: ConstructCatalogue, respondents: [RespondentKey], passes: [StoredScorePass]) {
        let slotCount = catalogue.constructs.count * Self.waveCount
        self.catalogue = catalogue
        self.respondents = respondents
        scores = [ScoreFraction?](repeating: nil, count: respondents.count * slotCount)
        respondentsScored = [Int](repeating: 0, count: slotCount)
        respondentsAnswering = [Int](repeating: 0, count: slotCount)
        completeAnswers = (0..<slotCount).map { [[Double]](repeating: [], count: catalogue.constructs[$0 / Self.waveCount].itemCount) }
        let index = Dictionary(uniqueKeysWithValues: respondents.enumerated().map { ($0.element, $0.offset) })
        for pass in passes {
            let respondentOfGroup = pass.groups.map { index[$0] ?? -1 }
            for score in pass.scores where respondentOfGroup[score.group] >= 0 {
                guard let value = ScoreFraction(codedSum: Int(score.codedSum), answered: Int(score.answered)) else { continue }
                scores[respondentOfGroup[score.group] * slotCount + score.slot] = value
                respondentsScored[score.slot] += 1
            }
            for slot in 0..<slotCount {
                respondentsAnswering[slot] += pass.answering[slot].reduce(0) { $0 + (respondentOfGroup[$1] >= 0 ? 1 : 0) }
                let items = pass.completeAnswers[slot]
                for (row, group) in pass.completeGroups[slot].enumerated() where respondentOfGroup[group] >= 0 {
                    for item in items.indices { completeAnswers[slot][item].append(items[item][row]) }
                }
            }
        }
    }
}
