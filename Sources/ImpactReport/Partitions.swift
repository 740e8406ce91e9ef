import ImpactAnalysis

/// A row of one of the tables: (table index, row index).
struct RowReference: Hashable {
    let table: Int
    let row: Int
}

/// Rows whose figures add up: a parent (a total) and its children (a partition of it), with the
/// suppression class that stands for the same figure on each side.
struct Partition {
    let parent: RowReference
    let parentClass: SuppressionClass
    let children: [RowReference]
    let childClass: SuppressionClass
    /// Parts of the total that no row lists (comparison.csv's unmatched participants): 0 or 1.
    /// Their figure is unknown to a reader, so it protects the listed parts like a hidden one.
    var unlistedParts = 0
    /// Whether that unlisted part is too small to be published, so that the total minus the
    /// listed parts must not give it away.
    var unlistedIsSmall = false
}

/// The totals and their parts across a report's tables: which rows add up to which, for
/// secondary suppression. A part's figure can be recovered from the total and the other parts
/// (a rate from numerators and denominators, a mean from sums and counts), so each list here is
/// a place where differencing could undo a suppression.
enum Partitions {
    /// Every partition of the tables in `state`, as their declarations' `PartitionRule`s say.
    static func all(in state: SuppressionState) -> [Partition] {
        var result: [Partition] = []
        let index = Dictionary(state.exact.enumerated().map { ($1.kind, $0) }, uniquingKeysWith: { first, _ in first })
        func rows(_ kind: TableKind) -> [RowReference] {
            guard let table = index[kind] else { return [] }
            return state.exact[table].rows.indices.map { RowReference(table: table, row: $0) }
        }
        func classes(_ kind: TableKind) -> [SuppressionClass] {
            guard index[kind] != nil else { return [] }
            return kind.declaration.suppressionClasses.sorted(by: precedes)
        }
        func columns(_ kind: TableKind, _ role: PartitionRole) -> [String] {
            kind.declaration.columns.filter { $0.partition == role }.map(\.name)
        }
        func key(_ reference: RowReference, _ columns: [String]) -> [String] {
            columns.map { state.text($0, at: reference) }
        }

        // Within a table: the programme-year row is the total of its cohorts, and of each
        // dimension's subgroups.
        var totals: [TableKind: [[String]: RowReference]] = [:]
        for table in TableKind.allCases where table.declaration.partition == .levels {
            let keys = columns(table, .unit)
            let level = columns(table, .level).first ?? "level"
            let group = columns(table, .group).first ?? "group_dim"
            var parents: [[String]: RowReference] = [:]
            var parts: [[String]: [String: [RowReference]]] = [:]
            for reference in rows(table) {
                let unit = key(reference, keys)
                switch state.text(level, at: reference) {
                case Level.programmeYear.rawValue: parents[unit] = reference
                case Level.cohort.rawValue: parts[unit, default: [:]]["cohort", default: []].append(reference)
                default: parts[unit, default: [:]]["subgroup " + state.text(group, at: reference), default: []].append(reference)
                }
            }
            totals[table] = parents
            for (unit, groups) in parts {
                guard let parent = parents[unit] else { continue }
                for children in groups.values {
                    for suppression in classes(table) {
                        result.append(Partition(parent: parent, parentClass: suppression, children: children, childClass: suppression))
                    }
                }
            }
        }

        // Across tables: bands of contact hours are parts of the programme-year total of
        // outcomes.csv and prepost.csv; the intersections of reach.csv's low_ses row.
        for table in TableKind.allCases {
            guard case let .partsOf(total) = table.declaration.partition, let parents = totals[total] else { continue }
            let keys = columns(table, .unit)
            var parts: [[String]: [RowReference]] = [:]
            for reference in rows(table) { parts[key(reference, keys), default: []].append(reference) }
            let childClasses = classes(table)
            let parentClasses = classes(total)
            for (unit, children) in parts {
                guard let parent = parents[unit] else { continue }
                for childClass in childClasses {
                    // The same figure on both sides: the class with the same base and rule.
                    guard let parentClass = parentClasses.first(where: { $0 == childClass }) else { continue }
                    result.append(Partition(parent: parent, parentClass: parentClass, children: children, childClass: childClass))
                }
            }
        }
        // comparison.csv's participants' rate covers the matched participants of outcomes.csv's
        // programme-year total; the unmatched rest are a part no row lists. When they are too
        // few for a rate of their own, the total minus the matched would give theirs away.
        for table in TableKind.allCases {
            guard case let .matchedPartOf(total, parentClass, childClass, unlisted) = table.declaration.partition,
                  let parents = totals[total], classes(total).contains(parentClass) else { continue }
            let keys = columns(table, .unit)
            for reference in rows(table) {
                guard let parent = parents[key(reference, keys)] else { continue }
                let unmatched = state.integer(unlisted, at: reference)
                var partition = Partition(parent: parent, parentClass: parentClass, children: [reference], childClass: childClass)
                partition.unlistedParts = unmatched > 0 ? 1 : 0
                partition.unlistedIsSmall = unmatched > 0 && !childClass.shows(base: unmatched)
                result.append(partition)
            }
        }
        return result
    }

    /// The order of a table's classes in its partitions: by base, a rate before a mean.
    private static func precedes(_ first: SuppressionClass, _ second: SuppressionClass) -> Bool {
        let (a, b) = (first.base.columns.joined(separator: ","), second.base.columns.joined(separator: ","))
        return a < b || (a == b && first.rule == .rate && second.rule == .mean)
    }
}
