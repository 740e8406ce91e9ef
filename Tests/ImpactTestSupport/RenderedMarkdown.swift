import Foundation

/// Markdown rendered to HTML by cmark-gfm (the CommonMark parser GitHub renders with), with raw
/// HTML and every URL passed through (`--unsafe`), as a browser would be handed it: what the
/// tests of the engine's Markdown read it through to see which elements and links it makes.
public struct RenderedMarkdown: Sendable {
    /// GitHub's extensions: tables, bare links, strikethrough, the tag filter, task lists, footnotes.
    public static let githubExtensions = ["table", "autolink", "strikethrough", "tagfilter", "tasklist", "footnotes"]

    /// The HTML cmark-gfm wrote.
    public let html: String

    /// `markdown` rendered with `extensions` (none: plain CommonMark).
    public init(_ markdown: String, extensions: [String] = githubExtensions) throws {
        let arguments = ["--unsafe", "--to", "html"] + extensions.flatMap { ["--extension", $0] }
        html = try run(Self.cmark(), arguments, input: markdown)
    }

    /// How many times each element opens (`["p": 3, "a": 1]`), raw HTML included.
    public var elementCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for tag in tags { counts[tag.name, default: 0] += 1 }
        return counts
    }

    /// The address of every link and image, and every attribute that runs script (`onerror=…`),
    /// as `name=value`.
    public var targets: [String] {
        tags.flatMap { tag in
            tag.attributes.matches(of: /(?i)(?:^|\s)(href|src|on[a-z]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/).map { "\($0.1)=\($0.2)" }
        }
    }

    /// The tags that open an element: in cmark's output every `<` of the text is written
    /// `&lt;`, so a `<` before a letter opens one (raw HTML too).
    private var tags: [(name: String, attributes: String)] {
        html.matches(of: /<([A-Za-z][A-Za-z0-9-]*)([^>]*)>/).map { (String($0.1).lowercased(), String($0.2)) }
    }

    /// The text a reader sees: the HTML without its tags, cmark's character references read,
    /// and without the invisible word joiner (U+2060) that `MarkdownText` puts after an `@`.
    public var text: String {
        html.replacing(/<[^>]*>/, with: "").replacingOccurrences(of: "\u{2060}", with: "")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// cmark-gfm on PATH.
    static func cmark() throws -> URL {
        guard let url = executable(named: "cmark-gfm") else { throw MissingRenderer() }
        return url
    }
}

/// cmark-gfm is not installed, so Markdown cannot be checked as a reader would see it.
public struct MissingRenderer: Error, CustomStringConvertible {
    public var description: String {
        "cmark-gfm is not on PATH: install it (apt-get install -y cmark-gfm; .ci/run does) to test the Markdown outputs"
    }
}
