/// One snapshot of the data, as the analysis reads it: every call sees the same state. Rows come
/// in the orders the engine's queries give them (queries/engine/analysis/), which the analysis
/// merges on; people without research consent are never read.
public protocol AnalysisSnapshot {
    /// The cohorts of `programme` and `year` (nil: every one), in no particular order.
    func cohorts(programme: String?, year: Int?) throws -> [AnalysisRecord.Cohort]

    /// Each programme with the years it has cohorts in, by programme id.
    func programmeYears() throws -> [AnalysisRecord.ProgrammeYears]

    /// Calls `body` with every person with research consent (consent_research = yes), in
    /// participant_id order (code points).
    func forEachPerson(_ body: (AnalysisRecord.Person) throws -> Void) throws

    /// Calls `body` with every enrolment, in (participant_id, cohort_id) order.
    func forEachEnrolment(_ body: (AnalysisRecord.Enrolment) throws -> Void) throws

    /// Calls `body` with every recorded outcome, in (participant_id, outcome) order.
    func forEachOutcome(_ body: (AnalysisRecord.Outcome) throws -> Void) throws

    /// The benchmark rates of `population`, by outcome then year.
    func benchmarks(population: String) throws -> [AnalysisRecord.Benchmark]

    /// The constructs of the survey instruments with their items.
    func constructCatalogue() throws -> ConstructCatalogue

    /// `parts` ranges of participant_key of similar width covering every stored construct score
    /// (none when there are no scores).
    func scoreKeyRanges(parts: Int) throws -> [Range<Int64>]

    /// One pass over the stored construct scores of the participant keys in `keys`, keeping the
    /// person-cohorts of `cohorts` (nil: all); without `reliability`, the answers Cronbach's
    /// alpha needs are not collected.
    func scorePass(keys: Range<Int64>, catalogue: ConstructCatalogue, cohorts: Set<Int64>?, reliability: Bool) throws
        -> StoredScorePass

    /// The latest import of each path, oldest first, and each instrument's scoring rule.
    func provenance() throws -> AnalysisRecord.Provenance

    /// The data's version as this snapshot sees it.
    func dataVersion() throws -> DataVersion
}
