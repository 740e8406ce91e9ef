/// One CSV field as every CSV the engine writes spells it (RFC 4180): quoted when it holds a
/// comma, a quote or a line break, quotes doubled; and, unless raw output is asked for, safe to
/// open in a spreadsheet (docs/reliability.md, "CSV files and spreadsheets").
public enum CSVText {
    /// `text` as a CSV field. A text beginning with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return is one a spreadsheet runs as a formula: unless `raw`, it gets a leading `'` (as
    /// OWASP advises for CSV injection), except a text that is a plain number (`-0.5`, `+44`),
    /// which stays a number.
    public static func field(_ text: String, raw: Bool = false) -> String {
        var text = text
        if !raw, startsLikeAFormula(text) { text = "'" + text }
        // The bytes, not the characters: a quote, comma or line end is one ASCII byte in UTF-8.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether a spreadsheet would read `text` as a formula (and it is not a plain number).
    public static func startsLikeAFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D:
            return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return !isPlainNumber(text)
        default:
            return false
        }
    }

    /// A sign, digits, at most one point, an optional exponent: what a spreadsheet reads as a number.
    private static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8.dropFirst())
        guard !bytes.isEmpty else { return false }
        if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            var exponent = Array(bytes[(e + 1)...])
            if exponent.first == UInt8(ascii: "+") || exponent.first == UInt8(ascii: "-") { exponent.removeFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
            bytes = Array(bytes[..<e])
        }
        var digits = 0, points = 0
        for byte in bytes {
            if byte >= 48, byte <= 57 { digits += 1 } else if byte == UInt8(ascii: ".") { points += 1 } else { return false }
        }
        return digits > 0 && points <= 1
    }
}
