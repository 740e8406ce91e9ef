import ImpactTestSupport
import Testing
import ImpactStatistics

// Reference values: R 4.2.2, the interval written out independently of the Swift code:
// gav <- function(m, s1, s2, sd, n, level) { df <- n - 1; s <- (s1 + s2)/2; d <- m/s
//   r2s1s2 <- if (s1*s2 > 0) min(((s1^2 + s2^2 - sd^2)/2)^2/(s1*s2), s1*s2) else 0
//   se <- sqrt(d^2*(s1^2 + s2^2 + 2*r2s1s2)/(8*df*s^2) + sd^2/(df*s^2))
//   z <- qnorm(1 - (1 - level)/2); J <- 1 - 3/(4*df - 1); J*(d + c(-1, 1)*z*se) }
// printed with 17 digits. The last row's inputs are R's mean, sd(pre), sd(post) and
// sd(post − pre) of pre = c(2.25, 3.5, 2.75, 4, 3.25, 2.5, 3.75, 3, 2, 3.5, 4.25, 2.75),
// post = c(3, 3.75, 3.5, 4.5, 3.25, 3.25, 4, 3.75, 2.75, 3.25, 4.75, 3.5) (r = 0.872).
private let references: [(meanChange: Double, sdPre: Double, sdPost: Double, sdChange: Double, n: Int, level: Double, low: Double, high: Double)] = [
    (0.45, 0.8, 0.95, 0.7, 25, 0.95, 0.16518784963412056, 0.83090237592978933),  // unequal SDs
    (0.6, 1.2, 1.2, 0.9, 12, 0.95, 0.019438477659707749, 0.91079408047982702),  // equal SDs
    (1, 0.5, 0.7, 0.4, 3, 0.95, -0.056127127117773991, 1.9608890318796788),  // n = 3
    (0.1, 1, 1.1, 1.2, 5000, 0.95, 0.063516684630107567, 0.12693092727286817),  // n = 5000
    (-0.8, 1.5, 1, 1.1, 40, 0.95, -0.92383376769686065, -0.33139203875475221),  // a fall
    (0.5, 1, 1, 0, 10, 0.95, 0.24595751248004913, 0.6683282018056651),  // constant change (r = 1)
    (0.3, 0, 0.6, 0.6, 8, 0.95, -0.50797086740924013, 2.2857486451870175),  // constant pre (no r)
    (0.45, 0.8, 0.95, 0.7, 25, 0.9, 0.21870249176214146, 0.7773877338017684),  // 90%
    (0, 0.8, 0.95, 0.7, 25, 0.95, -0.30995359594714977, 0.30995359594714977),  // no change
    (0.47916666666666669, 0.70307764992081911, 0.58831745192746432, 0.34473859222561226, 12, 0.95,
     0.29097046824612938, 1.0896648879529944),  // from data
]

@Test(arguments: references)
func gavIntervalMatchesTheFormulaEvaluatedInR(
    meanChange: Double, sdPre: Double, sdPost: Double, sdChange: Double, n: Int, level: Double, low: Double, high: Double
) throws {
    let interval = try #require(hedgesGavInterval(meanChange: meanChange, sdPre: sdPre, sdPost: sdPost,
                                                  sdChange: sdChange, n: n, level: level))
    #expect(isClose(interval.low, low, relative: 1e-12, absolute: 1e-15))
    #expect(isClose(interval.high, high, relative: 1e-12, absolute: 1e-15))
}

// Reference values: R 4.2.2 evaluating the unweighted-standardiser lines of Bonett's own
// statpsych 2.0.0 ci.stdmean.ps (its R source: est1, se1, ll1, ul1, without the final rounding),
// alpha = .05, m1 − m2 = 0.6, sd1 = sd2 = 1.2, cor = (1.2² + 1.2² − 0.9²)/(2·1.2·1.2), n = 12,
// each limit times J = 1 − 3/43. With equal SDs his √((s₁² + s₂²)/2) is our (s₁ + s₂)/2.
@Test func gavIntervalIsBonettsWhenTheTwoSDsAreEqual() throws {
    let interval = try #require(hedgesGavInterval(meanChange: 0.6, sdPre: 1.2, sdPost: 1.2, sdChange: 0.9, n: 12))
    #expect(isClose(interval.low, 0.019438477659707749, relative: 1e-12))
    #expect(isClose(interval.high, 0.91079408047982702, relative: 1e-12))
}

@Test func gavIntervalIsJTimesTheDavIntervalAndHoldsThePointEstimate() throws {
    let (meanChange, sdPre, sdPost, n) = (0.45, 0.8, 0.95, 25)
    let interval = try #require(hedgesGavInterval(meanChange: meanChange, sdPre: sdPre, sdPost: sdPost, sdChange: 0.7, n: n))
    let correction = 1 - 3 / (4 * Double(n - 1) - 1)
    let gav = meanChange / ((sdPre + sdPost) / 2) * correction
    #expect(isClose((interval.low + interval.high) / 2, gav, relative: 1e-14))
    let flipped = try #require(hedgesGavInterval(meanChange: -meanChange, sdPre: sdPost, sdPost: sdPre, sdChange: 0.7, n: n))
    #expect(isClose(flipped.low, -interval.high, relative: 1e-15))
}

@Test(arguments: [
    (0.5, 1.0, 1.0, 0.5, 2, 0.95),  // n = 2: J = 0
    (0.5, 1.0, 1.0, 0.5, 1, 0.95),
    (0.5, 1.0, 1.0, 0.5, 0, 0.95),
    (0.5, 0.0, 0.0, 0.0, 10, 0.95),  // no spread in either wave
    (0.5, -1.0, 1.0, 0.5, 10, 0.95),
    (0.5, 1.0, 1.0, -0.5, 10, 0.95),
    (Double.nan, 1.0, 1.0, 0.5, 10, 0.95),
    (0.5, Double.infinity, 1.0, 0.5, 10, 0.95),
    (0.5, 1.0, 1.0, Double.nan, 10, 0.95),
    (0.5, 1.0, 1.0, 0.5, 10, 1.0),
    (0.5, 1.0, 1.0, 0.5, 10, 0.0),
])
func gavIntervalIsEmptyWhereUndefined(meanChange: Double, sdPre: Double, sdPost: Double, sdChange: Double, n: Int, level: Double) {
    #expect(hedgesGavInterval(meanChange: meanChange, sdPre: sdPre, sdPost: sdPost, sdChange: sdChange, n: n, level: level) == nil)
}
