import Testing
@testable import ImpactStatistics

/// A small deterministic generator (SplitMix64), so that the cases are the same on every run.
private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A value in -range ... range.
    mutating func next(within range: Int128) -> Int128 {
        Int128(next() % UInt64(2 * range + 1)) - range
    }
}

// The counted ranks (small magnitudes) and the sorted ones (large magnitudes, or beyond 64 bits)
// give the same m, R₊ and tie correction as the generic ranking of the same integers.
@Test(arguments: [Int128(1), 3, 40, 255, 256, 257, 5_000, 1 << 40, Int128(1) << 100])
func signedRanksOfIntegersAgreeWithTheGenericRanking(range: Int128) {
    var generator = SplitMix64(state: UInt64(truncatingIfNeeded: range))
    for count in [1, 2, 3, 7, 50, 64, 300, 2_000] {
        let differences = (0..<count).map { _ in range > 1 << 62 ? generator.next(within: 1 << 62) * Int128(1 << 30) : generator.next(within: range) }
        let generic = SignedRanks(differences)
        #expect(SignedRanks(integers: differences) == generic, "range \(range), \(count) differences")
    }
}

@Test func signedRanksOfIntegersHandleZerosTiesOfBothSignsAndNoNonZeroDifference() {
    #expect(SignedRanks(integers: []) == nil)
    #expect(SignedRanks(integers: [0, 0, 0]) == nil)
    let differences: [Int128] = [2, -2, 0, 1, -1, 1, 3, 0, -3, 3]
    let ranks = SignedRanks(integers: differences)
    #expect(ranks == SignedRanks(differences))
    // |d| = 1 ×3 (ranks 1–3, average 2), 2 ×2 (4–5, 4.5), 3 ×3 (6–8, 7): R₊ = 2·2 + 4.5 + 2·7.
    #expect(ranks?.count == 8)
    #expect(ranks?.positiveRankSum == 22.5)
    #expect(ranks?.tieCorrection == 54)  // (3³ − 3) + (2³ − 2) + (3³ − 3)
}
