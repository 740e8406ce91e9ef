/// The header row of a file, to recognise it when it comes again further down (two exports
/// pasted together, the second with its byte-order mark): same fields, case, spaces and a
/// leading byte-order mark aside.
struct RepeatedHeader {
    /// Why a row that is the header again is rejected.
    static let reason = "the header again (two exports joined into one file?); nothing on this line was imported, remove it"

    private let names: [String]
    /// The first header name's bytes, ASCII lower case.
    private let first: [UInt8]

    private let firstIsASCII: Bool

    init(_ headers: [String]) {
        names = headers.map(Self.normalised)
        first = Array((names.first ?? "").utf8)
        firstIsASCII = first.allSatisfy { $0 < 0x80 }
    }

    /// Whether the reader's record is the header again. Rows are ruled out on the bytes of
    /// their first field (no allocation): only a first field equal to the header's first name,
    /// case and a byte-order mark aside, is compared in full.
    func matches(_ reader: CSVReader) -> Bool {
        guard reader.fieldCount == names.count, !first.isEmpty else { return false }
        let candidate = reader.withTrimmedBytes(0) { bytes -> Bool in
            var start = 0
            while start + 3 <= bytes.count, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF { start += 3 }
            // A first name with letters beyond ASCII lower-cases in ways bytes do not show:
            // compare in full any field of about its length.
            if !firstIsASCII { return abs(bytes.count - start - first.count) <= 8 }
            guard bytes.count - start == first.count else { return false }
            for offset in 0..<first.count {
                var byte = bytes[start + offset]
                if byte >= 65, byte <= 90 { byte += 32 }
                if byte != first[offset] { return false }
            }
            return true
        }
        guard candidate else { return false }
        return (0..<names.count).allSatisfy { Self.normalised(reader.field($0)) == names[$0] }
    }

    private static func normalised(_ text: String) -> String {
        var trimmed = Substring(text)
        while trimmed.first == "\u{FEFF}" { trimmed = trimmed.dropFirst() }
        return trimmed.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
