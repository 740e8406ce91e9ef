public import Foundation
import ImpactIngest

/// The records of the CSV file at `url`, each as its untrimmed fields, read with the engine's
/// own RFC 4180 reader (ImpactIngest's `CSVReader`).
public func readCSV(at url: URL) throws -> [[String]] {
    let reader = try CSVReader(path: url.path)
    var records: [[String]] = []
    while try reader.nextRecord() { records.append(reader.rawFields) }
    return records
}

/// The records of `text`, as `readCSV(at:)` reads them from a file holding it.
public func readCSV(_ text: String) throws -> [[String]] {
    try withTemporaryFolder { folder in
        try readCSV(at: URL(fileURLWithPath: write(text, to: "out.csv", in: folder)))
    }
}
