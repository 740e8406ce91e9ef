// Benchmark entry points for the project's CSVReader (CSVReader.swift is a symlink).

/// What a full pass over a file saw: data records (header excluded), fields, UTF-8 bytes.
public struct Totals: Equatable, Sendable, CustomStringConvertible {
    public var records = 0
    public var fields = 0
    public var bytes = 0
    public init() {}
    public var description: String { "records=\(records) fields=\(fields) bytes=\(bytes)" }
}

/// Reads every record and turns every field into a `String` (`rawField`: unescaped, untrimmed).
public func ourTotals(path: String) throws -> Totals {
    let reader = try CSVReader(path: path)
    var totals = Totals()
    guard try reader.nextRecord() else { return totals }   // header
    while try reader.nextRecord() {
        totals.records += 1
        for i in 0..<reader.fieldCount {
            let text = reader.rawField(i)
            totals.fields += 1
            totals.bytes += text.utf8.count
        }
    }
    return totals
}

/// Same pass without making Strings: only the field bytes (`withTrimmedBytes`). Context only.
public func ourByteTotals(path: String) throws -> Totals {
    let reader = try CSVReader(path: path)
    var totals = Totals()
    guard try reader.nextRecord() else { return totals }
    while try reader.nextRecord() {
        totals.records += 1
        for i in 0..<reader.fieldCount {
            totals.fields += 1
            totals.bytes += reader.withTrimmedBytes(i) { $0.count }
        }
    }
    return totals
}

/// Every record, header included, as Strings.
public func ourRecords(path: String) throws -> [[String]] {
    let reader = try CSVReader(path: path)
    var records: [[String]] = []
    while try reader.nextRecord() { records.append(reader.rawFields) }
    return records
}
