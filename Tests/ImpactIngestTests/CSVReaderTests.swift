import Foundation
import ImpactTestSupport
import Testing
@testable import ImpactIngest

/// All records of a file, as untrimmed fields.
private func records(_ text: String) throws -> [[String]] {
    let folder = try makeTemporaryFolder()
    return try records(bytes: Array(text.utf8), in: folder)
}

private func records(bytes: [UInt8], in folder: URL) throws -> [[String]] {
    let reader = try CSVReader(path: write(bytes: bytes, to: "f.csv", in: folder), displayName: "f.csv")
    var out: [[String]] = []
    while try reader.nextRecord() { out.append(reader.rawFields) }
    return out
}

@Test func readsQuotedCommasQuotesAndLineBreaks() throws {
    let rows = try records("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n")
    #expect(rows == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"]])
}

@Test func skipsTheByteOrderMarkAndReadsCRLF() throws {
    let rows = try records(bytes: [0xEF, 0xBB, 0xBF] + Array("id,name\r\n1,A\r\n2,B".utf8), in: makeTemporaryFolder())
    #expect(rows == [["id", "name"], ["1", "A"], ["2", "B"]])
}

@Test func readsBareCarriageReturnLineEnds() throws {
    #expect(try records("a,b\r1,2\r") == [["a", "b"], ["1", "2"]])
}

@Test func skipsBlankLinesAndLinesOfOnlyCommasButKeepsEmptyFields() throws {
    #expect(try records("a,b\n\n1,\n,\n\n,2\n\"\",\n,,,\n") == [["a", "b"], ["1", ""], ["", "2"], ["", ""]])
}

@Test func countsLinesInsideQuotedFields() throws {
    let folder = try makeTemporaryFolder()
    let reader = try CSVReader(path: write("h\n\"a\nb\nc\"\nnext\n", to: "f.csv", in: folder))
    var lines: [Int] = []
    while try reader.nextRecord() { lines.append(reader.recordLine) }
    #expect(lines == [1, 2, 5])
}

@Test func refusesAnUnclosedQuoteWithItsLineAndColumn() throws {
    let folder = try makeTemporaryFolder()
    let reader = try CSVReader(path: write("a,b\n1,\"open\n2,3\n", to: "f.csv", in: folder), displayName: "f.csv")
    #expect(throws: CSVError(file: "f.csv", line: 2, column: 3, message: "a quoted field opened here is never closed",
                             fix: "close the quote, or write a quote inside a quoted field as two quotes (\"\")")) {
        while try reader.nextRecord() {}
    }
}

@Test func refusesInvalidUTF8WithItsLineAndColumn() throws {
    let folder = try makeTemporaryFolder()
    // "é" in Latin-1 (0xE9) on line 3, column 4.
    let bytes = Array("a,b\n1,2\nab,".utf8) + [0xE9] + Array("x\n".utf8)
    let reader = try CSVReader(path: write(bytes: bytes, to: "f.csv", in: folder), displayName: "f.csv")
    do {
        while try reader.nextRecord() {}
        Issue.record("expected an error")
    } catch let error as CSVError {
        #expect(error.line == 3)
        #expect(error.column == 4)
        #expect(error.description.contains("not valid UTF-8"))
        #expect(error.description.contains("CSV UTF-8"))
    }
}

// A zero byte is valid UTF-8 but ends C strings: SQLite and every output would cut the value
// there. Found at the start of the ASCII fast path's 8-byte word, in its middle, and after it.
@Test(arguments: [0, 3, 7, 8, 20])
func refusesAZeroByteWithItsLineAndColumn(offset: Int) throws {
    let folder = try makeTemporaryFolder()
    var line = Array("P1abcdefghijklmnopqrstuvwxyz,male".utf8)
    line[offset] = 0
    let bytes = Array("participant_id,gender\n".utf8) + line + Array("\n".utf8)
    let reader = try CSVReader(path: write(bytes: bytes, to: "f.csv", in: folder), displayName: "f.csv")
    do {
        while try reader.nextRecord() {}
        Issue.record("expected an error")
    } catch let error as CSVError {
        #expect(error.line == 2)
        #expect(error.column == offset + 1)
        #expect(error.description.contains("zero (NUL) byte"))
    }
}

@Test func acceptsMultiByteUTF8AcrossTheBuffer() throws {
    // Long enough to cross the reader's 1 MiB buffer with multi-byte characters everywhere.
    var text = "name,city\n"
    for i in 0..<40_000 { text += "Zoë \(i),\"Łódź, «ville»\"\n" }
    let rows = try records(text)
    #expect(rows.count == 40_001)
    #expect(rows[39_999] == ["Zoë 39998", "Łódź, «ville»"])
}

@Test func keepsARecordWholeWhenItSpansBufferRefills() throws {
    let long = String(repeating: "x", count: 3 << 20)
    let rows = try records("a,b\n\"\(long)\",2\n3,4\n")
    #expect(rows.count == 3)
    #expect(rows[1][0].count == long.count)
    #expect(rows[2] == ["3", "4"])
}

@Test func marksTextAfterAClosingQuoteWithoutStopping() throws {
    let folder = try makeTemporaryFolder()
    let reader = try CSVReader(path: write("a,b\n\"x\"y,2\n3,4\n", to: "f.csv", in: folder))
    #expect(try reader.nextRecord())
    #expect(try reader.nextRecord())
    #expect(reader.malformation != nil)
    #expect(try reader.nextRecord())
    #expect(reader.malformation == nil)
    #expect(reader.rawFields == ["3", "4"])
}

@Test func trimsSpacesAroundFields() throws {
    let folder = try makeTemporaryFolder()
    let reader = try CSVReader(path: write(" a , \" b \" \n", to: "f.csv", in: folder))
    #expect(try reader.nextRecord())
    #expect(reader.field(0) == "a")
    #expect(reader.field(1) == "b")
    #expect(reader.rawField(0) == " a ")
}

@Test(arguments: [
    ("", false), ("\u{FEFF}", false),
])
func anEmptyFileHasNoRecords(text: String, expected: Bool) throws {
    let folder = try makeTemporaryFolder()
    let reader = try CSVReader(path: write(text, to: "f.csv", in: folder))
    #expect(try reader.nextRecord() == expected)
}
