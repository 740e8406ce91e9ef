/// Every figure of one row of prepost.csv: the change from pre to post in paired scores.
///
/// Property names follow the contract's columns. A figure the contract leaves undefined for
/// these data is nil (an empty cell).
public struct PairedChange: Sendable, Equatable {
    /// n_pairs: the number of pairs.
    public let nPairs: Int
    /// mean_pre: the mean of the pre scores (n ≥ 1).
    public let meanPre: Double?
    /// mean_post: the mean of the post scores (n ≥ 1).
    public let meanPost: Double?
    /// mean_change: the mean of post − pre (n ≥ 1).
    public let meanChange: Double?
    /// sd_change: the sample SD (n − 1) of post − pre (n ≥ 2).
    public let sdChange: Double?
    /// ci_low: the lower limit of the 95% Student t interval of mean_change (n ≥ 2).
    public let ciLow: Double?
    /// ci_high: the upper limit of the 95% Student t interval of mean_change (n ≥ 2).
    public let ciHigh: Double?
    /// t: the paired t statistic mean_change / (sd_change/√n) (n ≥ 2, sd_change > 0).
    public let t: Double?
    /// df: the degrees of freedom n − 1 (n ≥ 2).
    public let df: Int?
    /// p_value: the two-sided p-value of the paired t-test (n ≥ 2, sd_change > 0).
    public let pValue: Double?
    /// cohens_dz: mean_change / sd_change (n ≥ 2, sd_change > 0).
    public let cohensDz: Double?
    /// hedges_gav: mean_change / ((sd_pre + sd_post)/2) × J, J = 1 − 3/(4(n − 1) − 1)
    /// (n ≥ 2, sd_pre + sd_post > 0; J = 0 at n = 2, so the figure is 0 there).
    public let hedgesGav: Double?
    /// wilcoxon_p: the two-sided Wilcoxon signed-rank p-value (at least one non-zero difference).
    public let wilcoxonP: Double?
    /// pct_improved: the share of pairs with post > pre, a proportion in [0, 1] (n ≥ 1).
    public let pctImproved: Double?
    /// The sample SD (n − 1) of the pre scores (n ≥ 2); not a contract column.
    public let sdPre: Double?
    /// The sample SD (n − 1) of the post scores (n ≥ 2); not a contract column.
    public let sdPost: Double?
    /// wilcoxon_p_exact (extension): the exact two-sided signed-rank p when there are 1 to 50
    /// non-zero differences and no ties among them (`wilcoxonSignedRankExactPValue`).
    public var wilcoxonPExact: Double? = nil
    /// cohens_dz_ci_low/high (extension): the 95% noncentral-t interval of d_z (`cohensDzInterval`).
    public var cohensDzInterval: ConfidenceInterval? = nil
    /// hedges_gav_ci_low/high (extension): the 95% interval of g_av (`hedgesGavInterval`, n ≥ 3).
    public var hedgesGavInterval: ConfidenceInterval? = nil
}


extension PairedChange {
    /// The row of no pairs: every figure empty.
    static let empty = PairedChange(nPairs: 0, meanPre: nil, meanPost: nil, meanChange: nil, sdChange: nil,
                                    ciLow: nil, ciHigh: nil, t: nil, df: nil, pValue: nil, cohensDz: nil,
                                    hedgesGav: nil, wilcoxonP: nil, pctImproved: nil, sdPre: nil, sdPost: nil)

