import Testing
@testable import ImpactStatistics

@Test func compensatedSumsKeepWhatPlainSumsLose() {
    let values = [1e16, 1, -1e16, 1]
    #expect(values.reduce(0, +) != 2)
    #expect(Summation.sum(values) == 2)
    // 0.1 ten times is 1 in exact arithmetic; the plain sum gives 0.9999999999999999.
    #expect(Summation.sum([Double](repeating: 0.1, count: 10)) == 1)
}

@Test func theMeanOfEqualValuesIsThatValueAndTheirVarianceIsZero() {
    let values = [Double](repeating: 0.1, count: 3)
    #expect(Summation.mean(values) == 0.1)
    #expect(Summation.sampleVariance(values, mean: Summation.mean(values)) == 0)
}

@Test func sampleVarianceUsesNMinusOneAndSurvivesALargeOffset() {
    // NumPy 2.4.6: np.var([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16], ddof=1) = 30.0
    let values = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]
    #expect(Summation.sampleVariance(values, mean: Summation.mean(values)) == 30)
}
