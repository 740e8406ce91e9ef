// swiftcsv/SwiftCSV 0.10.0: `EnumeratedCSV` (= `CSV<Enumerated>`) loads the whole file into a
// String and parses every row into `[[String]]` before the first row can be used.
// Delimiter given (no guessing) and loadColumns false (no per-column copy): the library's
// cheapest way to get all rows.
import Foundation
import SwiftCSV

private func load(_ path: String) throws -> EnumeratedCSV {
    try EnumeratedCSV(url: URL(fileURLWithPath: path), delimiter: .comma, loadColumns: false)
}

/// Walks every data row; every field already is a `String`, and its UTF-8 length is summed.
public func swiftCSVTotals(path: String) throws -> (records: Int, fields: Int, bytes: Int) {
    let csv = try load(path)
    var records = 0, fields = 0, bytes = 0
    for row in csv.rows {
        records += 1
        for field in row {
            fields += 1
            bytes += field.utf8.count
        }
    }
    return (records, fields, bytes)
}

/// Every record, header included.
public func swiftCSVRecords(path: String) throws -> [[String]] {
    let csv = try load(path)
    return [csv.header] + csv.rows
}
