import ImpactStatistics
import ImpactStore

extension Analysis {
    /// The benchmark population outcomes are compared with unless told otherwise (the contract's).
    public static let defaultBenchmarkPopulation = "fsm_england"

    /// outcomes.csv against the contract's default benchmark population, `fsm_england`.
    public func outcomes() throws -> OutputTable {
        try outcomes(benchmarkPopulation: Self.defaultBenchmarkPopulation)
    }

    /// outcomes.csv: per programme-year (each person once), per cohort and per subgroup, for each
    /// outcome recorded for at least one participant of the programme-year: n_known, n_yes, rate,
    /// Wilson 95% interval, the benchmark of `benchmarkPopulation` (same year, else the latest
    /// earlier one), diff_pp and the z-test p-value; subgroup rows add Holm and
    /// Benjamini–Hochberg adjusted p-values over the programme-year's subgroups of one outcome.
    public func outcomes(benchmarkPopulation: String) throws -> OutputTable {
        let (data, benchmarks) = try backend.read { snapshot in
            (try ReachOutcomeData.read(snapshot, scope: scope, outcomes: true),
             try OutcomeBenchmarks(snapshot, population: benchmarkPopulation))
        }
        return Self.outcomesTable(data, benchmarks: benchmarks)
    }

    /// outcomes.csv from data already read. Rows: per programme-year, its outcomes (code-point
    /// order) on the programme-year level, then each cohort with participants × those outcomes,
    /// then per outcome the subgroups (dimensions in the contract's order, groups with at least
    /// one participant in the contract's order, `unknown` last).
    static func outcomesTable(_ data: ReachOutcomeData, benchmarks: OutcomeBenchmarks) -> OutputTable {
        var table = OutputTable(.outcomes)
        let outcomeCount = data.outcomeNames.count
        let dimensions = SubgroupDimension.allCases
        let groupCount = data.groupNames.map(\.count).max() ?? 0
        var totals = [ReachOutcomes.Counts](repeating: .init(), count: data.years.count * outcomeCount)
        var cohorts = [ReachOutcomes.Counts](repeating: .init(), count: data.cohorts.count * outcomeCount)
        var cohortHasParticipants = [Bool](repeating: false, count: data.cohorts.count)
        // Per programme-year, dimension and group: whether it holds a participant, and counts
        // by outcome (flat arrays: slot = (year × dimensions + dimension) × groups + group).
        var groupHasParticipants = [Bool](repeating: false, count: data.years.count * dimensions.count * groupCount)
        var groups = [ReachOutcomes.Counts](repeating: .init(), count: groupHasParticipants.count * outcomeCount)

        for attendance in data.attendances where attendance.stage.tookPart {
            let person = data.people[attendance.person]
            let recorded = data.outcomes(of: attendance.person)
            for entry in recorded { totals[attendance.year * outcomeCount + entry.outcome].add(entry.value) }
            for dimension in dimensions.indices {
                let slot = (attendance.year * dimensions.count + dimension) * groupCount + Int(person.groups[dimension])
                groupHasParticipants[slot] = true
                for entry in recorded { groups[slot * outcomeCount + entry.outcome].add(entry.value) }
            }
        }
        for enrolment in data.enrolments where enrolment.stage.tookPart {
            cohortHasParticipants[enrolment.cohort] = true
            for entry in data.outcomes(of: enrolment.person) {
                cohorts[enrolment.cohort * outcomeCount + entry.outcome].add(entry.value)
            }
        }

        var cohortIndex = 0
        for (year, key) in data.years.enumerated() {
            let keyCells: [Cell] = [.text(key.programme), .integer(key.year)]
            let outcomes = (0..<outcomeCount).filter { totals[year * outcomeCount + $0].known > 0 }
            let benchmark = outcomes.map { benchmarks.rate(for: data.outcomeNames[$0], in: key.year) }

            for (position, outcome) in outcomes.enumerated() {
                let figures = ReachOutcomes.outcomeFigures(totals[year * outcomeCount + outcome], benchmark: benchmark[position])
                table.append(keyCells + [.text(Level.programmeYear.rawValue), .empty, .text(data.outcomeNames[outcome]), .empty, .empty]
                    + figures.cells + [.empty, .empty])
            }
            while cohortIndex < data.cohorts.count, data.cohorts[cohortIndex].year == year {
                if cohortHasParticipants[cohortIndex] {
                    for (position, outcome) in outcomes.enumerated() {
                        let figures = ReachOutcomes.outcomeFigures(cohorts[cohortIndex * outcomeCount + outcome], benchmark: benchmark[position])
                        table.append(keyCells + [.text(Level.cohort.rawValue), .text(data.cohorts[cohortIndex].cohortID),
                                                 .text(data.outcomeNames[outcome]), .empty, .empty]
                            + figures.cells + [.empty, .empty])
                    }
                }
                cohortIndex += 1
            }
            for (position, outcome) in outcomes.enumerated() {
                // One family per programme-year and outcome: every subgroup row of every dimension.
                var family: [(cells: [Cell], pValue: Double?)] = []
                for (dimensionIndex, dimension) in dimensions.enumerated() {
                    let first = (year * dimensions.count + dimensionIndex) * groupCount
                    let names = data.groupNames[dimensionIndex]
                    let present = names.indices.filter { groupHasParticipants[first + $0] }
                    let slotByName = Dictionary(uniqueKeysWithValues: present.map { (names[$0], first + $0) })
                    for group in ReachOutcomes.sortedGroupValues(present.map { names[$0] }, of: dimension) {
                        let counts = slotByName[group].map { groups[$0 * outcomeCount + outcome] } ?? .init()
                        let figures = ReachOutcomes.outcomeFigures(counts, benchmark: benchmark[position])
                        family.append((keyCells + [.text(Level.subgroup.rawValue), .empty, .text(data.outcomeNames[outcome]),
                                                   .text(dimension.rawValue), .text(group)] + figures.cells,
                                       figures.pValue))
                    }
                }
                let holm = holmAdjusted(family.map(\.pValue))
                let benjaminiHochberg = benjaminiHochbergAdjusted(family.map(\.pValue))
                for (index, member) in family.enumerated() {
                    table.append(member.cells + [.number(holm[index]), .number(benjaminiHochberg[index])])
                }
            }
        }
        return table
    }
}
