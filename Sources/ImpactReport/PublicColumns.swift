/// What a column of an output table is, for publication: kept, rounded, dropped, or a figure
/// that is shown only when its base is large enough (docs/reports.md, "Public mode").
enum PublicColumn: Equatable {
    /// A key or label, published as is.
    case key
    /// A count of people (or pairs, or enrolments): rounded to 5.
    case count
    /// Left out of public tables (t, df: they give away an exact count).
    case dropped
    /// A figure of a suppression class: shown only when the class's base allows it.
    case figure(SuppressionClass, Format)
    /// A national rate that is already public (benchmark_rate): rounded like a proportion.
    case published(Format)

    /// How a shown figure is written.
    enum Format: Equatable {
        case proportion
        case percentagePoints
        case mean
        case pValue
    }
}

/// A group of figures of one row that stand or fall together, with the column holding their
/// base and the rule applied to it.
struct SuppressionClass: Hashable {
    /// The column whose exact value is the base (a denominator or a number of people).
    let base: String
    /// The rule on the base.
    let rule: Rule

    enum Rule: Hashable {
        /// A rate: shown when the base is 22.5 or more.
        case rate
        /// A mean or effect size: shown when the base is more than 7.
        case mean
    }

    /// Whether a figure over `base` may be shown.
    func shows(base value: Int) -> Bool {
        switch rule {
        case .rate: return Disclosure.showsRate(denominator: value)
        case .mean: return Disclosure.showsMean(count: value)
        }
    }
}

