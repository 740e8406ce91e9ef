import ImpactStatistics

extension Analysis {
    /// Everything a report shows: the eight tables of `tables(bands:)`, in that order, then
    /// intersections.csv, pairing.csv, alpha_items.csv and sustained.csv, each data source read once.
    public func reportTables(bands: DosageBands = .standard) throws -> [OutputTable] {
        let data = try readAll(benchmarkPopulation: Self.defaultBenchmarkPopulation)
        let survey = Self.surveyTables(data.survey, bands: bands)
        return Self.tables(Self.reachOutcomeTables(data.people, benchmarks: data.benchmarks, bands: bands), survey)
            + [Self.intersectionsTable(data.people), survey.pairing, survey.alphaItems, survey.sustained]
    }

    /// intersections.csv (an extension of the contract): reach of `low_ses` in each
    /// ethnicity × gender group of a programme-year's participants (each person once per
    /// programme-year, research consent only): participants, n_known, n_yes and pct_yes.
    /// Groups with at least one participant, ethnicity then gender in the contract's order,
    /// `unknown` last.
    public func intersections() throws -> OutputTable {
        Self.intersectionsTable(try ReachOutcomeData.read(backend, scope: scope, outcomes: false))
    }

    static func intersectionsTable(_ data: ReachOutcomeData) -> OutputTable {
        var table = OutputTable(.intersections)
        let dimensions = SubgroupDimension.allCases
        let ethnicity = dimensions.firstIndex(of: .ethnicity) ?? 0
        let gender = dimensions.firstIndex(of: .gender) ?? 0
        let lowSES = ReachIndicator.lowSES.index
        let ethnicityNames = data.groupNames[ethnicity]
        let genderNames = data.groupNames[gender]
        // Per programme-year, ethnicity code and gender code: participants, known, yes (flat).
        let slots = ethnicityNames.count * genderNames.count
        var counts = [(participants: Int, known: Int, yes: Int)](repeating: (0, 0, 0), count: data.years.count * slots)
        for attendance in data.attendances where attendance.stage.tookPart {
            let person = data.people[attendance.person]
            let slot = attendance.year * slots + Int(person.groups[ethnicity]) * genderNames.count + Int(person.groups[gender])
            counts[slot].participants += 1
            let flag = person.indicators[lowSES]
            if flag >= 0 {
                counts[slot].known += 1
                counts[slot].yes += Int(flag)
            }
        }
        let ethnicityOrder = ReachOutcomes.sortedGroupValues(ethnicityNames, of: .ethnicity).compactMap { ethnicityNames.firstIndex(of: $0) }
        let genderOrder = ReachOutcomes.sortedGroupValues(genderNames, of: .gender).compactMap { genderNames.firstIndex(of: $0) }
        for (year, key) in data.years.enumerated() {
            for ethnicityCode in ethnicityOrder {
                for genderCode in genderOrder {
                    let count = counts[year * slots + ethnicityCode * genderNames.count + genderCode]
                    guard count.participants > 0 else { continue }
                    table.append([
                        .text(key.programme), .integer(key.year), .text(SubgroupDimension.lowSES.rawValue),
                        .text(ethnicityNames[ethnicityCode]), .text(genderNames[genderCode]),
                        .integer(count.participants), .integer(count.known), .integer(count.yes),
                        .number(count.known > 0 ? Double(count.yes) / Double(count.known) : nil),
                    ])
                }
            }
        }
        return table
    }

    /// pairing.csv (an extension of the contract): how pre/post pairs were formed, per
    /// programme-year, instrument and construct with at least one score: the participants
    /// (person-cohorts) of the programme-year, those with a pre score, with a post score, with
    /// both (the pairs), with only one, and with neither (no answers, or fewer than half the
    /// construct's items answered in both waves).
    public func pairing() throws -> OutputTable {
        Self.pairingTable(try SurveyData.read(backend, scope: scope))
    }

    /// pairing.csv from `units` (the pre/post units of `data`, computed when not given).
    static func pairingTable(_ data: SurveyData, units: [SurveyData.Unit]? = nil) -> OutputTable {
        var table = OutputTable(.pairing)
        struct ProgrammeYear: Hashable { let programme: String; let year: Int }
        var participants: [ProgrammeYear: Int] = [:]
        for respondent in data.respondents {
            let cohort = data.cohorts[respondent.cohort]
            participants[ProgrammeYear(programme: cohort.programmeID, year: cohort.year), default: 0] += 1
        }
        for unit in units ?? data.units() {
            let construct = data.scores.catalogue.constructs[unit.construct]
            var pre = 0, post = 0, both = 0
            for member in unit.members {
                if member.first != nil { pre += 1 }
                if member.second != nil { post += 1 }
                if member.first != nil, member.second != nil { both += 1 }
            }
            let everyone = participants[ProgrammeYear(programme: unit.programmeID, year: unit.year)] ?? unit.members.count
            table.append([
                .text(unit.programmeID), .integer(unit.year), .text(construct.instrumentID), .text(construct.name),
                .integer(everyone), .integer(pre), .integer(post), .integer(both),
                .integer(pre - both), .integer(post - both), .integer(everyone - unit.members.count),
            ])
        }
        return table
    }
}
