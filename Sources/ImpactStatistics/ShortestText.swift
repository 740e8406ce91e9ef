/// The shortest decimal text that reads back as exactly `value` ("" for nil or NaN), for the
/// internal reports' "full precision" cells.
///
/// Swift's `description` already gives the fewest significant digits that round-trip (the
/// standard library's SwiftDtoa); this drops its ".0" from whole numbers and writes the
/// exponent without "+" or leading zeros: 4.0 → "4", 1e-05 → "1e-5", 1e+16 → "1e16".
/// Negative zero is written "0"; infinities "inf" and "-inf".
public func shortestText(_ value: Double?) -> String {
    guard let value, !value.isNaN else { return "" }
    if value == 0 { return "0" }
    let text = value.description
    if let exponentIndex = text.firstIndex(of: "e") {
        var mantissa = String(text[..<exponentIndex])
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        var exponent = text[text.index(after: exponentIndex)...]
        var sign = ""
        if exponent.first == "+" || exponent.first == "-" {
            sign = exponent.first == "-" ? "-" : ""
            exponent = exponent.dropFirst()
        }
        let digits = exponent.drop { $0 == "0" }
        return mantissa + "e" + sign + (digits.isEmpty ? "0" : digits)
    }
    return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
}
