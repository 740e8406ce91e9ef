/// Texts an adversary could put in an id or a category name to make Markdown show a link, an
/// image, HTML, emphasis or a block of its own, or to break a table row: what the tests of every
/// Markdown output put in the data.
public enum HostileText {
    /// Links, images and HTML.
    public static let markup = [
        "![px](http://evil.example/px.png)",
        "[click](javascript:alert(4))",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "<a href=\"http://evil.example\">a</a>",
        "<!-- hidden -->",
        "<http://evil.example/auto>",
        "<evil@evil.example>",
        "<0@evil.example>",
        "[ref]: http://evil.example",
        "[^1] and [ ] task",
        "&lt;script&gt; &amp; &#60;b&#62;",
    ]

    /// Bare addresses, which GitHub links without any markup.
    public static let bareLinks = [
        "http://evil.example",
        "see https://evil.example/path?q=1 now",
        "www.evil.example",
        "WWW.EVIL.EXAMPLE",
        "evil@evil.example",
        "mailto:evil@evil.example",
        "xmpp:evil@evil.example/home",
        "ftp://evil.example",
    ]

    /// Table breakers, emphasis, code, escapes and what would begin a block at the start of a line.
    public static let formatting = [
        "a|b",
        "two\nlines",
        "three\r\nlines\rhere",
        "*bold* **strong** _em_ __strong__",
        "~~gone~~ ~also~",
        "`code` ``more``",
        "C:\\temp\\[x](http://evil.example/c)",
        "\\<b>escaped</b>\\",
        "$x$ and $$y$$",
        "# heading",
        "- item",
        "+ item",
        "* item",
        "1. item",
        "2) item",
        "> quote",
        "---",
        "===",
        "    indented code",
        "\tindented",
        "```fence",
        "trailing spaces  ",
        "x <0.001 y",
        "low_ses and snake_case_name",
        "_",
    ]

    /// Every hostile text.
    public static let all = markup + bareLinks + formatting

    /// What a reader should see of `text` in Markdown that shows it as text: line breaks as spaces.
    public static func asRead(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
