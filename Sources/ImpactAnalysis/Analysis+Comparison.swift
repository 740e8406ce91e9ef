import ImpactStatistics

extension Analysis {
    /// comparison.csv (an extension of the contract): per programme-year and outcome, the
    /// participants' rate against applicants to the same programme-year who did not take part,
    /// matched exactly on fsm, first_generation, low_ses and imd_q12 (unknown is a value of its
    /// own), the comparison rates standardised to the participants' cell distribution, with a
    /// Wald 95% interval from the stratified variance. See docs/metrics.md for method and limits.
    public func comparison() throws -> OutputTable {
        Self.comparisonTable(try ReachOutcomeData.read(backend, scope: scope, outcomes: true))
    }

    /// comparison.csv from data already read: a row per programme-year and outcome recorded for
    /// at least one of its participants (the outcomes of outcomes.csv), in code-point order.
    static func comparisonTable(_ data: ReachOutcomeData) -> OutputTable {
        var table = OutputTable(.comparison)
        // Programme-year × outcome × cell → both sides' counts (flat). The comparison side:
        // everyone whose furthest stage in the programme-year is applied, offered or declined.
        let outcomeCount = data.outcomeNames.count
        var sides = [ComparisonSides](repeating: .init(), count: data.years.count * outcomeCount * ComparisonCell.count)
        for attendance in data.attendances {
            let recorded = data.outcomes(of: attendance.person)
            guard !recorded.isEmpty else { continue }
            let cell = ComparisonCell(data.people[attendance.person]).code
            for entry in recorded {
                let slot = (attendance.year * outcomeCount + entry.outcome) * ComparisonCell.count + cell
                if attendance.stage.tookPart {
                    sides[slot].participants.add(entry.value)
                } else {
                    sides[slot].comparison.add(entry.value)
                }
            }
        }

        for (year, key) in data.years.enumerated() {
            for outcome in 0..<outcomeCount {
                var participants = ReachOutcomes.Counts()
                var comparison = ReachOutcomes.Counts()
                var matchedComparison = 0
                var cellsSeen = 0
                var strata: [StratifiedRateDifference.Stratum] = []
                let first = (year * outcomeCount + outcome) * ComparisonCell.count
                for pair in sides[first..<first + ComparisonCell.count] {
                    participants += pair.participants
                    comparison += pair.comparison
                    if pair.participants.known > 0 || pair.comparison.known > 0 { cellsSeen += 1 }
                    if pair.participants.known > 0, pair.comparison.known > 0 {
                        strata.append(.init(participants: pair.participants, comparison: pair.comparison))
                        matchedComparison += pair.comparison.known
                    }
                }
                // Outcomes no participant has recorded are not reported (as in outcomes.csv).
                guard participants.known > 0 else { continue }
                let matchedParticipants = strata.reduce(0) { $0 + $1.participants.known }
                let difference = StratifiedRateDifference(strata: strata)
                table.append([
                    .text(key.programme), .integer(key.year), .text(data.outcomeNames[outcome]),
                    .integer(participants.known), .integer(comparison.known),
                    .integer(matchedParticipants), .integer(matchedComparison),
                    .integer(participants.known - matchedParticipants), .integer(comparison.known - matchedComparison),
                    .integer(strata.count), .integer(cellsSeen - strata.count),
                    .number(difference?.participantRate), .number(comparison.rate),
                    .number(difference?.standardisedComparisonRate),
                    .number(difference.map { $0.difference * 100 }),
                    .number(difference.map { $0.confidenceInterval.low * 100 }),
                    .number(difference.map { $0.confidenceInterval.high * 100 }),
                ])
            }
        }
        return table
    }
}

/// An exact-match cell of comparison.csv: fsm, first_generation, low_ses and imd_q12, each
/// 1, 0 or -1 for unknown (a value of its own).
struct ComparisonCell {
    let fsm: Int8
    let firstGeneration: Int8
    let lowSES: Int8
    let imdQ12: Int8

    /// The number of cells: three values on each of four characteristics.
    static let count = 81

    /// The cell of a person.
    init(_ person: ReachOutcomeData.Person) {
        fsm = person.indicator(.fsm)
        firstGeneration = person.indicator(.firstGeneration)
        lowSES = person.indicator(.lowSES)
        imdQ12 = person.indicator(.imdQ12)
    }

    /// The cell's number in 0..<81, base 3 with unknown, no, yes as digits 0, 1, 2 (fsm the most
    /// significant): the order in which cells are summed.
    var code: Int {
        ((Int(fsm) + 1) * 3 + Int(firstGeneration) + 1) * 9 + (Int(lowSES) + 1) * 3 + Int(imdQ12) + 1
    }
}

/// The two sides of one comparison cell.
struct ComparisonSides {
    var participants = ReachOutcomes.Counts()
    var comparison = ReachOutcomes.Counts()
}
