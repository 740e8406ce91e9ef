import ImpactAnalysis

/// Which figures of which rows are suppressed, while the rules are applied.
struct SuppressionState {
    let exact: [OutputTable]
    let roles: [[String: PublicColumn]]
    /// Column positions per table.
    let positions: [[String: Int]]
    /// Suppressed classes per table and row.
    var suppressed: [[Set<SuppressionClass>]]
    var primaryCount = 0
    var secondaryCount = 0

    init(_ exact: [OutputTable]) throws {
        self.exact = exact
        var roles: [[String: PublicColumn]] = []
        for table in exact {
            guard let known = PublicColumns.roles(of: table.name) else { throw ReportError.noPublicationRule(table: table.name, column: nil) }
            for column in table.columns where known[column] == nil {
                throw ReportError.noPublicationRule(table: table.name, column: column)
            }
            roles.append(known)
        }
        self.roles = roles
        positions = exact.map { Dictionary(uniqueKeysWithValues: $0.columns.enumerated().map { ($1, $0) }) }
        suppressed = exact.map { [Set<SuppressionClass>](repeating: [], count: $0.rows.count) }
        for (tableIndex, table) in exact.enumerated() {
            let classes = Set(roles[tableIndex].values.compactMap { role -> SuppressionClass? in
                if case let .figure(suppression, _) = role { return suppression } else { return nil }
            })
            for rowIndex in table.rows.indices {
                for suppression in classes where !suppression.shows(base: base(of: suppression, at: RowReference(table: tableIndex, row: rowIndex))) {
                    suppressed[tableIndex][rowIndex].insert(suppression)
                    primaryCount += cellCount(of: suppression, in: tableIndex)
                }
            }
        }
    }

    /// The exact base of a class in a row (0 when empty).
    func base(of suppression: SuppressionClass, at reference: RowReference) -> Int {
        if suppression.base == "min_matched" {
            return min(integer("participants_matched", at: reference), integer("comparison_matched", at: reference))
        }
        return integer(suppression.base, at: reference)
    }

    func integer(_ column: String, at reference: RowReference) -> Int {
        guard let position = positions[reference.table][column] else { return 0 }
        if case let .integer(value) = exact[reference.table].rows[reference.row][position] { return value }
        return Int(exact[reference.table].rows[reference.row][position].text) ?? 0
    }

    func text(_ column: String, at reference: RowReference) -> String {
        guard let position = positions[reference.table][column] else { return "" }
        return exact[reference.table].rows[reference.row][position].text
    }

    func cellCount(of suppression: SuppressionClass, in table: Int) -> Int {
        roles[table].values.filter { if case .figure(suppression, _) = $0 { return true } else { return false } }.count
    }

    func isSuppressed(_ suppression: SuppressionClass, at reference: RowReference) -> Bool {
        suppressed[reference.table][reference.row].contains(suppression)
    }

    /// Secondary suppression, until nothing changes: in every partition whose total is shown,
    /// a lone suppressed child takes the smallest shown sibling with it (and when it has no
    /// shown sibling, the total), so that total minus the shown children never isolates one
    /// suppressed figure.
    mutating func suppressComplements() {
        let partitions = Partitions.all(in: self)
        var changed = true
        while changed {
            changed = false
            for partition in partitions where !isSuppressed(partition.parentClass, at: partition.parent) {
                let hidden = partition.children.filter { isSuppressed(partition.childClass, at: $0) }
                // One unknown in "total = sum of the parts" can be solved for: protect it unless it
                // is an unlisted part that could be published anyway.
                guard hidden.count + partition.unlistedParts == 1, !hidden.isEmpty || partition.unlistedIsSmall else { continue }
                let shown = partition.children.filter { !isSuppressed(partition.childClass, at: $0) }
                if let smallest = shown.min(by: { base(of: partition.childClass, at: $0) < base(of: partition.childClass, at: $1) }) {
                    suppressed[smallest.table][smallest.row].insert(partition.childClass)
                    secondaryCount += cellCount(of: partition.childClass, in: smallest.table)
                } else {
                    suppressed[partition.parent.table][partition.parent.row].insert(partition.parentClass)
                    secondaryCount += cellCount(of: partition.parentClass, in: partition.parent.table)
                }
                changed = true
            }
            // Figures computed from one another fall together (comparison.csv's difference is the
            // participants' rate minus the comparison rate).
            for (tableIndex, table) in exact.enumerated() {
                for (source, target) in PublicColumns.linked(table.name) {
                    for rowIndex in table.rows.indices where suppressed[tableIndex][rowIndex].contains(source)
                        && !suppressed[tableIndex][rowIndex].contains(target) {
                        suppressed[tableIndex][rowIndex].insert(target)
                        secondaryCount += cellCount(of: target, in: tableIndex)
                        changed = true
                    }
                }
            }
        }
    }

    /// The public tables: counts rounded, figures written or suppressed, t and df left out.
    func render() -> [OutputTable] {
        exact.enumerated().map { tableIndex, table in
            let kept = table.columns.enumerated().filter { roles[tableIndex][$0.element] != .dropped }
            var result = OutputTable(name: table.name, columns: kept.map(\.element))
            let presence = PublicColumns.presence(of: table.name)
            for (rowIndex, row) in table.rows.enumerated() {
                // Still part of every partition above (its figures count as suppressed), only not listed.
                if let presence, (1...2).contains(integer(presence, at: RowReference(table: tableIndex, row: rowIndex))) { continue }
                let hidden = suppressed[tableIndex][rowIndex]
                result.append(kept.map { position, column in
                    Self.publicCell(row[position], role: roles[tableIndex][column] ?? .key, hidden: hidden)
                })
            }
            return result
        }
    }

    static func publicCell(_ cell: Cell, role: PublicColumn, hidden: Set<SuppressionClass>) -> Cell {
        switch role {
        case .key, .dropped:
            return cell
        case .count:
            if case let .integer(count) = cell { return .text(String(Disclosure.roundedCount(count))) }
            guard let count = Int(cell.text) else { return cell }
            return .text(String(Disclosure.roundedCount(count)))
        case let .published(format):
            return .text(formatted(value(of: cell), format))
        case let .figure(suppression, format):
            if hidden.contains(suppression) { return .text(Disclosure.suppressed) }
            return .text(formatted(value(of: cell), format))
        }
    }

    /// A cell's number (without writing it as text first).
    static func value(of cell: Cell) -> Double? {
        switch cell {
        case let .number(value): return value
        case let .integer(value): return Double(value)
        case let .text(text): return Double(text)
        case .empty: return nil
        }
    }

    static func formatted(_ value: Double?, _ format: PublicColumn.Format) -> String {
        switch format {
        case .proportion: return Disclosure.proportionText(value)
        case .percentagePoints: return Disclosure.percentagePointsText(value)
        case .mean: return Disclosure.meanText(value)
        case .pValue: return Disclosure.pValueText(value)
        }
    }
}
