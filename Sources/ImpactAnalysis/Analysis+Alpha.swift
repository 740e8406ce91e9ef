import ImpactStatistics
import ImpactStore

extension Analysis {
    /// alpha.csv: Cronbach's alpha per instrument, construct and wave, over the participants of
    /// the cohorts in scope (each person-cohort once, research consent only) who answered every
    /// item of the construct in that wave, on the reverse-coded values (docs/metrics.md).
    ///
    /// Reads every stored score once; `surveyTables(bands:)` gives this table, prepost.csv and
    /// dosage_prepost.csv from the same pass.
    public func alpha() throws -> OutputTable {
        Self.alphaTable(try SurveyData.read(database, scope: scope))
    }

    /// A row for each instrument, construct and wave in which at least one participant answered an
    /// item: n (complete respondents), k_items and alpha (empty when n < 2, k < 2 or the totals
    /// do not vary), in the order instrument_id, construct, wave (pre, post, follow_up).
    static func alphaTable(_ data: SurveyData) -> OutputTable {
        var table = OutputTable(name: "alpha.csv", columns: ["instrument_id", "construct", "wave", "n", "k_items", "alpha"])
        let scores = data.scores
        for (index, construct) in scores.catalogue.constructs.enumerated() {
            for wave in SurveyWave.allCases {
                let slot = scores.slot(construct: index, wave: wave)
                guard scores.respondentsAnswering[slot] > 0 else { continue }
                let items = scores.completeAnswers[slot]
                let complete = items.first?.count ?? 0
                table.append([
                    .text(construct.instrumentID), .text(construct.name), .text(wave.text),
                    .integer(complete), .integer(construct.itemCount),
                    .number(complete > 0 ? cronbachAlpha(items: items) : nil),
                ])
            }
        }
        return table
    }
}
