/// One pass over the stored construct scores (`construct_score_values`, schema/migrations/006) of a
/// range of participant keys, in primary-key order: for every person-cohort met (in the cohorts
/// asked for), its construct scores and, for Cronbach's alpha, its complete coded answers.
///
/// A construct-wave "slot" is `construct * SurveyWave.allCases.count + wave.rawValue`, the
/// construct an index into the catalogue the pass was made with.
public struct StoredScorePass: Sendable {
    /// A score: `codedSum / answered` of one group in one slot.
    public struct Score: Sendable, Equatable {
        /// Index into `groups`.
        public let group: Int
        /// The construct-wave slot.
        public let slot: Int
        /// The sum of the coded answers.
        public let codedSum: Int32
        /// The number of items answered (at least the construct's `requiredAnswers`, and at least 1).
        public let answered: Int32
    }

    /// The person-cohorts met, in the order of the pass; a "group" below is an index here.
    public internal(set) var groups: [ConstructScoreTable.PersonCohort] = []
    /// Every score of the groups met, in the order of the pass.
    public internal(set) var scores: [Score] = []
    /// Per slot: the groups that answered at least one of its items.
    public internal(set) var answering: [[Int]]
    /// Per slot: the groups that answered every item…
    public internal(set) var completeGroups: [[Int]]
    /// …and their coded answers, item-major (`[item][row of completeGroups]`).
    public internal(set) var completeAnswers: [[[Double]]]

    /// An empty pass with room for the slots of `catalogue`.
    init(catalogue: ConstructCatalogue) {
        let waveCount = SurveyWave.allCases.count
        let slotCount = catalogue.constructs.count * waveCount
        answering = Array(repeating: [], count: slotCount)
        completeGroups = Array(repeating: [], count: slotCount)
        completeAnswers = (0..<slotCount).map {
            Array(repeating: [], count: catalogue.constructs[$0 / waveCount].itemCount)
        }
    }
}
