/// Text as a JSON string literal (RFC 8259): quotes and backslashes escaped, line breaks and
/// tabs as `\n`, `\r`, `\t`, other control characters as `\u00XX`. The one escaper for the
/// importer's `extra` column and `impact query --format json`.
public enum JSONText {
    /// Appends `text` as a JSON string literal to `json`.
    public static func append(_ text: String, to json: inout String) {
        json += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    json.unicodeScalars.append(scalar)
                }
            }
        }
        json += "\""
    }

    /// `text` as a JSON string literal.
    public static func quoted(_ text: String) -> String {
        var json = ""
        append(text, to: &json)
        return json
    }
}
