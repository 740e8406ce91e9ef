/// A seeded pseudo-random generator that gives the same numbers on every run and platform:
/// xoshiro256** 1.0 (Blackman & Vigna 2018), its state filled by SplitMix64 (Steele, Lea & Flood 2014).
///
/// Only integer operations and the IEEE-exact `+ − × ÷ √` are used (no `log`/`cos` from the
/// platform's maths library, whose last bits differ between systems), and Swift's own
/// `random(in:)`, whose algorithm may change between releases, is never called.
struct SeededGenerator {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    /// The second normal deviate of the last polar-method pair, not yet handed out.
    private var spareNormal: Double?

    /// A generator for `seed`; distinct `stream`s give independent sequences (one per participant).
    init(seed: UInt64, stream: UInt64 = 0) {
        var mixer = SplitMix64(state: SplitMix64.mixed(seed) ^ SplitMix64.mixed(~stream))
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        let result = Self.rotated(s1 &* 5, by: 7) &* 9
        let shifted = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= shifted
        s3 = Self.rotated(s3, by: 45)
        return result
    }

    /// A uniform number in [0, 1) with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform number in [lower, upper).
    mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * unit()
    }

    /// A uniform integer in 0..<count (multiply-shift; the bias, count / 2⁶⁴, is negligible).
    mutating func below(_ count: Int) -> Int {
        precondition(count > 0, "below(_:) needs a positive count")
        return Int(next().multipliedFullWidth(by: UInt64(count)).high)
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of a non-empty array, each equally likely.
    mutating func element<Element>(of items: [Element]) -> Element {
        items[below(items.count)]
    }

    /// An index of `weights` drawn with probability proportional to its weight.
    mutating func index(weightedBy weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    /// A normal deviate: the polar form of Box–Muller (Marsaglia & Bray 1964).
    mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return mean + standardDeviation * spare
        }
        while true {
            let u = 2 * unit() - 1
            let v = 2 * unit() - 1
            let s = u * u + v * v
            guard s > 0, s < 1 else { continue }
            let factor = (-2 * PortableMath.naturalLog(s) / s).squareRoot()
            spareNormal = v * factor
            return mean + standardDeviation * u * factor
        }
    }

    private static func rotated(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

/// SplitMix64: a fast 64-bit generator used here only to expand seeds into generator states.
struct SplitMix64 {
    private(set) var state: UInt64

    init(state: UInt64) {
        self.state = state
    }

    /// The next output; the state advances by the golden-ratio increment.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.finalised(state)
    }

    /// One SplitMix64 step from `value`, as a pure function: a well-mixed 64-bit hash of it.
    static func mixed(_ value: UInt64) -> UInt64 {
        finalised(value &+ 0x9E37_79B9_7F4A_7C15)
    }

    private static func finalised(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Elementary functions computed with IEEE basic operations only, so the results are bit-identical everywhere.
enum PortableMath {
    /// ln 2, correctly rounded.
    static let ln2 = 0.693_147_180_559_945_3

    /// The natural logarithm of a positive finite `x`, to within a few ulps.
    ///
    /// x = m · 2ᵉ with m in [√½, √2); ln m = 2 atanh t with t = (m − 1)/(m + 1), |t| < 0.172,
    /// summed as the odd series t + t³/3 + t⁵/5 + … (11 terms reach double precision).
    static func naturalLog(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "naturalLog(_:) needs a positive finite number")
        var exponent = Double(x.exponent)
        var mantissa = x.significand
        if mantissa > 1.414_213_562_373_095_1 {
            mantissa *= 0.5
            exponent += 1
        }
        let t = (mantissa - 1) / (mantissa + 1)
        let tSquared = t * t
        var power = t
        var sum = t
        var denominator = 3.0
        while denominator < 24 {
            power *= tSquared
            sum += power / denominator
            denominator += 2
        }
        return exponent * ln2 + 2 * sum
    }
}
