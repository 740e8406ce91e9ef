/// The rows the analysis and the report read from a store (`AnalysisSnapshot`), as plain values.
public enum AnalysisRecord {
    /// A cohort (`cohorts`).
    public struct Cohort: Sendable, Equatable {
        /// `cohorts.cohort_key`.
        public let key: Int64
        public let cohortID: String
        public let programmeID: String
        public let year: Int

        /// A cohort from its columns.
        public init(key: Int64, cohortID: String, programmeID: String, year: Int) {
            self.key = key
            self.cohortID = cohortID
            self.programmeID = programmeID
            self.year = year
        }
    }

    /// A programme and the years it has cohorts in.
    public struct ProgrammeYears: Sendable, Equatable {
        public let programmeID: String
        /// The years, ascending, as "2023, 2024".
        public let years: String

        /// A programme's years from their columns.
        public init(programmeID: String, years: String) {
            self.programmeID = programmeID
            self.years = years
        }
    }

    /// A person with research consent (`participant_flags`).
    public struct Person: Sendable, Equatable {
        public let participantID: String
        /// `participants.participant_key`.
        public let participantKey: Int64
        /// The eight reach indicators as base-3 digits, fsm the least significant: 1 yes, 0 no,
        /// 2 unknown (queries/engine/analysis/people.sql lists them in order).
        public let indicatorCode: Int
        /// The stored gender category (nil: unknown).
        public let gender: String?
        /// The stored ethnicity category (nil: unknown).
        public let ethnicity: String?

        /// A person from the columns of queries/engine/analysis/people.sql.
        public init(participantID: String, participantKey: Int64, indicatorCode: Int, gender: String?, ethnicity: String?) {
            self.participantID = participantID
            self.participantKey = participantKey
            self.indicatorCode = indicatorCode
            self.gender = gender
            self.ethnicity = ethnicity
        }
    }

    /// An enrolment of a person in a cohort (`enrolments`).
    public struct Enrolment: Sendable, Equatable {
        public let participantID: String
        public let cohortID: String
        /// The furthest stage: 0 applied, 1 offered or declined, 2 started or withdrawn,
        /// 3 completed.
        public let stage: Int
        /// Contact hours (nil: unknown).
        public let hours: Double?

        /// An enrolment from the columns of queries/engine/analysis/enrolments.sql.
        public init(participantID: String, cohortID: String, stage: Int, hours: Double?) {
            self.participantID = participantID
            self.cohortID = cohortID
            self.stage = stage
            self.hours = hours
        }
    }

    /// A recorded outcome of a person (`outcomes`).
    public struct Outcome: Sendable, Equatable {
        public let participantID: String
        public let outcome: String
        public let value: Bool

        /// An outcome from its columns.
        public init(participantID: String, outcome: String, value: Bool) {
            self.participantID = participantID
            self.outcome = outcome
            self.value = value
        }
    }

    /// A national benchmark rate of one outcome in one year (`benchmarks`).
    public struct Benchmark: Sendable, Equatable {
        public let outcome: String
        public let year: Int
        public let rate: Double

        /// A benchmark from its columns.
        public init(outcome: String, year: Int, rate: Double) {
            self.outcome = outcome
            self.year = year
            self.rate = rate
        }
    }

    /// One imported file, as the imports log holds it (`imports`).
    public struct Import: Sendable, Equatable {
        /// The file's path as imported, its kind, sha256, rows read, rows rejected and when.
        public let path: String
        public let kind: String
        public let sha256: String
        public let rows: Int
        public let rejected: Int
        public let finishedAt: String

        /// An import from its columns.
        public init(path: String, kind: String, sha256: String, rows: Int, rejected: Int, finishedAt: String) {
            self.path = path
            self.kind = kind
            self.sha256 = sha256
            self.rows = rows
            self.rejected = rejected
            self.finishedAt = finishedAt
        }
    }

    /// Where the figures come from, as the store knows it.
    public struct Provenance: Sendable, Equatable {
        /// The latest import of each path, oldest first.
        public let imports: [Import]
        /// How each instrument's scores were made (`survey_constructs.scoring`), by instrument_id.
        public let instrumentScoring: [String: ScoringRule]

        /// Provenance from its parts.
        public init(imports: [Import], instrumentScoring: [String: ScoringRule]) {
            self.imports = imports
            self.instrumentScoring = instrumentScoring
        }
    }
}
