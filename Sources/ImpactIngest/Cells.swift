import Foundation

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

    /// For a required cell that says "not known" (`N/A`, `Unknown`…): what to do.
    static func unknownHint(_ text: String) -> String {
        Vocabulary.isNotKnown(text) ? "; the value is required: give it, or leave the row out" : ""
    }

    /// What of a cell may be recorded: anything shaped like an e-mail address is removed, a
    /// full postcode is cut to its district, and long text is cut short.
    static func redacted(_ text: String) -> String {
        let scrubbed = scrubbed(text)
        return scrubbed.count > 60 ? String(scrubbed.prefix(60)) + "…" : scrubbed
    }

    /// The text with an e-mail address removed and a full postcode cut to its district.
    static func scrubbed(_ text: String) -> String {
        // Anything with an @ may hold an address (`Ben <ben@example.org>`): none of it is kept.
        if text.contains("@") { return "[removed]" }
        if text.count >= 5, let district = Postcode.district(of: text), district.count < text.filter({ $0 != " " }).count {
            return district + " ***"
        }
        return text
    }

    /// The text of a required cell (a key, an id), as the mapping's values give it if they do.
    func required(_ column: ColumnRef) throws -> String {
        guard let index = position(column) else { throw missing(column) }
        if let values = column.values, let mapped = values.value(of: row.field(index)) {
            guard case let .text(text) = mapped else {
                throw RowProblem(column: column.name, reason: "the mapping reads \"\(Self.redacted(row.field(index)))\" as not known, and \(column.name) is required")
            }
            return text
        }
        return row.field(index)
    }

    /// The cell of `column` read by its declared format. An empty cell is unknown (a required
    /// column's rejects the row). A cell that cannot be read rejects the row when the column is
    /// required or a key; an optional one is stored as unknown and appended to `unread`.
    func read(_ column: ResolvedColumn, unread: inout [UnreadCell]) throws -> BindValue {
        var memo = ReadingMemo()
        return try read(column, unread: &unread, memo: &memo)
    }

    /// `read(_:unread:)`, remembering vocabulary readings in `memo` (one per column of a file).
    func read(_ column: ResolvedColumn, unread: inout [UnreadCell], memo: inout ReadingMemo) throws -> BindValue {
        let declared = column.column
        guard let index = position(column.ref) else {
            if declared.role == .required { throw missing(column.ref) }
            return .null
        }
        // A mapping's own values come before the built-in vocabulary; it may say "not known"
        // only for an optional column (a required one is refused when the mapping is read).
        if let values = column.values, let mapped = values.value(of: row.field(index)) {
            guard mapped != .null || declared.role == .optional else {
                throw RowProblem(column: declared.name, reason: "the mapping reads \"\(Self.redacted(row.field(index)))\" as not known, and \(declared.name) is required")
            }
            return mapped
        }
        func unreadable(_ reason: String) throws -> BindValue {
            let text = row.field(index)
            guard declared.role == .optional else {
                throw RowProblem(column: declared.name, reason: reason + Self.unknownHint(text))
            }
            // What a postcode column held keeps only its first part, like a rejected row's.
            let value: String
            if case .postcodeDistrict = declared.format { value = Postcode.redacted(Self.redacted(text)) } else { value = Self.redacted(text) }
            unread.append(UnreadCell(column: declared.name, value: value, reason: reason))
            return .null
        }
        switch declared.format {
        case .text, .identifier:
            return .text(row.field(index))
        case let .boolean(vocabulary):
            if let value = row.withTrimmedBytes(index, FieldParsing.bool) { return .integer(value ? 1 : 0) }
            switch memo.read(row.field(index), in: vocabulary) {
            case let .value(word): return .integer(word == "yes" ? 1 : 0)
            case .unknown: return declared.role == .optional ? .null : try unreadable("\"\(row.field(index))\" is not a yes/no value")
            case .unreadable: return try unreadable("\"\(Self.redacted(row.field(index)))\" is not a yes/no value (\(FieldParsing.booleanHelp), or the words in docs/data-contract.md)")
            }
        case let .category(vocabulary):
            let text = row.field(index)
            switch memo.read(text, in: vocabulary) {
            case let .value(value): return .text(value)
            case .unknown: return declared.role == .optional ? .null : try unreadable("\"\(text)\" is not a \(declared.name)")
            case .unreadable:
                if let value = FieldParsing.category(text, allowed: vocabulary.values) { return .text(value) }
                return try unreadable("\"\(Self.redacted(text))\" is not a \(declared.name) (accepted: \(vocabulary.values.joined(separator: ", ")), or the spellings in docs/data-contract.md)")
            }
        case .date:
            let order = column.dateOrder
            if let value = row.withTrimmedBytes(index, { FieldParsing.date($0, order: order) }) { return .text(value) }
            if declared.role == .optional, Vocabulary.isNotKnown(row.field(index)) { return .null }
            return try unreadable("\"\(Self.redacted(row.field(index)))\" is not a date (\(FieldParsing.dateHelp(order)))")
        case let .integer(range):
            guard let value = row.withTrimmedBytes(index, FieldParsing.integer) else {
                let text = row.field(index)
                if declared.role == .optional, Vocabulary.isNotKnown(text) { return .null }
                let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
                if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    return try unreadable("\(text) is outside \(range.lowerBound) to \(range.upperBound)")
                }
                return try unreadable("\"\(Self.redacted(text))\" is not a whole number")
            }
            guard range.contains(value) else { return try unreadable("\(value) is outside \(range.lowerBound) to \(range.upperBound)") }
            return .integer(value)
        case let .decimal(range):
            guard let value = row.withTrimmedBytes(index, FieldParsing.decimal) else {
                if declared.role == .optional, Vocabulary.isNotKnown(row.field(index)) { return .null }
                return try unreadable("\"\(Self.redacted(row.field(index)))\" is not a number")
            }
            guard range.contains(value) else {
                let upper = range.upperBound.isFinite ? " to \(range.upperBound)" : " or more"
                return try unreadable("\(value) is outside \(range.lowerBound)\(upper)")
            }
            return .real(value)
        case .postcodeDistrict:
            let text = row.field(index)
            if let district = Postcode.district(of: text) { return .text(district) }
            if declared.role == .optional, Vocabulary.isNotKnown(text) { return .null }
            return try unreadable("\"\(Postcode.redacted(text))\" is not a UK postcode or postcode district (e.g. M14 or M14 5AB)")
        case .email, .personalText:
            // Never stored: read only to find the person.
            return .null
        }
    }

    /// A survey wave, with a fast path for the exact contract spellings.
    func wave(_ column: ResolvedColumn, memo: inout ReadingMemo) throws -> BindValue {
        if column.values == nil, let index = position(column.ref) {
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
        var unread: [UnreadCell] = []
        return try read(column, unread: &unread, memo: &memo)
    }
}
