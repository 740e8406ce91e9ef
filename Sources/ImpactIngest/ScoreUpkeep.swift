import ImpactStore

/// What an import must do to keep the construct score table (schema/migrations/006) true to the stored data:
/// score the answers it writes (`ConstructScoreTable.Builder`, as they are written), or everything
/// again when it changed the items.
struct ScoreUpkeep {
    private let target: TableTarget
    private let builder: (any AnswerScoring)?

    /// Starts before the file's first row is written.
    init(target: TableTarget, session: any ImportSession) throws {
        self.target = target
        builder = target.table == "answers" ? try session.answerScores() : nil
    }

    /// Notes the answers of a batch of rows as written (flattened values of the target's width:
    /// participant_key, cohort_key, item_key, wave, value, …).
    func note(_ values: [BindValue]) throws {
        guard let builder else { return }
        let width = target.columns.count
        var row = 0
        while row + width <= values.count {
            if case let .integer(participant) = values[row], case let .integer(cohort) = values[row + 1],
               case let .integer(item) = values[row + 2], case let .text(waveText) = values[row + 3],
               case let .integer(value) = values[row + 4], let wave = SurveyWave(text: waveText) {
                try builder.add(participantKey: participant, cohortKey: cohort, itemKey: item, wave: wave, value: Int(value))
            }
            row += width
        }
    }

    /// A row the database refused: its person-cohort is scored from what is stored.
    func refused(_ values: [BindValue]) {
        guard let builder, values.count >= 2, case let .integer(participant) = values[0],
              case let .integer(cohort) = values[1] else { return }
        builder.refused(participantKey: participant, cohortKey: cohort)
    }

    /// Completes the scores of what the file changed, in its transaction.
    func finish(_ session: any ImportSession, changes: Int) throws {
        if let builder {
            try builder.finish()
        } else if target.table == "survey_items", changes > 0 {
            try session.rebuildScores()
        }
    }
}
