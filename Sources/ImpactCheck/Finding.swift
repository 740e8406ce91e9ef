/// One row of the data-quality report: what a check found, where, how often, and examples.
public struct Finding: Sendable, Equatable {
    /// The check's name, e.g. `missing_fields`.
    public let check: String
    /// How serious it is.
    public let level: CheckLevel
    /// The cohort it concerns, or nil for the whole database.
    public let cohortID: String?
    /// What within the check it concerns: a field, a rule, a file; nil when the check has one kind.
    public let subject: String?
    /// How many people, rows or answers it concerns (the unit is the check's, see docs/data-quality.md).
    public let count: Int
    /// The number the count is out of, when there is one.
    public let total: Int?
    /// A few ids (or lines) to look at, at most as many as asked for.
    public let examples: [String]
    /// The finding in words, when its check writes one (`not_collected`: "polar4_quintile: not
    /// collected for cohort C1 (unknown for all 40 participants)").
    public let note: String?

    /// A finding; `examples` in the order the check listed them.
    public init(check: String, level: CheckLevel, cohortID: String?, subject: String?, count: Int, total: Int?, examples: [String],
                note: String? = nil) {
        self.check = check
        self.level = level
        self.cohortID = cohortID
        self.subject = subject
        self.count = count
        self.total = total
        self.examples = examples
        self.note = note
    }

    /// `count / total`, when there is a non-zero total.
    public var share: Double? {
        guard let total, total > 0 else { return nil }
        return Double(count) / Double(total)
    }
}
