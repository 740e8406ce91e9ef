import ImpactStore

/// What reach.csv, funnel.csv, outcomes.csv, comparison.csv and dosage_outcomes.csv are computed
/// from, read in one pass: the consenting people with their reach indicators and groups
/// (`participant_flags`), their enrolments in the cohorts in scope, one attendance per
/// programme-year and person, and their outcomes.
///
/// Three plain reads, each in participant_id order (people from `participant_flags`, enrolments,
/// outcomes), merged here; the counting is done with arrays indexed by small integers. SQLite
/// has no hash aggregation: every GROUP BY sorts its input, and one such sort of the enrolments
/// cost more than this whole pass (docs/performance.md, "Reach, funnel and outcomes: one pass").
struct ReachOutcomeData: Sendable {
    /// The furthest stage of an enrolment, as funnel.csv nests them.
    enum Stage: Int, Comparable, Sendable {
        /// `applied` only.
        case applied
        /// `offered` or `declined`.
        case offered
        /// `started` or `withdrawn`: a participant.
        case started
        /// `completed`: a participant.
        case completed

        /// A participant, as the contract defines one (started, withdrawn or completed).
        var tookPart: Bool { self >= .started }

        static func < (left: Self, right: Self) -> Bool { left.rawValue < right.rawValue }
    }

    /// A cohort in scope.
    struct Cohort: Sendable {
        let cohortID: String
        /// `cohorts.cohort_key`.
        let key: Int64
        /// Index into `years`.
        let year: Int
    }

    /// A person with research consent (people without it are not read at all).
    struct Person: Sendable {
        /// The reach indicators in `ReachIndicator.allCases` order: 1, 0, or -1 for unknown.
        let indicators: SIMD8<Int8>
        /// In `SubgroupDimension.allCases` order, the index of the person's group into
        /// `groupNames` of that dimension (lanes 5 to 7 unused).
        let groups: SIMD8<UInt8>

        /// An indicator: 1, 0, or -1 for unknown.
        func indicator(_ which: ReachIndicator) -> Int8 { indicators[which.index] }
    }

    /// One enrolment of a person in a cohort.
    struct Enrolment: Sendable {
        let person: Int
        let cohort: Int
        let stage: Stage
        /// Contact hours (nil: unknown).
        let hours: Double?
    }

    /// A person in a programme-year: the furthest stage over its cohorts, and the contact hours
    /// summed over the participant enrolments (nil when any of them has hours unknown, or none).
    struct Attendance: Sendable {
        let person: Int
        let year: Int
        var stage: Stage
        var hours: Double?
        var hoursUnknown: Bool
        /// The person's previous attendance (another programme-year), or -1.
        let previous: Int
    }

    /// One recorded outcome of a person.
    struct OutcomeValue: Sendable {
        /// Index into `outcomeNames`.
        let outcome: Int
        let value: Bool
    }

    /// The programme-years with a cohort in scope, in programme id (code point) then year order.
    let years: [ReachOutcomes.ProgrammeYear]
    /// The cohorts in scope, by programme-year and then cohort id (code point order).
    let cohorts: [Cohort]
    let people: [Person]
    /// `participants.participant_key` of each person, by person index.
    let participantKeys: [Int64]
    let enrolments: [Enrolment]
    let attendances: [Attendance]
    /// The outcomes recorded for anyone with an enrolment in scope, in code-point order.
    let outcomeNames: [String]
    /// Per subgroup dimension (`SubgroupDimension.allCases` order), the group values.
    let groupNames: [[String]]
    /// The outcomes of person i are `outcomeValues[outcomeStart[i]..<outcomeStart[i + 1]]`.
    private let outcomeStart: [Int]
    private let outcomeValues: [OutcomeValue]

    /// The outcomes recorded for a person.
    func outcomes(of person: Int) -> ArraySlice<OutcomeValue> {
        outcomeValues[outcomeStart[person]..<outcomeStart[person + 1]]
    }

    /// Reads everything from one snapshot; outcomes only if asked for.
    static func read(_ backend: any AnalysisBackend, scope: AnalysisScope, outcomes includeOutcomes: Bool) throws -> Self {
        try backend.read { snapshot in try read(snapshot, scope: scope, outcomes: includeOutcomes) }
    }

