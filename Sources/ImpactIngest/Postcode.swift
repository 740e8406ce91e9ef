import Foundation

/// UK postcodes: only the outward code (district) is ever kept.
enum Postcode {
    /// The outward code of a full postcode or of a district alone, upper case; nil if neither.
    static func district(of text: String) -> String? {
        let compact = text.uppercased().filter { $0 != " " }
        guard compact.count >= 2, compact.count <= 7, compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        let outward: Substring
        if compact.count >= 5, let last3 = Optional(compact.suffix(3)),
           last3.first?.isNumber == true, last3.dropFirst().allSatisfy(\.isLetter) {
            outward = compact.dropLast(3)
        } else {
            outward = Substring(compact)
        }
        // Outward code: 1–2 letters, a digit, then an optional digit or letter.
        let characters = Array(outward)
        guard (2...4).contains(characters.count), characters[0].isLetter else { return nil }
        var i = 1
        if characters[i].isLetter { i += 1 }
        guard i < characters.count, characters[i].isNumber else { return nil }
        i += 1
        if i < characters.count { i += 1 }
        guard i == characters.count else { return nil }
        return String(outward)
    }

    /// What of a postcode may be shown in a message or a rejected row: its first part only.
    static func redacted(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: [" ", "\t"])
        if let space = trimmed.firstIndex(of: " ") { return String(trimmed[..<space]) + " ***" }
        return trimmed.count > 4 ? String(trimmed.prefix(4)) + "***" : trimmed
    }
}
