/// Splits one CSV record (RFC 4180: quoted fields, doubled quotes) into its fields, for
/// matching the raw text `rejected_rows` keeps against an id.
enum CSVRecord {
    /// The fields of `record`; an unclosed quote runs to the end.
    static func fields(of record: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var characters = record[...]
        while let character = characters.popFirst() {
            if inQuotes {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters = characters.dropFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
