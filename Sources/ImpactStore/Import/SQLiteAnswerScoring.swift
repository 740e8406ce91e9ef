import GRDB

/// The construct scores of a session's answers: ``ConstructScoreTable/Builder`` on its connection.
final class SQLiteAnswerScoring: AnswerScoring {
    private let db: Database
    private let builder: ConstructScoreTable.Builder

    init(db: Database, builder: ConstructScoreTable.Builder) {
        self.db = db
        self.builder = builder
    }

    func add(participantKey: Int64, cohortKey: Int64, itemKey: Int64, wave: SurveyWave, value: Int) throws {
        try builder.add(participantKey: participantKey, cohortKey: cohortKey, itemKey: itemKey, wave: wave, value: value)
    }

    func refused(participantKey: Int64, cohortKey: Int64) {
        builder.refused(participantKey: participantKey, cohortKey: cohortKey)
    }

    func finish() throws {
        try builder.finish(db)
    }
}
