import ImpactStatistics
import ImpactStore

extension Analysis {
    /// alpha.csv: Cronbach's alpha with Feldt's 95% interval per instrument, construct and wave,
    /// over the participants of the cohorts in scope (each person-cohort once, research consent
    /// only) who answered every item of the construct in that wave, on the reverse-coded values
    /// (docs/metrics.md).
    ///
    /// Reads every stored score once; `surveyTables(bands:)` gives this table, alpha_items.csv,
    /// prepost.csv and dosage_prepost.csv from the same pass.
    public func alpha() throws -> OutputTable {
        Self.alphaTable(Self.reliabilities(try SurveyData.read(backend, scope: scope)))
    }

    /// alpha_items.csv (an extension of the contract): each item of every alpha.csv row, over the
    /// same complete respondents: its mean and SD, its corrected item–total correlation and the
    /// alpha of the other items (docs/metrics.md).
    public func alphaItems() throws -> OutputTable {
        Self.alphaItemsTable(Self.reliabilities(try SurveyData.read(backend, scope: scope)))
    }

    /// The columns of alpha.csv: the contract's, with Feldt's interval after alpha (its declaration's).
    static var alphaColumns: [String] { TableKind.alpha.declaration.columnNames }

    /// The columns of alpha_items.csv (its declaration's).
    static var alphaItemsColumns: [String] { TableKind.alphaItems.declaration.columnNames }

    /// One construct in one wave with its complete respondents' reliability.
    struct ReliabilityUnit {
        let construct: ConstructCatalogue.Construct
        let wave: SurveyWave
        /// The complete respondents (n).
        let respondents: Int
        /// Nil only for answers of unequal lengths, which the passes never give.
        let reliability: ScaleReliability?
    }

    /// Each instrument, construct and wave in which at least one participant answered an item, in
    /// the order instrument_id, construct, wave (pre, post, follow_up), with the reliability of
    /// the coded answers of those who answered every item.
    static func reliabilities(_ data: SurveyData) -> [ReliabilityUnit] {
        let scores = data.scores
        var units: [ReliabilityUnit] = []
        for (index, construct) in scores.catalogue.constructs.enumerated() {
            for wave in SurveyWave.allCases {
                let slot = scores.slot(construct: index, wave: wave)
                guard scores.respondentsAnswering[slot] > 0 else { continue }
                let items = scores.completeAnswers[slot]
                units.append(ReliabilityUnit(construct: construct, wave: wave, respondents: items.first?.count ?? 0,
                                             reliability: ScaleReliability(items: items)))
            }
        }
        return units
    }

    /// A row per unit: n (complete respondents), k_items, alpha (empty when n < 2, k < 2 or the
    /// totals do not vary) and its 95% interval (empty when alpha is).
    static func alphaTable(_ units: [ReliabilityUnit]) -> OutputTable {
        var table = OutputTable(.alpha)
        for unit in units {
            let interval = unit.reliability?.confidenceInterval
            table.append([
                .text(unit.construct.instrumentID), .text(unit.construct.name), .text(unit.wave.text),
                .integer(unit.respondents), .integer(unit.construct.itemCount),
                .number(unit.reliability?.alpha), .number(interval?.low), .number(interval?.high),
            ])
        }
        return table
    }

    /// A row per unit and item (item_id in code-point order): reverse_coded (yes/no), n, k_items,
    /// and the item's figures, each empty when undefined (`ItemStatistics`).
    static func alphaItemsTable(_ units: [ReliabilityUnit]) -> OutputTable {
        var table = OutputTable(.alphaItems)
        for unit in units {
            let construct = unit.construct
            for (position, itemID) in construct.itemIDs.enumerated() {
                let item = unit.reliability.flatMap { position < $0.items.count ? $0.items[position] : nil }
                table.append([
                    .text(construct.instrumentID), .text(construct.name), .text(unit.wave.text), .text(itemID),
                    .text(construct.itemIsReverseCoded[position] ? "yes" : "no"),
                    .integer(unit.respondents), .integer(construct.itemCount),
                    .number(item?.mean), .number(item?.standardDeviation),
                    .number(item?.correctedItemTotalCorrelation), .number(item?.alphaIfDeleted),
                ])
            }
        }
        return table
    }
}
