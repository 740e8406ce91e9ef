import Foundation
import ImpactStore

/// Turns the cells of one row into the values of its table's insert, or a ``RowProblem``.
/// The steps come from the kind's column declaration (`FileKind.columns`): one per stored
/// column, in the stored table's order.
struct RowConverter {
    /// What one stored column of the row takes.
    private enum Step {
        /// The cell read by its column's format.
        case cell(ResolvedColumn)
        /// The person of a participants file (found, or derived from an e-mail).
        case newPerson
        /// A person who must be stored already.
        case knownPerson
        /// A programme that must be stored already.
        case storedProgramme(ResolvedColumn)
        /// A cohort that must be stored already.
        case storedCohort(ResolvedColumn)
        /// consent_research: an empty cell is yes for someone new, but never turns a no into yes.
        case consent(ResolvedColumn)
        /// A yes/no with a default of no (reverse_coded).
        case defaultNo(ResolvedColumn)
        /// survey_items' scoring: one rule per instrument, the stored one when the file has none.
        case scoring(ResolvedColumn)
    }

    let kind: FileKind
    let map: ColumnMap
    let lookups: Lookups
    let hasher: KeyedHasher
    /// Optional cells of the current row that could not be read (the sink takes them per row).
    var unread: [UnreadCell] = []
    private let steps: [Step]
    private let resolved: [String: ResolvedColumn]
    /// Memos of vocabulary readings, one per known column (`ResolvedColumn.slot`).
    private var memos: [ReadingMemo]
    /// The person's columns, and those of responses.csv, resolved once (not per row).
    private let personRef: ColumnRef, emailRef: ColumnRef
    private let responseRefs: (cohort: ColumnRef, instrument: ColumnRef, item: ColumnRef)
    private let responseColumns: (wave: ResolvedColumn, value: ResolvedColumn, respondedOn: ResolvedColumn)
    /// Offsets in a row's values of dates that must be in order (cohorts: start_date, end_date).
    private let dateOrder: (start: Int, end: Int)?
    // Recent keys of responses: rows come grouped by person, so most lookups repeat the last one.
    private var recentParticipant = RecentKey()
    private var recentCohort = RecentKey()
    private var recentInstrument: (bytes: [UInt8], items: [String: ItemInfo])?
    private var recentItems: [(bytes: [UInt8], info: ItemInfo)] = []
    private var recentDate: (bytes: [UInt8], iso: String)?
    /// Consent stated (yes or no) by earlier rows of this file, by participant_id.
    private var statedConsent: [String: Bool] = [:]
    /// The scoring rule each instrument of a survey_items file is given.
    private(set) var scoring: ScoringDeclarations

    init(kind: FileKind, map: ColumnMap, lookups: Lookups, hasher: KeyedHasher, readings: CellReadings = CellReadings()) {
        self.kind = kind
        self.map = map
        self.lookups = lookups
        self.hasher = hasher
        let resolved = Dictionary(uniqueKeysWithValues: kind.columns.enumerated().map { slot, column in
            (column.name, ResolvedColumn(column: column, position: map[column.name], slot: slot, values: readings.values[column.name],
                                         dateOrder: readings.dateOrder))
        })
        self.resolved = resolved
        memos = Array(repeating: ReadingMemo(), count: kind.columns.count)
        func ref(_ name: String) -> ColumnRef { resolved[name]?.ref ?? ColumnRef(name: name, position: nil) }
        func column(_ name: String) -> ResolvedColumn {
            resolved[name] ?? ResolvedColumn(column: InputColumn(name, .text, stored: false), position: nil)
        }
        personRef = ref("participant_id")
        emailRef = ref("email")
        responseRefs = (ref("cohort_id"), ref("instrument_id"), ref("item_id"))
        responseColumns = (column("wave"), column("value"), column("responded_on"))
        steps = kind.columns.compactMap { column -> Step? in
            guard column.storedName != nil, let here = resolved[column.name] else { return nil }
            switch (kind, column.name) {
            case (.participants, "participant_id"): return .newPerson
            case (_, "participant_id"): return .knownPerson
            case (.cohorts, "programme_id"): return .storedProgramme(here)
            case (.enrolments, "cohort_id"): return .storedCohort(here)
            case (_, "consent_research"): return .consent(here)
            case (_, "reverse_coded"): return .defaultNo(here)
            case (.surveyItems, "scoring"): return .scoring(here)
            default: return .cell(here)
            }
        }
        scoring = ScoringDeclarations(position: map["scoring"], width: map.width)
        let stored = kind.storedColumns
        if let start = stored.firstIndex(of: "start_date"), let end = stored.firstIndex(of: "end_date") {
            dateOrder = (start, end)
        } else {
            dateOrder = nil
        }
    }

    /// The table written and its columns, in insert order.
    var target: TableTarget { TableTarget.for(kind) }


