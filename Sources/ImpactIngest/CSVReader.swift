#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ImpactStore

/// A streaming RFC 4180 reader over bytes: BOM, LF/CRLF/CR line ends, quoted fields with
/// commas, `""` and line breaks. It validates UTF-8 as it reads, keeps the current record
/// contiguous in its buffer (so the raw row is at hand) and never holds more than one
/// record plus one chunk in memory.
///
/// Malformed quoting inside a record (text after a closing quote) marks the record, so the
/// caller can reject that row and go on; what makes the file unreadable (invalid UTF-8, a
/// quote left open at the end of the file) throws ``CSVError``.
public final class CSVReader {
    // The reader's state is only ever touched by the thread that owns the reader, one call
    // at a time: runtime exclusivity checks on it were a large share of the import's reading time
    // (docs/performance.md, "What made it fast, measured").
    /// The file's display name, used in errors.
    public let fileName: String
    /// Number of fields in the current record.
    @exclusivity(unchecked) public private(set) var fieldCount = 0
    /// The physical line (1-based) on which the current record starts.
    @exclusivity(unchecked) public private(set) var recordLine = 0
    /// Set when the current record has text after a closing quote; the message says where.
    @exclusivity(unchecked) public private(set) var malformation: String?
    /// Bytes read from the file so far.
    @exclusivity(unchecked) public private(set) var bytesRead = 0
    /// Called with every block of bytes read, in order (e.g. to hash the file).
    public var onBytes: ((UnsafeRawBufferPointer) -> Void)?

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    @exclusivity(unchecked) private var buffer: UnsafeMutableBufferPointer<UInt8>
    @exclusivity(unchecked) private var position = 0      // next byte to scan
    @exclusivity(unchecked) private var validEnd = 0      // bytes [0, validEnd) are read and valid UTF-8
    @exclusivity(unchecked) private var readEnd = 0       // bytes [0, readEnd) are read
    @exclusivity(unchecked) private var invalidAt: Int?   // offset of the first invalid UTF-8 byte, once known
    @exclusivity(unchecked) private var atEOF = false
    @exclusivity(unchecked) private var recordStart = 0
    @exclusivity(unchecked) private var recordEnd = 0
    @exclusivity(unchecked) private var line = 1
    @exclusivity(unchecked) private var lineStart = 0
    @exclusivity(unchecked) private var starts: [Int] = []
    @exclusivity(unchecked) private var ends: [Int] = []
    @exclusivity(unchecked) private var quoted: [Bool] = []
    @exclusivity(unchecked) private var started = false

    private static let chunkSize = 1 << 20
    private static let maximumRecordBytes = 64 << 20

    /// Opens `path` for reading; refuses anything but a regular file (`RegularFile`), without
    /// reading from it.
    public init(path: String, displayName: String? = nil) throws {
        fileName = displayName ?? path
        do throws(RegularFile.Refusal) {
            descriptor = try RegularFile.openForReading(path)
        } catch {
            throw CSVError(file: displayName ?? path, line: 0, column: 0, message: error.description, fix: error.fix)
        }
        ownsDescriptor = true
        buffer = .allocate(capacity: Self.chunkSize)
    }

    deinit {
        buffer.deallocate()
        if ownsDescriptor { close(descriptor) }
    }

    // MARK: Fields of the current record

