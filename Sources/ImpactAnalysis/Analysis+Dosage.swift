import ImpactStatistics

extension Analysis {
    /// dosage_outcomes.csv (an extension of the contract): per programme-year and outcome, the
    /// outcome rate with its Wilson 95% interval in each contact-hours band. A participant's
    /// hours are the sum over their participant enrolments in the programme-year, unknown if
    /// any of them is unknown; each participant counts once per programme-year.
    public func dosageOutcomes(bands: DosageBands = .standard) throws -> OutputTable {
        Self.dosageOutcomesTable(try ReachOutcomeData.read(backend, scope: scope, outcomes: true), bands: bands)
    }

    /// dosage_outcomes.csv from data already read: per programme-year, its outcomes (those of
    /// outcomes.csv) × the bands holding at least one participant (ascending, `unknown` last).
    static func dosageOutcomesTable(_ data: ReachOutcomeData, bands: DosageBands) -> OutputTable {
        var table = OutputTable(.dosageOutcomes)
        // Band slots: 0..<bands.count for known hours, bands.count for unknown.
        let slots = bands.count + 1
        var people = [[Int]](repeating: [Int](repeating: 0, count: slots), count: data.years.count)
        var counts = [[[ReachOutcomes.Counts]]](
            repeating: [[ReachOutcomes.Counts]](
                repeating: [ReachOutcomes.Counts](repeating: .init(), count: slots), count: data.outcomeNames.count),
            count: data.years.count)
        for attendance in data.attendances where attendance.stage.tookPart {
            let slot = bands.band(of: attendance.hours) ?? bands.count
            people[attendance.year][slot] += 1
            for recorded in data.outcomes(of: attendance.person) {
                counts[attendance.year][recorded.outcome][slot].add(recorded.value)
            }
        }

        for (year, key) in data.years.enumerated() {
            let present = (0..<slots).filter { people[year][$0] > 0 }
            for outcome in data.outcomeNames.indices where counts[year][outcome].contains(where: { $0.known > 0 }) {
                for slot in present {
                    let band = slot < bands.count ? slot : nil
                    let count = counts[year][outcome][slot]
                    let interval = wilsonInterval(successes: count.yes, trials: count.known)
                    table.append([
                        .text(key.programme), .integer(key.year), .text(data.outcomeNames[outcome]),
                        .text(bands.label(of: band)),
                        .number(bands.lowerLimit(of: band)), .number(bands.upperLimit(of: band)),
                        .integer(people[year][slot]), .integer(count.known), .integer(count.yes),
                        .number(count.rate), .number(interval?.low), .number(interval?.high),
                    ])
                }
            }
        }
        return table
    }
}
