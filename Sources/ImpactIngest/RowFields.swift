import Foundation
import ImpactStore

/// Read access to the cells of one input row, by field position.
protocol RowFields {
    /// Number of fields in the row.
    var fieldCount: Int { get }
    /// The trimmed text of a field.
    func field(_ index: Int) -> String
    /// Whether the field is empty after trimming.
    func isEmpty(_ index: Int) -> Bool
    /// Calls `body` with the trimmed bytes of a field.
    func withTrimmedBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
    /// The reader whose current record the row is, if it is one (nil for a row built in memory).
    var record: CSVReader? { get }
}

extension RowFields {
    var record: CSVReader? { nil }
}

extension CSVReader: RowFields {
    var record: CSVReader? { self }
}

/// A record of an export read through a file mapping: the reader's fields, then the values the
/// mapping gives (its constants, a cohort it looked up) at the positions after the header's,
/// where the file's ``ColumnMap`` places them.
struct MappedRow: RowFields {
    let reader: CSVReader
    /// Number of header fields: the first position of the given values.
    let width: Int
    /// The values the mapping gives, in the order of `HeaderOptions.provided`.
    var given: [String]

    var fieldCount: Int { width + given.count }

    var record: CSVReader? { reader }

    func field(_ index: Int) -> String {
        if index >= width { return given[index - width] }
        return index < reader.fieldCount ? reader.field(index) : ""
    }

    func isEmpty(_ index: Int) -> Bool {
        if index >= width { return given[index - width].isEmpty }
        return index >= reader.fieldCount || reader.isEmpty(index)
    }

    func withTrimmedBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if index >= width {
            var text = given[index - width]
            return try text.withUTF8(body)
        }
        guard index < reader.fieldCount else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try reader.withTrimmedBytes(index, body)
    }
}

/// A row built in memory, e.g. one answer of a wide survey export.
struct ArrayRow: RowFields {
    var values: [String]

    var fieldCount: Int { values.count }

    func field(_ index: Int) -> String { CSVReader.trimmingBlanks(values[index]) }

    func isEmpty(_ index: Int) -> Bool { field(index).isEmpty }

    func withTrimmedBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var text = field(index)
        return try text.withUTF8(body)
    }
}

/// What became of one column of an imported file: recorded in `import_columns` and printed.
public struct ColumnFate: Sendable, Equatable {
    /// What the engine did with the column.
    public enum Fate: String, Sendable {
        /// Read for a contract column.
        case taken
        /// Kept as written, per row, in `extra`.
        case kept
        /// Personal data: read at most to find the person, never stored.
        case personal
        /// Not a contract column and not asked for: not stored.
        case ignored
    }

    /// The field's position, from 1.
    public let position: Int
    /// The header as written (trimmed).
    public let header: String
    public let fate: Fate
    /// The contract column the field was taken for, if it was.
    public let column: String?
    /// Why: the rule that matched, or what the column holds.
    public let rule: String
    /// What a file mapping reads the column for besides (its cohort_lookup, its skip_rows), if it does.
    public var readByMapping: String?
}

/// How a file's headers are read beyond the built-in rules: a mapping's renames and the
/// columns a user keeps by name.
public struct HeaderOptions: Sendable, Equatable {
    /// Header → contract column, from a mapping (matched as header names are).
    public var renames: [String: String]
    /// Headers of unknown columns to keep in `extra` in a file about people.
    public var keep: [String]
    /// Contract columns a file mapping gives without a field (its constants, a cohort looked up).
    var provided: [ProvidedColumn] = []
    /// What a file mapping reads a column for besides (skip_rows, cohort_lookup), by folded header.
    var readings: [String: String] = [:]

    /// A header as header names are matched (`ColumnMap.fold`): `Lead Source` and `lead_source` are one.
    public static func fold(_ header: String) -> String { ColumnMap.fold(header) }

    public init(renames: [String: String] = [:], keep: [String] = []) {
        self.renames = renames
        self.keep = keep
    }
}

