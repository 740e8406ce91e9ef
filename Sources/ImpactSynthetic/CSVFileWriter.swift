import Foundation

/// A CSV file written through a buffer: LF line ends, RFC 4180 quoting where a field needs it.
///
/// A class because it holds an open file. It is used from one thread and never re-entered, so
/// the hot stored properties skip the runtime exclusivity checks (otherwise a large share of the
/// run time; docs/performance.md, "Synthetic data").
final class CSVFileWriter {
    /// The file's name, e.g. `responses.csv`.
    let fileName: String
    /// Data rows written so far (the header excluded).
    @exclusivity(unchecked) private(set) var rowCount = 0

    private let path: String
    private let handle: FileHandle
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var rowHasFields = false
    private var isClosed = false
    private static let flushThreshold = 1 << 17

    /// Creates (or empties) `folder/fileName` and writes the header row.
    init(folder: URL, fileName: String, header: [String]) throws {
        self.fileName = fileName
        let url = folder.appendingPathComponent(fileName)
        path = url.path
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw SyntheticDataError.cannotWriteFile(path: path, detail: "the file cannot be created")
        }
        do {
            handle = try FileHandle(forWritingTo: url)
        } catch {
            throw SyntheticDataError.cannotWriteFile(path: path, detail: error.localizedDescription)
        }
        buffer.reserveCapacity(Self.flushThreshold + 4096)
        for name in header { field(name) }
        try endLine()
    }

    deinit {
        if !isClosed { try? handle.close() }
    }

    /// A text field, quoted when it holds a comma, a quote or a line break.
    func field(_ text: String) {
        separate()
        let utf8 = text.utf8
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            buffer.append(contentsOf: utf8)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// A field from bytes known to need no quoting (ids, dates, category tokens).
    func field(bytes: [UInt8]) {
        separate()
        buffer.append(contentsOf: bytes)
    }

    /// A text field, or an empty cell (unknown) for nil.
    func field(_ text: String?) {
        if let text { field(text) } else { emptyField() }
    }

    /// A decimal integer.
    func field(_ value: Int) {
        separate()
        appendDigits(of: value)
    }

    /// An integer, or an empty cell (unknown) for nil.
    func field(_ value: Int?) {
        if let value { field(value) } else { emptyField() }
    }

    /// A fixed-point decimal: `scaled` / 10^`decimals`, e.g. (125, 1) → `12.5`, (2810, 4) → `0.2810`.
    func field(scaled: Int, decimals: Int) {
        separate()
        var divisor = 1
        for _ in 0..<decimals { divisor *= 10 }
        if scaled < 0 { buffer.append(UInt8(ascii: "-")) }
        let magnitude = scaled.magnitude
        appendDigits(of: Int(magnitude / UInt(divisor)))
        guard decimals > 0 else { return }
        buffer.append(UInt8(ascii: "."))
        var fraction = Int(magnitude % UInt(divisor))
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: decimals)
        for position in stride(from: decimals - 1, through: 0, by: -1) {
            digits[position] = UInt8(ascii: "0") + UInt8(fraction % 10)
            fraction /= 10
        }
        buffer.append(contentsOf: digits)
    }

    /// A boolean as `yes`/`no`, or an empty cell (unknown) for nil.
    func field(_ value: Bool?) {
        switch value {
        case true?: field(bytes: Self.yes)
        case false?: field(bytes: Self.no)
        case nil: emptyField()
        }
    }

    /// An empty cell: unknown.
    func emptyField() {
        separate()
    }

    /// Ends the current data row.
    func endRow() throws {
        rowCount += 1
        try endLine()
    }

    /// Writes what is buffered and closes the file.
    func close() throws {
        guard !isClosed else { return }
        try flush()
        isClosed = true
        do {
            try handle.close()
        } catch {
            throw SyntheticDataError.cannotWriteFile(path: path, detail: error.localizedDescription)
        }
    }

    private static let yes = Array("yes".utf8)
    private static let no = Array("no".utf8)

    private func separate() {
        if rowHasFields { buffer.append(UInt8(ascii: ",")) }
        rowHasFields = true
    }

    private func endLine() throws {
        buffer.append(0x0A)
        rowHasFields = false
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw SyntheticDataError.cannotWriteFile(path: path, detail: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func appendDigits(of value: Int) {
        if value >= 0 && value < 10 {
            buffer.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var digits: [UInt8] = []
        while rest > 0 || digits.isEmpty {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        buffer.append(contentsOf: digits.reversed())
    }
}
