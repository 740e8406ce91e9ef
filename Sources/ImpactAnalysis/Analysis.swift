public import ImpactStore

/// The contract's metrics over an impact database: reach, funnel, pre/post change, scale
/// reliability and outcomes, each as an output table in the contract's layout
/// (docs/metrics.md). Reads only; people with consent_research = no are left out.
public struct Analysis: Sendable {
    /// The store read.
    public let backend: any AnalysisBackend
    /// The programme-years covered.
    public let scope: AnalysisScope

    /// An analysis of `backend` limited to `scope`.
    public init(backend: any AnalysisBackend, scope: AnalysisScope = AnalysisScope()) {
        self.backend = backend
        self.scope = scope
    }

    /// An analysis of `database` limited to `scope`.
    public init(database: ImpactDatabase, scope: AnalysisScope = AnalysisScope()) {
        self.init(backend: database, scope: scope)
    }

    /// The contract's five tables (reach, funnel, prepost, alpha, outcomes), then the
    /// extensions (comparison, dosage_outcomes, dosage_prepost), each data source read once: the
    /// people, their enrolments and outcomes on one connection while the stored construct scores
    /// are read on the others (`SurveyData.Read`).
    public func tables(bands: DosageBands = .standard,
                       benchmarkPopulation: String = Analysis.defaultBenchmarkPopulation) throws -> [OutputTable] {
        Self.tables(try readAll(benchmarkPopulation: benchmarkPopulation), bands: bands)
    }

    /// Refuses a scope that names a programme or year with no cohort, naming the programmes
    /// and years there are (a typo would otherwise give an empty report).
    public func checkScope() throws {
        guard scope.programme != nil || scope.year != nil else { return }
        let (inScope, available) = try backend.read { snapshot in
            (try snapshot.cohorts(programme: scope.programme, year: scope.year).count,
             try snapshot.programmeYears().map { "\($0.programmeID) (\($0.years))" })
        }
        guard inScope == 0 else { return }
        let asked = [scope.programme.map { "programme \($0)" }, scope.year.map { "year \($0)" }].compactMap { $0 }.joined(separator: " in ")
        let there = available.isEmpty ? "the database has no cohorts yet; import cohorts.csv first"
            : "programmes and their years: \(available.joined(separator: "; ")) (ids are case-sensitive)"
        throw AnalysisError.emptyScope("no cohorts of \(asked); \(there)")
    }

    /// The people (with outcomes), the benchmarks and the survey data, from one consistent read.
    func readAll(benchmarkPopulation: String) throws -> (people: ReachOutcomeData, benchmarks: OutcomeBenchmarks, survey: SurveyData) {
        let read = try SurveyData.Read(backend, scope: scope, outcomes: true, benchmarkPopulation: benchmarkPopulation)
        guard let benchmarks = read.benchmarks else { throw AnalysisError.database("the benchmarks were not read") }
        return (read.population, benchmarks, SurveyData(population: read.population, catalogue: read.catalogue, passes: read.passes))
    }

    /// The eight tables of `tables(bands:benchmarkPopulation:)` from data already read.
    static func tables(_ data: (people: ReachOutcomeData, benchmarks: OutcomeBenchmarks, survey: SurveyData),
                       bands: DosageBands) -> [OutputTable] {
        tables(reachOutcomeTables(data.people, benchmarks: data.benchmarks, bands: bands), surveyTables(data.survey, bands: bands))
    }

    /// The eight tables of `tables(bands:benchmarkPopulation:)`, in that order, from tables computed.
    static func tables(_ people: ReachOutcomeTables, _ survey: SurveyTables) -> [OutputTable] {
        [people.reach, people.funnel, survey.prepost, survey.alpha, people.outcomes,
         people.comparison, people.dosageOutcomes, survey.dosagePrepost]
    }
}