/// A contract column a file mapping gives without a field of the file: a constant, or a cohort
/// looked up from other columns. ``ColumnMap`` places it after the file's fields (where
/// ``MappedRow`` holds its value), so it counts as present for the required-column check, and
/// records its fate after the file's columns, under `header`.
struct ProvidedColumn: Sendable, Equatable {
    /// The contract column.
    let column: String
    /// The header its fate is recorded under: `(constant)` or `(cohort_lookup)`.
    let header: String
    /// Where its value comes from.
    let rule: String
}

/// Where each known column of a file sits, and what became of every other column.
struct ColumnMap {
    /// Field index of each known column, by contract name.
    let index: [String: Int]
    /// Unknown columns kept in `extra`: field index and header as written (trimmed).
    let unknown: [(index: Int, name: String)]
    /// Columns of personal data the kind does not store (`PersonalData`): never kept in `extra`
    /// or in rejected rows.
    let personal: [(index: Int, name: String)]
    /// Unknown columns of a file about people that nobody asked to keep: not stored anywhere.
    let ignored: [(index: Int, name: String)]
    /// Every column's fate, in the file's order.
    let fates: [ColumnFate]
    /// Number of header fields.
    let width: Int

    /// A header as header names are matched: lower-case ASCII letters and digits only, so that
    /// `Participant ID`, `participant_id` and `PARTICIPANT-ID` are one name.
    static func fold(_ header: String) -> String {
        String(String.UnicodeScalarView(header.lowercased().unicodeScalars.filter {
            ("a"..."z").contains($0) || ("0"..."9").contains($0)
        }))
    }

    /// How well a header matched a contract column, best first.
    private enum Match: Int, Comparable {
        case mapping, exact, spelling, synonym
        static func < (lhs: Match, rhs: Match) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The contract column a header names, and how, if it names one.
    private static func match(_ header: String, kind: FileKind, options: HeaderOptions) -> (InputColumn, Match, String)? {
        let columns = kind.columns
        let folded = fold(header)
        if let (_, target) = options.renames.first(where: { fold($0.key) == folded }) {
            guard let column = columns.first(where: { $0.name == target }) else { return nil }
            return (column, .mapping, "named by the mapping")
        }
        // A CRM report prefixes fields with their object: `Contact: Email`, `Programme Engagement: Stage`.
        var candidates = [folded]
        if let colon = header.lastIndex(of: ":") {
            let field = fold(String(header[header.index(after: colon)...]))
            if !field.isEmpty, field != folded { candidates.append(field) }
        }
        for candidate in candidates {
            if let column = columns.first(where: { fold($0.name) == candidate }) {
                let exact = header.lowercased() == column.name
                return (column, exact ? .exact : .spelling, exact ? "its contract name" : "a spelling of \(column.name)")
            }
        }
        for candidate in candidates {
            if let column = columns.first(where: { $0.synonyms.contains { fold($0) == candidate } }) {
                return (column, .synonym, "a usual label for \(column.name)")
            }
        }
        return nil
    }

