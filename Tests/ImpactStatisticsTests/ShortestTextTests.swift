import Testing
import ImpactStatistics

@Test(arguments: [
    (4.0, "4"), (-3.0, "-3"), (0.1, "0.1"), (0.30000000000000004, "0.30000000000000004"), (1.0 / 3, "0.3333333333333333"),
    (1e-05, "1e-5"), (2.5e-05, "2.5e-5"), (0.0001, "0.0001"), (1e16, "1e16"), (1.2345678901234568e17, "1.2345678901234568e17"),
    (4.559951103477223e-15, "4.559951103477223e-15"), (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e308"),
    (0.0, "0"), (-0.0, "0"), (Double.infinity, "inf"), (-Double.infinity, "-inf"),
])
func shortestTextWritesTheFewestDigits(value: Double, text: String) {
    #expect(shortestText(value) == text)
}

@Test func missingAndUndefinedFiguresAreEmptyCells() {
    #expect(shortestText(nil) == "")
    #expect(shortestText(.nan) == "")
}

@Test func shortestTextReadsBackToTheSameDoubleAndNoShorterTextDoes() {
    // 20 000 doubles from a fixed bit pattern generator (SplitMix64), over every exponent.
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<20_000 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        let value = Double(bitPattern: mixed)
        guard value.isFinite else { continue }
        let text = shortestText(value)
        #expect(Double(text) == value, "\(text)")
        // One significant digit fewer, correctly rounded, never reads back.
        let significand = text.prefix { $0 != "e" }.filter(\.isNumber).drop { $0 == "0" }
        let digits = significand.reversed().drop { $0 == "0" }.count
        if digits > 1 {
            let shorter = String(format: "%.\(digits - 2)e", value)
            #expect(Double(shorter) != value, "\(text) vs \(shorter)")
        }
    }
}
