import GRDB
import ImpactStatistics

extension Analysis {
    /// Everything a report shows: the eight tables of `tables(bands:)`, in that order, then
    /// intersections.csv and pairing.csv, each data source read once.
    public func reportTables(bands: DosageBands = .standard) throws -> [OutputTable] {
        let people = try reachOutcomeTables(bands: bands)
        let survey = try SurveyData.read(database, scope: scope)
        return [people.reach, people.funnel, Self.prepostTable(survey), Self.alphaTable(survey), people.outcomes,
                people.comparison, people.dosageOutcomes, Self.dosagePrepostTable(survey, bands: bands),
                try intersections(), Self.pairingTable(survey)]
    }

    /// intersections.csv (an extension of the contract): reach of `low_ses` in each
    /// ethnicity × gender group of a programme-year's participants (each person once per
    /// programme-year, research consent only): participants, n_known, n_yes and pct_yes.
    /// Groups with at least one participant, ethnicity then gender in the contract's order,
    /// `unknown` last.
    public func intersections() throws -> OutputTable {
        var table = OutputTable(name: "intersections.csv", columns: [
            "programme_id", "year", "indicator", "ethnicity", "gender", "participants", "n_known", "n_yes", "pct_yes",
        ])
        struct Group { let ethnicity: String; let gender: String; let participants: Int; let known: Int; let yes: Int }
        let rows = try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.programme_id, p.year, f.ethnicity, f.gender, count(*), count(f.low_ses), coalesce(sum(f.low_ses), 0)
                FROM (SELECT DISTINCT participant_id, programme_id, year FROM cohort_participants
                      WHERE (:programme IS NULL OR programme_id = :programme) AND (:year IS NULL OR year = :year)) AS p
                JOIN participant_flags AS f ON f.participant_id = p.participant_id
                GROUP BY p.programme_id, p.year, f.ethnicity, f.gender
                """, arguments: ["programme": scope.programme, "year": scope.year])
        }
        var byYear: [String: (programme: String, year: Int, groups: [Group])] = [:]
        for row in rows {
            let programme: String = row[0]
            let year: Int = row[1]
            let group = Group(ethnicity: SubgroupDimension.ethnicity.groupValue(category: row[2]),
                              gender: SubgroupDimension.gender.groupValue(category: row[3]),
                              participants: row[4], known: row[5], yes: row[6])
            byYear["\(programme)\u{0}\(year)", default: (programme, year, [])].groups.append(group)
        }
        let years = byYear.values.sorted {
            $0.programme != $1.programme ? codePointPrecedes($0.programme, $1.programme) : $0.year < $1.year
        }
        for entry in years {
            let ethnicities = ReachOutcomes.sortedGroupValues(Array(Set(entry.groups.map(\.ethnicity))), of: .ethnicity)
            let genders = ReachOutcomes.sortedGroupValues(Array(Set(entry.groups.map(\.gender))), of: .gender)
            let groups = entry.groups.sorted {
                let left = (ethnicities.firstIndex(of: $0.ethnicity) ?? 0, genders.firstIndex(of: $0.gender) ?? 0)
                let right = (ethnicities.firstIndex(of: $1.ethnicity) ?? 0, genders.firstIndex(of: $1.gender) ?? 0)
                return left < right
            }
            for group in groups {
                table.append([
                    .text(entry.programme), .integer(entry.year), .text(SubgroupDimension.lowSES.rawValue),
                    .text(group.ethnicity), .text(group.gender),
                    .integer(group.participants), .integer(group.known), .integer(group.yes),
                    .number(group.known > 0 ? Double(group.yes) / Double(group.known) : nil),
                ])
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
        Self.pairingTable(try SurveyData.read(database, scope: scope))
    }

    static func pairingTable(_ data: SurveyData) -> OutputTable {
        var table = OutputTable(name: "pairing.csv", columns: [
            "programme_id", "year", "instrument_id", "construct",
            "participants", "had_pre", "had_post", "pairs", "pre_only", "post_only", "no_score",
        ])
        struct ProgrammeYear: Hashable { let programme: String; let year: Int }
        var participants: [ProgrammeYear: Int] = [:]
        for respondent in data.respondents {
            let cohort = data.cohorts[respondent.cohort]
            participants[ProgrammeYear(programme: cohort.programmeID, year: cohort.year), default: 0] += 1
        }
        for unit in data.units() {
            let construct = data.scores.catalogue.constructs[unit.construct]
            var pre = 0, post = 0, both = 0
            for member in unit.members {
                if member.pre != nil { pre += 1 }
                if member.post != nil { post += 1 }
                if member.pre != nil, member.post != nil { both += 1 }
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
