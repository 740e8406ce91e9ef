import Foundation
import ImpactAnalysis
import ImpactStatistics

/// report.md: the headline figures of the output tables as Markdown, with the definitions
/// and the provenance of the data. The CSV tables beside it hold every figure in full.
struct MarkdownSummary {
    let tables: [OutputTable]
    let scope: AnalysisScope
    let provenance: Provenance

    func render() -> String {
        var out = "# Impact report\n\n"
        out += "Scope: \(scopeText). Generated \(provenance.generatedAt) by impact \(provenance.engineVersion).\n"
        out += "Every figure below is in the CSV tables beside this file, in full precision and for every cohort and subgroup.\n"
        if let reach = table("reach.csv") { out += reachSection(reach) }
        if let funnel = table("funnel.csv") { out += funnelSection(funnel) }
        if let prepost = table("prepost.csv") { out += prepostSection(prepost) }
        if let outcomes = table("outcomes.csv") { out += outcomesSection(outcomes) }
        if let comparison = table("comparison.csv") { out += comparisonSection(comparison) }
        if let alpha = table("alpha.csv") { out += alphaSection(alpha) }
        out += methodsSection()
        return out
    }

    private var scopeText: String {
        switch (scope.programme, scope.year) {
        case (nil, nil): return "all programmes and years"
        case let (programme?, nil): return "programme \(programme), all years"
        case let (nil, year?): return "all programmes, \(year)"
        case let (programme?, year?): return "programme \(programme), \(year)"
        }
    }

    private func table(_ name: String) -> OutputTable? { tables.first { $0.name == name } }

    // MARK: Sections

    private func reachSection(_ reach: OutputTable) -> String {
        let rows = Rows(reach).filter { $0["level"] == "programme_year" }
        var pivot: [String: [String: String]] = [:]
        var order: [String] = []
        var participants: [String: String] = [:]
        for row in rows {
            let key = "\(row["programme_id"]) | \(row["year"])"
            if pivot[key] == nil { order.append(key); pivot[key] = [:] }
            pivot[key]?[row["indicator"]] = percent(row["pct_yes"])
            participants[key] = row["participants"]
        }
        let indicators = ["low_ses", "fsm", "first_generation", "polar4_q12", "imd_q12", "working_class", "care_experienced", "multiple_disadvantage"]
        var out = "\n## Reach of the target groups\n\nShare of participants with each indicator, among those whose value is known.\n\n"
        out += markdownTable(["programme", "year", "participants"] + indicators,
                             order.map { key in
                                 let parts = key.components(separatedBy: " | ")
                                 return parts + [participants[key] ?? ""] + indicators.map { pivot[key]?[$0] ?? "" }
                             })
        return out
    }

    private func funnelSection(_ funnel: OutputTable) -> String {
        let rows = Rows(funnel).filter { $0["level"] == "programme_year" }
        var out = "\n## Funnel and completion\n\n"
        out += markdownTable(["programme", "year", "applied", "offered", "started", "completed", "completion rate"],
                             rows.map { [$0["programme_id"], $0["year"], $0["applied"], $0["offered"], $0["started"], $0["completed"], percent($0["completion_rate"])] })
        return out
    }

    private func prepostSection(_ prepost: OutputTable) -> String {
        let rows = Rows(prepost).filter { $0["level"] == "programme_year" }
        var out = "\n## Change from pre to post survey\n\n"
        out += "Paired scores of the same people (1–5 scales); d_z is the mean change over the SD of the changes. Without a comparison group a change is associated with the programme, not shown to be caused by it.\n\n"
        out += markdownTable(["programme", "year", "construct", "pairs", "mean pre", "mean post", "change (95% CI)", "d_z", "p", "reading"],
                             rows.map { row in
                                 [row["programme_id"], row["year"], row["construct"], row["n_pairs"], fixed(row["mean_pre"], 2), fixed(row["mean_post"], 2),
                                  "\(fixed(row["mean_change"], 2)) (\(fixed(row["ci_low"], 2)) to \(fixed(row["ci_high"], 2)))", fixed(row["cohens_dz"], 2), pValue(row["p_value"]),
                                  Self.reading(pairs: Int(row["n_pairs"]) ?? 0, change: Double(row["mean_change"]), low: Double(row["ci_low"]),
                                               high: Double(row["ci_high"]), sd: Double(row["sd_change"]), effect: Double(row["cohens_dz"]))]
                             })
        out += "\n“No clear evidence of change” means the 95% interval includes zero: the data cannot tell a change from none, which is not the same as showing there was none. Effect sizes are labelled by Cohen's thresholds for d_z (0.2 small, 0.5 medium, 0.8 large); fewer than \(Self.smallSample) pairs is flagged as a small sample.\n"
        return out
    }

    private func outcomesSection(_ outcomes: OutputTable) -> String {
        let rows = Rows(outcomes).filter { $0["level"] == "programme_year" }
        var out = "\n## Outcomes against the national benchmark\n\n"
        out += markdownTable(["programme", "year", "outcome", "known", "rate (95% CI)", "benchmark", "difference (pp)", "p"],
                             rows.map { row in
                                 [row["programme_id"], row["year"], row["outcome"], row["n_known"],
                                  "\(percent(row["rate"])) (\(percent(row["ci_low"])) to \(percent(row["ci_high"])))",
                                  percent(row["benchmark_rate"]), fixed(row["diff_pp"], 1), pValue(row["p_value"])]
                             })
        return out
    }