    /// Every figure from the pairs' summaries (`count` ≥ 1): the SDs nil when `count` = 1, and `t`
    /// given exactly when sd_change > 0 (the caller decides what is zero).
    ///
    /// Student t interval (Student 1908); d_z and g_av as named by Lakens (2013), J as Hedges (1981).
    init(count: Int, meanPre: Double, meanPost: Double, meanChange: Double, sdChange: Double?,
         sdPre: Double?, sdPost: Double?, t: Double?, signedRanks: SignedRanks?, improved: Int) {
        let pctImproved = Double(improved) / Double(count)
        let wilcoxonP = signedRanks?.normalApproximationPValue
        let wilcoxonPExact = signedRanks?.exactPValue
        guard count >= 2, let sdChange, let sdPre, let sdPost else {
            self.init(nPairs: count, meanPre: meanPre, meanPost: meanPost, meanChange: meanChange,
                      sdChange: nil, ciLow: nil, ciHigh: nil, t: nil, df: nil, pValue: nil,
                      cohensDz: nil, hedgesGav: nil, wilcoxonP: wilcoxonP, pctImproved: pctImproved,
                      sdPre: nil, sdPost: nil, wilcoxonPExact: wilcoxonPExact)
            return
        }
        let df = count - 1
        let distribution = StudentT(degreesOfFreedom: Double(df))
        let margin = distribution.quantile(0.975) * (sdChange / Double(count).squareRoot())
        // J = 1 − 3/(4·df − 1); + 0 turns −0 into 0.
        let correction = 1 - 3 / (4 * Double(df) - 1)
        let hedgesGav = sdPre + sdPost > 0 ? meanChange / ((sdPre + sdPost) / 2) * correction + 0 : nil
        self.init(nPairs: count, meanPre: meanPre, meanPost: meanPost, meanChange: meanChange,
                  sdChange: sdChange, ciLow: meanChange - margin, ciHigh: meanChange + margin,
                  t: t, df: df, pValue: t.map { distribution.twoSidedPValue($0) },
                  cohensDz: t == nil ? nil : meanChange / sdChange, hedgesGav: hedgesGav,
                  wilcoxonP: wilcoxonP, pctImproved: pctImproved, sdPre: sdPre, sdPost: sdPost,
                  wilcoxonPExact: wilcoxonPExact,
                  cohensDzInterval: t.flatMap { ImpactStatistics.cohensDzInterval(t: $0, n: count) },
                  hedgesGavInterval: ImpactStatistics.hedgesGavInterval(meanChange: meanChange, sdPre: sdPre, sdPost: sdPost,
                                                                        sdChange: sdChange, n: count))
    }
}

/// The paired change from `pre` to `post` construct scores (equal lengths, pair i being `pre[i]`,
/// `post[i]`), with every prepost.csv figure as the contract defines it (docs/metrics.md),
/// formed from the scores' integers.
///
/// With L the least common multiple of the scores' denominators, every score times L is an
/// integer, and so is every difference xᵢ = L·(postᵢ − preᵢ). Sums and sums of squares are taken
/// on those integers, exactly (128-bit), and divided once at the end: equal rational changes are
/// equal, a constant change has an SD of exactly 0 (t, p_value and cohens_dz empty), and the
/// Wilcoxon ranks tie exactly when the changes are equal. Data too large for 128 bits (a common
/// denominator above 2⁶³, or sums beyond 10³⁸) are taken in binary floating point instead
/// (`pairedChange(pre:post:)` on the scores' values).
public func pairedChange(pre: [ScoreFraction], post: [ScoreFraction]) -> PairedChange {
    precondition(pre.count == post.count, "pairedChange needs as many post scores (\(post.count)) as pre scores (\(pre.count))")
    guard !pre.isEmpty else { return .empty }
    if #available(macOS 15, *), let change = ExactPairs(pre: pre, post: post)?.change {
        return change
    }
    return pairedChange(pre: pre.map(\.value), post: post.map(\.value))
}

/// The integer summaries of paired scores on their common denominator (nil when a figure
/// overflows 128 bits).
@available(macOS 15, *)
private struct ExactPairs {
    let change: PairedChange

    /// Σy and Σy² of integers y (L·preᵢ, L·postᵢ or the differences xᵢ).
    struct Moments {
        var sum: Int128 = 0
        var sumOfSquares: Int128 = 0

        /// Adds y; false on overflow.
        mutating func add(_ value: Int128) -> Bool {
            let (square, squareOverflow) = Self.square(value)
            let (newSum, sumOverflow) = sum.addingReportingOverflow(value)
            let (newSquares, squaresOverflow) = sumOfSquares.addingReportingOverflow(square)
            guard !squareOverflow, !sumOverflow, !squaresOverflow else { return false }
            sum = newSum
            sumOfSquares = newSquares
            return true
        }

        /// y², with whether it overflows 128 bits; one full-width multiply when y fits in 64 bits.
        static func square(_ value: Int128) -> (Int128, Bool) {
            guard let small = Int64(exactly: value) else { return value.multipliedReportingOverflow(by: value) }
            let (high, low) = small.multipliedFullWidth(by: small)
            return (Int128(high) << 64 | Int128(low), false)
        }

