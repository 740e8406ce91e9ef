import GRDB
import ImpactStore

/// National benchmark rates of one population, by outcome and year.
struct OutcomeBenchmarks: Sendable {
    /// Rates by outcome, as (year, rate) sorted by year.
    private let rates: [String: [(year: Int, rate: Double)]]

    /// Reads every benchmark of `population`.
    init(_ db: Database, population: String) throws {
        var rates: [String: [(year: Int, rate: Double)]] = [:]
        let rows = try Row.fetchCursor(db, sql: try StoreResources.query("analysis/benchmarks"), arguments: ["population": population])
        while let row = try rows.next() {
            rates[row[0] as String, default: []].append((row[1], row[2]))
        }
        self.rates = rates
    }

    /// The rate for `outcome` in `year`, else in the latest earlier year; nil when there is none.
    func rate(for outcome: String, in year: Int) -> Double? {
        rates[outcome]?.last { $0.year <= year }?.rate
    }
}
