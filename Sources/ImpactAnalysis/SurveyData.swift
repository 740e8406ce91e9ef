import GRDB
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
    /// the stored scores of its cohorts (`ScorePass`).
    static func read(_ database: ImpactDatabase, scope: AnalysisScope) throws -> SurveyData {
        let read = try Read(database, scope: scope, outcomes: false)
        return SurveyData(population: read.population, catalogue: read.catalogue, passes: read.passes)
    }

    /// The people of the scope (with their outcomes if asked, and the benchmarks of
    /// `benchmarkPopulation` if given) read while the stored scores of its cohorts are passed over,
    /// at the same time on a database pool: task 0 reads the people, the others the scores (as many
    /// tasks as cores), each in its own read transaction.
    ///
    /// Separate transactions could see different states if an import commits between their starts:
    /// each also reads `queries/engine/analysis/data_version.sql`, and when they disagree everything is read
    /// again, the last time in one transaction (one snapshot, one core).
    struct Read {
        let population: ReachOutcomeData
        let benchmarks: OutcomeBenchmarks?
        let catalogue: ConstructCatalogue
        let passes: [ScorePass]

        /// How many times the concurrent reads are tried before the read in one transaction.
        static let concurrentAttempts = 2

        /// `afterPlanning` runs between the first read transaction and the others, for tests to
        /// change the data there.
        init(_ database: ImpactDatabase, scope: AnalysisScope, outcomes: Bool, benchmarkPopulation: String? = nil,
             afterPlanning: (() throws -> Void)? = nil) throws {
            for _ in 0..<Self.concurrentAttempts {
                if let read = try Self.concurrently(database, scope: scope, outcomes: outcomes, benchmarkPopulation: benchmarkPopulation,
                                                    afterPlanning: afterPlanning) {
                    self = read
                    return
                }
            }
            self = try database.writer.read { db in
                let (catalogue, cohortKeys, ranges, _) = try Self.plan(db, scope: scope)
                let (population, benchmarks) = try Self.people(db, scope: scope, outcomes: outcomes, benchmarkPopulation: benchmarkPopulation)
                let passes = try ranges.map { try ScorePass.run(db, keys: $0, catalogue: catalogue, cohorts: cohortKeys) }
                return Read(population: population, benchmarks: benchmarks, catalogue: catalogue, passes: passes)
            }
        }

        private init(population: ReachOutcomeData, benchmarks: OutcomeBenchmarks?, catalogue: ConstructCatalogue, passes: [ScorePass]) {
            self.population = population
            self.benchmarks = benchmarks
            self.catalogue = catalogue
            self.passes = passes
        }

        /// The reads on concurrent connections, or nil when they did not all see the same data.
        private static func concurrently(_ database: ImpactDatabase, scope: AnalysisScope, outcomes: Bool,
                                         benchmarkPopulation: String?, afterPlanning: (() throws -> Void)?) throws -> Read? {
            let (catalogue, cohortKeys, ranges, version) = try database.writer.read { db in try plan(db, scope: scope) }
            try afterPlanning?()
            enum Work: Sendable { case population(ReachOutcomeData, OutcomeBenchmarks?), pass(ScorePass) }
            let done = try ImpactAnalysis.concurrently(ranges.count + 1) { task -> (Work, [DatabaseValue]) in
                try database.writer.read { db in
                    let work: Work
                    if task == 0 {
                        let (population, benchmarks) = try people(db, scope: scope, outcomes: outcomes, benchmarkPopulation: benchmarkPopulation)
                        work = .population(population, benchmarks)
                    } else {
                        work = .pass(try ScorePass.run(db, keys: ranges[task - 1], catalogue: catalogue, cohorts: cohortKeys))
                    }
                    return (work, try dataVersion(db))
                }
            }
            guard done.allSatisfy({ $0.1 == version }) else { return nil }
            guard case let .population(population, benchmarks)? = done.first?.0 else {
                throw AnalysisError.database("the participants were not read")
            }
            let passes = done.compactMap { if case let .pass(pass) = $0.0 { return pass } else { return nil } }
            return Read(population: population, benchmarks: benchmarks, catalogue: catalogue, passes: passes)
        }

        /// The catalogue, the cohorts in scope, the key ranges of the passes and the data's version.
        private static func plan(_ db: Database, scope: AnalysisScope) throws
            -> (ConstructCatalogue, Set<Int64>, [Range<Int64>], [DatabaseValue]) {
            (try ConstructCatalogue.read(db),
             try Set(Int64.fetchAll(db, sql: try StoreResources.query("analysis/cohorts"), arguments: ReachOutcomes.arguments(scope))),
             try ScorePass.keyRanges(db, parts: ScorePass.defaultParts),
             try dataVersion(db))
        }

        private static func people(_ db: Database, scope: AnalysisScope, outcomes: Bool, benchmarkPopulation: String?) throws
            -> (ReachOutcomeData, OutcomeBenchmarks?) {
            (try ReachOutcomeData.read(db, scope: scope, outcomes: outcomes),
             try benchmarkPopulation.map { try OutcomeBenchmarks(db, population: $0) })
        }

        private static func dataVersion(_ db: Database) throws -> [DatabaseValue] { try Analysis.dataVersion(db) }
    }

    /// The participants of `population` (enrolments that reached started, withdrawn or completed:
    /// the `cohort_participants` rule) in (participant_id, cohort_id) order, scored from `passes`.
    init(population: ReachOutcomeData, catalogue: ConstructCatalogue, passes: [ScorePass]) {
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
