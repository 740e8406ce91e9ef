public import Foundation

/// A deterministic synthetic dataset in the data contract's CSV layout, for `impact demo` and tests.
///
/// The same participants, seed and years give byte-identical files on every run and platform.
/// The world it draws: three programmes (online course, research placements, careers platform)
/// over several years; applicants with realistic missingness; a pre/post survey with a real
/// effect, larger for FSM pupils and smaller for those who withdrew; outcomes for participants
/// and for applicants who did not take part; national benchmarks for FSM pupils.
public struct SyntheticDataset: Sendable, Equatable {
    /// The number of people (applicants and participants) in participants.csv.
    public let participants: Int
    /// The seed: the same seed gives the same files.
    public let seed: UInt64
    /// The calendar years the cohorts run in.
    public let years: ClosedRange<Int>

    /// A dataset of `participants` people (a negative count is taken as 0) over `years`.
    public init(participants: Int, seed: UInt64, years: ClosedRange<Int> = 2019...2025) {
        self.participants = max(0, participants)
        self.seed = seed
        self.years = years
    }

    /// The files written, in the contract's import (dependency) order.
    public static let fileNames = headers.map(\.fileName)

    /// Writes the contract's CSV files into `folder` (created if needed, files replaced) and returns
    /// the number of data rows (header excluded) written to each, by file name.
    public func write(to folder: URL) throws -> [String: Int] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw SyntheticDataError.cannotCreateFolder(path: folder.path, detail: error.localizedDescription)
        }
        let plan = CohortPlan(years: years, participants: participants)
        let writers = try Self.headers.map { try CSVFileWriter(folder: folder, fileName: $0.fileName, header: $0.columns) }
        let (programmes, cohorts, people, enrolments, surveyItems, responses, outcomes, benchmarks) =
            (writers[0], writers[1], writers[2], writers[3], writers[4], writers[5], writers[6], writers[7])

        try writeProgrammes(to: programmes)
        try writeCohorts(plan, to: cohorts)
        try writeSurveyItems(to: surveyItems)
        let idWidth = max(7, String(participants).count)
        for index in 0..<participants {
            // One generator stream per person: a person's draws do not depend on anyone else's.
            var generator = SeededGenerator(seed: seed, stream: UInt64(index))
            let person = SyntheticPerson(number: index + 1, idWidth: idWidth, years: years, using: &generator)
            try person.writeRow(to: people)
            var journey = SyntheticJourney(person: person, plan: plan, generator: generator)
            try journey.write(enrolments: enrolments, responses: responses, outcomes: outcomes)
        }
        try writeBenchmarks(to: benchmarks)

        var rows: [String: Int] = [:]
        for writer in writers {
            try writer.close()
            rows[writer.fileName] = writer.rowCount
        }
        return rows
    }

    /// Each file's name and header, in import order; participants.csv has every contract column.
    static let headers: [(fileName: String, columns: [String])] = [
        ("programmes.csv", ["programme_id", "name", "description"]),
        ("cohorts.csv", ["cohort_id", "programme_id", "year", "delivery_mode", "region", "start_date", "end_date"]),
        ("participants.csv", SyntheticPerson.header),
        ("enrolments.csv", ["participant_id", "cohort_id", "status", "applied_on", "hours"]),
        ("survey_items.csv", ["instrument_id", "item_id", "construct", "scale_min", "scale_max", "reverse_coded", "text"]),
        ("responses.csv", ["participant_id", "cohort_id", "instrument_id", "wave", "item_id", "value", "responded_on"]),
        ("outcomes.csv", ["participant_id", "outcome", "value", "observed_on", "source"]),
        ("benchmarks.csv", ["outcome", "population", "year", "rate", "source"]),
    ]

    private func writeProgrammes(to writer: CSVFileWriter) throws {
        for programme in SyntheticCatalogue.Programme.allCases {
            writer.field(programme.id)
            writer.field(programme.name)
            writer.field(programme.description)
            try writer.endRow()
        }
    }

    private func writeCohorts(_ plan: CohortPlan, to writer: CSVFileWriter) throws {
        for cohort in plan.cohorts {
            writer.field(bytes: cohort.idBytes)
            writer.field(cohort.programme.id)
            writer.field(cohort.year)
            writer.field(cohort.deliveryMode)
            writer.field(cohort.region)
            writer.field(bytes: cohort.start.isoBytes)
            writer.field(bytes: cohort.end.isoBytes)
            try writer.endRow()
        }
    }

    private func writeSurveyItems(to writer: CSVFileWriter) throws {
        for construct in SyntheticCatalogue.constructs {
            for item in construct.items {
                writer.field(SyntheticCatalogue.instrumentID)
                writer.field(item.id)
                writer.field(construct.name)
                writer.field(SyntheticCatalogue.scale.lowerBound)
                writer.field(SyntheticCatalogue.scale.upperBound)
                writer.field(item.isReverseCoded)
                writer.field(item.text)
                try writer.endRow()
            }
        }
    }

    private func writeBenchmarks(to writer: CSVFileWriter) throws {
        for year in years {
            for trend in SyntheticCatalogue.benchmarkTrends {
                let rate = min(10_000, max(0, trend.rateIn2019 + trend.changePerYear * (year - 2019)))
                writer.field(trend.outcome)
                writer.field(SyntheticCatalogue.benchmarkPopulation)
                writer.field(year)
                writer.field(scaled: rate, decimals: 4)
                writer.field(SyntheticCatalogue.benchmarkSource)
                try writer.endRow()
            }
        }
    }
}
