import Testing
import ImpactStatistics

private func answer(_ value: Int, reversed: Bool = false) -> ItemAnswer {
    ItemAnswer(value: value, scaleMin: 1, scaleMax: 5, isReverseCoded: reversed)
}

@Test func reverseCodedItemsAreMirroredOnTheirScale() {
    #expect(answer(2, reversed: true).codedValue == 4)
    #expect(answer(2).codedValue == 2)
    #expect(ItemAnswer(value: 0, scaleMin: 0, scaleMax: 10, isReverseCoded: true).codedValue == 10)
}

@Test func theScoreIsTheMeanOfTheAnswersAfterReverseCoding() {
    // 4, (1 + 5 − 2) = 4, 5 → 13/3.
    #expect(constructScore(answers: [answer(4), answer(2, reversed: true), answer(5)], itemCount: 3) == 13.0 / 3)
}

@Test(arguments: [(4, 2, true), (4, 1, false), (5, 3, true), (5, 2, false), (1, 1, true), (2, 1, true), (3, 1, false), (6, 3, true)])
func aScoreNeedsAtLeastHalfTheItemsRoundedUp(itemCount: Int, answered: Int, hasScore: Bool) {
    let answers = (0..<answered).map { _ in answer(3) }
    #expect((constructScore(answers: answers, itemCount: itemCount) != nil) == hasScore)
}

@Test(arguments: [(4, 4, true), (4, 3, false), (5, 4, false), (1, 1, true), (3, 2, false)])
func aScoreOfAnInstrumentScoredOnAllItemsNeedsEveryItem(itemCount: Int, answered: Int, hasScore: Bool) {
    let answers = (0..<answered).map { _ in answer(3) }
    #expect((constructScore(answers: answers, itemCount: itemCount, requiringEveryItem: true) != nil) == hasScore)
}

@Test func noAnswersOrNoItemsGiveNoScore() {
    #expect(constructScore(answers: [], itemCount: 4) == nil)
    #expect(constructScore(answers: [], itemCount: 0) == nil)
}

@Test func equalMeansFromDifferentCountsAreIdenticalDoubles() {
    let twoOfThree = constructScore(answers: [answer(4), answer(4)], itemCount: 3)
    let threeOfThree = constructScore(answers: [answer(3), answer(4), answer(5)], itemCount: 3)
    #expect(twoOfThree == threeOfThree)
}
