import Foundation
import ImpactAnalysis

/// What report.md and report.html show, as the values their Mustache templates read: every
/// number already written as text here (in Swift), the layout left to the templates.
/// Built from the tables as published (exact, or public with suppressed cells as `..`).
struct ReportModel {
    let tables: [OutputTable]
    let scope: AnalysisScope
    let provenance: Provenance
    let format: ReportFormat
    let charts: [Chart]
    /// Figures suppressed in public mode (primary, secondary); nil in an internal report.
    let suppression: (primary: Int, secondary: Int)?
    /// The year before a one-year report's (reach, funnel, outcomes), for the change on last
    /// year; empty when the tables already hold every year.
    let previous: [OutputTable]
    /// The year the narrative is about: the latest year with participants in scope.
    let focusYear: Int?
    /// Which reach indicators were not recorded (from the exact tables).
    let recording: ReachRecording

    /// A model of `tables` as published; `recording` is read from the exact tables, and nil reads
    /// it from `tables` (exact, an internal report).
    init(tables: [OutputTable], scope: AnalysisScope, provenance: Provenance, format: ReportFormat, charts: [Chart],
         suppression: (primary: Int, secondary: Int)?, previous: [OutputTable] = [], recording: ReachRecording? = nil) {
        self.tables = tables
        self.scope = scope
        self.provenance = provenance
        self.format = format
        self.charts = charts
        self.suppression = suppression
        self.previous = previous
        self.recording = recording ?? ReachRecording(exactReach: tables.first { $0.kind == .reach }, isPublic: format.isPublic)
        let reach = tables.first { $0.kind == .reach }.map { Array(TableRows($0)) } ?? []
        focusYear = reach.filter { $0["level"] == "programme_year" }.compactMap { $0.integer("year") }.max()
    }

    /// A chart written beside the report.
    struct Chart {
        /// Its path relative to the report folder (`charts/…svg`).
        let path: String
        let title: String
        let description: String
        let svg: String
        /// The section it belongs to (`reach`, `prepost`, `outcomes`).
        let section: String
    }

    /// The table of `kind`, if the report has it.
    func table(_ kind: TableKind) -> OutputTable? { tables.first { $0.kind == kind } }

    /// The rows of the table of `kind` (none when the report lacks it).
    func rows(_ kind: TableKind) -> [TableRows.Row] { table(kind).map { Array(TableRows($0)) } ?? [] }

    /// The rows of `kind` with those of the year before a one-year report.
    func history(_ kind: TableKind) -> [TableRows.Row] {
        rows(kind) + (previous.first { $0.kind == kind }.map { Array(TableRows($0)) } ?? [])
    }

    /// The programmes with participants in the focus year, in table order.
    var focusProgrammes: [String] {
        var seen: [String] = []
        for row in rows(.reach) where row["level"] == "programme_year" && row.integer("year") == focusYear && !seen.contains(row["programme_id"]) {
            seen.append(row["programme_id"])
        }
        return seen
    }

    /// The values the templates render.
    func context() -> [String: Any] {
        let notes = reachNotes()
        var context: [String: Any] = [
            "title": scope.programme.map { "Programme review: \($0)" } ?? "Impact report",
            "scope": scopeText,
            "generatedAt": provenance.generatedAt,
            "engineVersion": provenance.engineVersion,
            "isPublic": format.isPublic,
            "headlines": headlines(),
            "reachTable": reachTable(),
            "reachNotes": notes,
            "hasReachNotes": !notes.isEmpty,
            "intersectionsTable": intersectionsTable(),
            "funnelTable": funnelTable(),
            "prepostTable": prepostTable(),
            "prepostSentences": prepostSentences(),
            "sustainedSentences": sustainedSentences(),
            "subgroupTable": subgroupTable(),
            "outcomesTable": outcomesTable(),
            "outcomeSentences": outcomeSentences(),
            "outcomeGapsTable": outcomeGapsTable(),
            "comparisonTable": comparisonTable(),
            "comparisonSentences": comparisonSentences(),
            "dosageOutcomesTable": dosageOutcomesTable(),
            "dosagePrepostTable": dosagePrepostTable(),
            "alphaTable": alphaTable(),
            "pairingTable": pairingTable(),
            "pairingSentences": pairingSentences(),
            "definitions": definitions(),
            "tooFewItems": tooFewItems,
            "importsTable": importsTable(),
            "csvFiles": tables.map { ["name": $0.name] },
        ]
        if let focusYear { context["focusYear"] = focusYear }
        if let suppression {
            context["publicNote"] = publicNote(primary: suppression.primary, secondary: suppression.secondary)
        }
        for section in ["reach", "prepost", "outcomes"] {
            context["\(section)Charts"] = charts.filter { $0.section == section }.map {
                ["path": $0.path, "title": $0.title, "description": $0.description, "svg": Self.inlineSVG($0.svg)]
            }
        }
        if scope.programme != nil { context["review"] = ProgrammeReview(model: self).context() }
        return context
    }

