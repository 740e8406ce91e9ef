import Foundation

/// A row that breaks a rule: it goes to `rejected_rows` with this reason, and the import goes on.
struct RowProblem: Error {
    /// The column at fault, when there is one.
    let column: String?
    /// What is wrong, in words a user can act on.
    let reason: String
}

/// What an item of an instrument allows.
struct ItemInfo {
    let key: Int64
    let scaleMin: Int64
    let scaleMax: Int64
}

/// The stored ids a file's rows may refer to, loaded once per file.
struct Lookups {
    var programmeIDs: Set<String> = []
    var cohortIDs: Set<String> = []
    var cohortKeys: [String: Int64] = [:]
    var participantIDs: Set<String> = []
    /// People stored with consent_research = 0 (participants files only).
    var declinedIDs: Set<String> = []
    /// Why ids cannot be derived from e-mails in this database (no key, though ids or e-mail
    /// keys made under one are stored), if they cannot.
    var keyRefusal: String?
    /// The people by the keyed hash of their e-mail, and the e-mails a participants file gives
    /// them: one directory shared by every copy of these lookups, stored after the file's rows.
    var people = PersonDirectory()
    var participantKeys: [String: Int64] = [:]
    var items: [String: [String: ItemInfo]] = [:]
}

/// A known column of the file being read: its name (for messages) and its field position.
struct ColumnRef {
    let name: String
    let position: Int?
}

/// Turns the cells of one row into the values of its table's insert, or a ``RowProblem``.
struct RowConverter {
    let kind: FileKind
    let map: ColumnMap
    let lookups: Lookups
    let hasher: KeyedHasher
    /// The kind's known columns, in the order of `kind.columns`, resolved against the header once.
    private let c: [ColumnRef]
    // Recent keys of responses: rows come grouped by person, so most lookups repeat the last one.
    private var recentParticipant = RecentKey()
    private var recentCohort = RecentKey()
    private var recentInstrument: (bytes: [UInt8], items: [String: ItemInfo])?
    private var recentItems: [(bytes: [UInt8], info: ItemInfo)] = []
    private var recentDate: (bytes: [UInt8], iso: String)?
    /// Consent stated (yes or no) by earlier rows of this file, by participant_id.
    private var statedConsent: [String: Bool] = [:]

    init(kind: FileKind, map: ColumnMap, lookups: Lookups, hasher: KeyedHasher) {
        self.kind = kind
        self.map = map
        self.lookups = lookups
        self.hasher = hasher
        c = kind.columns.map { ColumnRef(name: $0.name, position: map[$0.name]) }
    }

    /// The table written and its columns, in insert order.
    var target: TableTarget { TableTarget.for(kind) }

