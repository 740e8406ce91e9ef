import Foundation
import ImpactAnalysis
import ImpactStatistics

/// Sentences an evaluator would write about the figures, with their caveats: an interval that
/// crosses zero is "no clear evidence of change" (not "no change"), small samples are flagged,
/// pre/post change without a comparison group is an association, not an effect.
enum Narrative {
    /// Below this many pairs or people a figure is flagged as resting on a small sample.
    static let smallSample = 20

    /// How an evaluator would read one pre/post row, in words (exact figures).
    static func reading(pairs: Int, change: Double?, low: Double?, high: Double?, sd: Double?, effect: Double?) -> String {
        guard pairs >= 2, let change, let low, let high else { return pairs == 0 ? "no pairs" : "too few pairs to judge" }
        let caveat = pairs < smallSample ? "; small sample" : ""
        // An SD of 0 (or, for scores computed in binary, only rounding: t near 1e15) is a constant
        // change, said in words.
        if let sd, sd <= 1e-12 * max(1, abs(change)) { return "\(constantChange)\(caveat)" }
        if low <= 0, high >= 0 { return "no clear evidence of change\(caveat)" }
        let direction = change > 0 ? "increase" : "decrease"
        let size = EffectSizeMagnitude(effectSize: effect).map { "\($0.rawValue) " } ?? ""
        return "\(size)\(direction)\(caveat)"
    }

    /// The reading of a pre/post row as the report holds it (text cells, possibly public:
    /// a suppressed figure is not read).
    static func reading(_ row: TableRows.Row) -> String {
        if row.isSuppressed("mean_change") { return notShown }
        // Public tables round n_pairs; the small-sample flag then reads the rounded count.
        return reading(pairs: row.integer("n_pairs") ?? 0, change: row.number("mean_change"), low: row.number("ci_low"),
                       high: row.number("ci_high"), sd: row.number("sd_change"), effect: row.number("cohens_dz"))
    }

    /// Why a figure reads `..`: a small group, or one whose figure the others would give away.
    static let notShown = "not shown (publication rules)"

    /// The reading of a change that is the same for every pair.
    static let constantChange = "every pair changed by the same amount"

    /// The sector's threshold of an acceptable Cronbach's alpha.
    static let acceptableAlpha = 0.7

    /// A short note for a change read from a scale whose alpha (the cells of the waves compared)
    /// is below 0.7 or not computable, or nil when every wave's alpha is 0.7 or more.
    static func reliabilityNote(_ alphas: [Cell]) -> String? {
        if alphas.contains(.suppressed) { return "scale reliability not shown" }
        let values = alphas.compactMap(ReportFormat.value(of:))
        if values.count < alphas.count { return "scale reliability unknown" }
        return values.contains { $0 < acceptableAlpha } ? "scale reliability below 0.7" : nil
    }

    /// The caveat a sentence carries for such a scale (nil when its alpha is acceptable).
    static func reliabilityCaveat(_ alphas: [Cell], format: ReportFormat) -> String? {
        if alphas.contains(.suppressed) {
            return "the scale's reliability is not shown (publication rules), so read the change with care"
        }
        let values = alphas.compactMap(ReportFormat.value(of:))
        if values.count < alphas.count {
            return "the scale's reliability (Cronbach's alpha) could not be computed, so it is not known how much of the change is measurement noise"
        }
        guard let lowest = values.min(), lowest < acceptableAlpha else { return nil }
        return "the scale's reliability is below 0.7 (Cronbach's alpha \(format.fixed(.number(lowest), 2))), so part of any change may be measurement noise; read it with care"
    }

