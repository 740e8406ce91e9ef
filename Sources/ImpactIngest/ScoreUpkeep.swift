import GRDB
import ImpactStore

/// What an import must do to keep the construct score table (schema/006) true to the stored data:
/// score again the person-cohorts whose answers it wrote, or everything when it changed the items.
struct ScoreUpkeep {
    private let target: TableTarget
    private var touched: [ConstructScoreTable.PersonCohort] = []

    init(target: TableTarget) {
        self.target = target
    }

    /// Notes the person-cohorts of a batch of rows (flattened values of the target's width).
    mutating func note(_ values: [BindValue]) {
        guard target.table == "answers" else { return }
        let width = target.columns.count
        var row = 0
        while row + width <= values.count {
            // participant_key and cohort_key are the first two columns of an answer; rows of one
            // person-cohort usually come together, so only a change of pair is kept.
            if case let .integer(participant) = values[row], case let .integer(cohort) = values[row + 1] {
                let pair = ConstructScoreTable.PersonCohort(participantKey: participant, cohortKey: cohort)
                if touched.last != pair { touched.append(pair) }
            }
            row += width
        }
    }

    /// Scores again what the file changed, in its transaction.
    func apply(_ db: Database, changes: Int) throws {
        switch target.table {
        case "answers": try ConstructScoreTable.refresh(db, touched: touched)
        case "survey_items" where changes > 0: try ConstructScoreTable.rebuild(db)
        default: break
        }
    }
}