/// The publication role of every column of the tables a report writes. A column the table
/// does not list here is refused (`PublicTables` throws), so a new column cannot slip into a
/// public report unrounded.
enum PublicColumns {
    static func roles(of table: String) -> [String: PublicColumn]? {
        switch table {
        case "reach.csv":
            let yes = SuppressionClass(base: "n_known", rule: .rate)
            let unknown = SuppressionClass(base: "participants", rule: .rate)
            return keys("programme_id", "year", "level", "cohort_id", "indicator")
                .merging(counts("participants", "n_known", "n_yes")) { $1 }
                .merging(["pct_yes": .figure(yes, .proportion), "pct_unknown": .figure(unknown, .proportion)]) { $1 }
        case "funnel.csv":
            let completion = SuppressionClass(base: "started", rule: .rate)
            return keys("programme_id", "year", "level", "cohort_id")
                .merging(counts("applied", "offered", "started", "completed")) { $1 }
                .merging(["completion_rate": .figure(completion, .proportion)]) { $1 }
        case "prepost.csv", "sustained.csv":
            // sustained.csv is prepost.csv for other waves: a `waves` key, mean_from and mean_to.
            let mean = SuppressionClass(base: "n_pairs", rule: .mean)
            let share = SuppressionClass(base: "n_pairs", rule: .rate)
            var roles = keys("programme_id", "year", "level", "cohort_id", "instrument_id", "construct", "group_dim", "group_value", "waves")
                .merging(counts("n_pairs")) { $1 }
            for column in ["mean_pre", "mean_post", "mean_from", "mean_to", "mean_change", "sd_change", "ci_low", "ci_high", "cohens_dz", "hedges_gav",
                           "cohens_dz_ci_low", "cohens_dz_ci_high", "hedges_gav_ci_low", "hedges_gav_ci_high"] {
                roles[column] = .figure(mean, .mean)
            }
            for column in ["p_value", "wilcoxon_p", "wilcoxon_p_exact", "p_holm", "p_bh"] { roles[column] = .figure(mean, .pValue) }
            roles["t"] = .dropped
            roles["df"] = .dropped
            roles["pct_improved"] = .figure(share, .proportion)
            return roles
        case "alpha.csv":
            let mean = SuppressionClass(base: "n", rule: .mean)
            return keys("instrument_id", "construct", "wave", "k_items")
                .merging(counts("n")) { $1 }
                .merging(["alpha": .figure(mean, .mean), "alpha_ci_low": .figure(mean, .mean), "alpha_ci_high": .figure(mean, .mean)]) { $1 }
        case "alpha_items.csv":
            // The same complete respondents as the alpha.csv row, so the same base and rule.
            let mean = SuppressionClass(base: "n", rule: .mean)
            var roles = keys("instrument_id", "construct", "wave", "item_id", "reverse_coded", "k_items")
                .merging(counts("n")) { $1 }
            for column in ["item_mean", "item_sd", "r_drop", "alpha_if_deleted"] { roles[column] = .figure(mean, .mean) }
            return roles
        case "outcomes.csv":
            let rate = SuppressionClass(base: "n_known", rule: .rate)
            return keys("programme_id", "year", "level", "cohort_id", "outcome", "group_dim", "group_value")
                .merging(counts("n_known", "n_yes")) { $1 }
                .merging([
                    "rate": .figure(rate, .proportion), "ci_low": .figure(rate, .proportion), "ci_high": .figure(rate, .proportion),
                    "benchmark_rate": .published(.proportion), "diff_pp": .figure(rate, .percentagePoints),
                    "p_value": .figure(rate, .pValue), "p_holm": .figure(rate, .pValue), "p_bh": .figure(rate, .pValue),
                ]) { $1 }
        case "comparison.csv":
            let participants = SuppressionClass(base: "participants_matched", rule: .rate)
            let crude = SuppressionClass(base: "comparison_known", rule: .rate)
            let matched = SuppressionClass(base: "comparison_matched", rule: .rate)
            return keys("programme_id", "year", "outcome", "cells_used", "cells_dropped")
                .merging(counts("participants_known", "comparison_known", "participants_matched", "comparison_matched",
                                "participants_unmatched", "comparison_unmatched")) { $1 }
                .merging([
                    "rate_participants": .figure(participants, .proportion),
                    "rate_comparison_crude": .figure(crude, .proportion),
                    "rate_comparison_standardised": .figure(matched, .proportion),
                    // The difference rests on both sides: shown when the smaller matched side allows.
                    "diff_pp": .figure(SuppressionClass(base: "min_matched", rule: .rate), .percentagePoints),
                    "ci_low_pp": .figure(SuppressionClass(base: "min_matched", rule: .rate), .percentagePoints),
                    "ci_high_pp": .figure(SuppressionClass(base: "min_matched", rule: .rate), .percentagePoints),
                ]) { $1 }
        case "dosage_outcomes.csv":
            let rate = SuppressionClass(base: "n_known", rule: .rate)
            return keys("programme_id", "year", "outcome", "hours_band", "hours_from", "hours_below")
                .merging(counts("participants", "n_known", "n_yes")) { $1 }
                .merging(["rate": .figure(rate, .proportion), "ci_low": .figure(rate, .proportion), "ci_high": .figure(rate, .proportion)]) { $1 }
        case "dosage_prepost.csv":
            let mean = SuppressionClass(base: "n_pairs", rule: .mean)
            var roles = keys("programme_id", "year", "instrument_id", "construct", "hours_band", "hours_from", "hours_below")
                .merging(counts("n_pairs")) { $1 }
            for column in ["mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "cohens_dz"] {
                roles[column] = .figure(mean, .mean)
            }
            return roles
        case "intersections.csv":
            let rate = SuppressionClass(base: "n_known", rule: .rate)
            return keys("programme_id", "year", "indicator", "ethnicity", "gender")
                .merging(counts("participants", "n_known", "n_yes")) { $1 }
                .merging(["pct_yes": .figure(rate, .proportion)]) { $1 }
        case "pairing.csv":
            return keys("programme_id", "year", "instrument_id", "construct")
                .merging(counts("participants", "had_pre", "had_post", "pairs", "pre_only", "post_only", "no_score")) { $1 }
        default:
            return nil
        }
    }

    /// Pairs of classes of one row where the second is computed from the first, so that it
    /// must be suppressed whenever the first is.
    static func linked(_ table: String) -> [(SuppressionClass, SuppressionClass)] {
        guard table == "comparison.csv" else { return [] }
        let difference = SuppressionClass(base: "min_matched", rule: .rate)
        return [(SuppressionClass(base: "participants_matched", rule: .rate), difference),
                (SuppressionClass(base: "comparison_matched", rule: .rate), difference)]
    }

    /// The column counting the people a row describes, in tables whose rows exist only for
    /// groups someone belongs to and whose group is itself the content (ethnicity × gender):
    /// a public table leaves out rows of 1 or 2 people, so that a missing row reads as what a
    /// rounded 0 reads (0, 1 or 2 people), not as "nobody".
    static func presence(of table: String) -> String? {
        table == "intersections.csv" ? "participants" : nil
    }

    private static func keys(_ names: String...) -> [String: PublicColumn] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, PublicColumn.key) })
    }

    private static func counts(_ names: String...) -> [String: PublicColumn] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, PublicColumn.count) })
    }
}