    /// An SVG document without its XML declaration, to inline in HTML.
    static func inlineSVG(_ document: String) -> String {
        guard let start = document.range(of: "<svg") else { return document }
        return String(document[start.lowerBound...])
    }

    var scopeText: String {
        switch (scope.programme, scope.year) {
        case (nil, nil): return "all programmes and years"
        case let (programme?, nil): return "programme \(programme), all years"
        case let (nil, year?): return "all programmes, \(year)"
        case let (programme?, year?): return "programme \(programme), \(year)"
        }
    }

    func publicNote(primary: Int, secondary: Int) -> String {
        "This is the public version of the report. The data contract's publication rules were applied to every table, "
            + "sentence and chart: counts are rounded to the nearest 5 (0, 1 and 2 show as 0); percentages and rates are not shown "
            + "when based on fewer than 23 people, and means, changes, effect sizes and reliabilities when based on "
            + "\(Disclosure.minimumMeanCount - 1) or fewer; t and df are left out; p-values have two significant figures. "
            + "A figure not shown reads “..”: \(primary) for a small base, and \(secondary) more so that they cannot be "
            + "worked out from totals and the rows beside them. Rows may not add up to totals, which are rounded separately."
    }

    // MARK: Tables

    /// A table for the templates: `header`, `rows` (each with `cells`), `hasRows`.
    static func table(_ header: [String], _ rows: [[String]]) -> [String: Any] {
        ["header": header, "rows": rows.map { ["cells": $0] }, "hasRows": !rows.isEmpty]
    }

    func funnelTable() -> [String: Any] {
        let rows = rows(.funnel).filter { $0["level"] == "programme_year" }
        return Self.table(["programme", "year", "applied", "offered", "started", "completed", "did not complete", "completion rate"],
                          rows.map { row in
                              // Attrition from the counts shown (public counts are rounded, so this is too).
                              let left = row.integer("started").flatMap { started in row.integer("completed").map { String(started - $0) } } ?? ""
                              return [row["programme_id"], row["year"], row["applied"], row["offered"], row["started"], row["completed"], left,
                                      format.percent(row[cell: "completion_rate"])]
                          })
    }

    func prepostTable() -> [String: Any] {
        let rows = rows(.prepost).filter { $0["level"] == "programme_year" }
        return Self.table(["programme", "year", "construct", "pairs", "mean pre", "mean post", "change (95% CI)", "d_z", "g_av", "p", "reading"],
                          rows.map { row in
                              let reading = Narrative.reading(row)
                              // A constant change is said in words; its d_z and p (from rounding alone) are not printed.
                              let constant = reading.hasPrefix(Narrative.constantChange)
                              let reliability = Narrative.reliabilityNote(reliability(of: row))
                              return [row["programme_id"], row["year"], row["construct"], row["n_pairs"], format.fixed(row[cell: "mean_pre"], 2),
                                      format.fixed(row[cell: "mean_post"], 2), change(row), constant ? "" : format.fixed(row[cell: "cohens_dz"], 2),
                                      format.fixed(row[cell: "hedges_gav"], 2), constant ? "" : format.pValue(row[cell: "p_value"]),
                                      reading + (reliability.map { "; \($0)" } ?? "")]
                          })
    }

    /// The alpha cells of a pre/post row's construct in its two waves (alpha.csv; empty when not
    /// computable, missing when nobody answered).
    func reliability(of row: TableRows.Row, waves: [String] = ["pre", "post"]) -> [Cell] {
        waves.map { wave in
            rows(.alpha).first {
                $0["instrument_id"] == row["instrument_id"] && $0["construct"] == row["construct"] && $0["wave"] == wave
            }?[cell: "alpha"] ?? .empty
        }
    }

    func change(_ row: TableRows.Row) -> String {
        let value = format.fixed(row[cell: "mean_change"], 2)
        let interval = format.interval(row[cell: "ci_low"], row[cell: "ci_high"], digits: 2)
        guard !value.isEmpty else { return "" }
        return interval.isEmpty || row.isSuppressed("ci_low") || row.isSuppressed("ci_high") ? value : "\(value) (\(interval))"
    }