    static func read(_ snapshot: any AnalysisSnapshot, scope: AnalysisScope, outcomes includeOutcomes: Bool) throws -> Self {
        let (years, cohorts, cohortIndex) = try readCohorts(snapshot, scope: scope)
        // The three reads below are each in participant_id order (the primary key of enrolments
        // and outcomes, the unique index of participants), so people are joined to their
        // enrolments and outcomes by merging, without hashing.
        let (people, participantIDs, participantKeys, groupNames) = try readPeople(snapshot)
        let (enrolments, attendances) = try readEnrolments(
            snapshot, cohorts: cohorts, cohortIndex: cohortIndex, participantIDs: participantIDs)
        var outcomeNames: [String] = []
        var outcomeStart = [Int](repeating: 0, count: people.count + 1)
        var outcomeValues: [OutcomeValue] = []
        if includeOutcomes {
            var hasAttendance = [Bool](repeating: false, count: people.count)
            for attendance in attendances { hasAttendance[attendance.person] = true }
            (outcomeNames, outcomeStart, outcomeValues) = try readOutcomes(
                snapshot, participantIDs: participantIDs, include: hasAttendance)
        }
        return ReachOutcomeData(years: years, cohorts: cohorts, people: people, participantKeys: participantKeys,
                                enrolments: enrolments,
                                attendances: attendances, outcomeNames: outcomeNames, groupNames: groupNames,
                                outcomeStart: outcomeStart, outcomeValues: outcomeValues)
    }

    /// The programme-years and cohorts in scope, sorted so that indices are the tables' row
    /// order, and each cohort's index by id.
    private static func readCohorts(_ snapshot: any AnalysisSnapshot, scope: AnalysisScope) throws
        -> (years: [ReachOutcomes.ProgrammeYear], cohorts: [Cohort], cohortIndex: [String: Int]) {
        var scoped: [(id: String, key: Int64, year: ReachOutcomes.ProgrammeYear)] = []
        for cohort in try snapshot.cohorts(programme: scope.programme, year: scope.year) {
            scoped.append((cohort.cohortID, cohort.key, ReachOutcomes.ProgrammeYear(programme: cohort.programmeID, year: cohort.year)))
        }
        scoped.sort { left, right in
            left.year != right.year ? ReachOutcomes.ProgrammeYear.precedes(left.year, right.year)
                : ReachOutcomes.precedes(left.id, right.id)
        }
        var years: [ReachOutcomes.ProgrammeYear] = []
        var cohorts: [Cohort] = []
        var cohortIndex: [String: Int] = [:]
        for cohort in scoped {
            if years.last != cohort.year { years.append(cohort.year) }
            cohortIndex[cohort.id] = cohorts.count
            cohorts.append(Cohort(cohortID: cohort.id, key: cohort.key, year: years.count - 1))
        }
        return (years, cohorts, cohortIndex)
    }

    /// Every consenting person, in participant_id order, with the group values seen.
    private static func readPeople(_ snapshot: any AnalysisSnapshot) throws
        -> (people: [Person], participantIDs: [String], participantKeys: [Int64], groupNames: [[String]]) {
        var people: [Person] = []
        var participantIDs: [String] = []
        var participantKeys: [Int64] = []
        var groups = GroupInterner()
        try snapshot.forEachPerson { row in
            // Eight base-3 digits, fsm the least significant: 1 yes, 0 no, 2 unknown.
            var code = row.indicatorCode
            var indicators = SIMD8<Int8>(repeating: -1)
            for index in 0..<ReachIndicator.allCases.count {
                let digit = code % 3
                if digit < 2 { indicators[index] = Int8(digit) }
                code /= 3
            }
            var groupIndices = SIMD8<UInt8>(repeating: 0)
            for (index, dimension) in SubgroupDimension.allCases.enumerated() {
                switch dimension {
                case .fsm: groupIndices[index] = GroupInterner.booleanGroup(indicators[ReachIndicator.fsm.index])
                case .firstGeneration: groupIndices[index] = GroupInterner.booleanGroup(indicators[ReachIndicator.firstGeneration.index])
                case .lowSES: groupIndices[index] = GroupInterner.booleanGroup(indicators[ReachIndicator.lowSES.index])
                case .gender: groupIndices[index] = groups.index(of: row.gender, in: dimension)
                case .ethnicity: groupIndices[index] = groups.index(of: row.ethnicity, in: dimension)
                }
            }
            participantIDs.append(row.participantID)
            participantKeys.append(row.participantKey)
            people.append(Person(indicators: indicators, groups: groupIndices))
        }
        return (people, participantIDs, participantKeys, groups.names)
    }

