import ImpactAnalysis
import ImpactStore

/// How many items a construct score needs, in the words of the method text: the contract's
/// at least half, or every item for an instrument that declares `all_items` (schema/migrations/010).
extension ReportModel {
    /// The report's instruments (those with rows in its survey tables; every scored instrument
    /// when it has none) that need every item answered, and whether any needs only half.
    private var scoringOfInstruments: (everyItem: [String], anyHalf: Bool) {
        var shown = Set<String>()
        for name in [TableKind.prepost, .alpha, .pairing] {
            for row in rows(name) where !row["instrument_id"].isEmpty { shown.insert(row["instrument_id"]) }
        }
        let rules = provenance.instrumentScoring.filter { shown.isEmpty || shown.contains($0.key) }
        let everyItem = rules.filter { $0.value == .allItems }.map(\.key).sorted(by: codePointPrecedes)
        return (everyItem, rules.isEmpty || rules.values.contains(.atLeastHalf))
    }

    /// "when at least half the items are answered", true of every instrument of the report.
    var scoreCondition: String {
        let (everyItem, anyHalf) = scoringOfInstruments
        if everyItem.isEmpty { return "when at least half the items are answered" }
        guard anyHalf else { return "when every item is answered (the instruments' scales ask for complete answers)" }
        return "when at least half the items are answered; for \(Self.list(everyItem)), whose scales ask for complete answers, only when every item is answered"
    }

    /// Why a participant has no score: "fewer than half the items", true of every instrument.
    var tooFewItems: String {
        let (everyItem, anyHalf) = scoringOfInstruments
        if everyItem.isEmpty { return "fewer than half the items" }
        guard anyHalf else { return "not every item" }
        return "fewer than half the items, or not every item for \(Self.list(everyItem))"
    }

    /// `a`, `a and b`, `a, b and c`.
    private static func list(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
    }
}
