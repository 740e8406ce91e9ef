import Testing
@testable import ImpactReport

@Test(arguments: [(0, 0), (1, 0), (2, 0), (3, 5), (4, 5), (7, 5), (8, 10), (12, 10), (13, 15), (22, 20), (23, 25), (100, 100), (102, 100), (103, 105), (-3, -5)])
func countsRoundToTheNearestFiveWithHalvesUp(count: Int, published: Int) {
    #expect(Disclosure.roundedCount(count) == published)
}

@Test func ratesNeedADenominatorOf22Point5AndMeansMoreThanSevenPeople() {
    #expect(!Disclosure.showsRate(denominator: 22))
    #expect(Disclosure.showsRate(denominator: 23))
    #expect(!Disclosure.showsRate(denominator: 0))
    #expect(!Disclosure.showsMean(count: 7))
    #expect(Disclosure.showsMean(count: 8))
}

@Test(arguments: [(0.0004, "<0.001"), (0.000999, "<0.001"), (0.001, "0.001"), (0.012345, "0.012"), (0.04999, "0.05"),
                  (0.5, "0.5"), (0.123, "0.12"), (0.999, "1"), (1.0, "1"), (0.0106, "0.011")])
func pValuesHaveTwoSignificantFiguresOrReadBelowOneInAThousand(value: Double, text: String) {
    #expect(Disclosure.pValueText(value) == text)
}

@Test func undefinedFiguresStayEmptyAndRoundingNeverWritesMinusZero() {
    #expect(Disclosure.pValueText(nil) == "")
    #expect(Disclosure.proportionText(nil) == "")
    #expect(Disclosure.proportionText(0.3456) == "0.35")
    #expect(Disclosure.proportionText(1) == "1")
    #expect(Disclosure.meanText(-0.001) == "0")
    #expect(Disclosure.percentagePointsText(12.6) == "13")
}
