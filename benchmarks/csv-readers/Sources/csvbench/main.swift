// csvbench pass  <reader> <file>   read every record, touch every field; print the totals
// csvbench check <reader> <file>   compare the records with those expected for tricky.csv
//
// Readers: ours, ours-bytes (ours without making Strings; context only), yaslab, swiftcsv.
#if canImport(Glibc)
import Glibc
#endif
import OurReader
import SwiftCSVBench
import YaslabBench

let readers = ["ours", "ours-bytes", "yaslab", "swiftcsv"]

/// The records of tricky.csv, header included, as RFC 4180 defines them: BOM dropped, quotes
/// removed, `""` unescaped, line breaks inside quotes kept as written, no record for the
/// trailing empty line.
let trickyExpected: [[String]] = [
    ["id", "name", "note", "score"],
    ["1", "Smith, Jane", "She said \"hi\"", "10"],
    ["2", "Zo\u{EB} \u{D1}and\u{FA}", "line one\nline two", ""],
    ["3", "", "", "7"],
    ["4", "\u{65E5}\u{672C}\u{8A9E} \u{1F469}\u{200D}\u{1F393}", "quoted, \"both\"\r\nand a CRLF", "x"],
]

func fail(_ message: String) -> Never {
    FileHandle.standardError(message)
    exit(2)
}

enum FileHandle {
    static func standardError(_ text: String) {
        var line = text + "\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}

/// Shows a record with escapes, so CR, LF, BOM and empty fields are visible.
func show(_ record: [String]) -> String {
    "[" + record.map { field in
        "\"" + field.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\r": return "\\r"
            case "\n": return "\\n"
            case "\"": return "\\\""
            case "\u{FEFF}": return "<BOM>"
            default: return String(scalar)
            }
        }.joined() + "\""
    }.joined(separator: ", ") + "]"
}

let args = CommandLine.arguments
guard args.count == 4, ["pass", "check"].contains(args[1]), readers.contains(args[2]) else {
    fail("usage: csvbench pass|check \(readers.joined(separator: "|")) FILE")
}
let (mode, reader, path) = (args[1], args[2], args[3])

do {
    if mode == "pass" {
        let totals: (Int, Int, Int)
        var readerError: Error?
        switch reader {
        case "ours": let t = try ourTotals(path: path); totals = (t.records, t.fields, t.bytes)
        case "ours-bytes": let t = try ourByteTotals(path: path); totals = (t.records, t.fields, t.bytes)
        case "yaslab":
            let t = try yaslabTotals(path: path)
            totals = (t.records, t.fields, t.bytes)
            readerError = t.error
        default: totals = try swiftCSVTotals(path: path)
        }
        print("records=\(totals.0) fields=\(totals.1) bytes=\(totals.2)")
        if let readerError { print("reader.error=\(readerError)") }
    } else {
        let records: [[String]]
        switch reader {
        case "ours", "ours-bytes": records = try ourRecords(path: path)
        case "yaslab":
            let result = try yaslabRecords(path: path)
            records = result.records
            if let error = result.error { print("note: reader.error=\(error) after the last record") }
        default: records = try swiftCSVRecords(path: path)
        }
        if records == trickyExpected {
            print("correct: all \(records.count) records as expected")
        } else {
            print("WRONG: \(records.count) records, expected \(trickyExpected.count)")
            for i in 0..<max(records.count, trickyExpected.count) {
                let got = i < records.count ? show(records[i]) : "(none)"
                let want = i < trickyExpected.count ? show(trickyExpected[i]) : "(none)"
                if got != want { print("  record \(i + 1): got \(got), expected \(want)") }
            }
            let nonBlank = records.filter { !$0.allSatisfy(\.isEmpty) }
            if nonBlank == trickyExpected {
                print("  (right once records whose fields are all empty are dropped)")
            }
            exit(1)
        }
    }
} catch {
    print("ERROR: \(error)")
    exit(3)
}
