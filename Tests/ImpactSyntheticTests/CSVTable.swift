import Foundation
import Testing

/// A whole CSV file read with an independent RFC 4180 parser, for checking what the generator wrote.
struct CSVTable {
    let header: [String]
    let rows: [[String]]

    init(contentsOf url: URL) throws {
        let records = try Self.records(in: Data(contentsOf: url))
        header = records.first ?? []
        rows = Array(records.dropFirst())
    }

    /// The position of `name` in the header; records an issue and returns 0 when it is missing.
    func column(_ name: String) -> Int {
        guard let index = header.firstIndex(of: name) else {
            Issue.record("no column \(name) in \(header)")
            return 0
        }
        return index
    }

    /// The values of `name`, one per row.
    func values(_ name: String) -> [String] {
        let index = column(name)
        return rows.map { $0[index] }
    }

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// Records split on LF (CRLF tolerated), fields on commas, with quoted fields that may hold
    /// commas, doubled quotes and line breaks.
    static func records(in data: Data) throws -> [[String]] {
        let bytes = [UInt8](data)
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var index = 0
        var inQuotes = false
        var fieldWasQuoted = false
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    guard field.isEmpty, !fieldWasQuoted else { throw Malformed(description: "stray quote at byte \(index)") }
                    inQuotes = true
                    fieldWasQuoted = true
                case UInt8(ascii: ","):
                    endField()
                case 0x0A:
                    if field.last == 0x0D, !fieldWasQuoted { field.removeLast() }
                    endField()
                    records.append(record)
                    record.removeAll(keepingCapacity: true)
                default:
                    guard !fieldWasQuoted else { throw Malformed(description: "text after a closing quote at byte \(index)") }
                    field.append(byte)
                }
            }
            index += 1
        }
        guard !inQuotes else { throw Malformed(description: "unbalanced quote at end of file") }
        if !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }
}
