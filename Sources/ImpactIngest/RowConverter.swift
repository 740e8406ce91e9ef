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
    var participantKeys: [String: Int64] = [:]
    var items: [String: [String: ItemInfo]] = [:]
}

/// Turns the cells of one row into the values of its table's insert, or a ``RowProblem``.
struct RowConverter {
    let kind: FileKind
    let map: ColumnMap
    let lookups: Lookups
    let hasher: KeyedHasher

    /// The table written and its columns, in insert order.
    var target: TableTarget { TableTarget.for(kind) }

    /// Appends the row's values to `out` (exactly `target.columns.count` of them).
    func convert<R: RowFields>(_ row: R, into out: inout [BindValue]) throws {
        let cells = Cells(row: row, map: map)
        switch kind {
        case .programmes:
            out.append(.text(try cells.required("programme_id")))
            out.append(.text(try cells.required("name")))
            out.append(cells.text("description"))
        case .cohorts:
            let programme = try cells.required("programme_id")
            guard lookups.programmeIDs.contains(programme) else {
                throw RowProblem(column: "programme_id", reason: "programme_id \"\(programme)\" is not in programmes; import programmes.csv with it first")
            }
            let start = try cells.date("start_date"), end = try cells.date("end_date")
            if case let .text(from) = start, case let .text(to) = end, from > to {
                throw RowProblem(column: "end_date", reason: "end_date \(to) is before start_date \(from)")
            }
            out.append(.text(try cells.required("cohort_id")))
            out.append(.text(programme))
            out.append(try cells.integer("year", in: 1900...2200, required: true))
            out.append(try cells.category("delivery_mode", FileKind.deliveryModes))
            out.append(cells.text("region"))
            out.append(start)
            out.append(end)
        case .participants:
            out.append(.text(try participantID(cells)))
            out.append(try cells.integer("birth_year", in: 1900...2200))
            out.append(try cells.category("gender", FileKind.genders))
            out.append(try cells.category("ethnicity", FileKind.ethnicities))
            out.append(cells.text("region"))
            out.append(try cells.postcodeDistrict("postcode"))
            out.append(try cells.category("school_type", FileKind.schoolTypes))
            out.append(try cells.bool("fsm"))
            out.append(try cells.bool("first_generation"))
            out.append(try cells.category("parental_occupation", FileKind.occupations))
            out.append(try cells.integer("polar4_quintile", in: 1...5))
            out.append(try cells.integer("imd_quintile", in: 1...5))
            out.append(try cells.bool("care_experienced"))
            out.append(try cells.bool("disability"))
            let consent = try cells.bool("consent_research")
            out.append(consent == .null ? .integer(1) : consent)
        case .enrolments:
            let person = try knownParticipant(cells)
            let cohort = try cells.required("cohort_id")
            guard lookups.cohortIDs.contains(cohort) else {
                throw RowProblem(column: "cohort_id", reason: "cohort_id \"\(cohort)\" is not in cohorts; import cohorts.csv with it first")
            }
            out.append(.text(person))
            out.append(.text(cohort))
            out.append(try cells.category("status", FileKind.statuses, required: true))
            out.append(try cells.date("applied_on"))
            out.append(try cells.decimal("hours", minimum: 0))
        case .surveyItems:
            let low = try cells.integer("scale_min", in: -1000...1000, required: true)
            let high = try cells.integer("scale_max", in: -1000...1000, required: true)
            if case let .integer(a) = low, case let .integer(b) = high, a >= b {
                throw RowProblem(column: "scale_max", reason: "scale_max \(b) is not above scale_min \(a)")
            }
            out.append(.text(try cells.required("instrument_id")))
            out.append(.text(try cells.required("item_id")))
            out.append(.text(try cells.required("construct")))
            out.append(low)
            out.append(high)
            let reverse = try cells.bool("reverse_coded")
            out.append(reverse == .null ? .integer(0) : reverse)
            out.append(cells.text("text"))
        case .responses:
            let person = try participantID(cells)
            guard let personKey = lookups.participantKeys[person] else {
                throw RowProblem(column: "participant_id", reason: "participant_id \"\(person)\" is not in participants; import participants.csv with this person first")
            }
            let cohort = try cells.required("cohort_id")
            guard let cohortKey = lookups.cohortKeys[cohort] else {
                throw RowProblem(column: "cohort_id", reason: "cohort_id \"\(cohort)\" is not in cohorts; import cohorts.csv with it first")
            }
            let instrument = try cells.required("instrument_id")
            guard let instrumentItems = lookups.items[instrument] else {
                throw RowProblem(column: "instrument_id", reason: "instrument_id \"\(instrument)\" is not in survey_items; import survey_items.csv with its items first")
            }
            let itemID = try cells.required("item_id")
            guard let item = instrumentItems[itemID] else {
                throw RowProblem(column: "item_id", reason: "item_id \"\(itemID)\" is not an item of instrument \(instrument) in survey_items")
            }
            let wave = try cells.category("wave", FileKind.waves, required: true)
            guard case let .integer(value) = try cells.integer("value", in: Int64.min...Int64.max, required: true) else {
                throw RowProblem(column: "value", reason: "value is required")
            }
            guard value >= item.scaleMin, value <= item.scaleMax else {
                throw RowProblem(column: "value", reason: "value \(value) is outside the scale of item \(itemID) (\(item.scaleMin) to \(item.scaleMax))")
            }
            out.append(.integer(personKey))
            out.append(.integer(cohortKey))
            out.append(.integer(item.key))
            out.append(wave)
            out.append(.integer(value))
            out.append(try cells.date("responded_on"))
        case .outcomes:
            out.append(.text(try knownParticipant(cells)))
            out.append(.text(try cells.required("outcome")))
            out.append(try cells.bool("value", required: true))
            out.append(try cells.date("observed_on"))
            out.append(cells.text("source"))
        case .benchmarks:
            out.append(.text(try cells.required("outcome")))
            out.append(.text(try cells.required("population")))
            out.append(try cells.integer("year", in: 1900...2200, required: true))
            out.append(try cells.decimal("rate", minimum: 0, maximum: 1, required: true))
            out.append(cells.text("source"))
        }
        out.append(extraJSON(row, map.unknown).map(BindValue.text) ?? .null)
    }

