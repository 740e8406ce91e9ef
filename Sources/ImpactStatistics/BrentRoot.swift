/// A root of `f` between `low` and `high`, whose values there must differ in sign, by Brent's
/// method: inverse quadratic interpolation or secant steps, bisection whenever they would be slow
/// (Brent 1973, ch. 4; the `zeroin` behind R's `uniroot`; loop as Press et al. 2007, §9.3).
///
/// Stops when the bracket is within 2ε|x| + `absoluteTolerance` of the root, or after 300 steps.
/// Nil when the end values do not bracket a root or `f` returns a non-finite value.
func brentRoot(low: Double, high: Double, absoluteTolerance: Double,
               _ f: (Double) -> Double) -> Double? {
    var a = low, b = high
    var fa = f(a), fb = f(b)
    guard fa.isFinite, fb.isFinite else { return nil }
    if fa == 0 { return a }
    if fb == 0 { return b }
    guard (fa < 0) != (fb < 0) else { return nil }
    var c = b, fc = fb
    var step = b - a, previousStep = step
    for _ in 0..<300 {
        if (fb < 0) == (fc < 0) {
            // Keep the root between b and c.
            c = a
            fc = fa
            step = b - a
            previousStep = step
        }
        if abs(fc) < abs(fb) {
            // b is the best estimate so far.
            (a, b, c) = (b, c, b)
            (fa, fb, fc) = (fb, fc, fb)
        }
        let tolerance = 2 * Double.ulpOfOne * abs(b) + 0.5 * absoluteTolerance
        let half = 0.5 * (c - b)
        if abs(half) <= tolerance || fb == 0 { return b }
        if abs(previousStep) >= tolerance && abs(fa) > abs(fb) {
            let s = fb / fa
            var p: Double, q: Double
            if a == c {
                p = 2 * half * s
                q = 1 - s
            } else {
                let r = fb / fc
                let u = fa / fc
                p = s * (2 * half * u * (u - r) - (b - a) * (r - 1))
                q = (u - 1) * (r - 1) * (s - 1)
            }
            if p > 0 { q = -q } else { p = -p }
            if 2 * p < min(3 * half * q - abs(tolerance * q), abs(previousStep * q)) {
                previousStep = step
                step = p / q
            } else {
                step = half
                previousStep = step
            }
        } else {
            step = half
            previousStep = step
        }
        a = b
        fa = fb
        b += abs(step) > tolerance ? step : (half > 0 ? tolerance : -tolerance)
        fb = f(b)
        guard fb.isFinite else { return nil }
    }
    return b
}
