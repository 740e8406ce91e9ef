import ArgumentParser
import Foundation
import ImpactQuery
import ImpactStore
import CStandardOutput

/// Standard output, written in blocks of about 64 KiB. A write that fails (a full disk, a closed
/// pipe) is kept and reported by `flush()`, so the command ends with `Error: …`, not a trap.
final class QueryOutput {
    private var buffer = ""
    private var failure: (any Error)?

    /// Adds text, writing the buffer out when it is large.
    func write(_ text: String) {
        guard failure == nil else { return }
        buffer += text
        if buffer.utf8.count >= 1 << 16 { send() }
    }

    /// Writes out what is buffered; throws if any write failed.
    func flush() throws {
        send()
        if let failure { throw OutputFailure(underlying: failure) }
    }

    /// Writes a whole table in `format` (CSV text as it is when `rawCSV`).
    func write(_ table: ResultTable, as format: OutputFormat, rawCSV: Bool = false) throws {
        write(table.rendered(as: format, rawCSV: rawCSV))
        try flush()
    }

    private func send() {
        guard !buffer.isEmpty, failure == nil else { return }
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(buffer.utf8))
        } catch {
            failure = error
        }
        buffer = ""
    }
}

/// Standard output could not be written.
struct OutputFailure: Error, CustomStringConvertible {
    let underlying: any Error

    var description: String {
        "cannot write the output (\(systemReason(of: underlying))); check the disk or the program reading it"
    }
}

/// Flushes what `print` buffered on standard output; throws when it could not be written (so a
/// full disk or a closed pipe ends the command with `Error: …` and a non-zero exit).
func finishStandardOutput() throws {
    if impact_flush_standard_output_failed() != 0 {
        throw OutputFailure(underlying: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
    }
}
