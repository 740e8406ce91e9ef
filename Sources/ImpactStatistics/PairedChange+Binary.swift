/// The paired change from `pre` to `post` scores in binary floating point (equal lengths, pair i
/// being `pre[i]`, `post[i]`), with every prepost.csv figure as the contract defines it
/// (docs/metrics.md), for scores that are not fractions of stored integers; construct scores go
/// through `pairedChange(pre:post:)` on `ScoreFraction`s, which is exact.
///
/// The differences are post − pre as computed in binary floating point, and means and SDs use
/// NumPy's order of operations (`numpy.mean`, `numpy.std(ddof=1)`; t as `scipy.stats.ttest_rel`),
/// so that every figure is the one NumPy and SciPy give for the same pairs in the same order,
/// down to the rounding of differences such as 14/3 − 11/3 (1.0000000000000004) against
/// 11/3 − 8/3 (1.0).
public func pairedChange(pre: [Double], post: [Double]) -> PairedChange {
    precondition(pre.count == post.count, "pairedChange needs as many post scores (\(post.count)) as pre scores (\(pre.count))")
    let count = pre.count
    guard count >= 1 else { return .empty }
    let differences = zip(post, pre).map { $0 - $1 }
    let meanChange = NumPyOrder.mean(differences)
    var sdChange: Double?
    var t: Double?
    if count >= 2 {
        let n = Double(count)
        let squaredDeviations = NumPyOrder.sumOfSquaredDeviations(differences, mean: meanChange)
        let deviation = (squaredDeviations / (n - 1)).squareRoot()
        sdChange = deviation
        if deviation > 0 {
            // As scipy.stats.ttest_rel forms it: the variance is the mean squared deviation times
            // n/(n − 1), and the standard error √(variance/n).
            let variance = squaredDeviations / n * (n / (n - 1))
            t = meanChange / (variance / n).squareRoot()
        }
    }
    let meanPre = NumPyOrder.mean(pre)
    let meanPost = NumPyOrder.mean(post)
    return PairedChange(count: count, meanPre: meanPre, meanPost: meanPost, meanChange: meanChange, sdChange: sdChange,
                        sdPre: count >= 2 ? NumPyOrder.sampleStandardDeviation(pre, mean: meanPre) : nil,
                        sdPost: count >= 2 ? NumPyOrder.sampleStandardDeviation(post, mean: meanPost) : nil,
                        t: t, signedRanks: SignedRanks(differences),
                        improved: differences.reduce(0) { $0 + ($1 > 0 ? 1 : 0) })
}

/// Sums, means and SDs in NumPy's order of operations, so that figures on the same data agree
/// with NumPy's to the last bit, which matters when the differences are equal but for rounding.
enum NumPyOrder {
    /// The sum as `numpy.add.reduce` forms it for a contiguous float64 array: 0 plus the
    /// pairwise sum of numpy/_core/src/umath/loops_utils.h.src (blocks of 128 summed with 8
    /// accumulators, halves split at a multiple of 8).
    static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { buffer in 0 + pairwiseSum(0, buffer.count) { buffer[$0] } }
    }

    /// `numpy.mean`: the sum divided by n (n ≥ 1).
    static func mean(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "the mean needs at least one value")
        return sum(values) / Double(values.count)
    }

    /// Σ (x − mean)², each square formed as (x − mean)·(x − mean) and summed as `numpy.std` and
    /// SciPy's `_moment` sum them.
    static func sumOfSquaredDeviations(_ values: [Double], mean: Double) -> Double {
        values.withUnsafeBufferPointer { buffer in
            0 + pairwiseSum(0, buffer.count) { index in
                let deviation = buffer[index] - mean
                return deviation * deviation
            }
        }
    }

    /// `numpy.std(values, ddof=1)` about `mean` (n ≥ 2).
    static func sampleStandardDeviation(_ values: [Double], mean: Double) -> Double {
        (sumOfSquaredDeviations(values, mean: mean) / Double(values.count - 1)).squareRoot()
    }

    /// NumPy's pairwise sum of `term(start)` … `term(start + count − 1)`.
    @inline(__always)
    private static func pairwiseSum(_ start: Int, _ count: Int, _ term: (Int) -> Double) -> Double {
        if count < 8 {
            var total = 0.0
            for index in start..<(start + count) { total += term(index) }
            return total
        }
        if count <= 128 {
            var (r0, r1, r2, r3) = (term(start), term(start + 1), term(start + 2), term(start + 3))
            var (r4, r5, r6, r7) = (term(start + 4), term(start + 5), term(start + 6), term(start + 7))
            var index = start + 8
            let blocksEnd = start + count - count % 8
            while index < blocksEnd {
                r0 += term(index); r1 += term(index + 1); r2 += term(index + 2); r3 += term(index + 3)
                r4 += term(index + 4); r5 += term(index + 5); r6 += term(index + 6); r7 += term(index + 7)
                index += 8
            }
            var total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while index < start + count {
                total += term(index)
                index += 1
            }
            return total
        }
        var half = count / 2
        half -= half % 8
        return pairwiseSum(start, half, term) + pairwiseSum(start + half, count - half, term)
    }
}
