/// The two-sided p-value of the Wilcoxon signed-rank test of paired `differences` (post − pre):
/// zero differences dropped, average ranks for ties, normal approximation with the tie
/// correction and no continuity correction (Wilcoxon 1945; Lehmann 1975, §3.2).
/// Nil when no difference is non-zero.
///
/// z = (R₊ − n(n+1)/4) / √([n(n+1)(2n+1) − ½Σ(t³ − t)] / 24), p = 2·(1 − Φ(|z|)); the same as
/// `scipy.stats.wilcoxon(d, zero_method="wilcox", correction=False, method="approx")`.
/// Ties are exact equalities of |d|: give integers (differences on a common denominator, as
/// `pairedChange` on `ScoreFraction`s does) for the mathematical ties; doubles that differ only
/// by binary rounding are distinct values.
public func wilcoxonSignedRankPValue<Difference: SignedNumeric & Comparable>(differences: [Difference]) -> Double? {
    SignedRanks(differences)?.normalApproximationPValue
}

/// The signed ranks of paired differences: how many are non-zero, the sum of the ranks of the
/// positive ones (R₊, average ranks for ties) and the tie correction Σ(t³ − t).
struct SignedRanks: Sendable, Equatable {
    /// m, the number of non-zero differences.
    let count: Int
    /// R₊.
    let positiveRankSum: Double
    /// Σ(t³ − t) over the groups of tied |d| (0 when there are no ties).
    let tieCorrection: Double

    /// Nil when no difference is non-zero.
    init?<Difference: SignedNumeric & Comparable>(_ differences: [Difference]) {
        let nonZero = differences.filter { $0 != .zero }.sorted { $0.magnitude < $1.magnitude }
        guard !nonZero.isEmpty else { return nil }
        var positiveRankSum = 0.0
        var tieCorrection = 0.0
        var start = 0
        while start < nonZero.count {
            var end = start + 1
            while end < nonZero.count, nonZero[end].magnitude == nonZero[start].magnitude { end += 1 }
            // Ranks start + 1 … end share their average.
            let averageRank = Double(start + 1 + end) / 2
            for index in start..<end where nonZero[index] > .zero { positiveRankSum += averageRank }
            let tied = Double(end - start)
            tieCorrection += tied * tied * tied - tied
            start = end
        }
        count = nonZero.count
        self.positiveRankSum = positiveRankSum
        self.tieCorrection = tieCorrection
    }

    /// Nil when no difference is non-zero; the same figures as `init?(_:)` on the same integers.
    ///
    /// Survey differences on a common denominator take few distinct values: when the largest
    /// magnitude is small (at most `countingLimit`, or four times the number of differences), the
    /// differences are counted by magnitude, and the ranks follow from the counts in magnitude
    /// order with no sort; otherwise `init?(_:)` sorts them.
    init?(integers differences: [Int128]) {
        var largest: Int128 = 0
        for difference in differences where difference.magnitude > largest.magnitude { largest = difference }
        guard largest != 0 else { return nil }
        let limit = max(Self.countingLimit, 4 * differences.count)
        guard let top = Int(exactly: largest.magnitude), top <= limit else {
            guard let ranks = SignedRanks(differences) else { return nil }
            self = ranks
            return
        }
        // Per magnitude 1 … top: how many differences have it, and how many of those are positive.
        var tally = [Int](repeating: 0, count: top + 1), positives = [Int](repeating: 0, count: top + 1)
        for difference in differences where difference != 0 {
            let magnitude = Int(truncatingIfNeeded: difference.magnitude)
            tally[magnitude] += 1
            if difference > 0 { positives[magnitude] += 1 }
        }
        var positiveRankSum = 0.0
        var tieCorrection = 0.0
        var below = 0
        for magnitude in 1...top where tally[magnitude] > 0 {
            // Ranks below + 1 … below + tied share their average.
            let tied = tally[magnitude]
            positiveRankSum += Double(positives[magnitude]) * (Double(2 * below + 1 + tied) / 2)
            let size = Double(tied)
            tieCorrection += size * size * size - size
            below += tied
        }
        self.init(count: below, positiveRankSum: positiveRankSum, tieCorrection: tieCorrection)
    }

    /// The largest magnitude that `init?(integers:)` always counts rather than sorts.
    static let countingLimit = 256

    private init(count: Int, positiveRankSum: Double, tieCorrection: Double) {
        self.count = count
        self.positiveRankSum = positiveRankSum
        self.tieCorrection = tieCorrection
    }

    /// The exact two-sided p-value when there are no ties and at most 50 non-zero differences
    /// (R₊ is then an integer), else nil.
    var exactPValue: Double? {
        guard tieCorrection == 0, count <= wilcoxonExactMaximumCount, let sum = Int(exactly: positiveRankSum) else { return nil }
        return wilcoxonSignedRankExactPValue(nonZeroCount: count, positiveRankSum: sum)
    }

    /// The normal approximation's two-sided p-value (no continuity correction).
    var normalApproximationPValue: Double {
        let n = Double(count)
        let expected = n * (n + 1) / 4
        let standardError = ((n * (n + 1) * (2 * n + 1) - tieCorrection / 2) / 24).squareRoot()
        let z = (positiveRankSum - expected) / standardError
        return min(1, 2 * StandardNormal.survival(abs(z)))
    }
}
