import Foundation

/// The programme review (`--programme ID`): the programme's cohorts side by side across years,
/// its trends from the first year to the last, and the groups whose outcomes lag.
struct ProgrammeReview {
    let model: ReportModel

    /// A subgroup lags when its rate is this many points below the programme-year's, or more.
    static let lagPoints = 5.0

    func context() -> [String: Any] {
        ["cohortsTable": cohortsTable(), "yearsTable": yearsTable(), "trends": trends(), "lagging": lagging()]
    }

    /// Every cohort of the programme, year by year: participants, completion, low SES reach.
    func cohortsTable() -> [String: Any] {
        let format = model.format
        let funnel = model.rows(.funnel).filter { $0["level"] == "cohort" }
        let reach = model.rows(.reach).filter { $0["level"] == "cohort" && $0["indicator"] == "low_ses" }
        return ReportModel.table(["year", "cohort", "applied", "started", "completed", "completion rate", "participants", "low SES"],
                                 funnel.map { row in
                                     let share = reach.first { $0["cohort_id"] == row["cohort_id"] }
                                     return [row["year"], row["cohort_id"], row["applied"], row["started"], row["completed"],
                                             format.percent(row[cell: "completion_rate"]), share?["participants"] ?? "", share.map(model.reachShare) ?? ""]
                                 })
    }

    /// The programme-years side by side: participants, completion, each outcome's rate and
    /// each construct's mean change.
    func yearsTable() -> [String: Any] {
        let format = model.format
        let reach = model.rows(.reach).filter { $0["level"] == "programme_year" && $0["indicator"] == "low_ses" }
        let funnel = model.rows(.funnel).filter { $0["level"] == "programme_year" }
        let outcomes = model.rows(.outcomes).filter { $0["level"] == "programme_year" }
        let prepost = model.rows(.prepost).filter { $0["level"] == "programme_year" }
        let outcomeNames = ordered(outcomes.map { $0["outcome"] })
        let constructs = ordered(prepost.map { $0["construct"] })
        let header = ["year", "participants", "low SES", "completion"] + outcomeNames + constructs.map { "\($0) change" }
        let rows = reach.map { year -> [String] in
            let key = year["year"]
            let completion = funnel.first { $0["year"] == key }?[cell: "completion_rate"] ?? .empty
            return [key, year["participants"], model.reachShare(year), format.percent(completion)]
                + outcomeNames.map { name in format.percent(outcomes.first { $0["year"] == key && $0["outcome"] == name }?[cell: "rate"] ?? .empty) }
                + constructs.map { name in format.fixed(prepost.first { $0["year"] == key && $0["construct"] == name }?[cell: "mean_change"] ?? .empty, 2) }
        }
        return ReportModel.table(header, rows)
    }

    /// Trends from the first year to the last: participants, low SES share, each outcome.
    func trends() -> [String] {
        let format = model.format
        let reach = model.rows(.reach).filter { $0["level"] == "programme_year" && $0["indicator"] == "low_ses" }
        guard let first = reach.first, let last = reach.last, reach.count >= 2 else {
            return ["Fewer than two years of data: no trend to describe."]
        }
        var sentences = ["Participants: \(first["participants"]) in \(first["year"]), \(last["participants"]) in \(last["year"])."]
        let from = model.reachShare(first), to = model.reachShare(last)
        if !model.isReachShareSuppressed(first), !model.isReachShareSuppressed(last) {
            sentences.append("Low socio-economic background: \(from) in \(first["year"]), \(to) in \(last["year"]).")
        }
        let outcomes = model.rows(.outcomes).filter { $0["level"] == "programme_year" }
        for name in ordered(outcomes.map { $0["outcome"] }) {
            let series = outcomes.filter { $0["outcome"] == name && $0.number("rate") != nil }
            guard let start = series.first, let end = series.last, series.count >= 2,
                  let from = start.number("rate"), let to = end.number("rate") else { continue }
            var sentence = "\(Narrative.label(name)): \(format.percent(start[cell: "rate"])) in \(start["year"]), \(format.percent(end[cell: "rate"])) in \(end["year"])"
            if let lowStart = start.number("ci_low"), let highStart = start.number("ci_high"),
               let lowEnd = end.number("ci_low"), let highEnd = end.number("ci_high") {
                let overlap = lowEnd <= highStart && lowStart <= highEnd
                sentence += overlap ? "; the intervals overlap, so this is no clear evidence of a trend" : (to > from ? "; a clear rise" : "; a clear fall")
            }
            sentences.append(sentence + ".")
        }
        return sentences
    }

    /// Groups whose outcome rate is at least `lagPoints` below the programme-year's, by year,
    /// with the Holm-adjusted test against the benchmark for context.
    func lagging() -> [String] {
        let format = model.format
        let outcomes = model.rows(.outcomes)
        var sentences: [String] = []
        for total in outcomes where total["level"] == "programme_year" {
            guard let overall = total.number("rate") else { continue }
            for group in outcomes where group["level"] == "subgroup" && group["year"] == total["year"] && group["outcome"] == total["outcome"]
                && group["group_value"] != "unknown" {
                // (A tolerance so that a gap of exactly 5 points is not lost to binary rounding.)
                guard let rate = group.number("rate"), (overall - rate) * 100 >= Self.lagPoints - 1e-9 else { continue }
                var sentence = "\(total["year"]), \(Narrative.label(total["outcome"])): \(group["group_dim"]) = \(group["group_value"]) at \(format.percent(group[cell: "rate"])) "
                    + "against \(format.percent(total[cell: "rate"])) for all participants (\(group["n_known"]) with a record)"
                if let low = group.number("ci_low"), let high = group.number("ci_high"), low <= overall, overall <= high {
                    sentence += "; the group's interval includes the overall rate, so the gap may be chance"
                }
                sentences.append(sentence + ".")
            }
        }
        return sentences.isEmpty ? ["No group's published outcome rate is \(Int(Self.lagPoints)) or more points below its programme-year's."] : sentences
    }

    private func ordered(_ values: [String]) -> [String] {
        var seen: [String] = []
        for value in values where !seen.contains(value) { seen.append(value) }
        return seen
    }
}
