import ImpactTestSupport
import Testing
import ImpactStatistics

// Reference values: NumPy 2.4.6, from X = np.array(PEOPLE_BY_ITEMS, float), k = X.shape[1]:
//   direct:   k/(k-1) * (1 - X.var(axis=0, ddof=1).sum() / X.sum(axis=1).var(ddof=1))
//   pingouin: C = np.cov(X, rowvar=False); k/(k-1) * (1 - np.trace(C) / C.sum())  (pingouin.cronbach_alpha's formula)
// The two agree to 3e-15 on every case below; the direct value is the one written.

/// Five Likert items (rows) answered by ten people (columns):
/// np.clip(np.round(3 + trait[:, None] + rng.normal(0, 0.8, (10, 5))), 1, 5), rng = np.random.default_rng(7).
private let fiveItems: [[Double]] = [
    [3, 4, 1, 2, 1, 1, 3, 3, 3, 3],
    [3, 2, 3, 1, 2, 2, 3, 5, 2, 2],
    [3, 3, 2, 2, 2, 3, 2, 4, 3, 3],
    [2, 2, 3, 2, 2, 2, 3, 4, 3, 4],
    [3, 2, 3, 2, 3, 2, 4, 5, 2, 2],
]

@Test func alphaOfFiveItemsMatchesNumPy() {
    #expect(isClose(cronbachAlpha(items: fiveItems), 0.765014299332698))  // direct; pingouin formula 0.7650142993326978
}

@Test func aConstantItemCountsWithZeroVariance() {
    let withConstant = fiveItems + [[Double](repeating: 3, count: 10)]
    #expect(isClose(cronbachAlpha(items: withConstant), 0.7344137273593898))  // direct and pingouin formula alike
}

@Test func alphaOfTwoItemsMatchesNumPy() {
    #expect(isClose(cronbachAlpha(items: Array(fiveItems.prefix(2))), 0.32128514056224944))  // direct; pingouin formula 0.32128514056224855
}

@Test func alphaCanBeNegativeWhenItemsDisagree() {
    #expect(isClose(cronbachAlpha(items: [[1, 2, 3, 5], [5, 3, 3, 1]]), -42.666666666666664))  // direct and pingouin formula alike
}

@Test(arguments: [
    [[1, 2, 3, 4]],  // one item
    [[3], [4], [2]],  // one person
    [[1, 2, 3, 4], [5, 4, 3, 2]],  // totals all 6
    [[3, 3, 3], [4, 4, 4]],  // nobody varies
    [],  // no items
] as [[[Double]]])
func alphaIsEmptyWithTooFewItemsOrPeopleOrConstantTotals(items: [[Double]]) {
    #expect(cronbachAlpha(items: items) == nil)
}