    func prepostSentences() -> [String] {
        rows(.prepost).filter { $0["level"] == "programme_year" && $0.integer("year") == focusYear }.map {
            "\($0["programme_id"]) \($0["year"]), " + Narrative.prepostSentence($0, reliability: reliability(of: $0), format: format)
        }
    }

    /// Sustained change in words: for each programme's latest year with follow-up answers (up to
    /// the focus year), each construct's change from pre and from post to the follow-up.
    func sustainedSentences() -> [String] {
        guard let focusYear else { return [] }
        let latest = Self.latestYears(rows(.sustained), upTo: focusYear)
        var sentences: [String] = []
        var seen = Set<[String]>()
        for row in latest {
            let unit = [row["programme_id"], row["year"], row["instrument_id"], row["construct"]]
            guard seen.insert(unit).inserted else { continue }
            let pair = latest.filter { [$0["programme_id"], $0["year"], $0["instrument_id"], $0["construct"]] == unit }
            sentences.append("\(row["programme_id"]) \(row["year"]), " + Narrative.sustainedSentence(
                fromPre: pair.first { $0["waves"] == "pre_follow_up" }, fromPost: pair.first { $0["waves"] == "post_follow_up" },
                reliability: reliability(of: row, waves: ["follow_up"]), format: format))
        }
        return sentences
    }

    /// Subgroup rows of the focus year for the socio-economic dimensions, with Holm-adjusted p.
    func subgroupTable() -> [String: Any] {
        let rows = rows(.prepost).filter {
            $0["level"] == "subgroup" && $0.integer("year") == focusYear && ["fsm", "first_generation", "low_ses"].contains($0["group_dim"])
        }
        let totals = Dictionary(self.rows(.prepost).filter { $0["level"] == "programme_year" }.map {
            ([$0["programme_id"], $0["year"], $0["instrument_id"], $0["construct"]], $0[cell: "mean_change"])
        }, uniquingKeysWith: { first, _ in first })
        return Self.table(["programme", "construct", "group", "pairs", "change (95% CI)", "gap to all", "p (Holm)", "reading"],
                          rows.map { row in
                              let total = totals[[row["programme_id"], row["year"], row["instrument_id"], row["construct"]]] ?? .empty
                              return [row["programme_id"], row["construct"], "\(row["group_dim"]) = \(row["group_value"])", row["n_pairs"],
                                      change(row), gap(row[cell: "mean_change"], total, scale: 1, digits: 2), format.pValue(row[cell: "p_holm"]), Narrative.reading(row)]
                          })
    }

    /// A group's figure minus its programme-year's, `..` when either is suppressed.
    func gap(_ group: Cell, _ total: Cell, scale: Double, digits: Int) -> String {
        if group == .suppressed || total == .suppressed { return Cell.suppressedMark }
        guard let group = ReportFormat.value(of: group), let total = ReportFormat.value(of: total) else { return "" }
        let difference = ReportFormat.decimals((group - total) * scale, digits)
        return difference.hasPrefix("-") || Double(difference) == 0 ? difference : "+" + difference
    }

    func outcomesTable() -> [String: Any] {
        let rows = rows(.outcomes).filter { $0["level"] == "programme_year" }
        return Self.table(["programme", "year", "outcome", "known", "rate (95% CI)", "benchmark", "difference (pp)", "p"],
                          rows.map { row in
                              [row["programme_id"], row["year"], row["outcome"], row["n_known"], rate(row),
                               format.percent(row[cell: "benchmark_rate"]), format.fixed(row[cell: "diff_pp"], format.isPublic ? 0 : 1), format.pValue(row[cell: "p_value"])]
                          })
    }

    func rate(_ row: TableRows.Row) -> String {
        let value = format.percent(row[cell: "rate"])
        let interval = format.interval(row[cell: "ci_low"], row[cell: "ci_high"])
        guard !value.isEmpty else { return "" }
        return interval.isEmpty || row.isSuppressed("ci_low") || row.isSuppressed("ci_high") ? value : "\(value) (\(interval))"
    }

    /// The programme-year rows (of outcomes.csv or sustained.csv) of each programme's latest year
    /// in the table, up to `year`: outcomes are recorded years after a cohort ends, and follow-up
    /// surveys months after it, so the focus year often has none.
    static func latestYears(_ rows: [TableRows.Row], upTo year: Int) -> [TableRows.Row] {
        let totals = rows.filter { $0["level"] == "programme_year" }
        var latest: [String: Int] = [:]
        for row in totals {
            guard let rowYear = row.integer("year"), rowYear <= year else { continue }
            latest[row["programme_id"]] = max(latest[row["programme_id"]] ?? rowYear, rowYear)
        }
        return totals.filter { $0.integer("year") == latest[$0["programme_id"]] }
    }

