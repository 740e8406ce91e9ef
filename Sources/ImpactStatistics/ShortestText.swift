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
    // Worked on the UTF-8 bytes (all ASCII here): searching the Characters costs more than
    // the conversion itself.
    let bytes = Array(text.utf8)
    func droppingPointZero(_ part: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        part.count >= 2 && part[part.endIndex - 2] == UInt8(ascii: ".") && part[part.endIndex - 1] == UInt8(ascii: "0")
            ? part.dropLast(2) : part
    }
    guard let exponentIndex = bytes.firstIndex(of: UInt8(ascii: "e")) else {
        let kept = droppingPointZero(bytes[...])
        return kept.count == bytes.count ? text : String(decoding: kept, as: UTF8.self)
    }
    var result = Array(droppingPointZero(bytes[..<exponentIndex]))
    result.append(UInt8(ascii: "e"))
    var exponent = bytes[(exponentIndex + 1)...]
    if let sign = exponent.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        if sign == UInt8(ascii: "-") { result.append(sign) }
        exponent = exponent.dropFirst()
    }
    let digits = exponent.drop { $0 == UInt8(ascii: "0") }
    result.append(contentsOf: digits.isEmpty ? [UInt8(ascii: "0")] : Array(digits))
    return String(decoding: result, as: UTF8.self)
}
