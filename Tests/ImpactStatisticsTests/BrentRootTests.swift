import Foundation
import Testing
@testable import ImpactStatistics

@Test func brentFindsRootsToRoundingError() throws {
    let cubeRoot = try #require(brentRoot(low: 0, high: 3, absoluteTolerance: 0) { $0 * $0 * $0 - 2 })
    #expect(abs(cubeRoot - 1.2599210498948732) <= 4e-16)  // 2^(1/3)
    let cosine = try #require(brentRoot(low: 0, high: 2, absoluteTolerance: 0) { cos($0) - $0 })
    #expect(abs(cosine - 0.7390851332151607) <= 2e-16)  // the Dottie number
    // A root at 0 needs the absolute tolerance.
    let zero = try #require(brentRoot(low: -1, high: 2, absoluteTolerance: 1e-300) { $0 * ($0 * $0 + 1) })
    #expect(abs(zero) <= 1e-300)
}

@Test func brentNeedsABracketAndFiniteValues() {
    #expect(brentRoot(low: 1, high: 2, absoluteTolerance: 0) { $0 * $0 + 1 } == nil)
    #expect(brentRoot(low: -1, high: 1, absoluteTolerance: 0) { $0 < 0.5 ? -1 : .nan } == nil)
    #expect(brentRoot(low: -1, high: 1, absoluteTolerance: 0) { $0 } != nil)
}

@Test func brentEndsOnADiscontinuousSignChange() throws {
    let step = try #require(brentRoot(low: 0, high: 1, absoluteTolerance: 1e-12) { $0 < 0.3 ? -1 : 1 })
    #expect(abs(step - 0.3) <= 1e-12)
}
