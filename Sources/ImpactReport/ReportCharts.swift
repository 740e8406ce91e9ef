import Foundation
import ImpactAnalysis

/// The report's charts, drawn from the tables as published (so a public chart shows only what
/// the public tables show): pre/post change per construct with its CI, outcome rates with
/// Wilson whiskers against the benchmark, and the composition of reach (low SES yes, no,
/// unknown), each for the focus year.
enum ReportCharts {
    static func make(tables: [OutputTable], focusYear: Int?, format: ReportFormat, recording: ReachRecording) -> [ReportModel.Chart] {
        guard let year = focusYear else { return [] }
        func rows(_ kind: TableKind) -> [TableRows.Row] { tables.first { $0.kind == kind }.map { Array(TableRows($0)) } ?? [] }
        let suffix = format.isPublic ? " Figures not shown under the publication rules are marked “..”." : ""
        var charts: [ReportModel.Chart] = []

        let prepost = rows(.prepost).filter { $0["level"] == "programme_year" && $0.integer("year") == year }
        let prepostRows = prepost.map { row -> IntervalChart.Row in
            let shown = !row.isSuppressed("mean_change")
            let text = shown ? "\(format.fixed(row[cell: "mean_change"], 2)) (\(format.interval(row[cell: "ci_low"], row[cell: "ci_high"], digits: 2))), \(row["n_pairs"]) pairs"
                : ".. \(Narrative.notShown)"
            return IntervalChart.Row(label: "\(row["programme_id"]) \(Narrative.label(row["construct"]))",
                                     value: shown ? row.number("mean_change") : nil, low: shown ? row.number("ci_low") : nil,
                                     high: shown ? row.number("ci_high") : nil, reference: nil, text: text)
        }
        let prepostChart = IntervalChart(
            identifier: "prepost-\(year)", title: "Change from pre to post survey, \(year)",
            description: "Mean change in each construct score (post minus pre, same people) with its 95% confidence interval, per programme, \(year). "
                + "The vertical line is no change; an interval crossing it is no clear evidence of change.\(suffix)",
            axisLabel: "mean change on the 1–5 scale (post − pre)", rows: prepostRows, zeroLine: 0, referenceLabel: nil, percentAxis: false)
        charts.append(.init(path: "charts/prepost-\(year).svg", title: prepostChart.title, description: prepostChart.description,
                            svg: prepostChart.svg(), section: "prepost"))

        let outcomes = ReportModel.latestYears(rows(.outcomes), upTo: year)
        let outcomeRows = outcomes.map { row -> IntervalChart.Row in
            let shown = !row.isSuppressed("rate")
            let text = shown ? "\(format.percent(row[cell: "rate"])) (\(format.interval(row[cell: "ci_low"], row[cell: "ci_high"]))) of \(row["n_known"])"
                : ".. \(Narrative.notShown)"
            return IntervalChart.Row(label: "\(row["programme_id"]) \(row["year"]) \(Narrative.label(row["outcome"]))",
                                     value: shown ? row.number("rate") : nil, low: shown ? row.number("ci_low") : nil,
                                     high: shown ? row.number("ci_high") : nil, reference: row.number("benchmark_rate"), text: text)
        }
        let outcomeChart = IntervalChart(
            identifier: "outcomes-\(year)", title: "Outcomes against the national benchmark",
            description: "Share of participants with each outcome, among those with the outcome recorded, with its Wilson 95% interval, and the national benchmark for FSM pupils (open diamond), for each programme's latest year with outcomes (up to \(year)).\(suffix)",
            axisLabel: "share of participants with a record", rows: outcomeRows, zeroLine: nil, referenceLabel: "national benchmark (FSM pupils)", percentAxis: true)
        charts.append(.init(path: "charts/outcomes-\(year).svg", title: outcomeChart.title, description: outcomeChart.description,
                            svg: outcomeChart.svg(), section: "outcomes"))

        let reach = rows(.reach).filter { $0["level"] == "programme_year" && $0.integer("year") == year && $0["indicator"] == "low_ses" }
        let bars = reach.map { row -> CompositionChart.Bar in
            let unknown = row.number("pct_unknown")
            let yes = row.number("pct_yes")
            let known = unknown.map { 1 - $0 }
            let yesShare = yes.flatMap { share in known.map { share * $0 } }
            let noShare = yes.flatMap { share in known.map { (1 - share) * $0 } }
            let text = recording.isNotRecorded(row) ? "\(row["participants"]) participants; low SES \(ReachRecording.notRecorded)"
                : "\(row["participants"]) participants; low SES \(format.percent(row[cell: "pct_yes"])) of known"
            return CompositionChart.Bar(label: row["programme_id"], shares: [yesShare, noShare, unknown], text: text)
        }
        let reachChart = CompositionChart(
            identifier: "reach-\(year)", title: "Socio-economic background of participants, \(year)",
            description: "Share of each programme's participants in \(year) from a low socio-economic background (solid), not (hatched) and unknown (dotted). "
                + "Low SES is any of FSM, first generation, POLAR4 or IMD quintile 1–2, working-class parental occupation or care experience.\(suffix)",
            axisLabel: "share of participants", parts: ["low SES", "not low SES", "unknown"], bars: bars)
        charts.append(.init(path: "charts/reach-\(year).svg", title: reachChart.title, description: reachChart.description,
                            svg: reachChart.svg(), section: "reach"))
        return charts
    }
}
