extension TableDeclaration {
    /// prepost.csv: the contract's columns, then p_holm and p_bh, then the exact Wilcoxon p and
    /// the intervals of the two effect sizes.
    static let prepost = TableDeclaration(.prepost, columns: changeColumns(from: "mean_pre", to: "mean_post", waves: false),
                                          partition: .levels)

    /// sustained.csv: prepost.csv's columns with a `waves` key after group_value, and the means
    /// of the two waves named `mean_from` and `mean_to`.
    static let sustained = TableDeclaration(.sustained, columns: changeColumns(from: "mean_from", to: "mean_to", waves: true),
                                            partition: .levels)

    /// The columns of a table of paired change.
    private static func changeColumns(from: String, to: String, waves: Bool) -> [TableColumn] {
        let mean = SuppressionClass(base: "n_pairs", rule: .mean)
        let share = SuppressionClass(base: "n_pairs", rule: .rate)
        func means(_ names: String...) -> [TableColumn] { names.map { .figure($0, mean, .mean) } }
        func pValues(_ names: String...) -> [TableColumn] { names.map { .figure($0, mean, .pValue) } }
        return [
            .key("programme_id", partition: .unit), .key("year", partition: .unit), .key("level", partition: .level),
            .key("cohort_id"), .key("instrument_id", partition: .unit), .key("construct", partition: .unit),
            .key("group_dim", partition: .group), .key("group_value"),
        ] + (waves ? [.key("waves", partition: .unit)] : []) + [.count("n_pairs")]
            + means(from, to, "mean_change", "sd_change", "ci_low", "ci_high")
            + [.dropped("t", kind: .figure), .dropped("df", kind: .count)]
            + pValues("p_value") + means("cohens_dz", "hedges_gav") + pValues("wilcoxon_p")
            + [.figure("pct_improved", share, .proportion)] + pValues("p_holm", "p_bh", "wilcoxon_p_exact")
            + means("cohens_dz_ci_low", "cohens_dz_ci_high", "hedges_gav_ci_low", "hedges_gav_ci_high")
    }

    /// alpha.csv: the contract's columns, with Feldt's interval after alpha.
    static let alpha: TableDeclaration = {
        let mean = SuppressionClass(base: "n", rule: .mean)
        return TableDeclaration(.alpha, columns: [
            .key("instrument_id"), .key("construct"), .key("wave"), .count("n"), .key("k_items", kind: .count),
            .figure("alpha", mean, .mean), .figure("alpha_ci_low", mean, .mean), .figure("alpha_ci_high", mean, .mean),
        ])
    }()

    /// alpha_items.csv: the same complete respondents as the alpha.csv row, so the same base and rule.
    static let alphaItems: TableDeclaration = {
        let mean = SuppressionClass(base: "n", rule: .mean)
        return TableDeclaration(.alphaItems, columns: [
            .key("instrument_id"), .key("construct"), .key("wave"), .key("item_id"), .key("reverse_coded"),
            .count("n"), .key("k_items", kind: .count),
            .figure("item_mean", mean, .mean), .figure("item_sd", mean, .mean), .figure("r_drop", mean, .mean),
            .figure("alpha_if_deleted", mean, .mean),
        ])
    }()

    /// dosage_prepost.csv: pre/post change by contact-hours band.
    static let dosagePrepost: TableDeclaration = {
        let mean = SuppressionClass(base: "n_pairs", rule: .mean)
        return TableDeclaration(.dosagePrepost, columns: [
            .key("programme_id", partition: .unit), .key("year", partition: .unit),
            .key("instrument_id", partition: .unit), .key("construct", partition: .unit),
        ] + bandKeys + [.count("n_pairs")]
            + ["mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "cohens_dz"].map { .figure($0, mean, .mean) },
            partition: .partsOf(.prepost))
    }()

    /// pairing.csv: how the pre/post pairs were formed.
    static let pairing = TableDeclaration(.pairing, columns: [
        .key("programme_id"), .key("year"), .key("instrument_id"), .key("construct"),
    ] + ["participants", "had_pre", "had_post", "pairs", "pre_only", "post_only", "no_score"].map(TableColumn.count))
}
