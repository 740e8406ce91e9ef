// libFuzzer entry for the CSV reader (issue: bad input never crashes or hangs).
// Built by scripts/fuzz-csv.sh with `swiftc -sanitize=fuzzer,address -parse-as-library`
// together with Sources/ImpactIngest/CSVReader.swift.
#if canImport(Glibc)
import Glibc
#endif

private let path = "/dev/shm/impact-fuzz-\(getpid()).csv"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return 0 }
    var written = 0
    while written < size {
        let count = write(fd, data + written, size - written)
        if count <= 0 { break }
        written += count
    }
    close(fd)
    guard let reader = try? CSVReader(path: path) else { return 0 }
    var records = 0
    do {
        while try reader.nextRecord() {
            records += 1
            for index in 0..<reader.fieldCount {
                _ = reader.field(index)
                _ = reader.rawField(index)
                _ = reader.isEmpty(index)
            }
            _ = reader.rawRecord
            _ = reader.malformation
            if records > 100_000 { break }
        }
    } catch {
        // A refusal (invalid UTF-8, an unclosed quote) is the expected answer to bad input.
        _ = "\(error)"
    }
    return 0
}
