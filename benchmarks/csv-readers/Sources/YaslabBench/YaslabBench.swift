// yaslab/CSV.swift 2.5.2: streaming `CSVReader(stream:hasHeaderRow:)` over an InputStream.
import CSV
import Foundation

public struct YaslabError: Error, CustomStringConvertible {
    public let description: String
}

private func open(_ path: String) throws -> CSVReader {
    guard let stream = InputStream(fileAtPath: path) else {
        throw YaslabError(description: "cannot open \(path)")
    }
    return try CSVReader(stream: stream, hasHeaderRow: true)
}

/// Reads every data record; every field already is a `String`, and its UTF-8 length is summed.
/// `reader.error` is returned, not thrown: on Linux the library sets it at every end of file
/// (see README), after all records have been read.
public func yaslabTotals(path: String) throws -> (records: Int, fields: Int, bytes: Int, error: Error?) {
    let reader = try open(path)
    var records = 0, fields = 0, bytes = 0
    while let row = reader.next() {
        records += 1
        for field in row {
            fields += 1
            bytes += field.utf8.count
        }
    }
    return (records, fields, bytes, reader.error)
}

/// Every record, header included, and `reader.error` once the reader stopped.
public func yaslabRecords(path: String) throws -> (records: [[String]], error: Error?) {
    let reader = try open(path)
    var records: [[String]] = [reader.headerRow ?? []]
    while let row = reader.next() { records.append(row) }
    return (records, reader.error)
}