    /// The text of field `index` (quotes removed, `""` unescaped), untrimmed.
    public func rawField(_ index: Int) -> String {
        let start = starts[index], end = ends[index]
        let bytes = UnsafeBufferPointer(rebasing: buffer[start..<end])
        if quoted[index], bytes.contains(UInt8(ascii: "\"")) {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                out.append(bytes[i])
                if bytes[i] == UInt8(ascii: "\""), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { i += 1 }
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The characters trimmed from around every value and header name: spaces, tabs, and the
    /// no-break space (U+00A0) that spreadsheets and web forms leave (`trimmedRange` does the
    /// same on bytes).
    static let blanks: Set<Character> = [" ", "\t", "\u{A0}"]

    /// `text` without blanks at either end.
    static func trimmingBlanks(_ text: String) -> String {
        guard let first = text.first, let last = text.last, blanks.contains(first) || blanks.contains(last) else { return text }
        return String(text.drop(while: blanks.contains).reversed().drop(while: blanks.contains).reversed())
    }

    /// The text of field `index` with surrounding spaces, tabs and no-break spaces trimmed.
    public func field(_ index: Int) -> String {
        let (start, end) = trimmedRange(index)
        if start == starts[index], end == ends[index] { return rawField(index) }
        if quoted[index] {
            return Self.trimmingBlanks(rawField(index))
        }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
    }

    /// Whether field `index` is empty after trimming.
    public func isEmpty(_ index: Int) -> Bool {
        let (start, end) = trimmedRange(index)
        return start == end
    }

    /// Calls `body` with the trimmed bytes of field `index` (quoted content as written).
    public func withTrimmedBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let (start, end) = trimmedRange(index)
        return try body(UnsafeBufferPointer(rebasing: buffer[start..<end]))
    }

    /// Whether field `index` was quoted and holds an escaped quote (so its bytes need unescaping).
    public func hasEscapes(_ index: Int) -> Bool {
        guard quoted[index] else { return false }
        return UnsafeBufferPointer(rebasing: buffer[starts[index]..<ends[index]]).contains(UInt8(ascii: "\""))
    }

    /// The current record as it stands in the file, without its line end.
    public var rawRecord: String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[recordStart..<recordEnd]), as: UTF8.self)
    }

    /// Whether every field of the current record is empty and unquoted.
    private var isBlank: Bool {
        for index in 0..<fieldCount where starts[index] != ends[index] || quoted[index] { return false }
        return true
    }

    /// All fields of the current record, untrimmed.
    public var rawFields: [String] { (0..<fieldCount).map(rawField) }

    private func trimmedRange(_ index: Int) -> (Int, Int) {
        var start = starts[index], end = ends[index]
        // Spaces and tabs, and the no-break space (U+00A0, C2 A0) that spreadsheets and web forms
        // leave around values.
        while start < end {
            if buffer[start] == 0x20 || buffer[start] == 0x09 { start += 1; continue }
            if buffer[start] == 0xC2, start + 1 < end, buffer[start + 1] == 0xA0 { start += 2; continue }
            break
        }
        while end > start {
            if buffer[end - 1] == 0x20 || buffer[end - 1] == 0x09 { end -= 1; continue }
            if buffer[end - 1] == 0xA0, end - 2 >= start, buffer[end - 2] == 0xC2 { end -= 2; continue }
            break
        }
        return (start, end)
    }

    // MARK: Reading

    /// Advances to the next record. Returns false at the end of the file.
    /// Blank lines, and lines of nothing but commas, are skipped.
    public func nextRecord() throws -> Bool {
        while true {
            guard try readRecord() else { return false }
            // A line of nothing but separators (`,,,,`, as spreadsheets export below the data)
            // holds no value: it is skipped like a blank line.
            if isBlank { continue }
            return true
        }
    }

    private func readRecord() throws -> Bool {
        if !started {
            started = true
            try fill()
            if validEnd >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
                position = 3
                lineStart = 3
            }
        }
        fieldCount = 0
        malformation = nil
        recordStart = position
        recordLine = line
        if position >= validEnd {
            try ensureBytes()
            if position >= validEnd { return false }
        }
        while true {
            // At the start of a field. Spaces before an opening quote are skipped (` "a, b"`).
            if position >= validEnd { try ensureBytes() }
            if position < validEnd, buffer[position] == 0x20 || buffer[position] == 0x09 {
                var offset = position - recordStart
                while true {
                    if recordStart + offset >= validEnd { try ensureBytes() }
                    let peek = recordStart + offset
                    guard peek < validEnd, buffer[peek] == 0x20 || buffer[peek] == 0x09 else {
                        if peek < validEnd, buffer[peek] == UInt8(ascii: "\"") { position = peek }
                        break
                    }
                    offset += 1
                }
            }
            if position < validEnd, buffer[position] == UInt8(ascii: "\"") {
                let openLine = line, openColumn = column(at: position)
                position += 1
                // Offsets from the record start survive the buffer moving the record.
                let contentOffset = position - recordStart
                var contentEndOffset = contentOffset
                scanQuoted: while true {
                    if position >= validEnd {
                        try ensureBytes()
                        if position >= validEnd {
                            throw CSVError(file: fileName, line: openLine, column: openColumn,
                                           message: "a quoted field opened here is never closed",
                                           fix: "close the quote, or write a quote inside a quoted field as two quotes (\"\")")
                        }
                    }
                    let byte = buffer[position]
                    switch byte {
                    case UInt8(ascii: "\""):
                        if position + 1 >= validEnd { try ensureBytes() }
                        if position + 1 < validEnd, buffer[position + 1] == UInt8(ascii: "\"") {
                            position += 2
                        } else {
                            contentEndOffset = position - recordStart
                            position += 1
                            break scanQuoted
                        }
                    case 0x0A:
                        position += 1
                        newLine()
                    case 0x0D:
                        position += 1
                        if position >= validEnd { try ensureBytes() }
                        if position < validEnd, buffer[position] == 0x0A { position += 1 }
                        newLine()
                    default:
                        position += 1
                    }
                }
                // After the closing quote: spaces, then a separator or the end of the record.
                var sawJunk = false
                while true {
                    if position >= validEnd { try ensureBytes() }
                    if position >= validEnd { break }
                    let byte = buffer[position]
                    if byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D { break }
                    if !sawJunk, byte != 0x20, byte != 0x09 {
                        sawJunk = true
                        if malformation == nil {
                            malformation = "line \(line), column \(column(at: position)): text after the closing quote of field \(fieldCount + 1)"
                        }
                    }
                    position += 1
                }
                appendField(recordStart + contentOffset, recordStart + contentEndOffset, quoted: true)
            } else {
                let fieldOffset = position - recordStart
                // Unquoted: up to a comma or a line end.
                while true {
                    if position >= validEnd {
                        try ensureBytes()
                        if position >= validEnd { break }
                    }
                    let byte = buffer[position]
                    if byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D { break }
                    position += 1
                }
                appendField(recordStart + fieldOffset, position, quoted: false)
            }
            // After a field: a comma, a line end or the end of the file.
            if position >= validEnd {
                recordEnd = position
                return true
            }
            let byte = buffer[position]
            if byte == UInt8(ascii: ",") {
                position += 1
                continue
            }
            recordEnd = position
            position += 1
            if byte == 0x0D {
                if position >= validEnd { try ensureBytes() }
                if position < validEnd, buffer[position] == 0x0A { position += 1 }
            }
            newLine()
            return true
        }
    }

    private func appendField(_ start: Int, _ end: Int, quoted isQuoted: Bool) {
        if fieldCount < starts.count {
            starts[fieldCount] = start
            ends[fieldCount] = end
            quoted[fieldCount] = isQuoted
        } else {
            starts.append(start)
            ends.append(end)
            quoted.append(isQuoted)
        }
        fieldCount += 1
    }

    private func newLine() {
        line += 1
        lineStart = position
    }

    /// 1-based character column of byte offset `offset` on the current line.
    private func column(at offset: Int) -> Int {
        var count = 1
        var i = max(lineStart, 0)
        while i < offset {
            if buffer[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// Makes more bytes available at `position`, moving the current record to the front of
    /// the buffer (and growing it for a long record). Throws at invalid UTF-8.
    private func ensureBytes() throws {
        if let bad = invalidAt, position >= bad {
            if buffer[bad] == 0 {
                throw CSVError(file: fileName, line: line, column: column(at: bad),
                               message: "the file holds a zero (NUL) byte, which no text file has",
                               fix: "export the file again as CSV UTF-8; a zero byte means a damaged file, or one saved as UTF-16 or in a binary format")
            }
            throw CSVError(file: fileName, line: line, column: column(at: bad),
                           message: "the file is not valid UTF-8: a byte here is not part of any UTF-8 character",
                           fix: "save or export the file as UTF-8 (in Excel: Save As, \"CSV UTF-8\")")
        }
        if atEOF && readEnd == validEnd { return }
        try fill()
        if let bad = invalidAt, position >= bad {
            try ensureBytes()
        }
    }

    private func fill() throws {
        guard let base = buffer.baseAddress else { return }
        // Shift the current record to the front.
        let shift = recordStart
        if shift > 0 {
            let keep = readEnd - shift
            if keep > 0 {
                UnsafeMutableRawPointer(base).copyMemory(from: base + shift, byteCount: keep)
            }
            for i in 0..<fieldCount {
                starts[i] -= shift
                ends[i] -= shift
            }
            position -= shift
            validEnd -= shift
            readEnd -= shift
            lineStart -= shift
            recordStart = 0
            if let bad = invalidAt { invalidAt = bad - shift }
        }
        if readEnd == buffer.count {
            if buffer.count >= Self.maximumRecordBytes {
                throw CSVError(file: fileName, line: recordLine, column: 1,
                               message: "a record longer than \(Self.maximumRecordBytes >> 20) MiB starts here",
                               fix: "check for a quote that is opened and never closed")
            }
            let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
            _ = larger.initialize(from: buffer[0..<readEnd])
            buffer.deallocate()
            buffer = larger
        }
        while !atEOF, readEnd < buffer.count {
            guard let base = buffer.baseAddress else { break }
            let count = read(descriptor, base + readEnd, buffer.count - readEnd)
            if count < 0 {
                if errno == EINTR { continue }
                throw CSVError(file: fileName, line: line, column: 1,
                               message: "read error (\(String(cString: strerror(errno))))", fix: "check the file and the disk")
            }
            if count == 0 { atEOF = true; break }
            onBytes?(UnsafeRawBufferPointer(start: base + readEnd, count: count))
            readEnd += count
            bytesRead += count
            if readEnd - validEnd >= Self.chunkSize / 4 { break }
        }
        if invalidAt == nil {
            let (valid, bad) = UTF8Check.validate(UnsafeBufferPointer(rebasing: buffer[validEnd..<readEnd]), atEnd: atEOF)
            if let bad {
                invalidAt = validEnd + bad
                validEnd += bad
            } else {
                validEnd += valid
            }
        }
    }
}

/// A file that cannot be read at all, with where and how to fix it.
public struct CSVError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file's name as the user gave it.
    public let file: String
    /// 1-based line (0 when the file could not be opened).
    public let line: Int
    /// 1-based character column on that line.
    public let column: Int
    /// What is wrong.
    public let message: String
    /// What to do about it.
    public let fix: String

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message); \(fix)" : "\(file): \(message); \(fix)"
    }
}

/// UTF-8 validation over a byte range, with an ASCII fast path.
enum UTF8Check {
    /// Returns how many leading bytes are complete valid UTF-8, and the offset of the first
    /// invalid byte if there is one. An incomplete sequence at the end is left unvalidated
    /// unless `atEnd`, when it is invalid.
    static func validate(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> (valid: Int, invalidAt: Int?) {
        let count = bytes.count
        var i = 0
        guard let base = bytes.baseAddress else { return (0, nil) }
        while i < count {
            // Skip ASCII eight bytes at a time.
            while i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                // A zero byte in the word (the classic test: a byte borrows only from 0).
                if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= count { break }
            let lead = base[i]
            // NUL is valid UTF-8 but never text: it ends C strings, so it would cut values short.
            if lead == 0 { return (i, i) }
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
            default: return (i, i)
            }
            if i + length > count {
                // Check what is there, then wait for more bytes.
                for j in 1..<(count - i) where base[i + j] & 0xC0 != 0x80 { return (i, i) }
                return atEnd ? (i, i) : (i, nil)
            }
            for j in 1..<length {
                let byte = base[i + j]
                guard byte & 0xC0 == 0x80 else { return (i, i) }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return (i, i) }
            i += length
        }
        return (i, nil)
    }
}
