/// One file's import, inside its write transaction: the ledger (`imports` and what it records
/// of the file's rows), the stored ids its rows may refer to, the inserts, and the upkeep of the
/// construct scores. Used from one thread at a time, inside ``ImportBackend/importSession(_:)``.
public protocol ImportSession: AnyObject {
    /// Starts the ledger row of an import of the file at `path` (absolute) as `kind`; its id.
    func beginImport(path: String, kind: String, sha256: String, started: String, version: String) throws -> Int64
    /// Marks the rejections of earlier imports of `path` as superseded by `importID`.
    func supersedeRejections(path: String, importID: Int64) throws
    /// Ends the ledger row of `importID` with `counts`.
    func finishImport(_ importID: Int64, counts: ImportCounts) throws
    /// Records a rejected row.
    func recordRejection(importID: Int64, file: String, line: Int, column: String?, reason: String, raw: String) throws
    /// Records a row a mapping's rule skipped.
    func recordSkippedRow(importID: Int64, file: String, line: Int, rule: String) throws
    /// Records an optional cell that could not be read.
    func recordUnreadCell(importID: Int64, file: String, line: Int, column: String, value: String, reason: String) throws
    /// Records what became of one column of the file.
    func recordColumnFate(importID: Int64, position: Int, header: String, fate: String, column: String?, rule: String) throws
    /// The lines of `importID`'s rejected rows.
    func rejectedLines(importID: Int64) throws -> [Int]

    /// The rows of `table`.
    func rowCount(of table: String) throws -> Int
    /// The stored programme_ids.
    func programmeIDs() throws -> [String]
    /// The stored participant_ids.
    func participantIDs() throws -> [String]
    /// The stored cohort_ids.
    func cohortIDs() throws -> [String]
    /// The people stored as declining research use.
    func declinedIDs() throws -> [String]
    /// Each stored person's id and integer key.
    func participantKeys() throws -> [(id: String, key: Int64?)]
    /// Each stored cohort's id and integer key.
    func cohortKeys() throws -> [(id: String, key: Int64?)]
    /// The stored items.
    func items() throws -> [StoredItem]
    /// Each stored instrument's scoring rule, as stored.
    func instrumentScoring() throws -> [(instrument: String, rule: String)]
    /// The contract's ids of an answer's keys; nil when the store finds no row.
    func answerIDs(participantKey: Int64, cohortKey: Int64, itemKey: Int64) throws -> AnswerIDs?
    /// The stored items of `instrument` that the file does not replace and that have another
    /// scoring rule than `rule`, if any.
    func scoringConflict(instrument: String, rule: String) throws -> ScoringConflict?

    /// Whether ids or e-mail keys made from e-mail addresses are stored.
    func hasEmailIDs() throws -> Bool
    /// The fingerprint (hex) of the id key the stored e-mail keys were made with, if any.
    func keyFingerprint() throws -> String?
    /// Records the id key's fingerprint at its first use.
    func recordKeyFingerprint(hex: String, firstUsedAt: String) throws
    /// Each stored e-mail key (hex) and the person holding it.
    func emailKeys() throws -> [(key: String, person: String)]
    /// Gives `person` the e-mail key `key` (hex), or none.
    func rememberEmailKey(person: String, key: String?) throws

    /// Prepared inserts of `target`'s rows, `batchRows` at a time; a stored row's columns in
    /// `keeping` are left as they are when the row is replaced.
    func inserts(into target: InsertTarget, keeping: Set<String>, batchRows: Int) throws -> any TableInserts

    /// Scores the answers the session writes as they are written (`ConstructScoreTable`).
    func answerScores() throws -> any AnswerScoring
    /// Scores every stored answer again (after the items changed).
    func rebuildScores() throws
}
