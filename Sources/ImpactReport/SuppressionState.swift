import ImpactAnalysis

/// Which figures of which rows are suppressed, while the rules are applied.
struct SuppressionState {
    let exact: [OutputTable]
    /// The publication role of each column, per table (in column order).
    let roles: [[PublicationRole]]
    /// The roles `cellCount` counts, per table.
    let countedRoles: [[PublicationRole]]
    /// Column positions per table.
    let positions: [[String: Int]]
    /// Suppressed classes per table and row.
    var suppressed: [[Set<SuppressionClass>]]
    var primaryCount = 0
    var secondaryCount = 0

    init(_ exact: [OutputTable]) {
        self.exact = exact
        roles = exact.map { $0.layout.map(\.publication) }
        countedRoles = exact.map { Self.countedRoles(of: $0.kind) }
        positions = exact.map { Dictionary(uniqueKeysWithValues: $0.columns.enumerated().map { ($1, $0) }) }
        suppressed = exact.map { [Set<SuppressionClass>](repeating: [], count: $0.rows.count) }
        for (tableIndex, table) in exact.enumerated() {
            let classes = Set(roles[tableIndex].compactMap { role -> SuppressionClass? in
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
        switch suppression.base {
        case let .column(name): return integer(name, at: reference)
        case let .smallerOf(first, second): return min(integer(first, at: reference), integer(second, at: reference))
        }
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

    /// How many figures a suppressed class hides in one row of `table`, as report.md counts them.
    /// The count is the one the report has always given: for prepost.csv and sustained.csv it
    /// takes the figures of both tables' columns (mean_pre, mean_post, mean_from and mean_to),
    /// two more than either table has. Correcting it changes report-public.md's counts.
    func cellCount(of suppression: SuppressionClass, in table: Int) -> Int {
        countedRoles[table].filter { if case .figure(suppression, _) = $0 { return true } else { return false } }.count
    }

    /// The roles `cellCount` counts, per table.
    private static func countedRoles(of kind: TableKind) -> [PublicationRole] {
        let families: [[TableKind]] = [[.prepost, .sustained]]
        let family = families.first { $0.contains(kind) } ?? [kind]
        var seen: Set<String> = []
        return family.flatMap(\.declaration.columns).filter { seen.insert($0.name).inserted }.map(\.publication)
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
                for link in table.kind.declaration.linked {
                    let (source, target) = (link.source, link.target)
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
            let kept = table.layout.enumerated().filter { $0.element.publication != .dropped }
            var result = OutputTable(table.kind, columns: kept.map(\.element))
            let presence = table.kind.declaration.presence
            for (rowIndex, row) in table.rows.enumerated() {
                // Still part of every partition above (its figures count as suppressed), only not listed.
                if let presence, (1...2).contains(integer(presence, at: RowReference(table: tableIndex, row: rowIndex))) { continue }
                let hidden = suppressed[tableIndex][rowIndex]
                result.append(kept.map { position, column in
                    Self.publicCell(row[position], role: column.publication, hidden: hidden)
                })
            }
            return result
        }
    }

    static func publicCell(_ cell: Cell, role: PublicationRole, hidden: Set<SuppressionClass>) -> Cell {
        switch role {
        case .key, .dropped:
            return cell
        case .count:
            if case let .integer(count) = cell { return .integer(Disclosure.roundedCount(count)) }
            guard let count = Int(cell.text) else { return cell }
            return .integer(Disclosure.roundedCount(count))
        case let .published(format):
            return .text(formatted(value(of: cell), format))
        case let .figure(suppression, format):
            if hidden.contains(suppression) { return .suppressed }
            return .text(formatted(value(of: cell), format))
        }
    }

    /// A cell's number (without writing it as text first).
    static func value(of cell: Cell) -> Double? {
        switch cell {
        case let .number(value): return value
        case let .integer(value): return Double(value)
        case let .text(text): return Double(text)
        case .empty, .suppressed: return nil
        }
    }

    static func formatted(_ value: Double?, _ format: PublicationRole.Format) -> String {
        switch format {
        case .proportion: return Disclosure.proportionText(value)
        case .percentagePoints: return Disclosure.percentagePointsText(value)
        case .mean: return Disclosure.meanText(value)
        case .pValue: return Disclosure.pValueText(value)
        }
    }
}
