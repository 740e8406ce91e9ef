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
        | a,b | 12 | 0.1 | say "hi"<br>then \\| go |
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

// A value is shown, never obeyed: escape sequences do not reach the terminal, HTML does not
// reach a Markdown viewer.
@Test func controlCharactersAndHTMLInValuesAreShownNotObeyed() {
    var table = ResultTable(columns: ["id"])
    table.append([.text("P\u{1B}[31mred\u{7}\u{9B}x")])
    table.append([.text("<svg onload=alert(1)> & more")])
    let terminal = table.rendered(as: .table)
    #expect(!terminal.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    #expect(terminal.contains("P\\x1B[31mred\\x07\\x9Bx"))
    let markdown = table.rendered(as: .markdown)
    #expect(markdown.contains("&lt;svg onload=alert(1)&gt; &amp; more"))
    #expect(!markdown.contains("<svg"))
    #expect(markdown.contains("P\\x1B[31mred\\x07\\x9Bx"))
}
