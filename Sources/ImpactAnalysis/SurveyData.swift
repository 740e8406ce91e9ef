import GRDB
import ImpactStatistics
import ImpactStore

/// What prepost.csv, alpha.csv and dosage_prepost.csv are computed from: the participants of the
/// cohorts in scope (`cohort_participants`: status started, withdrawn or completed, research
/// consent) with their subgroups and hours, and their construct scores from one pass over `answers`.
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

    /// Reads the participants and passes over the answers of the cohorts in scope, at the same
    /// time on a database pool (`AnswerPass`), and keeps the participants' scores.
    static func read(_ database: ImpactDatabase, scope: AnalysisScope) throws -> SurveyData {
        let (catalogue, cohortKeys, ranges) = try database.writer.read { db in
            (try ConstructCatalogue.read(db),
             try Set(Int64.fetchAll(db, sql: """
                SELECT cohort_key FROM cohorts
                WHERE (:programme IS NULL OR programme_id = :programme) AND (:year IS NULL OR year = :year)
                """, arguments: ["programme": scope.programme, "year": scope.year])),
             try AnswerPass.keyRanges(db, parts: AnswerPass.defaultParts))
        }
        // Task 0 reads the participants while the others pass over the answers.
        enum Work: Sendable { case participants(Participants), pass(AnswerPass) }
        let done = try concurrently(ranges.count + 1) { task -> Work in
            try database.writer.read { db in
                task == 0 ? .participants(try Participants.read(db, scope: scope))
                    : .pass(try AnswerPass.run(db, keys: ranges[task - 1], catalogue: catalogue, cohorts: cohortKeys))
            }
        }
        guard case let .participants(people)? = done.first else { throw AnalysisError.database("the participants were not read") }
        let passes = done.compactMap { if case let .pass(pass) = $0 { return pass } else { return nil } }
        let scores = ConstructScores(catalogue: catalogue, respondents: people.keys, passes: passes)
        return SurveyData(cohorts: people.cohorts, respondents: people.respondents, groupValues: people.groupValues,
                          groupCodes: people.groupCodes, scores: scores)
    }

    /// The participants of the cohorts in scope, with their keys and groups.
    private struct Participants: Sendable {
        var cohorts: [Cohort] = []
        var respondents: [Respondent] = []
        var keys: [RespondentKey] = []
        var groupValues: [[String]]
        var groupCodes: [UInt8] = []

        static func read(_ db: Database, scope: AnalysisScope) throws -> Participants {
            let dimensions = SubgroupDimension.allCases
            var result = Participants(groupValues: [[String]](repeating: [], count: dimensions.count))
            var cohortIndex: [String: (index: Int, key: Int64)] = [:]
            let scopeArguments: StatementArguments = ["programme": scope.programme, "year": scope.year]
            for row in try Row.fetchAll(db, sql: """
                SELECT cohort_key, cohort_id, programme_id, year FROM cohorts
                WHERE (:programme IS NULL OR programme_id = :programme) AND (:year IS NULL OR year = :year)
                """, arguments: scopeArguments) {
                cohortIndex[row[1]] = (result.cohorts.count, row[0])
                result.cohorts.append(Cohort(cohortID: row[1], programmeID: row[2], year: row[3]))
            }

            // Each consenting person's group codes, by participant_id, then their keys (two plain
            // scans cost half a join on participant_id).
            var groupIndex = [[String: UInt8]](repeating: [:], count: dimensions.count)
            var people: [String: (key: Int64, groups: Int)] = [:]
            var personGroups: [UInt8] = []
            let flagRows = try Row.fetchCursor(db, sql: """
                SELECT participant_id, \(dimensions.map(\.column).joined(separator: ", "))
                FROM participant_flags WHERE consent_research = 1
                """)
            // A 0/1 flag's code is fixed (yes 0, no 1, unknown 2); categories are numbered as met.
            for (offset, dimension) in dimensions.enumerated() where dimension.isBoolean {
                result.groupValues[offset] = [dimension.groupValue(flag: 1), dimension.groupValue(flag: 0), dimension.groupValue(flag: nil)]
            }
            while let row = try flagRows.next() {
                people[row[0]] = (-1, personGroups.count)
                for (offset, dimension) in dimensions.enumerated() {
                    if dimension.isBoolean {
                        let flag: Int? = row[1 + offset]
                        personGroups.append(flag == 1 ? 0 : flag == 0 ? 1 : 2)
                        continue
                    }
                    let value = dimension.groupValue(category: row[1 + offset])
                    if let code = groupIndex[offset][value] {
                        personGroups.append(code)
                    } else {
                        // The CHECKs of 001_core allow at most 7 values (6 categories and unknown).
                        let code = UInt8(result.groupValues[offset].count)
                        groupIndex[offset][value] = code
                        result.groupValues[offset].append(value)
                        personGroups.append(code)
                    }
                }
            }
            let keyRows = try Row.fetchCursor(db, sql: "SELECT participant_id, participant_key FROM participants")
            while let row = try keyRows.next() {
                let id: String = row[0]
                people[id]?.key = row[1]
            }

            // ORDER BY the enrolments' primary key: SQLite then walks enrolments in key order
            // instead of through enrolments_by_cohort with a lookup a row.
            let participantRows = try Row.fetchCursor(db, sql: """
                SELECT participant_id, cohort_id, hours FROM cohort_participants
                WHERE (:programme IS NULL OR programme_id = :programme) AND (:year IS NULL OR year = :year)
                ORDER BY participant_id, cohort_id
                """, arguments: scopeArguments)
            while let row = try participantRows.next() {
                guard let person = people[row[0]], let cohort = cohortIndex[row[1]] else { continue }
                result.keys.append(RespondentKey(participantKey: person.key, cohortKey: cohort.key))
                result.respondents.append(Respondent(cohort: cohort.index, hours: row[2]))
                result.groupCodes.append(contentsOf: personGroups[person.groups..<(person.groups + dimensions.count)])
            }
            return result
        }
    }

    /// A participant with a pre or a post score in a unit, with what the tables need of them
    /// copied together, so that grouping reads one contiguous array.
    struct Member: Sendable {
        /// Index into `respondents`.
        let respondent: Int
        /// Index into `cohorts`.
        let cohort: Int
        /// Contact hours of the enrolment (nil: unknown).
        let hours: Double?
        let pre: Double?
        let post: Double?
    }

    /// A programme-year, instrument and construct, and the participants with a pre or a post
    /// score for the construct there, in (participant_id, cohort_id) order.
    struct Unit: Sendable {
        let programmeID: String
        let year: Int
        let construct: Int
        let members: [Member]
    }

    /// Every unit with at least one member, in the order programme_id, year, instrument_id, construct.
    func units() -> [Unit] {
        // Programme-years numbered in their order, so that a unit is an array index.
        struct ProgrammeYear: Hashable { let programme: String; let year: Int }
        let programmeYears = Set(cohorts.map { ProgrammeYear(programme: $0.programmeID, year: $0.year) }).sorted {
            $0.programme != $1.programme ? codePointPrecedes($0.programme, $1.programme) : $0.year < $1.year
        }
        let position = Dictionary(uniqueKeysWithValues: programmeYears.enumerated().map { ($0.element, $0.offset) })
        let cohortProgrammeYear = cohorts.map { position[ProgrammeYear(programme: $0.programmeID, year: $0.year)] ?? 0 }
        let constructCount = scores.catalogue.constructs.count
        var members = [[Member]](repeating: [], count: programmeYears.count * constructCount)
        for (index, respondent) in respondents.enumerated() {
            for construct in 0..<constructCount {
                let pre = scores.score(respondent: index, construct: construct, wave: .pre)
                let post = scores.score(respondent: index, construct: construct, wave: .post)
                guard pre != nil || post != nil else { continue }
                members[cohortProgrammeYear[respondent.cohort] * constructCount + construct].append(
                    Member(respondent: index, cohort: respondent.cohort, hours: respondent.hours, pre: pre, post: post))
            }
        }
        return members.indices.filter { !members[$0].isEmpty }.map { unit in
            let programmeYear = programmeYears[unit / constructCount]
            return Unit(programmeID: programmeYear.programme, year: programmeYear.year,
                        construct: unit % constructCount, members: members[unit])
        }
    }

    /// The paired change of the members that have both a pre and a post score, in member order.
    static func pairedChange(of members: [Member]) -> PairedChange {
        var pre: [Double] = []
        var post: [Double] = []
        pre.reserveCapacity(members.count)
        post.reserveCapacity(members.count)
        for member in members {
            if let before = member.pre, let after = member.post {
                pre.append(before)
                post.append(after)
            }
        }
        return ImpactStatistics.pairedChange(pre: pre, post: post)
    }
}