        /// n·Σy² − (Σy)², or nil on overflow.
        func scaledSquaredDeviations(count: Int) -> Int128? {
            let (scaled, scaledOverflow) = sumOfSquares.multipliedReportingOverflow(by: Int128(count))
            let (square, squareOverflow) = sum.multipliedReportingOverflow(by: sum)
            guard !scaledOverflow, !squareOverflow else { return nil }
            return scaled - square
        }
    }

    /// With at least this many pairs, L / answered for counts of items answered below it comes from a table.
    static let factorTableSize = 64

    init?(pre preScores: [ScoreFraction], post postScores: [ScoreFraction]) {
        // L = lcm of the counts of items answered: the small counts are collected as bits first.
        var denominator: Int64 = 1
        var seen: UInt64 = 0
        func include(_ answered: Int64) -> Bool {
            guard denominator % answered != 0 else { return true }
            let (multiple, overflow) = (denominator / greatestCommonDivisor(denominator, answered)).multipliedReportingOverflow(by: answered)
            denominator = multiple
            return !overflow
        }
        for scores in [preScores, postScores] {
            for score in scores {
                if score.answered < 64 {
                    seen |= 1 << UInt64(score.answered)
                } else if !include(Int64(score.answered)) {
                    return nil
                }
            }
        }
        for answered in 1..<64 where seen & (1 << UInt64(answered)) != 0 {
            guard include(Int64(answered)) else { return nil }
        }
        // L / answered, for many pairs looked up (small counts of items answered) rather than divided.
        let factors: [Int128] = preScores.count < Self.factorTableSize ? [] : (0..<Self.factorTableSize).map {
            $0 == 0 || denominator % Int64($0) != 0 ? 0 : Int128(denominator / Int64($0))
        }
        func factor(_ score: ScoreFraction) -> Int128 {
            let answered = score.answered
            return answered < factors.count ? factors[answered] : Int128(denominator / Int64(answered))
        }
        let count = preScores.count
        var pre = Moments()
        var post = Moments()
        var change = Moments()
        var differences: [Int128] = []
        differences.reserveCapacity(count)
        var improved = 0
        for (before, after) in zip(preScores, postScores) {
            // codedSum · (L / answered): at most 2³¹ · 2⁶³, within 128 bits.
            let low = Int128(before.codedSum) * factor(before)
            let high = Int128(after.codedSum) * factor(after)
            let difference = high - low
            guard pre.add(low), post.add(high), change.add(difference) else { return nil }
            differences.append(difference)
            if difference > 0 { improved += 1 }
        }
        let n = Double(count)
        let scale = Double(denominator)
        func mean(_ moments: Moments) -> Double { Double(moments.sum) / (n * scale) }
        // s = √(Σ(y − ȳ)²/(n − 1)) / L = √((n·Σy² − (Σy)²) / (n(n − 1))) / L.
        func standardDeviation(_ scaledDeviations: Int128) -> Double {
            (Double(scaledDeviations) / (n * (n - 1))).squareRoot() / scale
        }
        var sdChange: Double?
        var sdPre: Double?
        var sdPost: Double?
        var t: Double?
        if count >= 2 {
            guard let changeDeviations = change.scaledSquaredDeviations(count: count),
                  let preDeviations = pre.scaledSquaredDeviations(count: count),
                  let postDeviations = post.scaledSquaredDeviations(count: count) else { return nil }
            sdChange = standardDeviation(changeDeviations)
            sdPre = standardDeviation(preDeviations)
            sdPost = standardDeviation(postDeviations)
            // t = d̄ / (s_d/√n) = Σx · √((n − 1) / (n·Σx² − (Σx)²)), defined when the integers vary.
            if changeDeviations > 0 {
                t = Double(change.sum) * (Double(count - 1) / Double(changeDeviations)).squareRoot()
            }
        }
        self.change = PairedChange(count: count, meanPre: mean(pre), meanPost: mean(post), meanChange: mean(change),
                                   sdChange: sdChange, sdPre: sdPre, sdPost: sdPost, t: t,
                                   signedRanks: SignedRanks(integers: differences), improved: improved)
    }
}

/// The greatest common divisor of two positive integers (Euclid).
private func greatestCommonDivisor(_ a: Int64, _ b: Int64) -> Int64 {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a
}