    private func comparisonSection(_ comparison: OutputTable) -> String {
        var out = "\n## Outcomes against applicants who did not take part\n\n"
        out += "Applicants matched exactly on FSM, first generation, low SES and IMD quintile 1–2; the comparison rate is reweighted to the participants' mix. Matching on what is recorded cannot rule out other differences between those who took part and those who did not.\n\n"
        out += markdownTable(["programme", "year", "outcome", "participants matched", "comparison matched", "participants", "comparison (standardised)", "difference, pp (95% CI)"],
                             Rows(comparison).map { row in
                                 [row["programme_id"], row["year"], row["outcome"], row["participants_matched"], row["comparison_matched"],
                                  percent(row["rate_participants"]), percent(row["rate_comparison_standardised"]),
                                  row["diff_pp"].isEmpty ? "" : "\(fixed(row["diff_pp"], 1)) (\(fixed(row["ci_low_pp"], 1)) to \(fixed(row["ci_high_pp"], 1)))"]
                             })
        return out
    }

    private func alphaSection(_ alpha: OutputTable) -> String {
        var out = "\n## Scale reliability\n\nCronbach's alpha over people who answered every item (≥ 0.7 acceptable, ≥ 0.8 good).\n\n"
        out += markdownTable(["instrument", "construct", "wave", "people", "items", "alpha"],
                             Rows(alpha).map { [$0["instrument_id"], $0["construct"], $0["wave"], $0["n"], $0["k_items"], fixed($0["alpha"], 2)] })
        return out
    }

    private func methodsSection() -> String {
        var out = "\n## Methods and data\n\n"
        out += "- A participant of a programme-year has an enrolment in one of its cohorts with status started, withdrawn or completed. People who declined research use (consent_research = no) are left out of every figure.\n"
        out += "- Construct scores are the mean of the answered items after reverse coding, when at least half the items are answered; pairs need a pre and a post score in the same cohort.\n"
        out += "- Rates carry Wilson 95% intervals; benchmarks are national rates for the same year, else the latest earlier year. Definitions in full: docs/metrics.md.\n"
        out += "\n### Data imported\n\n"
        out += markdownTable(["file", "kind", "rows", "rejected", "imported", "sha256"],
                             provenance.imports.map { [($0.path as NSString).lastPathComponent, $0.kind, String($0.rows), String($0.rejected), $0.finishedAt, String($0.sha256.prefix(16)) + "…"] })
        return out
    }

    /// Below this many pairs a change is flagged as resting on a small sample.
    static let smallSample = 20

    /// How an evaluator would read one pre/post row, in words.
    static func reading(pairs: Int, change: Double?, low: Double?, high: Double?, sd: Double?, effect: Double?) -> String {
        guard pairs >= 2, let change, let low, let high else { return pairs == 0 ? "no pairs" : "too few pairs to judge" }
        let caveat = pairs < smallSample ? "; small sample" : ""
        // An SD that is only binary rounding (t near 1e15) is a constant change, said in words.
        if let sd, sd <= 1e-12 * max(1, abs(change)) { return "every pair changed by the same amount\(caveat)" }
        if low <= 0, high >= 0 { return "no clear evidence of change\(caveat)" }
        let direction = change > 0 ? "increase" : "decrease"
        let size = EffectSizeMagnitude(effectSize: effect).map { "\($0.rawValue) " } ?? ""
        return "\(size)\(direction)\(caveat)"
    }

    // MARK: Formatting

    private func markdownTable(_ header: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "_No data in scope._\n" }
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ") + " |\n"
        }
        return line(header) + "|" + String(repeating: "---|", count: header.count) + "\n" + rows.map(line).joined()
    }

    private func percent(_ text: String) -> String {
        guard let value = Double(text) else { return "" }
        return String(format: "%.1f%%", value * 100)
    }

    private func fixed(_ text: String, _ digits: Int) -> String {
        guard let value = Double(text) else { return "" }
        return String(format: "%.\(digits)f", value)
    }

    private func pValue(_ text: String) -> String {
        guard let value = Double(text) else { return "" }
        return value < 0.001 ? "<0.001" : String(format: "%.3f", value)
    }
}

/// The rows of an output table, read by column name.
struct Rows: Sequence {
    let table: OutputTable

    init(_ table: OutputTable) { self.table = table }

    struct Row {
        let columns: [String: Int]
        let cells: [Cell]
        subscript(name: String) -> String {
            guard let index = columns[name] else { return "" }
            return cells[index].text
        }
    }

    func makeIterator() -> AnyIterator<Row> {
        let columns = Dictionary(uniqueKeysWithValues: table.columns.enumerated().map { ($1, $0) })
        var iterator = table.rows.makeIterator()
        return AnyIterator { iterator.next().map { Row(columns: columns, cells: $0) } }
    }
}
