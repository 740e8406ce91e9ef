import ImpactStatistics
import ImpactStore

/// What prepost.csv, alpha.csv and dosage_prepost.csv are computed from: the participants of the
/// cohorts in scope (`cohort_participants`: status started, withdrawn or completed, research
/// consent) with their subgroups and hours, taken from the people read for the other tables
/// (`ReachOutcomeData`), and their construct scores from one pass over the stored scores.
struct SurveyData: Sendable {
    /// A cohort in scope.
    struct Cohort: Sendable {
        let cohortID: String
        let programmeID: String
        let year: Int
    }

    /// A participant in one cohort, in the order (participant_id, cohort_id).
    struct Respondent: Sendable {
        /// Index into `cohorts`.
        let cohort: Int
        /// Contact hours of the enrolment (nil: unknown).
        let hours: Double?
    }

    let cohorts: [Cohort]
    /// The participants, indexed as `scores.respondents`.
    let respondents: [Respondent]
    /// Per dimension (`SubgroupDimension.allCases` order), the group values that occur: `yes`/`no`,
    /// a category, or `unknown`.
    let groupValues: [[String]]
    /// The respondents' groups: index into `groupValues[dimension]` at
    /// `respondent * dimensionCount + dimension` (one flat array, for speed).
    private let groupCodes: [UInt8]
    let scores: ConstructScores

    /// The number of subgroup dimensions (a stored constant: `allCases` builds an array at every use).
    static let dimensionCount = SubgroupDimension.allCases.count

    /// The group (index into `groupValues[dimension]`) of a respondent.
    func group(of respondent: Int, dimension: Int) -> Int {
        Int(groupCodes[respondent * Self.dimensionCount + dimension])
    }

    /// Reads the people of the scope (`ReachOutcomeData`, without outcomes) while passing over
    /// the stored scores of its cohorts (`AnalysisBackend.readAnalysis`).
    static func read(_ backend: any AnalysisBackend, scope: AnalysisScope) throws -> SurveyData {
        let read = try Read(backend, scope: scope, outcomes: false)
        return SurveyData(population: read.population, catalogue: read.catalogue, passes: read.passes)
    }

    /// The people of the scope (with their outcomes if asked, and the benchmarks of
    /// `benchmarkPopulation` if given) and the passes over the stored scores of its cohorts, from
    /// one state of the data (`AnalysisBackend.readAnalysis`: on SQLite, the people on one
    /// connection while the scores are passed over on the others).
    struct Read {
        let population: ReachOutcomeData
        let benchmarks: OutcomeBenchmarks?
        let catalogue: ConstructCatalogue
        let passes: [StoredScorePass]

        /// How many times the concurrent reads are tried before the read in one transaction.
        static let concurrentAttempts = ImpactDatabase.concurrentReadAttempts

        /// `afterPlanning` runs between the first read transaction and the others, for tests to
        /// change the data there.
        init(_ backend: any AnalysisBackend, scope: AnalysisScope, outcomes: Bool, benchmarkPopulation: String? = nil,
             afterPlanning: (() throws -> Void)? = nil) throws {
            let read = try backend.readAnalysis(AnalysisReadRequest(programme: scope.programme, year: scope.year), people: { snapshot in
                (try ReachOutcomeData.read(snapshot, scope: scope, outcomes: outcomes),
                 try benchmarkPopulation.map { try OutcomeBenchmarks(snapshot, population: $0) })
            }, afterPlanning: afterPlanning)
            population = read.people.0
            benchmarks = read.people.1
            catalogue = read.catalogue
            passes = read.scorePasses
        }
    }

    /// The participants of `population` (enrolments that reached started, withdrawn or completed:
    /// the `cohort_participants` rule) in (participant_id, cohort_id) order, scored from `passes`.
    init(population: ReachOutcomeData, catalogue: ConstructCatalogue, passes: [StoredScorePass]) {
        let dimensionCount = Self.dimensionCount
        var cohortYears: [Cohort] = []
        for cohort in population.cohorts {
            let programmeYear = population.years[cohort.year]
            cohortYears.append(Cohort(cohortID: cohort.cohortID, programmeID: programmeYear.programme, year: programmeYear.year))
        }
        var respondents: [Respondent] = []
        var keys: [RespondentKey] = []
        var groupCodes: [UInt8] = []
        for enrolment in population.enrolments where enrolment.stage.tookPart {
            respondents.append(Respondent(cohort: enrolment.cohort, hours: enrolment.hours))
            keys.append(RespondentKey(participantKey: population.participantKeys[enrolment.person],
                                      cohortKey: population.cohorts[enrolment.cohort].key))
            let groups = population.people[enrolment.person].groups
            for dimension in 0..<dimensionCount { groupCodes.append(groups[dimension]) }
        }
        self.cohorts = cohortYears
        self.respondents = respondents
        self.groupValues = population.groupNames
        self.groupCodes = groupCodes
        self.scores = ConstructScores(catalogue: catalogue, respondents: keys, passes: passes)
    }