    /// Appends the row's values to `out` (exactly `target.columns.count` of them).
    mutating func convert<R: RowFields>(_ row: R, into out: inout [BindValue]) throws {
        let cells = Cells(row: row)
        switch kind {
        case .programmes:
            out.append(.text(try cells.required(c[0])))
            out.append(.text(try cells.required(c[1])))
            out.append(cells.text(c[2]))
        case .cohorts:
            let (cohortID, programmeID, year, mode, region, startDate, endDate) = (c[0], c[1], c[2], c[3], c[4], c[5], c[6])
            let programme = try cells.required(programmeID)
            guard lookups.programmeIDs.contains(programme) else {
                throw RowProblem(column: "programme_id", reason: "programme_id \"\(programme)\" is not in programmes; import programmes.csv with it first")
            }
            let start = try cells.date(startDate), end = try cells.date(endDate)
            if case let .text(from) = start, case let .text(to) = end, from > to {
                throw RowProblem(column: "end_date", reason: "end_date \(to) is before start_date \(from)")
            }
            out.append(.text(try cells.required(cohortID)))
            out.append(.text(programme))
            out.append(try cells.integer(year, in: 1900...2200, required: true))
            out.append(try cells.category(mode, FileKind.deliveryModes))
            out.append(cells.text(region))
            out.append(start)
            out.append(end)
        case .participants:
            // participant_id, email, name (never stored), then the stored columns in order.
            let id = try participantID(cells, id: c[0], email: c[1])
            out.append(.text(id))
            out.append(try cells.integer(c[3], in: 1900...2200))
            out.append(try cells.category(c[4], FileKind.genders))
            out.append(try cells.category(c[5], FileKind.ethnicities))
            out.append(cells.text(c[6]))
            out.append(try cells.postcodeDistrict(c[7]))
            out.append(try cells.category(c[8], FileKind.schoolTypes))
            out.append(try cells.bool(c[9]))
            out.append(try cells.bool(c[10]))
            out.append(try cells.category(c[11], FileKind.occupations))
            out.append(try cells.integer(c[12], in: 1...5))
            out.append(try cells.integer(c[13], in: 1...5))
            out.append(try cells.bool(c[14]))
            out.append(try cells.bool(c[15]))
            // An empty cell is the contract's default (yes) for someone new, but never turns a
            // stored or stated "no" into yes: only an explicit yes does.
            let consent = try cells.bool(c[16])
            if case let .integer(stated) = consent {
                // Only what can change a later empty cell is remembered: a no, or a yes that
                // lifts a no.
                if stated == 0 || statedConsent[id] != nil || lookups.declinedIDs.contains(id) { statedConsent[id] = stated == 1 }
                out.append(consent)
            } else {
                let declined = statedConsent[id].map { !$0 } ?? lookups.declinedIDs.contains(id)
                out.append(.integer(declined ? 0 : 1))
            }
        case .enrolments:
            let (participant, email, cohortID, status, appliedOn, hours) = (c[0], c[1], c[2], c[3], c[4], c[5])
            let person = try knownParticipant(cells, id: participant, email: email)
            let cohort = try cells.required(cohortID)
            guard lookups.cohortIDs.contains(cohort) else {
                throw RowProblem(column: "cohort_id", reason: "cohort_id \"\(cohort)\" is not in cohorts; import cohorts.csv with it first")
            }
            out.append(.text(person))
            out.append(.text(cohort))
            out.append(try cells.category(status, FileKind.statuses, required: true))
            out.append(try cells.date(appliedOn))
            // At most the hours of a year (8,760): more is a typing slip or a unit mix-up.
            out.append(try cells.decimal(hours, minimum: 0, maximum: 8_760))
        case .surveyItems:
            let (instrument, item, construct, scaleMin, scaleMax, reverse, text) = (c[0], c[1], c[2], c[3], c[4], c[5], c[6])
            let low = try cells.integer(scaleMin, in: -1000...1000, required: true)
            let high = try cells.integer(scaleMax, in: -1000...1000, required: true)
            if case let .integer(a) = low, case let .integer(b) = high, a >= b {
                throw RowProblem(column: "scale_max", reason: "scale_max \(b) is not above scale_min \(a)")
            }
            out.append(.text(try cells.required(instrument)))
            out.append(.text(try cells.required(item)))
            out.append(.text(try cells.required(construct)))
            out.append(low)
            out.append(high)
            let reversed = try cells.bool(reverse)
            out.append(reversed == .null ? .integer(0) : reversed)
            out.append(cells.text(text))
        case .responses:
            try convertResponse(cells, into: &out)
        case .outcomes:
            let (participant, email, outcome, value, observedOn, source) = (c[0], c[1], c[2], c[3], c[4], c[5])
            out.append(.text(try knownParticipant(cells, id: participant, email: email)))
            out.append(.text(try cells.required(outcome)))
            out.append(try cells.bool(value, required: true))
            out.append(try cells.date(observedOn))
            out.append(cells.text(source))
        case .benchmarks:
            let (outcome, population, year, rate, source) = (c[0], c[1], c[2], c[3], c[4])
            out.append(.text(try cells.required(outcome)))
            out.append(.text(try cells.required(population)))
            out.append(try cells.integer(year, in: 1900...2200, required: true))
            out.append(try cells.decimal(rate, minimum: 0, maximum: 1, required: true))
            out.append(cells.text(source))
        }
        out.append(map.unknown.isEmpty ? .null : extraJSON(row, map.unknown).map(BindValue.text) ?? .null)
    }

