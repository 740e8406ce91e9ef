extension Analysis {
    /// prepost.csv, alpha.csv, alpha_items.csv, dosage_prepost.csv and sustained.csv from one pass
    /// over the stored scores: the way to compute more than one of them (each of `prepost()`,
    /// `alpha()`, `alphaItems()`, `dosagePrepost(bands:)` and `sustained()` reads every score again).
    public func surveyTables(bands: DosageBands = .standard) throws -> SurveyTables {
        Self.surveyTables(try SurveyData.read(backend, scope: scope), bands: bands)
    }

    static func surveyTables(_ data: SurveyData, bands: DosageBands) -> SurveyTables {
        let reliabilities = reliabilities(data)
        let prePost = prePostTables(data, bands: bands)
        return SurveyTables(prepost: prePost.prepost, alpha: alphaTable(reliabilities),
                            alphaItems: alphaItemsTable(reliabilities), dosagePrepost: prePost.dosagePrepost,
                            sustained: sustainedTable(data), pairing: prePost.pairing)
    }

    /// prepost.csv, dosage_prepost.csv and pairing.csv, which group the same pre/post units: the
    /// units are formed once and freed before sustained.csv forms its own.
    private static func prePostTables(_ data: SurveyData, bands: DosageBands)
        -> (prepost: OutputTable, dosagePrepost: OutputTable, pairing: OutputTable) {
        let units = data.units()
        return (prepostTable(data, units: units), dosagePrepostTable(data, bands: bands, units: units), pairingTable(data, units: units))
    }
}

/// The tables computed from the survey answers.
public struct SurveyTables: Sendable, Equatable {
    /// prepost.csv.
    public let prepost: OutputTable
    /// alpha.csv.
    public let alpha: OutputTable
    /// alpha_items.csv (an extension).
    public let alphaItems: OutputTable
    /// dosage_prepost.csv (an extension).
    public let dosagePrepost: OutputTable
    /// sustained.csv (an extension): pre → follow_up and post → follow_up.
    public let sustained: OutputTable
    /// pairing.csv (an extension): how the pre/post pairs were formed.
    public let pairing: OutputTable
}
