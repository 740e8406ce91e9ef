import Foundation

/// The natural logarithm of |Γ(x)|, from the platform's `lgamma_r` (thread-safe; no global sign).
public func logGamma(_ x: Double) -> Double {
    let (value, _): (Double, Int) = lgamma(x)
    return value
}

/// The natural logarithm of the beta function B(a, b) = Γ(a)Γ(b)/Γ(a + b), for a, b > 0.
///
/// Above 10 the Stirling form keeps full precision where the three log-gammas would cancel
/// (Fullerton's SLATEC `dlbeta`, as in R's `lbeta`; Abramowitz & Stegun 6.1.41).
public func logBeta(_ a: Double, _ b: Double) -> Double {
    guard a > 0, b > 0 else { return .nan }
    let small = min(a, b), large = max(a, b), sum = a + b
    if small >= 10 {
        let correction = stirlingCorrection(small) + stirlingCorrection(large) - stirlingCorrection(sum)
        return -0.5 * log(large) + 0.5 * log(2 * Double.pi) + correction
            + (small - 0.5) * log(small / sum) + large * log1p(-small / sum)
    }
    if large >= 10 {
        let correction = stirlingCorrection(large) - stirlingCorrection(sum)
        return logGamma(small) + correction + small - small * log(sum)
            + (large - 0.5) * log1p(-small / sum)
    }
    return logGamma(small) + logGamma(large) - logGamma(sum)
}

/// The regularised incomplete beta function I_x(a, b), for 0 ≤ x ≤ 1 and a, b > 0.
///
/// Continued fractions A&S 26.5.8 (in x) and 26.5.9 (in x/(1 − x)) as in Cephes `incbet`
/// (Moshier 1989), evaluated by the modified Lentz method (Lentz 1976; Numerical Recipes §5.2).
public func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    guard !x.isNaN, a > 0, b > 0 else { return .nan }
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    return incompleteBeta(x: x, y: 1 - x, a: a, b: b)
}

/// I_x(a, b) given both x and y = 1 − x, each computed accurately by the caller.
///
/// Near x = 1 the value depends on y, not x, so the fraction used there takes x/y and
/// never 1 − x: this keeps Student t tails accurate to ~1e-14 even at 10⁶ degrees of freedom,
/// where a fraction in x alone loses four digits.
func incompleteBeta(x: Double, y: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if y <= 0 { return 1 }
    // Beyond the mean the complement converges fast: I_x(a, b) = 1 − I_y(b, a).
    if x > a / (a + b) {
        return 1 - incompleteBeta(x: y, y: x, a: b, b: a)
    }
    let front = exp(logPowerTerm(x: x, y: y, a: a, b: b)) / a
    if x <= 0.5 {
        // A&S 26.5.8: 1 / (1 + d₁/(1 + d₂/(1 + …))).
        let sum = a + b
        let fraction = continuedFraction { j in
            if j == 1 { return -sum * x / (a + 1) }
            let m = Double(j / 2)
            if j % 2 == 0 { return m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)) }
            return -(a + m) * (sum + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        }
        return front / fraction
    }
    // A&S 26.5.9 in z = x/(1 − x), as Cephes `incbd`: well conditioned when x is close to 1.
    let z = x / y
    let sum = a + b
    let fraction = continuedFraction { j in
        let n = Double((j - 1) / 2)
        if j % 2 == 1 { return -z * (a + n) * (b - 1 - n) / ((a + 2 * n) * (a + 2 * n + 1)) }
        return z * (1 + n) * (sum + n) / ((a + 2 * n + 1) * (a + 2 * n + 2))
    }
    return front / (y * fraction)
}

/// log(x^a · y^b / B(a, b)), with y = 1 − x, without the cancellation between large terms
/// that the direct sum suffers when a and b are both large (the form of DiDonato & Morris 1992).
func logPowerTerm(x: Double, y: Double, a: Double, b: Double) -> Double {
    if min(a, b) >= 10 {
        let sum = a + b
        // a·log(x(a + b)/a) + b·log(y(a + b)/b): log1p of the small shift near the mean,
        // where the two terms nearly cancel; the plain logarithm of the ratio elsewhere.
        let shift = x * b - y * a   // x(a + b) − a = −(y(a + b) − b)
        let ratioX = x * sum / a, ratioY = y * sum / b
        let logRatioX = abs(ratioX - 1) < 0.5 ? log1p(shift / a) : log(ratioX)
        let logRatioY = abs(ratioY - 1) < 0.5 ? log1p(-shift / b) : log(ratioY)
        return a * logRatioX + b * logRatioY
            + 0.5 * (log(a) + log(b) - log(sum)) - 0.5 * log(2 * Double.pi)
            + stirlingCorrection(sum) - stirlingCorrection(a) - stirlingCorrection(b)
    }
    let logX = y < 0.5 ? log1p(-y) : log(x)
    let logY = x < 0.5 ? log1p(-x) : log(y)
    return a * logX + b * logY - logBeta(a, b)
}

/// 1 + a₁/(1 + a₂/(1 + …)) by the modified Lentz method; stops when two successive factors
/// are within one ulp of 1 (Lentz 1976; Thompson & Barnett 1986).
private func continuedFraction(_ partialNumerator: (Int) -> Double) -> Double {
    let tiny = 1e-300
    var value = 1.0
    var c = 1.0
    var d = 0.0
    var settledSteps = 0
    for j in 1...200_000 {
        let numerator = partialNumerator(j)
        d = 1 + numerator * d
        if abs(d) < tiny { d = tiny }
        c = 1 + numerator / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        let factor = c * d
        value *= factor
        settledSteps = abs(factor - 1) <= Double.ulpOfOne ? settledSteps + 1 : 0
        if settledSteps == 2 { break }
    }
    return value
}

/// μ(x) = log Γ(x) − [(x − ½) log x − x + ½ log 2π], the remainder of Stirling's series, for x ≥ 10
/// (Abramowitz & Stegun 6.1.41; eight terms leave an error below 1e-17).
func stirlingCorrection(_ x: Double) -> Double {
    let inverseSquare = 1 / (x * x)
    let series = 1.0 / 12 + inverseSquare * (-1.0 / 360 + inverseSquare * (1.0 / 1260
        + inverseSquare * (-1.0 / 1680 + inverseSquare * (1.0 / 1188 + inverseSquare * (-691.0 / 360_360
        + inverseSquare * (1.0 / 156 + inverseSquare * (-3617.0 / 122_400)))))))
    return series / x
}
