public import GRDB

extension ConstructScoreTable {
    /// Scores the answers an import writes as they are written, so that a file of new people's
    /// answers is scored without reading them back.
    ///
    /// A person-cohort's scores come from its rows in the file alone when nothing could make its
    /// stored answers differ from them: the person had no answers stored when the import began
    /// (keys are numbered in import order), its rows come together in one run, no item is
    /// answered twice in a wave, and the database refused none of them. Any other person-cohort
    /// is scored from the stored answers at the end (`refresh`), which also replaces whatever
    /// was written for it on the way.
    public final class Builder {
        private let catalogue: ConstructCatalogue
        private let highestAnswered: Int64
        private let writer: ScoreWriter
        private var group: GroupScores
        private var current: PersonCohort?
        private var isFallback = false
        private var closed: Set<PersonCohort> = []
        private var fallback: Set<PersonCohort> = []

        /// Starts before the import writes its first answer.
        public init(_ db: Database) throws {
            catalogue = try ConstructCatalogue.read(db)
            highestAnswered = try Int64.fetchOne(db, sql: try StoreResources.query("scores/highest_answered_key")) ?? .min
            writer = try ScoreWriter(db)
            group = GroupScores(catalogue: catalogue)
        }

        /// One answer written by the import, in the order written.
        public func add(participantKey: Int64, cohortKey: Int64, itemKey: Int64, wave: SurveyWave, value: Int) throws {
            let pair = PersonCohort(participantKey: participantKey, cohortKey: cohortKey)
            if pair != current {
                try close()
                current = pair
                isFallback = participantKey <= highestAnswered || closed.contains(pair)
            }
            guard !isFallback else { return }
            guard let item = catalogue.item(key: itemKey),
                  group.add(item.coded(value), construct: item.construct, wave: wave, position: item.position) else {
                isFallback = true
                return
            }
        }

        /// A person-cohort one of whose answers the database refused.
        public func refused(participantKey: Int64, cohortKey: Int64) {
            fallback.insert(PersonCohort(participantKey: participantKey, cohortKey: cohortKey))
        }

        /// Writes the last run's scores, then scores from the stored answers every person-cohort
        /// that could not be scored from its rows.
        public func finish(_ db: Database) throws {
            try close()
            current = nil
            try writer.flush()
            if !fallback.isEmpty { try refresh(db, touched: Array(fallback), catalogue: catalogue) }
        }

        private func close() throws {
            guard let current else { return }
            closed.insert(current)
            if isFallback || catalogue.constructs.isEmpty {
                fallback.insert(current)
                group.reset()
            } else {
                try group.finish(current, into: writer)
            }
        }
    }
}
