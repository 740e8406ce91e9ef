import Foundation

extension ReportModel {
    /// The headline sentences of the focus year, per programme: participants and low SES reach
    /// with the change on last year when the data has it, completion, then the first outcome
    /// and construct in the tables.
    func headlines() -> [String] {
        guard let year = focusYear else { return ["No participants in scope."] }
        let reach = rows(.reach).filter { $0["level"] == "programme_year" && $0["indicator"] == "low_ses" }
        let funnel = rows(.funnel).filter { $0["level"] == "programme_year" }
        var sentences: [String] = []
        for programme in focusProgrammes {
            guard let now = reach.first(where: { $0["programme_id"] == programme && $0.integer("year") == year }) else { continue }
            let before = history(.reach).first {
                $0["level"] == "programme_year" && $0["indicator"] == "low_ses" && $0["programme_id"] == programme && $0.integer("year") == year - 1
            }
            var sentence = "\(programme) \(year): \(now["participants"]) participants"
            if let change = Narrative.changeOnLastYear(now["participants"], before?["participants"], previousYear: year - 1, percent: false, format: format) {
                sentence += " (\(change))"
            } else {
                sentence += " (no figures for \(year - 1) to compare with)"
            }
            let share = reachShare(now)
            if share == ReachRecording.notRecorded {
                let names = ReachRecording.list(ReachRecording.components.map(\.name), conjunction: "or")
                sentence += "; socio-economic background not recorded (none of \(names) is recorded)"
            } else if isReachShareSuppressed(now) {
                sentence += "; the share from a low socio-economic background is not shown (too few known)"
            } else if !share.isEmpty {
                let basis = recording.lowSESBasis(of: reachRows(programme: programme, year: now["year"])).map { " (\($0))" } ?? ""
                sentence += "; \(share) from a low socio-economic background\(basis), of those whose background is known"
                if let change = Narrative.changeOnLastYear(now["pct_yes"], before?["pct_yes"], previousYear: year - 1, percent: true, format: format),
                   before?.isSuppressed("pct_yes") != true {
                    sentence += " (\(change))"
                }
            }
            if let stages = funnel.first(where: { $0["programme_id"] == programme && $0.integer("year") == year }) {
                let completion = format.percent(stages[cell: "completion_rate"])
                if stages.isSuppressed("completion_rate") {
                    sentence += "; the completion rate is not shown (fewer than \(Disclosure.minimumRateDenominator) enrolments started)"
                } else if !completion.isEmpty {
                    // funnel.csv counts enrolments: a person in two cohorts of the year counts twice.
                    sentence += "; \(completion) of the \(stages["started"]) enrolments that started were completed"
                    let previous = history(.funnel).first { $0["level"] == "programme_year" && $0["programme_id"] == programme && $0.integer("year") == year - 1 }
                    if let change = Narrative.changeOnLastYear(stages["completion_rate"], previous?["completion_rate"], previousYear: year - 1, percent: true, format: format),
                       previous?.isSuppressed("completion_rate") != true {
                        sentence += " (\(change))"
                    }
                }
            }
            sentences.append(sentence + ".")
            for row in Self.latestYears(rows(.outcomes), upTo: year) where row["programme_id"] == programme {
                let outcomeYear = row.integer("year") ?? year
                var outcome = Narrative.outcomeSentence(row, participants: participants(of: row), format: format)
                let previous = history(.outcomes).first {
                    $0["level"] == "programme_year" && $0["programme_id"] == programme && $0.integer("year") == outcomeYear - 1 && $0["outcome"] == row["outcome"]
                }
                if !row.isSuppressed("rate"), previous?.isSuppressed("rate") != true,
                   let change = Narrative.changeOnLastYear(row["rate"], previous?["rate"], previousYear: outcomeYear - 1, percent: true, format: format) {
                    outcome = String(outcome.dropLast()) + "; the rate is \(change)."
                }
                let note = outcomeYear == year ? "" : " (the latest year with outcomes recorded)"
                sentences.append("\(programme) \(outcomeYear)\(note), \(outcome)")
            }
        }
        if !rows(.outcomes).isEmpty {
            sentences.append("National benchmarks describe all FSM pupils in England, not people like those who applied: a rate above the benchmark is not by itself an effect of the programme.")
        }
        if rows(.comparison).isEmpty {
            sentences.append("No comparison group is in the data: changes and rates describe participants; they do not show what the programmes caused.")
        } else {
            sentences.append("Changes from pre to post survey are associated with taking part; without a comparison group for the surveys they do not show that the programme caused them. Outcomes are also compared with applicants who did not take part (below), which is closer to, but not, a causal comparison.")
        }
        return sentences
    }
}