    func outcomeSentences() -> [String] {
        guard let focusYear else { return [] }
        return Self.latestYears(rows(.outcomes), upTo: focusYear).map {
            "\($0["programme_id"]) \($0["year"]), " + Narrative.outcomeSentence($0, participants: participants(of: $0), format: format)
        }
    }

    /// The participants of a row's programme-year, as reach.csv publishes them.
    func participants(of row: TableRows.Row) -> String? {
        rows(.reach).first {
            $0["level"] == "programme_year" && $0["indicator"] == "low_ses" && $0["programme_id"] == row["programme_id"] && $0["year"] == row["year"]
        }?["participants"]
    }

    /// Subgroup outcome rows of each programme's latest year with outcomes, with the gap to the
    /// programme-year's rate.
    func outcomeGapsTable() -> [String: Any] {
        guard let focusYear else { return Self.table([], []) }
        let totals = Self.latestYears(self.rows(.outcomes), upTo: focusYear)
        let rate = Dictionary(totals.map { ([$0["programme_id"], $0["year"], $0["outcome"]], $0[cell: "rate"]) }, uniquingKeysWith: { first, _ in first })
        let rows = self.rows(.outcomes).filter {
            $0["level"] == "subgroup" && ["fsm", "first_generation", "low_ses"].contains($0["group_dim"])
                && rate[[$0["programme_id"], $0["year"], $0["outcome"]]] != nil
        }
        return Self.table(["programme", "year", "outcome", "group", "known", "rate (95% CI)", "gap to all (pp)", "p against benchmark (Holm)"],
                          rows.map { row in
                              [row["programme_id"], row["year"], row["outcome"], "\(row["group_dim"]) = \(row["group_value"])", row["n_known"], self.rate(row),
                               gap(row[cell: "rate"], rate[[row["programme_id"], row["year"], row["outcome"]]] ?? .empty, scale: 100, digits: format.isPublic ? 0 : 1),
                               format.pValue(row[cell: "p_holm"])]
                          })
    }

    func comparisonTable() -> [String: Any] {
        Self.table(["programme", "year", "outcome", "participants matched", "comparison matched", "participants' rate", "comparison rate (standardised)", "difference, pp (95% CI)"],
                   rows(.comparison).map { row in
                       let difference = format.fixed(row[cell: "diff_pp"], format.isPublic ? 0 : 1)
                       let interval = format.interval(row[cell: "ci_low_pp"], row[cell: "ci_high_pp"], digits: format.isPublic ? 0 : 1)
                       return [row["programme_id"], row["year"], row["outcome"], row["participants_matched"], row["comparison_matched"],
                               format.percent(row[cell: "rate_participants"]), format.percent(row[cell: "rate_comparison_standardised"]),
                               difference.isEmpty || row.isSuppressed("diff_pp") || interval.isEmpty ? difference : "\(difference) (\(interval))"]
                   })
    }

    /// Sentences on each programme's latest year with a comparison, up to the focus year.
    func comparisonSentences() -> [String] {
        guard let focusYear else { return [] }
        let rows = self.rows(.comparison)
        var latest: [String: Int] = [:]
        for row in rows {
            guard let year = row.integer("year"), year <= focusYear else { continue }
            latest[row["programme_id"]] = max(latest[row["programme_id"]] ?? year, year)
        }
        return rows.filter { $0.integer("year") == latest[$0["programme_id"]] }.map {
            "\($0["programme_id"]) \($0["year"]), " + Narrative.comparisonSentence($0, format: format)
        }
    }

    func dosageOutcomesTable() -> [String: Any] {
        let rows = rows(.dosageOutcomes).filter { $0.integer("year") == focusYear }
        return Self.table(["programme", "outcome", "contact hours", "participants", "known", "rate (95% CI)"],
                          rows.map { [$0["programme_id"], $0["outcome"], $0["hours_band"], $0["participants"], $0["n_known"], rate($0)] })
    }

    func dosagePrepostTable() -> [String: Any] {
        let rows = rows(.dosagePrepost).filter { $0.integer("year") == focusYear }
        return Self.table(["programme", "construct", "contact hours", "pairs", "change (95% CI)", "d_z"],
                          rows.map { [$0["programme_id"], $0["construct"], $0["hours_band"], $0["n_pairs"], change($0), format.fixed($0[cell: "cohens_dz"], 2)] })
    }