    /// The enrolments of consenting people in the cohorts in scope, and from them one attendance
    /// per person and programme-year (furthest stage, summed hours).
    private static func readEnrolments(
        _ snapshot: any AnalysisSnapshot, cohorts: [Cohort], cohortIndex: [String: Int], participantIDs: [String]
    ) throws -> (enrolments: [Enrolment], attendances: [Attendance]) {
        var merge = PersonMerge(participantIDs)
        var enrolments: [Enrolment] = []
        var attendances: [Attendance] = []
        var lastAttendance = [Int](repeating: -1, count: participantIDs.count)
        try snapshot.forEachEnrolment { row in
            guard let person = merge.person(row.participantID), let cohort = cohortIndex[row.cohortID] else { return }
            let stage = Stage(rawValue: row.stage) ?? .applied
            let hours = row.hours
            enrolments.append(Enrolment(person: person, cohort: cohort, stage: stage, hours: hours))

            // The person's attendance in this programme-year: a short chain, most recent first.
            let year = cohorts[cohort].year
            var index = lastAttendance[person]
            while index >= 0, attendances[index].year != year { index = attendances[index].previous }
            if index >= 0 {
                attendances[index].stage = max(attendances[index].stage, stage)
            } else {
                index = attendances.count
                attendances.append(Attendance(person: person, year: year, stage: stage, hours: nil,
                                              hoursUnknown: false, previous: lastAttendance[person]))
                lastAttendance[person] = index
            }
            if stage.tookPart {
                if let hours {
                    attendances[index].hours = (attendances[index].hours ?? 0) + hours
                } else {
                    attendances[index].hoursUnknown = true
                }
            }
        }
        for index in attendances.indices where attendances[index].hoursUnknown {
            attendances[index].hours = nil
        }
        return (enrolments, attendances)
    }

    /// The outcomes of the people `include`d: the outcome names in code-point order, and each
    /// person's outcomes as a range of one array (rows arrive by person, so in person order).
    private static func readOutcomes(_ snapshot: any AnalysisSnapshot, participantIDs: [String], include: [Bool]) throws
        -> (names: [String], start: [Int], values: [OutcomeValue]) {
        var merge = PersonMerge(participantIDs)
        var names: [String] = []
        var start = [Int](repeating: 0, count: participantIDs.count + 1)
        var values: [OutcomeValue] = []
        try snapshot.forEachOutcome { row in
            guard let person = merge.person(row.participantID), include[person] else { return }
            // The few outcome names are found by a linear search.
            let name = row.outcome
            let outcome: Int
            if let known = names.firstIndex(where: { ReachOutcomes.sameBytes($0, name) }) {
                outcome = known
            } else {
                outcome = names.count
                names.append(name)
            }
            start[person + 1] += 1
            values.append(OutcomeValue(outcome: outcome, value: row.value))
        }
        for person in participantIDs.indices { start[person + 1] += start[person] }
        // Renumber the outcomes in code-point order of their names.
        let order = names.indices.sorted { ReachOutcomes.precedes(names[$0], names[$1]) }
        var renumbered = [Int](repeating: 0, count: order.count)
        for (position, old) in order.enumerated() { renumbered[old] = position }
        return (order.map { names[$0] }, start,
                values.map { OutcomeValue(outcome: renumbered[$0.outcome], value: $0.value) })
    }
}

/// Finds the people of rows that arrive in participant_id order, in a list of people in the
/// same order: each lookup moves forward, comparing ids in code-point order (SQLite's BINARY
/// collation, which the ORDER BY clauses use).
private struct PersonMerge {
    private let participantIDs: [String]
    private var position = 0

    init(_ participantIDs: [String]) {
        self.participantIDs = participantIDs
    }

    /// The index of the person `participantID`, or nil if there is none (no research consent).
    mutating func person(_ participantID: String) -> Int? {
        while position < participantIDs.count, ReachOutcomes.precedes(participantIDs[position], participantID) {
            position += 1
        }
        guard position < participantIDs.count, ReachOutcomes.sameBytes(participantIDs[position], participantID) else { return nil }
        return position
    }
}

extension ReachIndicator {
    /// The position in `allCases` (and in `ReachOutcomeData.Person.indicators`).
    var index: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// Small integer indices for the group values of each subgroup dimension, without hashing: a
/// boolean's groups are fixed, a category is found among the few seen so far.
private struct GroupInterner {
    /// Per dimension, the group values seen, by index; booleans are always yes, no, unknown.
    var names: [[String]] = SubgroupDimension.allCases.map { $0.isBoolean ? ["yes", "no", "unknown"] : [] }

    /// The index of an indicator (1, 0, -1 for unknown) among yes, no, unknown.
    static func booleanGroup(_ indicator: Int8) -> UInt8 {
        switch indicator {
        case 1: return 0
        case 0: return 1
        default: return 2
        }
    }

    /// The index of a stored category (nil: `unknown`) of a category dimension.
    mutating func index(of category: String?, in dimension: SubgroupDimension) -> UInt8 {
        let value = dimension.groupValue(category: category)
        let slot = SubgroupDimension.allCases.firstIndex(of: dimension) ?? 0
        if let found = names[slot].firstIndex(of: value) { return UInt8(found) }
        names[slot].append(value)
        return UInt8(names[slot].count - 1)
    }
}
