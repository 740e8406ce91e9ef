import ImpactTestSupport
import Testing
import ImpactStatistics

// Reference values: statsmodels 0.15.0, statsmodels.stats.multitest.multipletests(p, method=M)[1]
// on the non-nil p-values in order, printed with repr().
private let family: [Double?] = [0.01, nil, 0.04, 0.03, nil, 0.005, 0.2, 0.04, 0.9]

@Test func holmMatchesStatsmodelsAndPassesNilsThrough() {
    // multipletests([0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.9], method='holm')[1]
    let expected: [Double?] = [0.06, nil, 0.16, 0.15, nil, 0.035, 0.4, 0.16, 0.9]
    expectClose(holmAdjusted(family), expected)
}

@Test func benjaminiHochbergMatchesStatsmodelsAndPassesNilsThrough() {
    // multipletests([0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.9], method='fdr_bh')[1]
    let expected: [Double?] = [0.035, nil, 0.056, 0.056, nil, 0.035, 0.23333333333333336, 0.056, 0.9]
    expectClose(benjaminiHochbergAdjusted(family), expected)
}

@Test(arguments: [
    // multipletests([0.001, 0.002, 0.003, 0.5, 0.6], method='holm')[1] and method='fdr_bh'
    ([0.001, 0.002, 0.003, 0.5, 0.6], [0.005, 0.008, 0.009000000000000001, 1.0, 1.0], [0.005, 0.005, 0.005, 0.6, 0.6]),
    // multipletests([0.3, 0.4, 0.35, 0.8], method='holm')[1] and method='fdr_bh'
    ([0.3, 0.4, 0.35, 0.8], [1.0, 1.0, 1.0, 1.0], [0.5333333333333333, 0.5333333333333333, 0.5333333333333333, 0.8]),
] as [([Double], [Double], [Double])])
func adjustedPValuesAreCappedAtOneAndMonotone(p: [Double], holm: [Double], benjaminiHochberg: [Double]) {
    expectClose(holmAdjusted(p), holm)
    expectClose(benjaminiHochbergAdjusted(p), benjaminiHochberg)
}

@Test func emptyAndAllNilFamiliesStayAsTheyAre() {
    #expect(holmAdjusted([]).isEmpty)
    #expect(benjaminiHochbergAdjusted([nil, nil]) == [nil, nil])
    #expect(holmAdjusted([0.03]) == [0.03])
}

private func expectClose(_ actual: [Double?], _ expected: [Double?], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (index, pair) in zip(actual, expected).enumerated() {
        #expect(isClose(pair.0, pair.1, relative: 1e-12), "entry \(index)", sourceLocation: sourceLocation)
    }
}
