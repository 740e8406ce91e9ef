import ImpactTestSupport
import Testing
import ImpactStatistics

// Reference values: R 4.2.2 with psych 2.2.9, a <- psych::alpha(as.data.frame(X)) on the
// people × items matrix X (the transpose of the arrays below), printed with 17 significant digits:
//   alpha             a$total$raw_alpha
//   interval          a$feldt$lower.ci, a$feldt$upper.ci (the "Feldt" line of print(a))
//   mean, sd, r_drop  a$item.stats$mean, $sd, $r.drop
//   alpha if deleted  a$alpha.drop$raw_alpha
// scripts/reference/psych_alpha.R does the same for the matrices of the golden files.

/// Five Likert items (rows) answered by ten people (columns), as in CronbachAlphaTests.
private let fiveItems: [[Double]] = [
    [3, 4, 1, 2, 1, 1, 3, 3, 3, 3],
    [3, 2, 3, 1, 2, 2, 3, 5, 2, 2],
    [3, 3, 2, 2, 2, 3, 2, 4, 3, 3],
    [2, 2, 3, 2, 2, 2, 3, 4, 3, 4],
    [3, 2, 3, 2, 3, 2, 4, 5, 2, 2],
]

/// The figures psych gives for a scale: alpha, Feldt's limits, then per item mean, sd, r.drop and
/// alpha if deleted (nil where the engine leaves the figure empty).
private struct PsychFigures {
    let alpha: Double
    let interval: (low: Double, high: Double)
    let means: [Double]
    let sds: [Double?]
    let rDrop: [Double?]
    let alphaIfDeleted: [Double?]
}

private func expectReliability(_ items: [[Double]], _ expected: PsychFigures, sourceLocation: SourceLocation = #_sourceLocation) {
    let reliability = ScaleReliability(items: items)
    #expect(reliability?.respondents == items.first?.count, sourceLocation: sourceLocation)
    #expect(reliability?.alpha == cronbachAlpha(items: items), "the alpha of cronbachAlpha(items:)", sourceLocation: sourceLocation)
    for index in items.indices {
        let others = items.indices.filter { $0 != index }.map { items[$0] }
        #expect(reliability?.items[index].alphaIfDeleted == cronbachAlpha(items: others), "alpha without item \(index + 1), as cronbachAlpha(items:)",
                sourceLocation: sourceLocation)
    }
    #expect(isClose(reliability?.alpha, expected.alpha), "alpha", sourceLocation: sourceLocation)
    #expect(isClose(reliability?.confidenceInterval?.low, expected.interval.low), "Feldt low", sourceLocation: sourceLocation)
    #expect(isClose(reliability?.confidenceInterval?.high, expected.interval.high), "Feldt high", sourceLocation: sourceLocation)
    let statistics = reliability?.items ?? []
    #expect(statistics.count == items.count, sourceLocation: sourceLocation)
    for (index, item) in statistics.enumerated() where index < expected.means.count {
        #expect(isClose(item.mean, expected.means[index]), "mean of item \(index + 1)", sourceLocation: sourceLocation)
        #expect(isClose(item.standardDeviation, expected.sds[index]), "sd of item \(index + 1)", sourceLocation: sourceLocation)
        #expect(isClose(item.correctedItemTotalCorrelation, expected.rDrop[index]), "r.drop of item \(index + 1)", sourceLocation: sourceLocation)
        #expect(isClose(item.alphaIfDeleted, expected.alphaIfDeleted[index]), "alpha if item \(index + 1) is deleted", sourceLocation: sourceLocation)
    }
}

@Test func fiveItemsMatchPsych() {
    expectReliability(fiveItems, PsychFigures(
        alpha: 0.76501429933269782, interval: (0.41435817784386875, 0.9333169377993431),
        means: [2.3999999999999999, 2.5, 2.7000000000000002, 2.7000000000000002, 2.7999999999999998],
        sds: [1.0749676997731399, 1.0801234497346435, 0.67494855771055284, 0.82327260234856459, 1.0327955589886444],
        rDrop: [0.28772106938722658, 0.78076331514243491, 0.56179803912739212, 0.57267529128408512, 0.57958416240537891],
        alphaIfDeleted: [0.81604780196329474, 0.619385342789598, 0.72636815920398012, 0.71326164874551967, 0.70600100857286929]))
}

@Test func twoItemsHaveNoAlphaIfDeleted() {
    // psych reports C₁₂/C₂₂ and C₁₂/C₁₁ (0.19047619047619047, 0.19230769230769232) as alpha.drop
    // for two items; the alpha of one item is undefined, so the engine leaves it empty.
    expectReliability(Array(fiveItems.prefix(2)), PsychFigures(
        alpha: 0.32128514056224922, interval: (-1.732502059236237, 0.83141682954472729),
        means: [2.3999999999999999, 2.5], sds: [1.0749676997731399, 1.0801234497346435],
        rDrop: [0.19138975058773827, 0.19138975058773808], alphaIfDeleted: [nil, nil]))
}

@Test func twoPeopleHaveEveryFigure() {
    // psych::alpha(rbind(c(1, 2, 4), c(3, 3, 5))): with two people every correlation is ±1.
    expectReliability([[1, 3], [2, 3], [4, 5]], PsychFigures(
        alpha: 0.9375, interval: (-1.4066455696202511, 0.99992182614133829),
        means: [2, 2.5, 4.5], sds: [1.4142135623730951, 0.70710678118654757, 0.70710678118654757],
        rDrop: [1, 1, 1], alphaIfDeleted: [1, 0.88888888888888884, 0.88888888888888884]))
}