    /// A participant with a score in either wave of a unit's pair (pre or post for prepost.csv),
    /// with what the tables need of them copied together, so that grouping reads one contiguous
    /// array.
    struct Member: Sendable {
        /// Index into `respondents`.
        let respondent: Int
        /// Index into `cohorts`.
        let cohort: Int
        /// Contact hours of the enrolment (nil: unknown).
        let hours: Double?
        /// The score in the earlier wave of the pair (`WavePair.from`).
        let first: ScoreFraction?
        /// The score in the later wave (`WavePair.to`).
        let second: ScoreFraction?
    }

    /// A programme-year, instrument and construct, and the participants with a score for the
    /// construct there in either wave of the pair, in (participant_id, cohort_id) order.
    struct Unit: Sendable {
        let programmeID: String
        let year: Int
        let construct: Int
        let members: [Member]
    }

    /// Every unit of the wave pair with at least one member, in the order programme_id, year,
    /// instrument_id, construct; with `needsLater`, only units where someone has a score in the
    /// later wave (a follow-up survey that a programme-year never ran gives no rows).
    func units(_ pair: WavePair = .prePost, needsLater: Bool = false) -> [Unit] {
        // Programme-years numbered in their order, so that a unit is an array index.
        struct ProgrammeYear: Hashable { let programme: String; let year: Int }
        let programmeYears = Set(cohorts.map { ProgrammeYear(programme: $0.programmeID, year: $0.year) }).sorted {
            $0.programme != $1.programme ? codePointPrecedes($0.programme, $1.programme) : $0.year < $1.year
        }
        let position = Dictionary(uniqueKeysWithValues: programmeYears.enumerated().map { ($0.element, $0.offset) })
        let cohortProgrammeYear = cohorts.map { position[ProgrammeYear(programme: $0.programmeID, year: $0.year)] ?? 0 }
        let constructCount = scores.catalogue.constructs.count
        // A construct no one has a later-wave score for has no unit that needs it: not read at all.
        let constructsRead = (0..<constructCount).filter { construct in
            !needsLater || scores.respondentsScored[scores.slot(construct: construct, wave: pair.to)] > 0
        }
        guard !constructsRead.isEmpty else { return [] }
        var members = [[Member]](repeating: [], count: programmeYears.count * constructCount)
        for (index, respondent) in respondents.enumerated() {
            for construct in constructsRead {
                let first = scores.score(respondent: index, construct: construct, wave: pair.from)
                let second = scores.score(respondent: index, construct: construct, wave: pair.to)
                guard first != nil || second != nil else { continue }
                members[cohortProgrammeYear[respondent.cohort] * constructCount + construct].append(
                    Member(respondent: index, cohort: respondent.cohort, hours: respondent.hours, first: first, second: second))
            }
        }
        let kept = members.indices.filter { unit in
            !members[unit].isEmpty && (!needsLater || members[unit].contains { $0.second != nil })
        }
        return kept.map { unit in
            let programmeYear = programmeYears[unit / constructCount]
            return Unit(programmeID: programmeYear.programme, year: programmeYear.year,
                        construct: unit % constructCount, members: members[unit])
        }
    }

    /// The paired change of the members that have a score in both waves, in member order.
    static func pairedChange(of members: [Member]) -> PairedChange {
        var pre: [ScoreFraction] = []
        var post: [ScoreFraction] = []
        pre.reserveCapacity(members.count)
        post.reserveCapacity(members.count)
        for member in members {
            if let before = member.first, let after = member.second {
                pre.append(before)
                post.append(after)
            }
        }
        return ImpactStatistics.pairedChange(pre: pre, post: post)
    }
}