    /// One sentence on a construct's change in a programme-year; `reliability` holds the alpha
    /// cells of its pre and post waves (alpha.csv).
    static func prepostSentence(_ row: TableRows.Row, reliability: [Cell] = [], format: ReportFormat) -> String {
        let construct = label(row["construct"])
        let pairs = row["n_pairs"]
        if row.isSuppressed("mean_change") {
            return "\(construct): \(pairs) pairs; the change is \(notShown)."
        }
        guard let change = row.number("mean_change") else { return "\(construct): no participant answered both surveys." }
        let reading = reading(row)
        let signed = (change >= 0 ? "+" : "") + format.fixed(row[cell: "mean_change"], 2)
        let interval = format.interval(row[cell: "ci_low"], row[cell: "ci_high"], digits: 2)
        var sentence = "\(construct): mean change \(signed) on the scale"
        if !interval.isEmpty { sentence += " (95% CI \(interval))" }
        sentence += " over \(pairs) pairs"
        if reading.hasPrefix("no clear evidence") {
            sentence += ": no clear evidence of change; the interval includes zero, which is not evidence of no change"
        } else if reading.hasPrefix("too few") || reading.hasPrefix("no pairs") {
            sentence += ": \(reading)"
        } else if reading.hasPrefix(constantChange) {
            sentence += ": \(reading)"
        } else {
            let effect = format.fixed(row[cell: "cohens_dz"], 2)
            sentence += ": a \(reading)" + (effect.isEmpty ? "" : " (d_z \(effect))")
        }
        if !reliability.isEmpty, let caveat = reliabilityCaveat(reliability, format: format) { sentence += "; " + caveat }
        return sentence + "."
    }

    /// One sentence on whether a construct's change lasted: its sustained.csv rows from pre and
    /// from post to the follow-up survey of one programme-year; `reliability` holds the alpha
    /// cell of the follow-up wave.
    static func sustainedSentence(fromPre: TableRows.Row?, fromPost: TableRows.Row?, reliability: [Cell], format: ReportFormat) -> String {
        let construct = label((fromPre ?? fromPost)?["construct"] ?? "")
        func part(_ row: TableRows.Row?, from wave: String) -> String {
            guard let row else { return "from \(wave) to follow-up: no pairs" }
            if row.isSuppressed("mean_change") { return "from \(wave) to follow-up: \(row["n_pairs"]) pairs, the change is \(notShown)" }
            guard let change = row.number("mean_change") else { return "no participant answered both the \(wave) and the follow-up survey" }
            let interval = format.interval(row[cell: "ci_low"], row[cell: "ci_high"], digits: 2)
            var text = "from \(wave) to follow-up \((change >= 0 ? "+" : "") + format.fixed(row[cell: "mean_change"], 2))"
            if !interval.isEmpty { text += " (95% CI \(interval))" }
            text += " over \(row["n_pairs"]) pairs: "
            let full = reading(row)
            let small = full.hasSuffix("; small sample")
            let reading = small ? String(full.dropLast("; small sample".count)) : full
            if reading.hasPrefix("no clear evidence") {
                text += wave == "pre" ? "no clear evidence of a lasting change" : "no clear evidence that the change at post faded or grew"
            } else if reading.hasPrefix("too few") || reading.hasPrefix(constantChange) {
                text += reading
            } else if wave == "pre" {
                text += "a \(reading) that lasted to the follow-up"
            } else {
                text += "a \(reading), " + (change < 0 ? "so part of the change at post faded" : "so scores rose further after the programme")
            }
            return small ? text + "; small sample" : text
        }
        var sentence = "\(construct): \(part(fromPre, from: "pre")); \(part(fromPost, from: "post"))"
        if let caveat = reliabilityCaveat(reliability, format: format) { sentence += "; " + caveat }
        return sentence + "."
    }

