extension Analysis {
    /// prepost.csv, alpha.csv and dosage_prepost.csv from one pass over the answers: the way to
    /// compute more than one of them (each of `prepost()`, `alpha()` and `dosagePrepost(bands:)`
    /// reads every answer again).
    public func surveyTables(bands: DosageBands = .standard) throws -> SurveyTables {
        let data = try SurveyData.read(database, scope: scope)
        return SurveyTables(prepost: Self.prepostTable(data), alpha: Self.alphaTable(data),
                            dosagePrepost: Self.dosagePrepostTable(data, bands: bands))
    }
}

/// The tables computed from the survey answers.
public struct SurveyTables: Sendable, Equatable {
    /// prepost.csv.
    public let prepost: OutputTable
    /// alpha.csv.
    public let alpha: OutputTable
    /// dosage_prepost.csv (an extension).
    public let dosagePrepost: OutputTable
}
