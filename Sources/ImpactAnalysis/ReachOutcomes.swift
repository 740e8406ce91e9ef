import Foundation
import ImpactStatistics

/// Shared pieces of reach.csv, funnel.csv, outcomes.csv and their extensions
/// (comparison.csv, dosage_outcomes.csv): keys, counts, figures and ordering.
/// Namespaced so that they do not clash with the pre/post and alpha helpers.
enum ReachOutcomes {
    /// A programme and year: the unit every table is reported by.
    struct ProgrammeYear: Hashable, Sendable {
        let programme: String
        let year: Int

        /// Programme id in code-point order, then year.
        static func precedes(_ left: Self, _ right: Self) -> Bool {
            if left.programme != right.programme { return ReachOutcomes.precedes(left.programme, right.programme) }
            return left.year < right.year
        }
    }

    /// Known and yes counts of one outcome (or indicator) in one group of people.
    struct Counts: Sendable, Equatable {
        var known = 0
        var yes = 0

        static func += (left: inout Self, right: Self) {
            left.known += right.known
            left.yes += right.yes
        }

        /// Counts one more person with the outcome known.
        mutating func add(_ value: Bool) {
            known += 1
            if value { yes += 1 }
        }

        /// n_yes / n_known, nil when nobody is known.
        var rate: Double? { known > 0 ? Double(yes) / Double(known) : nil }
    }

    /// Code-point (UTF-8 byte) order of ids: the order of SQLite's BINARY collation.
    static func precedes(_ left: String, _ right: String) -> Bool {
        compareBytes(left, right) < 0
    }

    /// Whether two ids are the same bytes (String's == would also equate canonically
    /// equivalent but different ids).
    static func sameBytes(_ left: String, _ right: String) -> Bool {
        compareBytes(left, right) == 0
    }

    /// The sign of the comparison of two strings' UTF-8 bytes (memcmp, then the shorter first).
    private static func compareBytes(_ left: String, _ right: String) -> Int {
        var left = left
        var right = right
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                let common = min(leftBytes.count, rightBytes.count)
                if common > 0, let leftBase = leftBytes.baseAddress, let rightBase = rightBytes.baseAddress {
                    let order = memcmp(leftBase, rightBase, common)
                    if order != 0 { return order < 0 ? -1 : 1 }
                }
                return leftBytes.count == rightBytes.count ? 0 : (leftBytes.count < rightBytes.count ? -1 : 1)
            }
        }
    }

    /// The outcomes.csv figures of one group: n_known, n_yes, rate, Wilson ci_low/ci_high,
    /// benchmark_rate, diff_pp and the z-test p-value against the benchmark.
    static func outcomeFigures(_ counts: Counts, benchmark: Double?) -> (cells: [Cell], pValue: Double?) {
        let rate = counts.rate
        let interval = wilsonInterval(successes: counts.yes, trials: counts.known)
        let difference = rate.flatMap { rate in benchmark.map { (rate - $0) * 100 } }
        let pValue = benchmark.flatMap { proportionZTest(successes: counts.yes, trials: counts.known, benchmark: $0)?.pValue }
        let cells: [Cell] = [
            .integer(counts.known), .integer(counts.yes), .number(rate),
            .number(interval?.low), .number(interval?.high),
            .number(benchmark), .number(difference), .number(pValue),
        ]
        return (cells, pValue)
    }
}

extension ReachOutcomes {
    /// Group values in the contract's order (yes, no for booleans; the categories as listed in
    /// DATA-CONTRACT.md), any other value after them in code-point order, `unknown` last.
    static func sortedGroupValues(_ values: [String], of dimension: SubgroupDimension) -> [String] {
        let order: [String]
        switch dimension {
        case .fsm, .firstGeneration, .lowSES: order = ["yes", "no"]
        case .gender: order = ["female", "male", "non_binary", "other", "prefer_not_to_say"]
        case .ethnicity: order = ["asian", "black", "mixed", "white", "other", "prefer_not_to_say"]
        }
        func rank(_ value: String) -> Int {
            if value == "unknown" { return order.count + 1 }
            return order.firstIndex(of: value) ?? order.count
        }
        return values.sorted { left, right in
            let (leftRank, rightRank) = (rank(left), rank(right))
            return leftRank != rightRank ? leftRank < rightRank : precedes(left, right)
        }
    }
}
