/// Numerically careful sums and moments shared by the statistics in this module.
enum Summation {
    /// The sum with Neumaier's compensation: as accurate as summing in twice the precision
    /// (Neumaier 1974, an improvement of Kahan 1965).
    static func sum<Values: Sequence<Double>>(_ values: Values) -> Double {
        var total = 0.0
        var compensation = 0.0
        for value in values {
            let next = total + value
            if abs(total) >= abs(value) {
                compensation += (total - next) + value
            } else {
                compensation += (value - next) + total
            }
            total = next
        }
        return total + compensation
    }

    /// For each row p, `sum(columns.map { $0[p] })`: the same compensated sums, in the same order,
    /// taken column by column (one pass over each column, no per-element array access across them).
    /// Every column has the length of the first.
    static func rowSums(_ columns: [[Double]]) -> [Double] {
        let count = columns.first?.count ?? 0
        var totals = [Double](repeating: 0, count: count)
        var compensations = [Double](repeating: 0, count: count)
        for column in columns {
            precondition(column.count == count, "rowSums needs columns of one length")
            column.withUnsafeBufferPointer { values in
                for row in 0..<count {
                    let total = totals[row], value = values[row]
                    let next = total + value
                    if abs(total) >= abs(value) {
                        compensations[row] += (total - next) + value
                    } else {
                        compensations[row] += (value - next) + total
                    }
                    totals[row] = next
                }
            }
        }
        for row in 0..<count { totals[row] += compensations[row] }
        return totals
    }

    /// The arithmetic mean of at least one value; exactly the value when all are equal.
    static func mean(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "the mean needs at least one value")
        if let first = values.first, values.allSatisfy({ $0 == first }) { return first }
        return sum(values) / Double(values.count)
    }

    /// The sample variance (n − 1 denominator) of at least two values about their `mean`:
    /// the corrected two-pass algorithm (Chan, Golub & LeVeque 1983); exactly 0 for equal values.
    static func sampleVariance(_ values: [Double], mean: Double) -> Double {
        precondition(values.count >= 2, "the sample variance needs at least two values")
        if let first = values.first, values.allSatisfy({ $0 == first }) { return 0 }
        let squares = sum(values.lazy.map { ($0 - mean) * ($0 - mean) })
        let deviations = sum(values.lazy.map { $0 - mean })
        let count = Double(values.count)
        return max(0, (squares - deviations * deviations / count) / (count - 1))
    }

    /// The sample covariance (n − 1 denominator) of two equally long series of at least two values
    /// about their means, corrected two-pass as `sampleVariance` (Chan, Golub & LeVeque 1983).
    static func sampleCovariance(_ x: [Double], mean meanX: Double, _ y: [Double], mean meanY: Double) -> Double {
        precondition(x.count == y.count && x.count >= 2, "the sample covariance needs two series of the same length, at least two")
        let products = sum(zip(x, y).lazy.map { ($0 - meanX) * ($1 - meanY) })
        let deviationsX = sum(x.lazy.map { $0 - meanX })
        let deviationsY = sum(y.lazy.map { $0 - meanY })
        let count = Double(x.count)
        return (products - deviationsX * deviationsY / count) / (count - 1)
    }
}