    func alphaTable() -> [String: Any] {
        Self.table(["instrument", "construct", "wave", "people", "items", "alpha (95% CI)"],
                   rows(.alpha).map { [$0["instrument_id"], $0["construct"], $0["wave"], $0["n"], $0["k_items"], alpha($0)] })
    }

    /// Alpha to two decimals with Feldt's interval when it is shown.
    func alpha(_ row: TableRows.Row) -> String {
        let value = format.fixed(row[cell: "alpha"], 2)
        let interval = format.interval(row[cell: "alpha_ci_low"], row[cell: "alpha_ci_high"], digits: 2)
        guard !value.isEmpty, !row.isSuppressed("alpha") else { return value }
        return interval.isEmpty || row.isSuppressed("alpha_ci_low") || row.isSuppressed("alpha_ci_high") ? value : "\(value) (\(interval))"
    }

    func pairingTable() -> [String: Any] {
        let rows = rows(.pairing).filter { $0.integer("year") == focusYear }
        return Self.table(["programme", "construct", "participants", "had pre", "had post", "pairs (both)", "pre only", "post only", "neither"],
                          rows.map { [$0["programme_id"], $0["construct"], $0["participants"], $0["had_pre"], $0["had_post"], $0["pairs"],
                                      $0["pre_only"], $0["post_only"], $0["no_score"]] })
    }

    func pairingSentences() -> [String] {
        rows(.pairing).filter { $0.integer("year") == focusYear }.compactMap { row -> String? in
            guard let participants = row.number("participants"), participants > 0, let pairs = row.number("pairs") else { return nil }
            let share = pairs / participants
            guard share < 0.5 else { return nil }
            return "\(row["programme_id"]) \(row["year"]), \(Narrative.label(row["construct"])): only \(row["pairs"]) of \(row["participants"]) participants have both surveys; "
                + "those who answered both may differ from those who did not (for one, people who withdrew rarely answer the post survey), so the change describes the respondents, not every participant."
        }
    }

    func definitions() -> [String] {
        [
            "A participant of a programme-year has an enrolment in one of its cohorts with status started, withdrawn or completed. People who declined research use (consent_research = no) are left out of every figure.",
            "Reach: the share of participants with each indicator among those whose value is known; low SES is any of FSM, first generation, POLAR4 or IMD quintile 1–2, working-class parental occupation or care experience.",
            "Construct scores are the mean of the answered items after reverse coding, \(scoreCondition). A pair is a participant with a pre and a post score for the construct in the same cohort; follow-up scores are paired with pre and with post in the same way to show whether a change lasts (sustained.csv). People with only one score, or none, are excluded from the change and counted below.",
            "Change is post minus pre with a 95% Student t interval; d_z is the mean change over the SD of the changes and g_av the mean change over the mean of the two waves' SDs, Hedges-corrected (Lakens 2013). Magnitudes follow Cohen's thresholds (0.2 small, 0.5 medium, 0.8 large). An interval that includes zero is reported as no clear evidence of change, not as evidence of no change.",
            "Pre/post change without a comparison group shows what is associated with taking part, not what the programme caused: scores can rise through maturation, regression to the mean or who answers the second survey.",
            "Outcome rates carry Wilson 95% intervals and are compared with national benchmarks (FSM pupils in England, same year or the latest earlier one) by a one-sample z-test; subgroup p-values are adjusted for the number of subgroups (Holm). The comparison group is applicants who did not take part, matched on FSM, first generation, low SES and IMD quintile 1–2: closer to a fair comparison, but those who took part may still differ in ways not recorded.",
            "Contact-hours bands describe who received more hours, not an effect of the hours: people who receive more hours differ in other ways.",
            "Definitions and formulas in full: docs/metrics.md and docs/reports.md in the engine's repository.",
        ]
    }

    func importsTable() -> [String: Any] {
        Self.table(["file", "kind", "rows", "rejected", "imported", "sha256"],
                   provenance.imports.map {
                       // Public reports round these counts too (the rows include every person imported).
                       [($0.path as NSString).lastPathComponent, $0.kind, count($0.rows), count($0.rejected), $0.finishedAt, $0.sha256]
                   })
    }

    func count(_ value: Int) -> String {
        String(format.isPublic ? Disclosure.roundedCount(value) : value)
    }
}
