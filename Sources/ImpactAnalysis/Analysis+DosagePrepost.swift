import ImpactStatistics

extension Analysis {
    /// dosage_prepost.csv (an extension of the contract): per programme-year, instrument and
    /// construct, the pre/post change in each contact-hours band of the enrolment (docs/metrics.md).
    ///
    /// Reads every stored score once; `surveyTables(bands:)` gives this table, prepost.csv and
    /// alpha.csv from the same pass.
    public func dosagePrepost(bands: DosageBands = .standard) throws -> OutputTable {
        Self.dosagePrepostTable(try SurveyData.read(backend, scope: scope), bands: bands)
    }

    /// A row for each band holding at least one participant with a pre or post score (bands
    /// ascending, `unknown` last): n_pairs, the means, mean_change with its SD and 95% t interval,
    /// and d_z, each as in prepost.csv.
    /// `units` are the pre/post units of `data` (computed when not given).
    static func dosagePrepostTable(_ data: SurveyData, bands: DosageBands, units: [SurveyData.Unit]? = nil) -> OutputTable {
        var table = OutputTable(.dosagePrepost)
        for unit in units ?? data.units() {
            let construct = data.scores.catalogue.constructs[unit.construct]
            var byBand: [Int?: [SurveyData.Member]] = [:]
            for member in unit.members { byBand[bands.band(of: member.hours), default: []].append(member) }
            for band in byBand.keys.sorted(by: { ($0 ?? Int.max) < ($1 ?? Int.max) }) {
                let change = SurveyData.pairedChange(of: byBand[band] ?? [])
                table.append([
                    .text(unit.programmeID), .integer(unit.year), .text(construct.instrumentID), .text(construct.name),
                    .text(bands.label(of: band)), .number(bands.lowerLimit(of: band)), .number(bands.upperLimit(of: band)),
                    .integer(change.nPairs), .number(change.meanPre), .number(change.meanPost), .number(change.meanChange),
                    .number(change.sdChange), .number(change.ciLow), .number(change.ciHigh), .number(change.cohensDz),
                ])
            }
        }
        return table
    }
}