    private func participantID<R: RowFields>(_ cells: Cells<R>) throws -> String {
        if case let .text(id) = cells.text("participant_id") { return id }
        if case let .text(email) = cells.text("email") {
            do {
                return try hasher.participantID(forEmail: email)
            } catch {
                throw RowProblem(column: "email", reason: "cannot derive participant_id from email: \(error)")
            }
        }
        throw RowProblem(column: "participant_id", reason: "participant_id is empty and there is no email to derive it from")
    }

    private func knownParticipant<R: RowFields>(_ cells: Cells<R>) throws -> String {
        let person = try participantID(cells)
        guard lookups.participantIDs.contains(person) else {
            throw RowProblem(column: "participant_id", reason: "participant_id \"\(person)\" is not in participants; import participants.csv with this person first")
        }
        return person
    }
}

/// Typed access to the known columns of one row.
struct Cells<R: RowFields> {
    let row: R
    let map: ColumnMap

    private func position(_ name: String) -> Int? {
        guard let index = map[name], index < row.fieldCount, !row.isEmpty(index) else { return nil }
        return index
    }

    func text(_ name: String) -> BindValue {
        guard let index = position(name) else { return .null }
        return .text(row.field(index))
    }

    func required(_ name: String) throws -> String {
        guard let index = position(name) else { throw RowProblem(column: name, reason: "\(name) is required and is empty") }
        return row.field(index)
    }

    func bool(_ name: String, required: Bool = false) throws -> BindValue {
        guard let index = position(name) else {
            if required { throw RowProblem(column: name, reason: "\(name) is required and is empty") }
            return .null
        }
        guard let value = row.withTrimmedBytes(index, FieldParsing.bool) else {
            throw RowProblem(column: name, reason: "\"\(row.field(index))\" is not a yes/no value (\(FieldParsing.booleanHelp))")
        }
        return .integer(value ? 1 : 0)
    }

    func date(_ name: String) throws -> BindValue {
        guard let index = position(name) else { return .null }
        guard let value = row.withTrimmedBytes(index, FieldParsing.date) else {
            throw RowProblem(column: name, reason: "\"\(row.field(index))\" is not a date (\(FieldParsing.dateHelp))")
        }
        return .text(value)
    }

    func integer(_ name: String, in range: ClosedRange<Int64>, required: Bool = false) throws -> BindValue {
        guard let index = position(name) else {
            if required { throw RowProblem(column: name, reason: "\(name) is required and is empty") }
            return .null
        }
        guard let value = row.withTrimmedBytes(index, FieldParsing.integer) else {
            throw RowProblem(column: name, reason: "\"\(row.field(index))\" is not a whole number")
        }
        guard range.contains(value) else {
            throw RowProblem(column: name, reason: "\(value) is outside \(range.lowerBound) to \(range.upperBound)")
        }
        return .integer(value)
    }

    func decimal(_ name: String, minimum: Double, maximum: Double = .infinity, required: Bool = false) throws -> BindValue {
        guard let index = position(name) else {
            if required { throw RowProblem(column: name, reason: "\(name) is required and is empty") }
            return .null
        }
        guard let value = row.withTrimmedBytes(index, FieldParsing.decimal) else {
            throw RowProblem(column: name, reason: "\"\(row.field(index))\" is not a number")
        }
        guard value >= minimum, value <= maximum else {
            let upper = maximum.isFinite ? " to \(maximum)" : " or more"
            throw RowProblem(column: name, reason: "\(value) is outside \(minimum)\(upper)")
        }
        return .real(value)
    }

    func category(_ name: String, _ allowed: [String], required: Bool = false) throws -> BindValue {
        guard let index = position(name) else {
            if required { throw RowProblem(column: name, reason: "\(name) is required and is empty") }
            return .null
        }
        let text = row.field(index)
        guard let value = FieldParsing.category(text, allowed: allowed) else {
            throw RowProblem(column: name, reason: "\"\(text)\" is not a \(name) (accepted: \(allowed.joined(separator: ", ")))")
        }
        return .text(value)
    }

    /// The outward code (district) of a UK postcode: `M14 5AB` → `M14`, `SW1A1AA` → `SW1A`.
    func postcodeDistrict(_ name: String) throws -> BindValue {
        guard let index = position(name) else { return .null }
        let text = row.field(index)
        guard let district = Postcode.district(of: text) else {
            throw RowProblem(column: name, reason: "\"\(Postcode.redacted(text))\" is not a UK postcode or postcode district (e.g. M14 or M14 5AB)")
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
