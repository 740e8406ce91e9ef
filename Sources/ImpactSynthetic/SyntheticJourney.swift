/// What happens to one person: applications through the programmes (the pipeline), survey
/// answers for those who took part, and where they went next. Rows are written as drawn.
struct SyntheticJourney {
    /// One application to one cohort.
    struct Enrolment {
        let cohort: Int
        let status: Status
        let appliedOn: CalendarDay?
        /// Contact hours in tenths (125 is 12.5 hours); nil if not recorded.
        let hoursInTenths: Int?
    }

    /// The contract's enrolment statuses: the furthest stage reached.
    enum Status: Int, CaseIterable {
        case applied, offered, declined, started, withdrawn, completed

        var name: String { ["applied", "offered", "declined", "started", "withdrawn", "completed"][rawValue] }
        /// Whether the person counts as a participant of the cohort.
        var tookPart: Bool { self == .started || self == .withdrawn || self == .completed }
    }

    let person: SyntheticPerson
    let plan: CohortPlan
    var generator: SeededGenerator

    /// Writes the person's enrolments, survey responses and outcomes.
    mutating func write(enrolments: CSVFileWriter, responses: CSVFileWriter, outcomes: CSVFileWriter) throws {
        let applications = drawApplications()
        var tookPart = false
        var tookPartInPlacement = false
        var maximumHoursInTenths = 0
        for enrolment in applications {
            try write(enrolment, to: enrolments)
            guard enrolment.status.tookPart else { continue }
            tookPart = true
            if plan.cohorts[enrolment.cohort].programme == .placements { tookPartInPlacement = true }
            maximumHoursInTenths = max(maximumHoursInTenths, enrolment.hoursInTenths ?? 0)
            try writeSurveys(for: enrolment, to: responses)
        }
        guard !applications.isEmpty else { return }
        try writeOutcomes(tookPart: tookPart, inPlacement: tookPartInPlacement,
                          atLeastEightHours: maximumHoursInTenths >= 80, to: outcomes)
    }

    // MARK: The pipeline

    /// The online course first for most, then perhaps a placement the next year (likelier after
    /// completing the course), then perhaps the careers platform three years on.
    private mutating func drawApplications() -> [Enrolment] {
        var applications: [Enrolment] = []
        var placementYear = person.firstYear
        var placementChance = 1.0
        if generator.chance(0.6), let online = apply(to: .online, in: person.firstYear) {
            applications.append(online)
            placementYear += 1
            placementChance = online.status == .completed ? 0.55 : 0.30
        }
        if generator.chance(placementChance), let placement = apply(to: .placements, in: placementYear) {
            applications.append(placement)
        }
        if generator.chance(0.15), let careers = apply(to: .careers, in: person.firstYear + 3) {
            applications.append(careers)
        }
        return applications
    }

    private static let statusWeights: [[Double]] = [
        // applied, offered, declined, started, withdrawn, completed
        [0.08, 0.04, 0.02, 0.06, 0.18, 0.62],  // online: open to all eligible, more drop-out
        [0.40, 0.02, 0.05, 0.02, 0.05, 0.46],  // placements: competitive
        [0.15, 0.03, 0.04, 0.10, 0.10, 0.58],  // careers
    ]

    /// Contact hours (low, high) by programme, for completers, withdrawers and those still going.
    private static let hourRanges: [(completed: (Double, Double), withdrawn: (Double, Double), started: (Double, Double))] = [
        ((4, 20), (0.5, 6), (1, 10)),  // online: spans < 3, 3–8 and ≥ 8 hours
        ((55, 80), (5, 40), (20, 70)), // placements: two full-time weeks
        ((6, 30), (1, 8), (2, 15)),    // careers
    ]

    private mutating func apply(to programme: SyntheticCatalogue.Programme, in year: Int) -> Enrolment? {
        guard let cohortIndex = plan.cohort(of: programme, in: year, homeRegion: person.region.name, using: &generator) else {
            return nil
        }
        let cohort = plan.cohorts[cohortIndex]
        let status = Status(rawValue: generator.index(weightedBy: Self.statusWeights[programme.rawValue])) ?? .applied
        let appliedOn = cohort.start - (14 + generator.below(100))
        var hours: Int?
        if status.tookPart {
            let ranges = Self.hourRanges[programme.rawValue]
            let (low, high) = status == .completed ? ranges.completed : (status == .withdrawn ? ranges.withdrawn : ranges.started)
            hours = Int((generator.uniform(low, high) * 10).rounded())
            if generator.chance(0.05) { hours = nil }
        }
        return Enrolment(cohort: cohortIndex, status: status, appliedOn: generator.chance(0.05) ? nil : appliedOn,
                         hoursInTenths: hours)
    }

    private func write(_ enrolment: Enrolment, to writer: CSVFileWriter) throws {
        writer.field(bytes: person.idBytes)
        writer.field(bytes: plan.cohorts[enrolment.cohort].idBytes)
        writer.field(bytes: Self.statusBytes[enrolment.status.rawValue])
        if let day = enrolment.appliedOn { writer.field(bytes: day.isoBytes) } else { writer.emptyField() }
        if let tenths = enrolment.hoursInTenths { writer.field(scaled: tenths, decimals: 1) } else { writer.emptyField() }
        try writer.endRow()
    }

    private static let statusBytes = Status.allCases.map { Array($0.name.utf8) }

    // MARK: Surveys

    private enum Wave: Int, CaseIterable {
        case pre, post, followUp
    }