    /// responses.csv, the bulk of the data: keys resolved through the recent-key caches.
    private mutating func convertResponse<R: RowFields>(_ cells: Cells<R>, into out: inout [BindValue]) throws {
        let (participant, email, cohortID, instrumentID, waveColumn, itemID, valueColumn, respondedOn) = (c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7])
        let personKey: Int64
        if let position = participant.position, !cells.row.isEmpty(position),
           let cached = cells.row.withTrimmedBytes(position, { recentParticipant.value(for: $0) }) {
            personKey = cached
        } else {
            let person = try participantID(cells, id: participant, email: email)
            guard let key = lookups.participantKeys[person] else {
                throw RowProblem(column: "participant_id", reason: "participant_id \"\(person)\" is not in participants; import participants.csv with this person first")
            }
            personKey = key
            if let position = participant.position, !cells.row.isEmpty(position) {
                cells.row.withTrimmedBytes(position) { recentParticipant.remember($0, key) }
            }
        }
        let cohortKey: Int64
        if let position = cohortID.position, !cells.row.isEmpty(position),
           let cached = cells.row.withTrimmedBytes(position, { recentCohort.value(for: $0) }) {
            cohortKey = cached
        } else {
            let cohort = try cells.required(cohortID)
            guard let key = lookups.cohortKeys[cohort] else {
                throw RowProblem(column: "cohort_id", reason: "cohort_id \"\(cohort)\" is not in cohorts; import cohorts.csv with it first")
            }
            cohortKey = key
            if let position = cohortID.position {
                cells.row.withTrimmedBytes(position) { recentCohort.remember($0, key) }
            }
        }
        let instrument = try cells.required(instrumentID)
        // Both columns are required, so the header check has placed them.
        guard let instrumentPosition = instrumentID.position, let itemPosition = itemID.position else {
            throw RowProblem(column: "item_id", reason: "instrument_id and item_id columns are required")
        }
        let sameInstrument = recentInstrument.map { recent in cells.row.withTrimmedBytes(instrumentPosition) { $0.elementsEqual(recent.bytes) } } ?? false
        if !sameInstrument {
            guard let items = lookups.items[instrument] else {
                throw RowProblem(column: "instrument_id", reason: "instrument_id \"\(instrument)\" is not in survey_items; import survey_items.csv with its items first")
            }
            recentInstrument = (Array(instrument.utf8), items)
            recentItems.removeAll(keepingCapacity: true)
        }
        guard !cells.row.isEmpty(itemPosition) else { throw RowProblem(column: "item_id", reason: "item_id is required and is empty") }
        let item: ItemInfo
        if let cached = cells.row.withTrimmedBytes(itemPosition, { bytes in recentItems.first(where: { $0.bytes.elementsEqual(bytes) })?.info }) {
            item = cached
        } else {
            let name = cells.row.field(itemPosition)
            guard let info = recentInstrument?.items[name] else {
                throw RowProblem(column: "item_id", reason: "item_id \"\(name)\" is not an item of instrument \(instrument) in survey_items")
            }
            item = info
            if recentItems.count < 256 { recentItems.append((Array(name.utf8), info)) }
        }
        let wave = try cells.wave(waveColumn)
        guard case let .integer(value) = try cells.integer(valueColumn, in: Int64.min...Int64.max, required: true) else {
            throw RowProblem(column: "value", reason: "value is required")
        }
        guard value >= item.scaleMin, value <= item.scaleMax else {
            throw RowProblem(column: "value", reason: "value \(value) is outside the scale of item \(cells.row.field(itemPosition)) (\(item.scaleMin) to \(item.scaleMax))")
        }
        out.append(.integer(personKey))
        out.append(.integer(cohortKey))
        out.append(.integer(item.key))
        out.append(wave)
        out.append(.integer(value))
        if let position = respondedOn.position, !cells.row.isEmpty(position),
           let recentDate, cells.row.withTrimmedBytes(position, { $0.elementsEqual(recentDate.bytes) }) {
            out.append(.text(recentDate.iso))
        } else {
            let date = try cells.date(respondedOn)
            if case let .text(iso) = date, let position = respondedOn.position {
                recentDate = (cells.row.withTrimmedBytes(position) { Array($0) }, iso)
            }
            out.append(date)
        }
    }

    private func participantID<R: RowFields>(_ cells: Cells<R>, id: ColumnRef, email: ColumnRef) throws -> String {
        var stated: String?
        if case let .text(person) = cells.text(id) { stated = person }
        // Beside an id, only a participants file's e-mail matters: the person's, kept as its keyed hash.
        if let stated, kind != .participants { return stated }
        guard case let .text(address) = cells.text(email) else {
            if let stated { return stated }
            throw RowProblem(column: "participant_id", reason: "participant_id is empty and there is no email to derive it from")
        }
        // Without the right key no e-mail row can be imported: the file is refused whole.
        if let refusal = lookups.keyRefusal { throw IngestError.key(refusal) }
        let key = try lookups.people.key(of: address, using: hasher)
        // A participants row comes straight from the file's reader: its line keeps the e-mail of
        // a row rejected later (another column at fault) from being stored.
        func line() -> Int? { (cells.row as? CSVReader)?.recordLine }
        if let stated {
            try lookups.people.claim(key, for: stated, line: line())
            return stated
        }
        if let person = lookups.people.person(holding: key) { return person }
        let derived = key.derivedParticipantID
        if kind == .participants {
            try lookups.people.claim(key, for: derived, line: line())
            return derived
        }
        // Someone stored under the derived id itself, with no e-mail key (the id given as such).
        if lookups.participantIDs.contains(derived) || lookups.participantKeys[derived] != nil { return derived }
        throw RowProblem(column: "email", reason: "no person with that e-mail is known; import participants with this e-mail first (e-mail id \"\(derived)\")")
    }

    private func knownParticipant<R: RowFields>(_ cells: Cells<R>, id: ColumnRef, email: ColumnRef) throws -> String {
        let person = try participantID(cells, id: id, email: email)
        guard lookups.participantIDs.contains(person) else {
            throw RowProblem(column: "participant_id", reason: "participant_id \"\(person)\" is not in participants; import participants.csv with this person first")
        }
        return person
    }
}

