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
    static func all(in state: SuppressionState) -> [Partition] {
        var result: [Partition] = []
        let index = Dictionary(state.exact.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        func rows(_ name: String) -> [RowReference] {
            guard let table = index[name] else { return [] }
            return state.exact[table].rows.indices.map { RowReference(table: table, row: $0) }
        }
        func classes(_ name: String) -> [SuppressionClass] {
            guard let table = index[name] else { return [] }
            var seen: [SuppressionClass] = []
            for role in state.roles[table].values {
                if case let .figure(suppression, _) = role, !seen.contains(suppression) { seen.append(suppression) }
            }
            return seen.sorted { $0.base < $1.base || ($0.base == $1.base && $0.rule == .rate && $1.rule == .mean) }
        }
        func key(_ reference: RowReference, _ columns: [String]) -> [String] {
            columns.map { state.text($0, at: reference) }
        }

        // Within a table: the programme-year row is the total of its cohorts, and of each
        // dimension's subgroups.
        let within: [(table: String, keys: [String])] = [
            ("reach.csv", ["programme_id", "year", "indicator"]),
            ("funnel.csv", ["programme_id", "year"]),
            ("prepost.csv", ["programme_id", "year", "instrument_id", "construct"]),
            ("sustained.csv", ["programme_id", "year", "instrument_id", "construct", "waves"]),
            ("outcomes.csv", ["programme_id", "year", "outcome"]),
        ]
        var totals: [String: [[String]: RowReference]] = [:]
        for (table, keys) in within {
            var parents: [[String]: RowReference] = [:]
            var parts: [[String]: [String: [RowReference]]] = [:]
            for reference in rows(table) {
                let unit = key(reference, keys)
                switch state.text("level", at: reference) {
                case "programme_year": parents[unit] = reference
                case "cohort": parts[unit, default: [:]]["cohort", default: []].append(reference)
                default: parts[unit, default: [:]]["subgroup " + state.text("group_dim", at: reference), default: []].append(reference)
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
        let across: [(table: String, keys: [String], total: String)] = [
            ("dosage_outcomes.csv", ["programme_id", "year", "outcome"], "outcomes.csv"),
            ("dosage_prepost.csv", ["programme_id", "year", "instrument_id", "construct"], "prepost.csv"),
            ("intersections.csv", ["programme_id", "year", "indicator"], "reach.csv"),
        ]
        for entry in across {
            guard let parents = totals[entry.total] else { continue }
            var parts: [[String]: [RowReference]] = [:]
            for reference in rows(entry.table) { parts[key(reference, entry.keys), default: []].append(reference) }
            let childClasses = classes(entry.table)
            let parentClasses = classes(entry.total)
            for (unit, children) in parts {
                guard let parent = parents[unit] else { continue }
                for childClass in childClasses {
                    // The same figure on both sides: the class with the same base and rule.
                    guard let parentClass = parentClasses.first(where: { $0.base == childClass.base && $0.rule == childClass.rule }) else { continue }
                    result.append(Partition(parent: parent, parentClass: parentClass, children: children, childClass: childClass))
                }
            }
        }
        // comparison.csv's participants' rate covers the matched participants of outcomes.csv's
        // programme-year total; the unmatched rest are a part no row lists. When they are too
        // few for a rate of their own, the total minus the matched would give theirs away.
        if let parents = totals["outcomes.csv"], let parentClass = classes("outcomes.csv").first(where: { $0.base == "n_known" }) {
            let childClass = SuppressionClass(base: "participants_matched", rule: .rate)
            for reference in rows("comparison.csv") {
                guard let parent = parents[key(reference, ["programme_id", "year", "outcome"])] else { continue }
                let unmatched = state.integer("participants_unmatched", at: reference)
                var partition = Partition(parent: parent, parentClass: parentClass, children: [reference], childClass: childClass)
                partition.unlistedParts = unmatched > 0 ? 1 : 0
                partition.unlistedIsSmall = unmatched > 0 && !childClass.shows(base: unmatched)
                result.append(partition)
            }
        }
        return result
    }
}
