import ImpactTestSupport
import Testing
@testable import ImpactStore

// The rule, character by character: what gets a backslash, what is left, what becomes a space.
@Test(arguments: [
    ("a|b", "a\\|b"),
    ("![px](http://evil.example/px.png)", "\\!\\[px\\](http\\://evil.example/px.png)"),
    ("<script>alert(1)</script>", "\\<script>alert(1)\\</script>"),
    ("> quote, hours >=8", "\\> quote, hours >=8"),
    ("*bold* ~gone~ `code` \\ & # $", "\\*bold\\* \\~gone\\~ \\`code\\` \\\\ \\& \\# \\$"),
    ("_em_ low_ses d_z", "\\_em\\_ low_ses d_z"),
    ("p <0.001 and <= 2", "p <0.001 and \\<= 2"),
    ("two\nlines\r\nand\rmore", "two lines and more"),
    ("www.evil.example and WWW.x", "www\\.evil.example and WWW\\.x"),
    ("ratio 1:2 and https://x", "ratio 1:2 and https\\://x"),
    ("a@b.example", "a@\u{2060}b.example"),
    ("- item", "\\- item"), ("+ item", "\\+ item"), ("===", "\\==="), ("-0.5", "-0.5"), ("+44", "+44"),
    ("1. item", "1\\. item"), ("2024)", "2024\\)"), ("0.5", "0.5"), ("1.5. x", "1.5. x"), ("1234567890. x", "1234567890. x"),
    ("    code", "&#32;   code"), ("\tx", "&#9;x"), ("ends  ", "ends &#32;"),
    ("(95% CI 0.1 to 0.2). Plain text, left as it is.", "(95% CI 0.1 to 0.2). Plain text, left as it is."),
    ("", ""),
])
func markdownTextEscapesWhatMarkdownWouldRead(text: String, escaped: String) {
    #expect(MarkdownText.escaped(text) == escaped)
}

@Test(arguments: [
    ("charity.sqlite", "`charity.sqlite`"),
    ("a`b", "``a`b``"),
    ("`x``", "``` `x`` ```"),
    (" padded ", "`  padded  `"),
    ("two\nlines", "`two lines`"),
    ("", ""),
])
func aCodeSpanIsFencedLongerThanAnyRunOfBackticksInIt(text: String, span: String) {
    #expect(MarkdownText.codeSpan(text) == span)
}

/// Where a value can stand in the engine's Markdown: in a paragraph, at the start of one, in a
/// list item, a table cell, a heading, a quote, and on a line followed by another.
private let contexts = [
    "Before VALUE after.", "VALUE", "- VALUE", "| a | b |\n|---|---|\n| VALUE | x |", "# VALUE", "> **Note.** VALUE", "VALUE\nnext line",
]

private func document(_ value: String) -> String {
    contexts.map { $0.replacingOccurrences(of: "VALUE", with: value) }.joined(separator: "\n\n") + "\n"
}

// Rendered by cmark-gfm with and without GitHub's extensions, an escaped hostile text makes no
// element, link or attribute that the same document with a plain word does not, and reads as
// the text itself.
@Test(arguments: HostileText.all)
func anEscapedTextRendersAsItselfAndNothingElse(text: String) throws {
    for extensions in [RenderedMarkdown.githubExtensions, []] {
        let plain = try RenderedMarkdown(document("VALUE"), extensions: extensions)
        let hostile = try RenderedMarkdown(document(MarkdownText.escaped(text)), extensions: extensions)
        #expect(hostile.elementCounts == plain.elementCounts, "\(extensions): \(hostile.html)")
        #expect(hostile.targets.isEmpty, "\(extensions): \(hostile.targets)")
        #expect(hostile.text == plain.text.replacingOccurrences(of: "VALUE", with: HostileText.asRead(text)), "\(extensions): \(hostile.html)")
    }
}

@Test(arguments: HostileText.all)
func aCodeSpanShowsAHostileTextAsCode(text: String) throws {
    let rendered = try RenderedMarkdown("Database: \(MarkdownText.codeSpan(text)).\n")
    #expect(rendered.elementCounts == ["p": 1, "code": 1], "\(rendered.html)")
    #expect(rendered.text == "Database: \(HostileText.asRead(text)).\n", "\(rendered.html)")
}
