import Testing
@testable import ImpactReport

@Test func anIntervalThatCrossesZeroIsNoClearEvidenceNotNoChange() {
    #expect(Narrative.reading(pairs: 40, change: 0.1, low: -0.05, high: 0.25, sd: 0.5, effect: 0.2) == "no clear evidence of change")
}

@Test func aClearChangeIsNamedWithItsDirectionAndCohensLabel() {
    #expect(Narrative.reading(pairs: 40, change: 0.4, low: 0.2, high: 0.6, sd: 0.6, effect: 0.67) == "medium increase")
    #expect(Narrative.reading(pairs: 40, change: -0.3, low: -0.5, high: -0.1, sd: 1.0, effect: -0.3) == "small decrease")
    #expect(Narrative.reading(pairs: 40, change: 0.9, low: 0.7, high: 1.1, sd: 0.9, effect: 1.0) == "large increase")
}

@Test func smallSamplesAndDegenerateRowsAreFlagged() {
    #expect(Narrative.reading(pairs: 8, change: 0.4, low: 0.1, high: 0.7, sd: 0.3, effect: 1.3) == "large increase; small sample")
    #expect(Narrative.reading(pairs: 3, change: 1, low: 1, high: 1, sd: 0, effect: nil) == "every pair changed by the same amount; small sample")
    #expect(Narrative.reading(pairs: 2, change: 1.0 / 3, low: 1.0 / 3, high: 1.0 / 3, sd: 3e-17, effect: 1.1e16) == "every pair changed by the same amount; small sample")
    #expect(Narrative.reading(pairs: 1, change: 1, low: nil, high: nil, sd: nil, effect: nil) == "too few pairs to judge")
    #expect(Narrative.reading(pairs: 0, change: nil, low: nil, high: nil, sd: nil, effect: nil) == "no pairs")
}