    /// Appends the row's values to `out` (exactly `target.columns.count` of them); optional cells
    /// that could not be read are in `unread` afterwards. `line` is the row's first line.
    mutating func convert<R: RowFields>(_ row: R, line: Int, into out: inout [BindValue]) throws {
        let cells = Cells(row: row)
        unread.removeAll(keepingCapacity: true)
        guard kind != .responses else {
            try convertResponse(cells, into: &out)
            out.append(map.unknown.isEmpty ? .null : extraJSON(row, map.unknown).map(BindValue.text) ?? .null)
            return
        }
        let mark = out.count
        var person = ""
        for step in steps {
            switch step {
            case let .cell(column):
                out.append(try cells.read(column, unread: &unread, memo: &memos[column.slot]))
            case .newPerson:
                person = try participantID(cells, id: personRef, email: emailRef)
                out.append(.text(person))
            case .knownPerson:
                out.append(.text(try knownParticipant(cells, id: personRef, email: emailRef)))
            case let .storedProgramme(column):
                let programme = try cells.required(column.ref)
                guard lookups.programmeIDs.contains(programme) else {
                    throw RowProblem(column: column.column.name, reason: "programme_id \"\(programme)\" is not in programmes; import programmes.csv with it first" + lookups.nearProgrammes.hint(for: programme))
                }
                out.append(.text(programme))
            case let .storedCohort(column):
                let cohort = try cells.required(column.ref)
                guard lookups.cohortIDs.contains(cohort) else {
                    throw RowProblem(column: column.column.name, reason: "cohort_id \"\(cohort)\" is not in cohorts; import cohorts.csv with it first" + lookups.nearCohorts.hint(for: cohort))
                }
                out.append(.text(cohort))
            case let .consent(column):
                out.append(try consent(cells, column, person: person))
            case let .defaultNo(column):
                let before = unread.count
                let value = try cells.read(column, unread: &unread, memo: &memos[column.slot])
                if unread.count > before, let last = unread.popLast() {
                    unread.append(UnreadCell(column: last.column, value: last.value, reason: last.reason + "; stored as no"))
                }
                out.append(value == .null ? .integer(0) : value)
            case let .scoring(column):
                out.append(.text(try scoringRule(cells, column, line: line).rawValue))
            }
        }
        switch kind {
        case .cohorts:
            if let (start, end) = dateOrder, case let .text(from) = out[mark + start], case let .text(to) = out[mark + end], from > to {
                unread.append(UnreadCell(column: "end_date", value: to, reason: "end_date \(to) is before start_date \(from); stored as unknown"))
                out[mark + end] = .null
            }
        case .surveyItems:
            if case let .integer(low) = out[mark + 3], case let .integer(high) = out[mark + 4], low >= high {
                throw RowProblem(column: "scale_max", reason: "scale_max \(high) is not above scale_min \(low)")
            }
        default:
            break
        }
        out.append(map.unknown.isEmpty ? .null : extraJSON(row, map.unknown).map(BindValue.text) ?? .null)
    }

    /// An empty consent cell is the contract's default (yes) for someone new, but never turns a
    /// stored or stated "no" into yes: only an explicit yes does. A cell that cannot be read as
    /// yes or no is a no: nobody is counted on a consent the engine could not read.
    private mutating func consent<R: RowFields>(_ cells: Cells<R>, _ column: ResolvedColumn, person id: String) throws -> BindValue {
        let before = unread.count
        var consent = try cells.read(column, unread: &unread, memo: &memos[column.slot])
        if consent == .null, let index = column.position, index < cells.row.fieldCount, !cells.row.isEmpty(index) {
            // Unreadable, or a word for "not known" (`Not sure`): not a yes.
            let reason = unread.count > before ? unread.removeLast().reason : "\"\(cells.row.field(index))\" is not a yes"
            unread.append(UnreadCell(column: column.column.name, value: Cells<R>.redacted(cells.row.field(index)),
                                     reason: reason + "; the person is treated as not consenting until it is corrected"))
            consent = .integer(0)
        }
        if case let .integer(stated) = consent {
            // Only what can change a later empty cell is remembered: a no, or a yes that lifts a no.
            if stated == 0 || statedConsent[id] != nil || lookups.declinedIDs.contains(id) { statedConsent[id] = stated == 1 }
            return consent
        }
        let declined = statedConsent[id].map { !$0 } ?? lookups.declinedIDs.contains(id)
        return .integer(declined ? 0 : 1)
    }

    /// The scoring rule of a survey_items row: the cell's (empty or "not known": at_least_half),
    /// or, in a file without the column, the instrument's stored rule (at_least_half for a new
    /// one). A cell that is not a rule, or a rule other than an earlier row gave the instrument,
    /// refuses the file: the rule belongs to the whole instrument, not to one row.
    private mutating func scoringRule<R: RowFields>(_ cells: Cells<R>, _ column: ResolvedColumn, line: Int) throws -> ScoringRule {
        let instrument = try cells.required(responseRefs.instrument)
        var rule = lookups.instrumentScoring[instrument] ?? .atLeastHalf
        if column.position != nil {
            var unreadable: [UnreadCell] = []
            let value = try cells.read(column, unread: &unreadable, memo: &memos[column.slot])
            if let cell = unreadable.first { throw scoring.unreadable(cell.value, instrument: instrument) }
            if case let .text(text) = value, let stated = ScoringRule(rawValue: text) {
                rule = stated
            } else {
                rule = .atLeastHalf
            }
        }
        try scoring.note(instrument: instrument, rule: rule, line: line)
        return rule
    }

