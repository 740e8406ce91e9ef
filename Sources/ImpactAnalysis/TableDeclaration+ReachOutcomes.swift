extension TableDeclaration {
    /// reach.csv: per programme-year and cohort, each indicator's participants, known, yes and shares.
    static let reach: TableDeclaration = {
        let yes = SuppressionClass(base: "n_known", rule: .rate)
        let unknown = SuppressionClass(base: "participants", rule: .rate)
        return TableDeclaration(.reach, columns: [
            .key("programme_id", partition: .unit), .key("year", partition: .unit), .key("level", partition: .level),
            .key("cohort_id"), .key("indicator", partition: .unit),
            .count("participants"), .count("n_known"), .count("n_yes"),
            .figure("pct_yes", yes, .proportion), .figure("pct_unknown", unknown, .proportion),
        ], partition: .levels)
    }()

    /// funnel.csv: enrolments by stage reached, and the completion rate.
    static let funnel: TableDeclaration = {
        let completion = SuppressionClass(base: "started", rule: .rate)
        return TableDeclaration(.funnel, columns: [
            .key("programme_id", partition: .unit), .key("year", partition: .unit), .key("level", partition: .level), .key("cohort_id"),
            .count("applied"), .count("offered"), .count("started"), .count("completed"),
            .figure("completion_rate", completion, .proportion),
        ], partition: .levels)
    }()

    /// The suppression class of outcome rates (outcomes.csv, dosage_outcomes.csv).
    static let outcomeRate = SuppressionClass(base: "n_known", rule: .rate)

    /// outcomes.csv: outcome rates with their Wilson interval against the benchmark.
    static let outcomes: TableDeclaration = {
        let rate = outcomeRate
        return TableDeclaration(.outcomes, columns: [
            .key("programme_id", partition: .unit), .key("year", partition: .unit), .key("level", partition: .level),
            .key("cohort_id"), .key("outcome", partition: .unit), .key("group_dim", partition: .group), .key("group_value"),
            .count("n_known"), .count("n_yes"),
            .figure("rate", rate, .proportion), .figure("ci_low", rate, .proportion), .figure("ci_high", rate, .proportion),
            .published("benchmark_rate", .proportion), .figure("diff_pp", rate, .percentagePoints),
            .figure("p_value", rate, .pValue), .figure("p_holm", rate, .pValue), .figure("p_bh", rate, .pValue),
        ], partition: .levels)
    }()

    /// comparison.csv: participants against matched applicants who did not take part.
    static let comparison: TableDeclaration = {
        let participants = SuppressionClass(base: "participants_matched", rule: .rate)
        let crude = SuppressionClass(base: "comparison_known", rule: .rate)
        let matched = SuppressionClass(base: "comparison_matched", rule: .rate)
        // The difference rests on both sides: shown when the smaller matched side allows.
        let difference = SuppressionClass(base: .smallerOf("participants_matched", "comparison_matched"), rule: .rate)
        return TableDeclaration(.comparison, columns: [
            .key("programme_id", partition: .unit), .key("year", partition: .unit), .key("outcome", partition: .unit),
            .count("participants_known"), .count("comparison_known"), .count("participants_matched"), .count("comparison_matched"),
            .count("participants_unmatched"), .count("comparison_unmatched"),
            .key("cells_used", kind: .count), .key("cells_dropped", kind: .count),
            .figure("rate_participants", participants, .proportion), .figure("rate_comparison_crude", crude, .proportion),
            .figure("rate_comparison_standardised", matched, .proportion),
            .figure("diff_pp", difference, .percentagePoints), .figure("ci_low_pp", difference, .percentagePoints),
            .figure("ci_high_pp", difference, .percentagePoints),
        ], partition: .matchedPartOf(.outcomes, total: outcomeRate, part: participants, unlisted: "participants_unmatched"),
           linked: [LinkedSuppression(source: participants, target: difference), LinkedSuppression(source: matched, target: difference)])
    }()

    /// The keys of a contact-hours band (dosage_outcomes.csv, dosage_prepost.csv).
    static let bandKeys: [TableColumn] = [.key("hours_band"), .key("hours_from", kind: .figure), .key("hours_below", kind: .figure)]

    /// dosage_outcomes.csv: outcome rates by contact-hours band.
    static let dosageOutcomes: TableDeclaration = {
        let rate = outcomeRate
        return TableDeclaration(.dosageOutcomes, columns: [
            .key("programme_id", partition: .unit), .key("year", partition: .unit), .key("outcome", partition: .unit),
        ] + bandKeys + [
            .count("participants"), .count("n_known"), .count("n_yes"),
            .figure("rate", rate, .proportion), .figure("ci_low", rate, .proportion), .figure("ci_high", rate, .proportion),
        ], partition: .partsOf(.outcomes))
    }()

    /// intersections.csv: reach of low_ses by ethnicity × gender.
    static let intersections: TableDeclaration = {
        let rate = SuppressionClass(base: "n_known", rule: .rate)
        return TableDeclaration(.intersections, columns: [
            .key("programme_id", partition: .unit), .key("year", partition: .unit), .key("indicator", partition: .unit),
            .key("ethnicity"), .key("gender"),
            .count("participants"), .count("n_known"), .count("n_yes"), .figure("pct_yes", rate, .proportion),
        ], partition: .partsOf(.reach), presence: "participants")
    }()
}
