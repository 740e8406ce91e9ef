import Foundation

/// A place in a piece of SQL, for error messages.
public struct SQLPosition: Sendable, Equatable {
    /// 1-based line.
    public let line: Int
    /// 1-based column, in characters.
    public let column: Int
    /// The line of SQL with a caret under the column.
    public let excerpt: String

    /// The position of the UTF-8 byte `offset` in `sql`; nil when the offset is outside it.
    public init?(byteOffset offset: Int, in sql: String) {
        let bytes = Array(sql.utf8)
        guard offset >= 0, offset <= bytes.count else { return nil }
        let before = String(decoding: bytes[..<offset], as: UTF8.self)
        let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
        line = lines.count
        let lineStart = lines.last.map(String.init) ?? ""
        column = lineStart.count + 1
        let wholeLine = sql.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        let text = wholeLine.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r", with: "")
        excerpt = "  " + text + "\n  " + String(repeating: " ", count: column - 1) + "^"
    }
}
