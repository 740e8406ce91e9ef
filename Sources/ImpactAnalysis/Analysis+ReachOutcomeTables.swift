import ImpactStore
extension Analysis {
    /// reach.csv, funnel.csv, outcomes.csv, comparison.csv and dosage_outcomes.csv from one read
    /// of the enrolments and outcomes: the way to compute more than one of them (each of
    /// `reach()`, `funnel()`, `outcomes()`, `comparison()` and `dosageOutcomes(bands:)` reads
    /// them again).
    public func reachOutcomeTables(
        bands: DosageBands = .standard,
        benchmarkPopulation: String = Analysis.defaultBenchmarkPopulation
    ) throws -> ReachOutcomeTables {
        let (data, benchmarks) = try backend.read { snapshot in
            (try ReachOutcomeData.read(snapshot, scope: scope, outcomes: true),
             try OutcomeBenchmarks(snapshot, population: benchmarkPopulation))
        }
        return Self.reachOutcomeTables(data, benchmarks: benchmarks, bands: bands)
    }

    static func reachOutcomeTables(_ data: ReachOutcomeData, benchmarks: OutcomeBenchmarks, bands: DosageBands) -> ReachOutcomeTables {
        ReachOutcomeTables(
            reach: reachTable(data), funnel: funnelTable(data),
            outcomes: outcomesTable(data, benchmarks: benchmarks),
            comparison: comparisonTable(data),
            dosageOutcomes: dosageOutcomesTable(data, bands: bands)
        )
    }
}

/// The tables computed from enrolments and outcomes.
public struct ReachOutcomeTables: Sendable, Equatable {
    /// reach.csv.
    public let reach: OutputTable
    /// funnel.csv.
    public let funnel: OutputTable
    /// outcomes.csv.
    public let outcomes: OutputTable
    /// comparison.csv (an extension).
    public let comparison: OutputTable
    /// dosage_outcomes.csv (an extension).
    public let dosageOutcomes: OutputTable

    /// The five tables in that order.
    public var all: [OutputTable] { [reach, funnel, outcomes, comparison, dosageOutcomes] }
}
