import Foundation
import ImpactQuery
import ArgumentParser

/// Standard output, written in blocks of about 64 KiB.
final class QueryOutput {
    private var buffer = ""

    /// Adds text, writing the buffer out when it is large.
    func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    /// Writes out what is buffered.
    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }

    /// Writes a whole table in `format`.
    func write(_ table: ResultTable, as format: OutputFormat) {
        write(table.rendered(as: format))
        flush()
    }
}
