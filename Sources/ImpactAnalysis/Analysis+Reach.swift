extension Analysis {
    /// reach.csv: participants per programme-year (distinct people across its cohorts) and per
    /// cohort, and for each indicator n_known, n_yes, pct_yes and pct_unknown (proportions).
    public func reach() throws -> OutputTable {
        Self.reachTable(try ReachOutcomeData.read(backend, scope: scope, outcomes: false))
    }

    /// reach.csv from data already read: units with at least one participant, the programme-year
    /// row first and then its cohorts, each with the indicators in the contract's order.
    static func reachTable(_ data: ReachOutcomeData) -> OutputTable {
        var table = OutputTable(.reach)
        var years = [ReachTally](repeating: ReachTally(), count: data.years.count)
        var cohorts = [ReachTally](repeating: ReachTally(), count: data.cohorts.count)
        for attendance in data.attendances where attendance.stage.tookPart {
            years[attendance.year].add(data.people[attendance.person])
        }
        for enrolment in data.enrolments where enrolment.stage.tookPart {
            cohorts[enrolment.cohort].add(data.people[enrolment.person])
        }

        func append(_ tally: ReachTally, year: Int, cohort: String?) {
            let key = data.years[year]
            for (index, indicator) in ReachIndicator.allCases.enumerated() {
                let counts = tally.indicators[index]
                table.append([
                    .text(key.programme), .integer(key.year),
                    .text(cohort == nil ? Level.programmeYear.rawValue : Level.cohort.rawValue),
                    cohort.map(Cell.text) ?? .empty, .text(indicator.rawValue),
                    .integer(tally.participants), .integer(counts.known), .integer(counts.yes),
                    .number(counts.rate),
                    .number(Double(tally.participants - counts.known) / Double(tally.participants)),
                ])
            }
        }
        var cohortIndex = 0
        for year in data.years.indices {
            if years[year].participants > 0 { append(years[year], year: year, cohort: nil) }
            while cohortIndex < data.cohorts.count, data.cohorts[cohortIndex].year == year {
                if cohorts[cohortIndex].participants > 0 {
                    append(cohorts[cohortIndex], year: year, cohort: data.cohorts[cohortIndex].cohortID)
                }
                cohortIndex += 1
            }
        }
        return table
    }
}

/// The reach indicators, in the contract's order (reach.csv's `indicator`); each is a 0/1/NULL
/// column of `participant_flags`.
public enum ReachIndicator: String, CaseIterable, Sendable {
    case fsm
    case firstGeneration = "first_generation"
    case polar4Q12 = "polar4_q12"
    case imdQ12 = "imd_q12"
    case workingClass = "working_class"
    case careExperienced = "care_experienced"
    case lowSES = "low_ses"
    case multipleDisadvantage = "multiple_disadvantage"

    /// The six indicators the composites (`low_ses`, `multiple_disadvantage`) are built from.
    public static let components: [ReachIndicator] = [.fsm, .firstGeneration, .polar4Q12, .imdQ12, .workingClass, .careExperienced]
}

/// Participants and the known and yes counts of each indicator in one unit.
private struct ReachTally {
    var participants = 0
    var indicators = [ReachOutcomes.Counts](repeating: .init(), count: ReachIndicator.allCases.count)

    mutating func add(_ person: ReachOutcomeData.Person) {
        participants += 1
        for index in indicators.indices where person.indicators[index] >= 0 {
            indicators[index].known += 1
            indicators[index].yes += Int(person.indicators[index])
        }
    }
}
