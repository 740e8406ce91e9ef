public import ImpactStore

/// A value ready to bind to a statement parameter (the store's, named here for the ingest's files).
public typealias BindValue = ImpactStore.BindValue

/// How a slash date with the year last is read: `01/07/2024` is 1 July (day first, the UK's
/// order and the contract's) or 7 January (month first, as US tools write it).
enum DateOrder: String, Sendable, CaseIterable {
    case dayFirst = "day_first"
    case monthFirst = "month_first"
}

/// Parsing of the contract's cell formats from trimmed bytes: booleans, dates, integers,
/// decimals and enumerations. Each returns nil when the text is not of the format.
enum FieldParsing {
    /// `yes/no`, `y/n`, `true/false`, `1/0`, any case.
    static func bool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch bytes.count {
        case 1:
            switch bytes[0] {
            case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "1"): return true
            case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "0"): return false
            default: return nil
            }
        default:
            let word = lowercased(bytes)
            switch word {
            case "yes", "true": return true
            case "no", "false": return false
            default: return nil
            }
        }
    }

    /// A date as ISO `YYYY-MM-DD` (optionally followed by a time, `T…` or ` …`, which is dropped)
    /// or UK `DD/MM/YYYY` (also `D/M/YYYY`, and with a time after a space, as spreadsheets
    /// write them); returns the ISO form of a real calendar date.
    static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        date(bytes, order: .dayFirst)
    }

    /// A date as `date(_:)` reads it, with a slash date read in `order` (`MM/DD/YYYY` month first).
    static func date(_ bytes: UnsafeBufferPointer<UInt8>, order: DateOrder) -> String? {
        var year = 0, month = 0, day = 0
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                let d = Int(bytes[i]) - 48
                guard d >= 0, d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        let dash = UInt8(ascii: "-")
        if bytes.count >= 10, bytes[4] == dash, bytes[7] == dash,
           let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2) {
            if bytes.count > 10 {
                guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), isTime(bytes, from: 11) else { return nil }
            }
            year = y; month = m; day = d
        } else if let (first, second, y) = slashDate(bytes) {
            year = y
            (day, month) = order == .dayFirst ? (first, second) : (second, first)
        } else {
            return nil
        }
        // Years as the contract's year columns take them: anything else is a slip (0001, 9999).
        guard (1900...2200).contains(year), isValidDate(year: year, month: month, day: day) else { return nil }
        if bytes.count == 10, bytes[4] == dash { return String(decoding: bytes, as: UTF8.self) }
        return isoDate(year: year, month: month, day: day)
    }

    /// `D/M/YYYY` (or `M/D/YYYY`) with one- or two-digit day and month, optionally followed by a
    /// time after a space: the first two numbers and the year.
    private static func slashDate(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        var parts: [Int] = [0]
        var widths: [Int] = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "/") {
                guard parts.count < 3 else { return nil }
                parts.append(0)
                widths.append(0)
            } else if byte >= 48, byte <= 57 {
                parts[parts.count - 1] = parts[parts.count - 1] * 10 + Int(byte - 48)
                widths[widths.count - 1] += 1
            } else if byte == UInt8(ascii: " "), parts.count == 3 {
                guard isTime(bytes, from: index + 1) else { return nil }
                break
            } else {
                return nil
            }
            index += 1
        }
        guard parts.count == 3, (1...2).contains(widths[0]), (1...2).contains(widths[1]), widths[2] == 4 else { return nil }
        return (parts[0], parts[1], parts[2])
    }

    /// Whether `bytes[from...]` is a time of day as spreadsheets and systems write one after a
    /// date: `H:MM` or `HH:MM`, optional `:SS` and fraction, then optionally ` AM`/` PM`, ` UTC`,
    /// ` GMT`, `Z` or an offset (`+01:00`, `-0500`, ` +0000`). Anything else after a date is not a
    /// date.
    static func isTime(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var i = start
        func digitRun() -> Int {
            let begin = i
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
            return i - begin
        }
        func take(_ byte: Character) -> Bool {
            guard i < bytes.count, bytes[i] == UInt8(ascii: byte.unicodeScalars.first ?? " ") else { return false }
            i += 1
            return true
        }
        guard (1...2).contains(digitRun()), take(":"), digitRun() == 2 else { return false }
        if take(":") {
            guard digitRun() == 2 else { return false }
            if take(".") || take(",") { guard digitRun() > 0 else { return false } }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: " ") {
            // After a space: AM/PM, a zone name (BigQuery writes `… UTC`), or an offset.
            i += 1
            let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[i...]), as: UTF8.self).uppercased()
            if ["AM", "PM", "UTC", "GMT", "Z"].contains(rest) { return true }
            guard rest.first == "+" || rest.first == "-" else { return false }
        }
        if take("Z") { return i == bytes.count }
        if take("+") || take("-") {
            switch digitRun() {
            case 4: break
            case 2: if take(":") { guard digitRun() == 2 else { return false } }
            default: return false
            }
        }
        return i == bytes.count
    }

    static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard year >= 1, month >= 1, month <= 12, day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    static func isoDate(year: Int, month: Int, day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// A whole number, optionally signed; `5.0` is accepted as 5.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < bytes.count else { return nil }
        var value: Int64 = 0
        var sawDigit = false
        while i < bytes.count {
            let d = Int64(bytes[i]) - 48
            if d < 0 || d > 9 { break }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(d)
            if overflow1 || overflow2 { return nil }
            value = sum
            sawDigit = true
            i += 1
        }
        guard sawDigit else { return nil }
        if i < bytes.count {
            guard bytes[i] == UInt8(ascii: "."), i + 1 < bytes.count else { return nil }
            i += 1
            while i < bytes.count {
                guard bytes[i] == UInt8(ascii: "0") else { return nil }
                i += 1
            }
        }
        return negative ? -value : value
    }

    /// A finite decimal number such as `12.5`.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !bytes.isEmpty, bytes.count < 64 else { return nil }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
            default: return nil
            }
        }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// The category `text` names among `allowed`: case-insensitive, with spaces and hyphens
    /// read as underscores (`Non-binary` → `non_binary`, `In person` → `in_person`).
    static func category(_ text: String, allowed: [String]) -> String? {
        if allowed.contains(text) { return text }
        var normal = ""
        normal.reserveCapacity(text.utf8.count)
        var lastWasSeparator = false
        for character in text.lowercased() {
            if character == " " || character == "-" || character == "_" {
                if !lastWasSeparator { normal.append("_") }
                lastWasSeparator = true
            } else {
                normal.append(character)
                lastWasSeparator = false
            }
        }
        return allowed.contains(normal) ? normal : nil
    }

    static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    static let booleanHelp = "accepted: yes, no, y, n, true, false, 1, 0"
    static let dateHelp = "expected YYYY-MM-DD or DD/MM/YYYY"

    /// What a date column accepts, read in `order`.
    static func dateHelp(_ order: DateOrder) -> String {
        order == .dayFirst ? dateHelp : "expected YYYY-MM-DD or MM/DD/YYYY (the mapping's date_order: month_first)"
    }
}
