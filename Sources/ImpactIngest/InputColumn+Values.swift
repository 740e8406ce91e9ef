/// How a mapping reads its values and constants through a column's declared format.
extension InputColumn {
    /// The value a cell holding `text` stores for this column; throws the ``RowProblem`` a
    /// required cell would reject its row with, or an optional one would be recorded unread for.
    func value(of text: String, dateOrder: DateOrder = .dayFirst) throws -> BindValue {
        var unread: [UnreadCell] = []
        let cell = ResolvedColumn(column: self, position: 0, dateOrder: dateOrder)
        let value = try Cells(row: ArrayRow(values: [text])).read(cell, unread: &unread)
        if let first = unread.first { throw RowProblem(column: name, reason: first.reason) }
        return value
    }

    /// Whether a mapping may map the export's values of this column (`values`): any column but
    /// the person's id and e-mail, and personal data.
    var acceptsValueMap: Bool { role != .key && !isPersonal }

    /// The values the column accepts, in words for messages.
    func acceptedWords(_ order: DateOrder) -> String {
        switch format {
        case let .category(vocabulary): return vocabulary.values.joined(separator: ", ")
        case .boolean: return "yes, no"
        case let .integer(range):
            let bounded = range.lowerBound > Int64.min / 2 && range.upperBound < Int64.max / 2
            return bounded ? "a whole number from \(range.lowerBound) to \(range.upperBound)" : "a whole number"
        case let .decimal(range): return "a number from \(range.lowerBound) to \(range.upperBound)"
        case .date: return "a date, \(FieldParsing.dateHelp(order))"
        case .text, .identifier, .email, .personalText, .postcodeDistrict: return "any text"
        }
    }
}