/// The last key looked up, by its bytes, so a run of rows for one person costs one lookup.
struct RecentKey {
    private var bytes: [UInt8] = []
    private var key: Int64 = 0
    private var isSet = false

    func value(for candidate: UnsafeBufferPointer<UInt8>) -> Int64? {
        isSet && candidate.elementsEqual(bytes) ? key : nil
    }

    mutating func remember(_ candidate: UnsafeBufferPointer<UInt8>, _ value: Int64) {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: candidate)
        key = value
        isSet = true
    }
}

/// Typed access to the known columns of one row.
struct Cells<R: RowFields> {
    let row: R

    private func position(_ column: ColumnRef) -> Int? {
        guard let index = column.position, index < row.fieldCount, !row.isEmpty(index) else { return nil }
        return index
    }

    private func missing(_ column: ColumnRef) -> RowProblem {
        RowProblem(column: column.name, reason: "\(column.name) is required and is empty")
    }

    func text(_ column: ColumnRef) -> BindValue {
        guard let index = position(column) else { return .null }
        return .text(row.field(index))
    }

    /// For a value that spreadsheets use to mean "not known" (`N/A`, `-`, `Unknown`…): how the
    /// contract says it, an empty cell.
    static func unknownHint(_ text: String) -> String {
        let markers: Set<String> = ["n/a", "na", "n.a.", "-", "--", "?", "unknown", "not known", "none", "null", "nil", "missing", "#n/a"]
        return markers.contains(text.lowercased()) ? "; leave the cell empty when the value is not known" : ""
    }

    func required(_ column: ColumnRef) throws -> String {
        guard let index = position(column) else { throw missing(column) }
        return row.field(index)
    }

    func bool(_ column: ColumnRef, required: Bool = false) throws -> BindValue {
        guard let index = position(column) else {
            if required { throw missing(column) }
            return .null
        }
        guard let value = row.withTrimmedBytes(index, FieldParsing.bool) else {
            throw RowProblem(column: column.name, reason: "\"\(row.field(index))\" is not a yes/no value (\(FieldParsing.booleanHelp))" + Self.unknownHint(row.field(index)))
        }
        return .integer(value ? 1 : 0)
    }

    func date(_ column: ColumnRef) throws -> BindValue {
        guard let index = position(column) else { return .null }
        guard let value = row.withTrimmedBytes(index, FieldParsing.date) else {
            throw RowProblem(column: column.name, reason: "\"\(row.field(index))\" is not a date (\(FieldParsing.dateHelp))" + Self.unknownHint(row.field(index)))
        }
        return .text(value)
    }

