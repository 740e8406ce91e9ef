import ImpactTestSupport
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

@Test func rowSumsAreTheCompensatedSumOfEachRowInColumnOrder() {
    // Columns of three rows; row 0 is [1e16, 1, -1e16, 1] (2 only with compensation), row 2 0.1 four times.
    let columns: [[Double]] = [[1e16, 3, 0.1], [1, -2, 0.1], [-1e16, 0.5, 0.1], [1, 1e-300, 0.1]]
    let rows = (0..<3).map { row in Summation.sum(columns.map { $0[row] }) }
    #expect(Summation.rowSums(columns) == rows)
    #expect(Summation.rowSums(columns).first == 2)
    #expect(Summation.rowSums([]).isEmpty && Summation.rowSums([[], []]).isEmpty)
}

@Test func sampleCovarianceUsesNMinusOneAndIsTheVarianceOfASeriesWithItself() {
    // NumPy 2.4.6: np.cov([1, 2, 4, 7], [2, 1, 5, 3])[0, 1] = 2.1666666666666665
    let x: [Double] = [1, 2, 4, 7], y: [Double] = [2, 1, 5, 3]
    #expect(isClose(Summation.sampleCovariance(x, mean: Summation.mean(x), y, mean: Summation.mean(y)), 2.1666666666666665))
    #expect(Summation.sampleCovariance(x, mean: Summation.mean(x), x, mean: Summation.mean(x)) == Summation.sampleVariance(x, mean: Summation.mean(x)))
}
