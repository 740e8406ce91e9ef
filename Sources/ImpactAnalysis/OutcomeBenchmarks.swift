import ImpactStore

/// National benchmark rates of one population, by outcome and year.
struct OutcomeBenchmarks: Sendable {
    /// Rates by outcome, as (year, rate) sorted by year.
    private let rates: [String: [(year: Int, rate: Double)]]

    /// Reads every benchmark of `population`.
    init(_ snapshot: any AnalysisSnapshot, population: String) throws {
        var rates: [String: [(year: Int, rate: Double)]] = [:]
        for benchmark in try snapshot.benchmarks(population: population) {
            rates[benchmark.outcome, default: []].append((benchmark.year, benchmark.rate))
        }
        self.rates = rates
    }

    /// The rate for `outcome` in `year`, else in the latest earlier year; nil when there is none.
    func rate(for outcome: String, in year: Int) -> Double? {
        rates[outcome]?.last { $0.year <= year }?.rate
    }
}