    /// Maps a header row; refuses duplicates, two headers for one column and missing required
    /// columns, and a kept column that is personal data. With `checkingColumns` false (a mapping
    /// being suggested), a missing column or a second candidate for one is left for the caller.
    init(headers: [String], kind: FileKind, file: String, line: Int, options: HeaderOptions = HeaderOptions(),
         checkingColumns: Bool = true) throws {
        func refuse(_ column: Int, _ message: String) -> IngestError {
            IngestError.header(file: file, line: line, column: column, message: message)
        }
        // Nothing of a line that names no column is quoted in a message: a file that is not
        // what it should be (a link to a key file, a data row where the header should be) may
        // hold anything (docs/privacy.md).
        let recognised = Self.recognises(headers, kind: kind, options: options)
        if checkingColumns, !recognised {
            throw refuse(1, Self.notAHeader(headers, kind: kind, file: file, line: line))
        }
        let keep = Set(options.keep.map(Self.fold))
        var seen: [String: Int] = [:]
        var chosen: [String: (position: Int, match: Match, rule: String, header: String)] = [:]
        var names: [String] = []
        var matched: [Int: String] = [:]
        for (position, raw) in headers.enumerated() {
            let name = CSVReader.trimmingBlanks(raw)
            names.append(name)
            guard !name.isEmpty else { continue }
            let lower = name.lowercased()
            if let first = seen[lower] {
                let quoted = recognised ? "column \"\(name)\"" : "a column"
                throw refuse(position + 1, "\(quoted) appears twice (fields \(first + 1) and \(position + 1)); rename or remove one of them")
            }
            seen[lower] = position
            guard let (column, match, rule) = Self.match(name, kind: kind, options: options) else { continue }
            matched[position] = column.name
            if let other = chosen[column.name] {
                if other.match == match, checkingColumns {
                    throw refuse(position + 1, "columns \"\(other.header)\" (field \(other.position + 1)) and \"\(name)\" (field \(position + 1)) could both be \(column.name); rename the one that is not, or name the right one in a mapping (docs/mappings.md)")
                }
                if other.match <= match { continue }
            }
            chosen[column.name] = (position, match, rule, name)
        }
        // What the mapping gives goes before any header that could be the same column.
        var providedBy: [String: String] = [:]
        for given in options.provided {
            chosen[given.column] = nil
            providedBy[given.column] = given.rule
        }
        var index: [String: Int] = [:]
        var taken: [Int: (column: InputColumn, rule: String)] = [:]
        for column in kind.columns {
            guard let pick = chosen[column.name] else { continue }
            index[column.name] = pick.position
            taken[pick.position] = (column, pick.rule)
        }
        var unknown: [(Int, String)] = []
        var personal: [(Int, String)] = []
        var ignored: [(Int, String)] = []
        var fates: [ColumnFate] = []
        for (position, name) in names.enumerated() {
            let shown = name.isEmpty ? "column_\(position + 1)" : name
            if let (column, matchRule) = taken[position] {
                let rule = matchRule + (options.readings.isEmpty ? "" : options.readings[Self.fold(name)].map { "; also " + $0 } ?? "")
                switch column.format {
                case .personalText:
                    personal.append((position, shown))
                    fates.append(ColumnFate(position: position + 1, header: shown, fate: .personal, column: column.name,
                                            rule: "\(rule); personal data, never stored"))
                case .email:
                    fates.append(ColumnFate(position: position + 1, header: shown, fate: .taken, column: column.name,
                                            rule: "\(rule); only its keyed hash is used, the address is never stored"))
                case .postcodeDistrict:
                    fates.append(ColumnFate(position: position + 1, header: shown, fate: .taken, column: column.name,
                                            rule: "\(rule); only the district is stored"))
                default:
                    fates.append(ColumnFate(position: position + 1, header: shown, fate: .taken, column: column.name, rule: rule))
                }
                continue
            }
            // A second candidate for a column another header gives better (`Student ID` beside `participant_id`).
            let why = matched[position].flatMap { column in
                chosen[column].map { "; it could be \(column), which \"\($0.header)\" gives" }
                    ?? providedBy[column].map { "; it could be \(column), which the mapping gives instead (\($0))" }
            } ?? ""
            let readBy = options.readings.isEmpty ? nil : options.readings[Self.fold(name)]
            if !name.isEmpty, let reason = PersonalData.reason(forHeader: name, in: kind) {
                if kind.isAboutPeople, keep.contains(Self.fold(name)) {
                    throw refuse(position + 1, "column \"\(name)\" was asked to be kept, but its header says it holds \(reason): personal data is never stored; remove it from keep")
                }
                personal.append((position, shown))
                fates.append(ColumnFate(position: position + 1, header: shown, fate: .personal, column: nil,
                                        rule: "personal data: \(reason); never stored" + (readBy.map { " (" + $0 + ")" } ?? "")))
            } else if !kind.isAboutPeople || (!name.isEmpty && keep.contains(Self.fold(name))) {
                unknown.append((position, shown))
                fates.append(ColumnFate(position: position + 1, header: shown, fate: .kept, column: nil,
                                        rule: (readBy.map { $0 + "; " } ?? "") + (kind.isAboutPeople ? "kept by name" : "not a contract column; kept as written") + " in extra" + why))
            } else if let readBy {
                ignored.append((position, shown))
                fates.append(ColumnFate(position: position + 1, header: shown, fate: .ignored, column: nil, rule: readBy + "; not stored" + why))
            } else {
                ignored.append((position, shown))
                fates.append(ColumnFate(position: position + 1, header: shown, fate: .ignored, column: nil,
                                        rule: name.isEmpty ? "no header; not stored (give it a header to keep it)" : "not a contract column; not stored (keep it with --keep)" + why))
            }
        }
        if !options.readings.isEmpty {
            for index in fates.indices where index < names.count {
                fates[index].readByMapping = options.readings[Self.fold(names[index])]
            }
        }
        for (offset, given) in options.provided.enumerated() {
            index[given.column] = headers.count + offset
            fates.append(ColumnFate(position: headers.count + offset + 1, header: given.header, fate: .taken, column: given.column, rule: given.rule))
        }
        for column in kind.columns where checkingColumns && column.required && index[column.name] == nil {
            let hint = Self.separatorHint(headers) ?? "add it, or rename the column that holds it"
            let known = column.synonyms.isEmpty ? "" : " (it is also found under usual labels such as \(column.synonyms.prefix(3).joined(separator: ", ")))"
            throw refuse(1, "required column \"\(column.name)\" is missing (the header has: \(headers.joined(separator: ", "))); \(hint)\(known)")
        }
        if checkingColumns, kind.isAboutPeople, index["participant_id"] == nil, index["email"] == nil {
            throw refuse(1, "no column gives the person: neither participant_id nor email is in the header (nor a usual label for them, such as Contact ID, Student ID or Email Address); add a participant_id column, or name the id column in a mapping")
        }
        self.index = index
        self.unknown = unknown
        self.personal = personal
        self.ignored = ignored
        self.fates = fates
        self.width = headers.count
    }

