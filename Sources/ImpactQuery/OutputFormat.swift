/// How a result is printed (docs/queries.md, "Output formats").
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Columns aligned for a terminal, numbers to the right; NULL is an empty cell.
    case table
    /// RFC 4180 CSV with LF line ends (as the report's tables); NULL is an empty field.
    case csv
    /// A JSON array of objects, one per row; numbers as numbers, NULL (and inf) as null.
    case json
    /// A GitHub-flavoured Markdown table; every value reads as text (`MarkdownText`).
    case markdown

    /// The formats' names, for help and messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
