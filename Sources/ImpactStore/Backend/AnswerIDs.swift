/// The contract's ids of an answer's integer keys (nil where a key finds nothing).
public struct AnswerIDs: Sendable, Equatable {
    /// The participant_id.
    public let participant: String?
    /// The cohort_id.
    public let cohort: String?
    /// The instrument_id.
    public let instrument: String?
    /// The item_id.
    public let item: String?

    /// The ids found for an answer's keys.
    public init(participant: String?, cohort: String?, instrument: String?, item: String?) {
        self.participant = participant
        self.cohort = cohort
        self.instrument = instrument
        self.item = item
    }
}