    func integer(_ column: ColumnRef, in range: ClosedRange<Int64>, required: Bool = false) throws -> BindValue {
        guard let index = position(column) else {
            if required { throw missing(column) }
            return .null
        }
        guard let value = row.withTrimmedBytes(index, FieldParsing.integer) else {
            let text = row.field(index)
            let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw RowProblem(column: column.name, reason: "\(text) is outside \(range.lowerBound) to \(range.upperBound)")
            }
            throw RowProblem(column: column.name, reason: "\"\(text)\" is not a whole number" + Self.unknownHint(text))
        }
        guard range.contains(value) else {
            throw RowProblem(column: column.name, reason: "\(value) is outside \(range.lowerBound) to \(range.upperBound)")
        }
        return .integer(value)
    }

    func decimal(_ column: ColumnRef, minimum: Double, maximum: Double = .infinity, required: Bool = false) throws -> BindValue {
        guard let index = position(column) else {
            if required { throw missing(column) }
            return .null
        }
        guard let value = row.withTrimmedBytes(index, FieldParsing.decimal) else {
            throw RowProblem(column: column.name, reason: "\"\(row.field(index))\" is not a number" + Self.unknownHint(row.field(index)))
        }
        guard value >= minimum, value <= maximum else {
            let upper = maximum.isFinite ? " to \(maximum)" : " or more"
            throw RowProblem(column: column.name, reason: "\(value) is outside \(minimum)\(upper)")
        }
        return .real(value)
    }

    func category(_ column: ColumnRef, _ allowed: [String], required: Bool = false) throws -> BindValue {
        guard let index = position(column) else {
            if required { throw missing(column) }
            return .null
        }
        let text = row.field(index)
        guard let value = FieldParsing.category(text, allowed: allowed) else {
            throw RowProblem(column: column.name, reason: "\"\(text)\" is not a \(column.name) (accepted: \(allowed.joined(separator: ", ")))" + Self.unknownHint(text))
        }
        return .text(value)
    }

    /// A survey wave, with a fast path for the exact contract spellings.
    func wave(_ column: ColumnRef) throws -> BindValue {
        if let index = position(column) {
            let exact: String? = row.withTrimmedBytes(index) { bytes in
                switch bytes.count {
                case 3 where bytes.elementsEqual("pre".utf8): return "pre"
                case 4 where bytes.elementsEqual("post".utf8): return "post"
                case 9 where bytes.elementsEqual("follow_up".utf8): return "follow_up"
                default: return nil
                }
            }
            if let exact { return .text(exact) }
        }
        return try category(column, FileKind.waves, required: true)
    }

    /// The outward code (district) of a UK postcode: `M14 5AB` → `M14`, `SW1A1AA` → `SW1A`.
    func postcodeDistrict(_ column: ColumnRef) throws -> BindValue {
        guard let index = position(column) else { return .null }
        let text = row.field(index)
        guard let district = Postcode.district(of: text) else {
            throw RowProblem(column: column.name, reason: "\"\(Postcode.redacted(text))\" is not a UK postcode or postcode district (e.g. M14 or M14 5AB)")
        }
        return .text(district)
    }
}

/// UK postcodes: only the outward code (district) is ever kept.
enum Postcode {
    /// The outward code of a full postcode or of a district alone, upper case; nil if neither.
    static func district(of text: String) -> String? {
        let compact = text.uppercased().filter { $0 != " " }
        guard compact.count >= 2, compact.count <= 7, compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        let outward: Substring
        if compact.count >= 5, let last3 = Optional(compact.suffix(3)),
           last3.first?.isNumber == true, last3.dropFirst().allSatisfy(\.isLetter) {
            outward = compact.dropLast(3)
        } else {
            outward = Substring(compact)
        }
        // Outward code: 1–2 letters, a digit, then an optional digit or letter.
        let characters = Array(outward)
        guard (2...4).contains(characters.count), characters[0].isLetter else { return nil }
        var i = 1
        if characters[i].isLetter { i += 1 }
        guard i < characters.count, characters[i].isNumber else { return nil }
        i += 1
        if i < characters.count { i += 1 }
        guard i == characters.count else { return nil }
        return String(outward)
    }

    /// What of a postcode may be shown in a message or a rejected row: its first part only.
    static func redacted(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: [" ", "\t"])
        if let space = trimmed.firstIndex(of: " ") { return String(trimmed[..<space]) + " ***" }
        return trimmed.count > 4 ? String(trimmed.prefix(4)) + "***" : trimmed
    }
}