    private static let waveBytes = [Array("pre".utf8), Array("post".utf8), Array("follow_up".utf8)]
    private static let instrumentBytes = Array(SyntheticCatalogue.instrumentID.utf8)
    private static let itemBytes = SyntheticCatalogue.constructs.map { $0.items.map { Array($0.id.utf8) } }
    private static let valueBytes = (0...9).map { [UInt8(ascii: "0") + UInt8($0)] }

    /// Pre and post answers with a real gain: larger for FSM pupils, smaller for those who withdrew,
    /// rising with dosage online; some skip the pre survey, many miss the post, a few skip items;
    /// some placement completers answer a follow-up six months on.
    private mutating func writeSurveys(for enrolment: Enrolment, to writer: CSVFileWriter) throws {
        let cohort = plan.cohorts[enrolment.cohort]
        let constructs = SyntheticCatalogue.constructs
        var baseline: [Double] = []
        var gain: [Double] = []
        let groupFactor = person.isFSM ? 1.3 : 0.8
        let statusFactor = enrolment.status == .withdrawn ? 0.4 : (enrolment.status == .started ? 0.8 : 1.0)
        var dosageFactor = 1.0
        if cohort.programme == .online, let tenths = enrolment.hoursInTenths {
            dosageFactor = 0.6 + 0.4 * min(1, Double(tenths) / 100)
        }
        for construct in constructs {
            baseline.append(generator.normal(mean: 3.0 - 0.3 * person.disadvantage, standardDeviation: 0.6))
            gain.append(construct.trueEffect * groupFactor * statusFactor * dosageFactor)
        }
        let postMissing: Double
        switch enrolment.status {
        case .completed: postMissing = 0.25
        case .started: postMissing = 0.6
        default: postMissing = 0.7
        }
        let answersPre = !generator.chance(0.04)
        let answersPost = !generator.chance(postMissing)
        let answersFollowUp = cohort.programme == .placements && enrolment.status == .completed
            && cohort.year < plan.years.upperBound && generator.chance(0.3)
        for wave in Wave.allCases {
            let answers: Bool
            let day: CalendarDay
            switch wave {
            case .pre: (answers, day) = (answersPre, cohort.start - generator.below(10))
            case .post: (answers, day) = (answersPost, cohort.end + generator.below(15))
            case .followUp: (answers, day) = (answersFollowUp, cohort.end + 180 + generator.below(30))
            }
            guard answers else { continue }
            let dayBytes = day.isoBytes
            for (constructIndex, construct) in constructs.enumerated() {
                var level = baseline[constructIndex]
                switch wave {
                case .pre: break
                case .post: level += gain[constructIndex] + generator.normal(standardDeviation: 0.35)
                case .followUp: level += 0.7 * gain[constructIndex] + generator.normal(standardDeviation: 0.45)
                }
                for (itemIndex, item) in construct.items.enumerated() {
                    if generator.chance(0.03) { continue }  // item skipped
                    var value = Int((level + generator.normal(standardDeviation: 0.7)).rounded())
                    value = min(SyntheticCatalogue.scale.upperBound, max(SyntheticCatalogue.scale.lowerBound, value))
                    if item.isReverseCoded { value = SyntheticCatalogue.scale.lowerBound + SyntheticCatalogue.scale.upperBound - value }
                    writer.field(bytes: person.idBytes)
                    writer.field(bytes: cohort.idBytes)
                    writer.field(bytes: Self.instrumentBytes)
                    writer.field(bytes: Self.waveBytes[wave.rawValue])
                    writer.field(bytes: Self.itemBytes[constructIndex][itemIndex])
                    writer.field(bytes: Self.valueBytes[value])
                    writer.field(bytes: dayBytes)
                    try writer.endRow()
                }
            }
        }
    }

    // MARK: Outcomes

    private static let outcomeBytes = ["he_entry", "stem_degree", "high_tariff"].map { Array($0.utf8) }
    private static let sourceBytes = [Array("tracking".utf8), Array("alumni_survey".utf8)]

    /// Tracked two years after Year 12 for most participants and for half the applicants who never
    /// took part (the comparison group); taking part, and ≥ 8 contact hours, raise the rates.
    private mutating func writeOutcomes(tookPart: Bool, inPlacement: Bool, atLeastEightHours: Bool,
                                        to writer: CSVFileWriter) throws {
        let year = person.firstYear + 2
        guard year <= plan.years.upperBound, generator.chance(tookPart ? 0.7 : 0.5) else { return }
        let disadvantage = person.disadvantage
        let participation = (tookPart ? 0.10 : 0) + (atLeastEightHours ? 0.04 : 0)
        let enteredHE = generator.chance(0.60 - 0.15 * disadvantage + participation)
        let stemDegree = enteredHE && generator.chance(0.55 + (inPlacement ? 0.15 : 0))
        let highTariff = enteredHE && generator.chance(0.35 - 0.10 * disadvantage + (tookPart ? 0.06 : 0))
        let fromAlumniSurvey = generator.chance(0.2)
        let observedOn = (CalendarDay(year: year, month: 10, day: 1) + generator.below(60)).isoBytes
        for (index, value) in [enteredHE, stemDegree, highTariff].enumerated() {
            // Alumni surveys often leave the tariff question unanswered.
            if index == 2, fromAlumniSurvey, generator.chance(0.3) { continue }
            writer.field(bytes: person.idBytes)
            writer.field(bytes: Self.outcomeBytes[index])
            writer.field(value)
            writer.field(bytes: observedOn)
            writer.field(bytes: Self.sourceBytes[fromAlumniSurvey ? 1 : 0])
            try writer.endRow()
        }
    }
}
