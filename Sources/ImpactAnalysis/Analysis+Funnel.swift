extension Analysis {
    /// funnel.csv: applied, offered, started and completed enrolments per programme-year (all the
    /// enrolments of its cohorts, as the contract says: a person enrolled in two of its cohorts
    /// counts twice) and per cohort, with completion_rate = completed / started. People with
    /// consent_research = no are left out.
    public func funnel() throws -> OutputTable {
        Self.funnelTable(try ReachOutcomeData.read(backend, scope: scope, outcomes: false))
    }

    /// funnel.csv from data already read: every programme-year and cohort with an enrolment, the
    /// programme-year row first and then its cohorts.
    static func funnelTable(_ data: ReachOutcomeData) -> OutputTable {
        var table = OutputTable(.funnel)
        // Counts by stage reached: index 0 applied (all), 1 offered, 2 started, 3 completed.
        var years = [[Int]](repeating: [0, 0, 0, 0], count: data.years.count)
        var cohorts = [[Int]](repeating: [0, 0, 0, 0], count: data.cohorts.count)
        for enrolment in data.enrolments {
            for stage in 0...enrolment.stage.rawValue {
                cohorts[enrolment.cohort][stage] += 1
                years[data.cohorts[enrolment.cohort].year][stage] += 1
            }
        }

        func append(_ counts: [Int], year: Int, cohort: String?) {
            let key = data.years[year]
            table.append([
                .text(key.programme), .integer(key.year),
                .text(cohort == nil ? Level.programmeYear.rawValue : Level.cohort.rawValue),
                cohort.map(Cell.text) ?? .empty,
                .integer(counts[0]), .integer(counts[1]), .integer(counts[2]), .integer(counts[3]),
                .number(counts[2] > 0 ? Double(counts[3]) / Double(counts[2]) : nil),
            ])
        }
        var cohortIndex = 0
        for year in data.years.indices {
            if years[year][0] > 0 { append(years[year], year: year, cohort: nil) }
            while cohortIndex < data.cohorts.count, data.cohorts[cohortIndex].year == year {
                if cohorts[cohortIndex][0] > 0 {
                    append(cohorts[cohortIndex], year: year, cohort: data.cohorts[cohortIndex].cohortID)
                }
                cohortIndex += 1
            }
        }
        return table
    }
}