    /// responses.csv, the bulk of the data: keys resolved through the recent-key caches.
    private mutating func convertResponse<R: RowFields>(_ cells: Cells<R>, into out: inout [BindValue]) throws {
        let (participant, email, cohortID, instrumentID, itemID) = (personRef, emailRef, responseRefs.cohort, responseRefs.instrument, responseRefs.item)
        let (waveColumn, valueColumn, respondedOn) = responseColumns
        let personKey: Int64
        if let position = participant.position, !cells.row.isEmpty(position),
           let cached = cells.row.withTrimmedBytes(position, { recentParticipant.value(for: $0) }) {
            personKey = cached
        } else {
            let person = try participantID(cells, id: participant, email: email)
            guard let key = lookups.participantKeys[person] else {
                throw RowProblem(column: "participant_id", reason: "participant_id \"\(person)\" is not in participants; import participants.csv with this person first" + lookups.nearPeople.hint(for: person))
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
                throw RowProblem(column: "cohort_id", reason: "cohort_id \"\(cohort)\" is not in cohorts; import cohorts.csv with it first" + lookups.nearCohorts.hint(for: cohort))
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
            recentInstrument = (cells.row.withTrimmedBytes(instrumentPosition) { Array($0) }, items)
            recentItems.removeAll(keepingCapacity: true)
        }
        guard !cells.row.isEmpty(itemPosition) else { throw RowProblem(column: "item_id", reason: "item_id is required and is empty") }
        let item: ItemInfo
        if let cached = cells.row.withTrimmedBytes(itemPosition, { bytes in recentItems.first(where: { $0.bytes.elementsEqual(bytes) })?.info }) {
            item = cached
        } else {
            let name = try cells.required(itemID)
            guard let info = recentInstrument?.items[name] else {
                throw RowProblem(column: "item_id", reason: "item_id \"\(name)\" is not an item of instrument \(instrument) in survey_items")
            }
            item = info
            if recentItems.count < 256 { recentItems.append((Array(name.utf8), info)) }
        }
        let wave = try cells.wave(waveColumn, memo: &memos[waveColumn.slot])
        var unreadValue: [UnreadCell] = []
        guard case let .integer(value) = try cells.read(valueColumn, unread: &unreadValue, memo: &memos[valueColumn.slot]) else {
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
            let date = try cells.read(respondedOn, unread: &unread, memo: &memos[respondedOn.slot])
            if case let .text(iso) = date, let position = respondedOn.position {
                recentDate = (cells.row.withTrimmedBytes(position) { Array($0) }, iso)
            }
            out.append(date)
        }
    }

    private mutating func participantID<R: RowFields>(_ cells: Cells<R>, id: ColumnRef, email: ColumnRef) throws -> String {
        var stated: String?
        // A word for "not known" (`N/A`, `-`) is no id.
        if case let .text(person) = cells.text(id), !Vocabulary.isNotKnown(person) { stated = person }
        // Beside an id, only a participants file's e-mail matters: the person's, kept as its keyed hash.
        if let stated, kind != .participants { return stated }
        guard case let .text(address) = cells.text(email), !Vocabulary.isNotKnown(address) else {
            if let stated { return stated }
            throw RowProblem(column: "participant_id", reason: "participant_id is empty and there is no email to derive it from")
        }
        // Only an address is hashed: anything else would make (or merge) people of a typo.
        guard RowSink.looksLikeEmail(address) else {
            let shown = Cells<R>.redacted(address)
            if let stated {
                unread.append(UnreadCell(column: "email", value: shown, reason: "\"\(shown)\" is not an e-mail address; the person is kept without one"))
                return stated
            }
            throw RowProblem(column: "email", reason: "\"\(shown)\" is not an e-mail address, and there is no participant_id")
        }
        // Without the right key no e-mail row can be imported: the file is refused whole.
        if let refusal = lookups.keyRefusal { throw IngestError.key(refusal) }
        let key = try lookups.people.key(of: address, using: hasher)
        // A participants row comes straight from the file's reader: its line keeps the e-mail of
        // a row rejected later (another column at fault) from being stored.
        func line() -> Int? { cells.row.record?.recordLine }
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

    private mutating func knownParticipant<R: RowFields>(_ cells: Cells<R>, id: ColumnRef, email: ColumnRef) throws -> String {
        let person = try participantID(cells, id: id, email: email)
        guard lookups.participantIDs.contains(person) else {
            throw RowProblem(column: "participant_id", reason: "participant_id \"\(person)\" is not in participants; import participants.csv with this person first" + lookups.nearPeople.hint(for: person))
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
