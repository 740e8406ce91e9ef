/// The construct scores of the answers an import session writes.
public protocol AnswerScoring: AnyObject {
    /// One answer written, in the order written.
    func add(participantKey: Int64, cohortKey: Int64, itemKey: Int64, wave: SurveyWave, value: Int) throws
    /// A person-cohort one of whose answers the store refused.
    func refused(participantKey: Int64, cohortKey: Int64)
    /// Completes the scores of what the session wrote.
    func finish() throws
}