@Test func disagreeingItemsGiveANegativeAlphaAndInterval() {
    // psych::alpha(cbind(c(1, 2, 3, 5, 4), c(5, 3, 3, 1, 2), c(2, 4, 3, 5, 1))); without the third
    // item alpha is exactly −45 (variances 2.5 and 2.2, totals' 0.2), psych −44.999999999999957.
    expectReliability([[1, 2, 3, 5, 4], [5, 3, 3, 1, 2], [2, 4, 3, 5, 1]], PsychFigures(
        alpha: -3.4090909090909087, interval: (-21.277514776557297, 0.50898697875456422),
        means: [3, 2.7999999999999998, 3], sds: [1.5811388300841898, 1.4832396974191326, 1.5811388300841898],
        rDrop: [-0.57735026918962573, -0.85943956369041075, -0.35355339059327362],
        alphaIfDeleted: [-1.4814814814814814, 0.46153846153846145, -45]))
    // psych::alpha(cbind(c(1, 2, 3, 5), c(5, 3, 3, 1))): both limits negative.
    expectReliability([[1, 2, 3, 5], [5, 3, 3, 1]], PsychFigures(
        alpha: -42.666666666666664, interval: (-673.17763053863098, -1.8283017581796113),
        means: [2.75, 3], sds: [1.707825127659933, 1.6329931618554521],
        rDrop: [-0.9561828874675149, -0.9561828874675149], alphaIfDeleted: [nil, nil]))
}

@Test func aConstantItemHasNoCorrelationAndStaysInTheScale() {
    // psych::alpha leaves out an item without variance ("deleted but still is counted in the
    // score") and reports the other five as in fiveItemsMatchPsych; the engine keeps it, as the
    // construct's score does. References, R 4.2.2: raw <- function(C) (1 - psych::tr(C)/sum(C)) *
    // ncol(C)/(ncol(C) - 1) (psych's alpha.1) on C = cov(X) and cov(X[, -i]), X the six items;
    // psych::alpha.ci(raw(cov(X)), 10, 6) for the interval. Their r.drop does not change (the rest's
    // sum moves by a constant), and without the constant item alpha is psych's five-item 0.765.
    let withConstant = fiveItems + [[Double](repeating: 3, count: 10)]
    expectReliability(withConstant, PsychFigures(
        alpha: 0.73441372735938981, interval: (0.35935155353927717, 0.92383294612579414),
        means: [2.3999999999999999, 2.5, 2.7000000000000002, 2.7000000000000002, 2.7999999999999998, 3],
        sds: [1.0749676997731399, 1.0801234497346435, 0.67494855771055284, 0.82327260234856459, 1.0327955589886444, 0],
        rDrop: [0.28772106938722658, 0.78076331514243491, 0.56179803912739212, 0.57267529128408512, 0.57958416240537891, nil],
        alphaIfDeleted: [0.7650448143405888, 0.58067375886524819, 0.68097014925373134, 0.66868279569892475,
                         0.66187594553706497, 0.76501429933269782]))
}

@Test func oneRespondentHasMeansOnly() {
    let reliability = ScaleReliability(items: [[2], [3], [4]])
    #expect(reliability?.respondents == 1 && reliability?.alpha == nil && reliability?.confidenceInterval == nil)
    #expect(reliability?.items.map(\.mean) == [2, 3, 4])
    #expect(reliability?.items.allSatisfy { $0.standardDeviation == nil && $0.correctedItemTotalCorrelation == nil && $0.alphaIfDeleted == nil } == true)
}

@Test func nobodyCompleteHasAnItemOfEmptyFiguresEach() {
    let reliability = ScaleReliability(items: [[], [], []])
    #expect(reliability?.respondents == 0 && reliability?.alpha == nil)
    #expect(reliability?.items.count == 3)
    #expect(reliability?.items.allSatisfy {
        $0.mean == nil && $0.standardDeviation == nil && $0.correctedItemTotalCorrelation == nil && $0.alphaIfDeleted == nil
    } == true)
}

@Test func constantTotalsLeaveAlphaEmptyButNotTheItems() {
    // Totals 6, 6, 6, 6: no alpha and no interval; each item against the other (its rest) is r = −1.
    let reliability = ScaleReliability(items: [[1, 2, 3, 4], [5, 4, 3, 2]])
    #expect(reliability?.alpha == nil && reliability?.confidenceInterval == nil)
    #expect(reliability?.items.map(\.correctedItemTotalCorrelation) == [-1, -1])
    #expect(reliability?.items.map(\.alphaIfDeleted) == [nil, nil])
}

@Test func oneItemHasNoCorrelationOrAlpha() {
    let reliability = ScaleReliability(items: [[1, 2, 3, 4]])
    #expect(reliability?.alpha == nil)
    #expect(reliability?.items.first?.correctedItemTotalCorrelation == nil && reliability?.items.first?.alphaIfDeleted == nil)
    #expect(isClose(reliability?.items.first?.standardDeviation, 1.2909944487358056))  // numpy.std([1, 2, 3, 4], ddof=1), NumPy 2.4.6
}

@Test func itemsOfUnequalLengthAreRefused() {
    #expect(ScaleReliability(items: [[1, 2, 3], [1, 2]]) == nil)
}
