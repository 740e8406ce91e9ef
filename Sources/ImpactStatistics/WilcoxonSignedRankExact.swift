/// The largest number of non-zero differences `wilcoxonSignedRankExactPValue` accepts: up to
/// 50 the subset counts (at most 2⁵⁰) are exact in both `UInt64` and `Double`.
public let wilcoxonExactMaximumCount = 50

/// The exact two-sided p-value of the Wilcoxon signed-rank statistic V (the sum of the ranks of
/// the positive differences) among `nonZeroCount` = m non-zero differences without ties.
/// Nil when m < 1, m > 50 (`wilcoxonExactMaximumCount`) or V is outside 0…m(m + 1)/2.
///
/// Under the null each subset of the ranks {1, …, m} is equally likely to be the positive ones,
/// so P(V = v) = c(v)/2ᵐ with c(v) the number of subsets summing to v (Wilcoxon 1945;
/// Lehmann 1975, §3.2). As R's `wilcox.test(x, exact = TRUE)`: p = P(V ≥ v) when
/// v > m(m + 1)/4, else P(V ≤ v), and the result is min(1, 2p). Counts and p are exact (p is
/// c/2ᵐ⁻¹ with c < 2⁵³); R's `psignrank` sums rounded terms and can differ in the last bit.
public func wilcoxonSignedRankExactPValue(nonZeroCount m: Int, positiveRankSum v: Int) -> Double? {
    guard m >= 1, m <= wilcoxonExactMaximumCount else { return nil }
    let maximum = m * (m + 1) / 2
    guard v >= 0, v <= maximum else { return nil }
    // The distribution is symmetric about m(m + 1)/4, so P(V ≥ v) = P(V ≤ maximum − v).
    let tail = 2 * v > maximum ? maximum - v : v
    let counts = signedRankCounts(m, upTo: tail)
    let atOrBelow = counts.reduce(0, +)
    // 2 · count / 2ᵐ: a power-of-two scaling of an integer below 2⁵³, so exact in Double.
    let p = Double(atOrBelow) / Double(UInt64(1) << UInt64(m - 1))
    return min(1, p)
}

/// c(0), …, c(`limit`): how many subsets of {1, …, m} sum to each value, by the recurrence
/// c_k(s) = c_{k−1}(s) + c_{k−1}(s − k) over the ranks k = 1, …, m. Every count is below 2ᵐ.
func signedRankCounts(_ m: Int, upTo limit: Int) -> [UInt64] {
    var counts = [UInt64](repeating: 0, count: limit + 1)
    counts[0] = 1
    for rank in stride(from: 1, through: m, by: 1) where rank <= limit {
        for sum in stride(from: limit, through: rank, by: -1) {
            counts[sum] += counts[sum - rank]
        }
    }
    return counts
}