    /// One sentence on an outcome against its benchmark.
    /// `participants` (of the programme-year, as published) flags records that cover few of them.
    static func outcomeSentence(_ row: TableRows.Row, participants: String? = nil, format: ReportFormat) -> String {
        let outcome = label(row["outcome"])
        let known = row["n_known"]
        if row.isSuppressed("rate") {
            return "\(outcome): recorded for \(known) participants; the rate is \(notShown)."
        }
        guard !row["rate"].isEmpty else { return "\(outcome): not recorded for any participant." }
        var sentence = "\(outcome): \(format.percent(row[cell: "rate"])) of the \(known) participants with a record"
        let interval = format.interval(row[cell: "ci_low"], row[cell: "ci_high"])
        if !interval.isEmpty { sentence += " (95% CI \(interval))" }
        if let benchmark = row.number("benchmark_rate"), let low = row.number("ci_low"), let high = row.number("ci_high") {
            let national = format.percent(row[cell: "benchmark_rate"])
            if low > benchmark {
                sentence += ", above the national benchmark of \(national)"
            } else if high < benchmark {
                sentence += ", below the national benchmark of \(national)"
            } else {
                sentence += ", not clearly different from the national benchmark of \(national)"
            }
        }
        if let participants, let everyone = Double(participants), let recorded = row.number("n_known"), everyone > 0, recorded / everyone < 0.7 {
            sentence += "; recorded for \(known) of \(participants) participants, and those without a record may differ"
        }
        if let count = row.integer("n_known"), count < smallSample { sentence += " (small sample)" }
        return sentence + "."
    }

    /// One sentence on an outcome against matched applicants who did not take part (comparison.csv).
    static func comparisonSentence(_ row: TableRows.Row, format: ReportFormat) -> String {
        let outcome = label(row["outcome"])
        if row.isSuppressed("diff_pp") || row.isSuppressed("rate_participants") {
            return "\(outcome): the comparison is \(notShown)."
        }
        guard let value = row.number("diff_pp"), let low = row.number("ci_low_pp"), let high = row.number("ci_high_pp") else {
            return "\(outcome): no matched applicants to compare with."
        }
        let digits = format.isPublic ? 0 : 1
        var sentence = "\(outcome): \(format.percent(row[cell: "rate_participants"])) of matched participants against "
            + "\(format.percent(row[cell: "rate_comparison_standardised"])) of matched applicants who did not take part, "
            + "a difference of \(format.fixed(row[cell: "diff_pp"], digits)) points (95% CI \(format.fixed(row[cell: "ci_low_pp"], digits)) to \(format.fixed(row[cell: "ci_high_pp"], digits)))"
        if low <= 0, high >= 0 {
            sentence += ": no clear evidence of a difference"
        } else {
            sentence += value > 0 ? ": higher for participants" : ": lower for participants"
        }
        if let participants = row.integer("participants_matched"), let comparison = row.integer("comparison_matched"),
           min(participants, comparison) < smallSample {
            sentence += " (small groups: \(participants) and \(comparison) matched)"
        }
        return sentence + "; the groups are alike on what was recorded, not necessarily on motivation or attainment."
    }

    /// A change on last year: "up 12 from 340 in 2024", "down 2.5 points from 60.0% in 2024",
    /// or nil when last year has no figure.
    static func changeOnLastYear(_ now: String, _ before: String?, previousYear: Int, percent: Bool, format: ReportFormat) -> String? {
        guard let before, let current = Double(now), let previous = Double(before) else { return nil }
        if percent {
            let points = (current - previous) * 100
            let direction = abs(points) < 0.05 ? "unchanged" : points > 0 ? "up" : "down"
            let size = ReportFormat.decimals(abs(points), format.isPublic ? 0 : 1)
            let amount = direction == "unchanged" ? "" : " \(size) point\(size == "1" ? "" : "s")"
            return "\(direction)\(amount) from \(format.percent(.number(previous))) in \(previousYear)"
        }
        let difference = Int(current - previous)
        let direction = difference == 0 ? "unchanged" : difference > 0 ? "up \(difference)" : "down \(-difference)"
        return "\(direction) from \(before) in \(previousYear)"
    }

    /// A key as words: `self_efficacy` → "self efficacy".
    static func label(_ key: String) -> String {
        key.replacingOccurrences(of: "_", with: " ")
    }
}