    subscript(name: String) -> Int? { index[name] }

    /// Whether a field of `headers` names a column of `kind` (or one `options` rename): only then
    /// is the line a header, whose names a message may quote.
    static func recognises(_ headers: [String], kind: FileKind, options: HeaderOptions = HeaderOptions()) -> Bool {
        headers.contains { raw in
            let name = CSVReader.trimmingBlanks(raw)
            return !name.isEmpty && match(name, kind: kind, options: options) != nil
        }
    }

    /// The refusal of a first line none of whose fields names a column of `kind`: what the line
    /// is like, never what it says.
    static func notAHeader(_ headers: [String], kind: FileKind, file: String, line: Int) -> String {
        let columns = kind.columns.map(\.name).joined(separator: ", ")
        let fix = separatorHint(headers)
            ?? "if it is the file you meant, give it a header row naming its columns, or write a mapping for it (impact mapping suggest \(kind.rawValue)=\(file))"
        return "line \(line) is not a header of \(kind.rawValue): none of its fields names one of its columns (\(columns)) or a usual label for one. The line (\(LineShape(headers))) is not shown, since a file that is not what it should be may hold anything; \(fix)"
    }

    /// What to do about a header of one field that holds another separator, if it does.
    private static func separatorHint(_ headers: [String]) -> String? {
        guard headers.count == 1, let only = headers.first, let separator = [";", "\t", "|"].first(where: { only.contains($0) }) else { return nil }
        let name = separator == "\t" ? "tabs" : "\"\(separator)\""
        return "the file seems to separate its columns with \(name), not commas: export it as CSV with commas (in Excel: Save As, \"CSV UTF-8\")"
    }
}

/// JSON object text of the unknown columns of a row (non-empty cells only), or nil.
func extraJSON<R: RowFields>(_ row: R, _ unknown: [(index: Int, name: String)]) -> String? {
    var json = ""
    for (index, name) in unknown where index < row.fieldCount && !row.isEmpty(index) {
        json += json.isEmpty ? "{" : ","
        JSONText.append(name, to: &json)
        json += ":"
        JSONText.append(row.field(index), to: &json)
    }
    return json.isEmpty ? nil : json + "}"
}
