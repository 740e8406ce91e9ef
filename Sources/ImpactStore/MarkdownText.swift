/// Text from the data as Markdown that reads as that text and as nothing else: no link, image,
/// HTML, emphasis, code, heading or list, and no new cell or row in a table, whether the reader
/// is plain CommonMark or GitHub's (tables, autolinks, strikethrough, tag filter). report.md,
/// `impact check` and `impact query --format markdown` put every value through it
/// (docs/reliability.md, "Markdown shows values from the data as text").
public enum MarkdownText {
    /// `text` as Markdown inline text: for a table cell, a list item, a heading or a paragraph.
    ///
    /// - `\`, the backquote, `*` `~` `[` `]` `<` `|` `&` `!` `#` `$` get a backslash, but a `<`
    ///   before a digit (`<0.001`), which can open nothing;
    /// - `_` gets one unless it stands between two ASCII letters or digits (`low_ses`), where
    ///   CommonMark never reads it as emphasis;
    /// - a line break (LF, CR or CRLF) becomes a space, as Markdown shows one within a paragraph;
    /// - GitHub's bare links: a `:` before `//` and a `.` after `www` get a backslash, which
    ///   stops `http://…` and `www.…` being linked; an `@` is followed by a word joiner (U+2060,
    ///   invisible), because an e-mail address is looked for after escapes are read and only a
    ///   character that is not part of an address stops it;
    /// - at the start, what would begin a block: a `>`, a `-`, `+` or `=` not before a digit, the
    ///   `.` or `)` after up to nine leading digits (an ordered list's `1.`); and a space or tab
    ///   at either end is written as a character reference (indented code, hard line breaks).
    ///
    /// Elsewhere `(`, `)` and `.` are left as they are, being syntax only after a `]`, and so is
    /// `>`, which closes only what a `<` opened (`>=8` stays as it is).
    public static func escaped(_ text: String) -> String {
        let scalars = Array(oneLine(text).unicodeScalars)
        let leadingDigits = scalars.prefix(while: isDigit).count
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            let previous = index > 0 ? scalars[index - 1] : nil
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if index == 0 || index == scalars.count - 1, let reference = Self.reference(of: scalar) {
                out.append(contentsOf: reference.unicodeScalars)
                continue
            }
            // The `.` or `)` of an ordered list's marker: after one to nine leading digits, before a space or the end.
            let endsAListNumber = index == leadingDigits && (1...9).contains(leadingDigits) && (next == nil || next == " " || next == "\t")
            let escape: Bool
            switch scalar {
            case "\\", "`", "*", "~", "[", "]", "|", "&", "!", "#", "$":
                escape = true
            case "<":
                escape = !(next.map(isDigit) ?? false)
            case "_":
                escape = !(previous.map(isLetterOrDigit) ?? false) || !(next.map(isLetterOrDigit) ?? false)
            case ":":
                escape = index + 2 < scalars.count && scalars[index + 1] == "/" && scalars[index + 2] == "/"
            case ".":
                escape = endsAListNumber || (index >= 3 && scalars[(index - 3)..<index].allSatisfy { $0 == "w" || $0 == "W" })
            case ")":
                escape = endsAListNumber
            case "-", "+", "=":
                escape = index == 0 && !(next.map(isDigit) ?? false)
            case ">":
                escape = index == 0
            default:
                escape = false
            }
            if escape { out.append("\\") }
            out.append(scalar)
            if scalar == "@" { out.append(wordJoiner) }
        }
        return String(out)
    }

    /// `text` as a Markdown code span (shown in a fixed-width font, nothing in it read as
    /// Markdown): fenced by one backtick more than its longest run of them, line breaks as
    /// spaces. Not for a table cell, where GitHub would still split it at a `|`.
    public static func codeSpan(_ text: String) -> String {
        let flat = oneLine(text)
        guard !flat.isEmpty else { return "" }
        var longest = 0, run = 0
        for scalar in flat.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        // CommonMark takes one space off each end of a span that has one at both.
        let spaced = flat.hasPrefix(" ") && flat.hasSuffix(" ") && flat.contains { $0 != " " }
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || spaced ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// U+2060 WORD JOINER: no width, no line break, not a character of an e-mail address.
    static let wordJoiner: Unicode.Scalar = "\u{2060}"

    /// `text` with every line break (CRLF, CR, LF) a space.
    private static func oneLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 10 || $0 == 13 }) else { return text }
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            if scalar == "\n", afterCR { continue }
            out.append(scalar == "\n" || scalar == "\r" ? " " : scalar)
        }
        return String(out)
    }

    /// A space or tab as a character reference (at an end of the text, where Markdown would
    /// read it as indentation or part of a hard line break), else nil.
    private static func reference(of scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case " ": return "&#32;"
        case "\t": return "&#9;"
        default: return nil
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
