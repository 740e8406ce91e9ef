import Foundation
import ImpactQuery
import Testing

private let awkward = ResultTable(columns: ["id", "n", "x", "note"], rows: [
    [.text("a,b"), .integer(12), .real(0.1), .text("say \"hi\"\nthen | go")],
    [.text("plain"), .integer(-3), .null, .null],
    [.text("é"), .integer(0), .real(1e-5), .text("tab\there")],
])

@Test func csvQuotesOnlyWhatNeedsItAndEndsLinesWithLF() {
    #expect(awkward.rendered(as: .csv) == """
        id,n,x,note
        "a,b",12,0.1,"say ""hi""
        then | go"
        plain,-3,,
        é,0,1e-5,tab\there

        """)
}

@Test func jsonIsAnArrayOfObjectsWithNumbersAsNumbersAndNullAsNull() throws {
    let text = awkward.rendered(as: .json)
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    #expect(parsed.count == 3)
    #expect(parsed[0]["id"] as? String == "a,b")
    #expect((parsed[0]["n"] as? NSNumber)?.intValue == 12)
    #expect((parsed[0]["x"] as? NSNumber)?.doubleValue == 0.1)
    #expect(parsed[0]["note"] as? String == "say \"hi\"\nthen | go")
    #expect(parsed[1]["x"] is NSNull)
    #expect(parsed[2]["note"] as? String == "tab\there")
    #expect((parsed[2]["x"] as? NSNumber)?.doubleValue == 1e-5)
}

@Test func jsonWritesInfinityAsNullAndNumbersARepeatedColumnName() throws {
    let table = ResultTable(columns: ["a", "a", "a_2"], rows: [[.real(.infinity), .real(-.infinity), .integer(1)]])
    let text = table.rendered(as: .json)
    #expect(text == "[\n  {\"a\": null, \"a_2\": null, \"a_2_2\": 1}\n]\n")
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    #expect(parsed[0].count == 3)
    #expect(parsed[0]["a"] is NSNull)
}

@Test func anEmptyResultIsAnEmptyArrayAHeaderOnlyCSVAndAnEmptyTable() throws {
    let empty = ResultTable(columns: ["a", "b"])
    #expect(empty.rendered(as: .json) == "[]\n")
    #expect(empty.rendered(as: .csv) == "a,b\n")
    #expect(empty.rendered(as: .markdown) == "| a | b |\n| --- | --- |\n")
    #expect(empty.rendered(as: .table) == "a  b\n-  -\n(0 rows)\n")
}

@Test func markdownEscapesPipesAndLineBreaksAndAlignsNumbersRight() {
    #expect(awkward.rendered(as: .markdown) == """
        | id | n | x | note |
        | --- | ---: | ---: | --- |
        | a,b | 12 | 0.1 | say "hi" then \\| go |
        | plain | -3 |  |  |
        | é | 0 | 1e-5 | tab\there |

        """)
}

@Test func aTableAlignsColumnsNumbersRightAndShowsLineBreaksEscaped() {
    #expect(awkward.rendered(as: .table) == """
        id      n     x  note
        -----  --  ----  -------------------
        a,b    12   0.1  say "hi"\\nthen | go
        plain  -3
        é       0  1e-5  tab\\there
        (3 rows)

        """)
}

// A value is shown, never obeyed: escape sequences do not reach the terminal, Markdown and HTML
// do not reach a Markdown viewer (MarkdownText), in a cell or a column's name.
@Test func controlCharactersAndHTMLInValuesAreShownNotObeyed() {
    var table = ResultTable(columns: ["[x](http://evil.example)"])
    table.append([.text("P\u{1B}[31mred\u{7}\u{9B}x")])
    table.append([.text("<svg onload=alert(1)> & more")])
    let terminal = table.rendered(as: .table)
    #expect(!terminal.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    #expect(terminal.contains("P\\x1B[31mred\\x07\\x9Bx"))
    let markdown = table.rendered(as: .markdown)
    #expect(markdown.hasPrefix("| \\[x\\](http\\://evil.example) |\n"))
    #expect(markdown.contains("| \\<svg onload=alert(1)> \\& more |"))
    #expect(markdown.contains("P\\x1B\\[31mred\\x07\\x9Bx"))
}

/// A writer of `format` with one integer column `n`, and the pieces of text it has written.
private final class Written {
    var pieces: [String] = []
    var text: String { pieces.joined() }
}

private func writer(_ format: OutputFormat, columns: [String] = ["n"], into written: Written) -> ResultWriter {
    ResultWriter(format: format, columns: columns) { written.pieces.append($0) }
}

@Test func aTableStopsAtItsRowLimitAndSaysHowManyRowsWereCut() {
    let limit = ResultWriter.tableRowLimit
    let written = Written()
    var table = writer(.table, into: written)
    for n in 1...(limit + 5) { table.append([.integer(Int64(n))]) }
    table.finish()
    let lines = written.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == 2 + limit + 1)
    #expect(lines[lines.count - 2].trimmingCharacters(in: .whitespaces) == "\(limit)")
    #expect(lines.last == "(\(limit) of \(limit + 5) rows shown: a table stops at \(limit) rows, and 5 rows were cut; --format csv writes them all)")
    // At the limit exactly, nothing is cut; CSV has no limit.
    let exact = Written()
    var full = writer(.table, into: exact)
    for n in 1...limit { full.append([.integer(Int64(n))]) }
    full.finish()
    #expect(exact.text.hasSuffix("\n(\(limit) rows)\n"))
    let csv = Written()
    var rows = writer(.csv, into: csv)
    for n in 1...(limit + 5) { rows.append([.integer(Int64(n))]) }
    rows.finish()
    #expect(csv.text.split(separator: "\n").count == limit + 6)
}

// Memory that does not grow with the rows: a table or Markdown holds its first rows only, to
// size its columns, and then writes each row as it comes.
@Test(arguments: [OutputFormat.table, .markdown])
func aTableAndMarkdownAreWrittenAsTheRowsComeAfterTheFirstHundred(format: OutputFormat) {
    let sample = ResultWriter.sampleRows
    let written = Written()
    var rows = writer(format, columns: ["n", "label"], into: written)
    for n in 1..<sample { rows.append([.integer(Int64(n)), .text("x")]) }
    #expect(written.pieces.isEmpty)
    rows.append([.integer(Int64(sample)), .text("x")])
    #expect(written.pieces.count == 2 + sample, "the header, its rule and the sampled rows")
    // A later value longer than its column widens its own line only.
    rows.append([.integer(123_456_789), .text("a longer label")])
    #expect(written.pieces.count == 3 + sample)
    let last = written.pieces.last ?? ""
    #expect(format == .table ? last == "123456789  a longer label\n" : last == "| 123456789 | a longer label |\n")
    rows.append([.integer(1), .text("x")])
    rows.finish()
    let lines = written.text.split(separator: "\n")
    #expect(lines[1] == (format == .table ? "---  -----" : "| ---: | --- |"))
    #expect(lines.last == (format == .table ? "(\(sample + 2) rows)" : "| 1 | x |"))
}

@Test func aLongValueIsCutInATableOnly() {
    let long = String(repeating: "é", count: ResultWriter.tableCellLimit + 500)
    let table = ResultTable(columns: ["v"], rows: [[.text(long)], [.text("short")]])
    let lines = table.rendered(as: .table).split(separator: "\n")
    #expect(lines[2] == String(repeating: "é", count: ResultWriter.tableCellLimit - 1) + "…")
    #expect(lines[3] == "short")
    #expect(lines.last == "(values longer than \(ResultWriter.tableCellLimit) characters are cut short with …; --format csv writes them whole)")
    #expect(table.rendered(as: .csv).contains(long))
    #expect(table.rendered(as: .markdown).contains(long))
}
