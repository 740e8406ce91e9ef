import Foundation
import ImpactAnalysis
import ImpactIngest
import ImpactStore
import ImpactTestSupport
import Testing
@testable import ImpactReport

/// A model whose alpha.csv has rows for `instruments`, with these scoring rules.
private func model(instruments: [String], rules: [String: ScoringRule]) -> ReportModel {
    let alpha = OutputTable(.alpha, named: ["instrument_id", "construct", "wave", "n", "k_items", "alpha"],
                            rows: instruments.map { [.text($0), .text("belonging"), .text("pre"), .integer(10), .integer(4), .number(0.8)] })
    return ReportModel(tables: [alpha], scope: AnalysisScope(),
                       provenance: Provenance(engineVersion: "test", imports: [], generatedAt: "now", instrumentScoring: rules),
                       format: ReportFormat(isPublic: false), charts: [], suppression: nil)
}

@Test func theMethodTextSaysHowManyItemsAScoreNeedsForTheReportsInstruments() {
    let half = model(instruments: ["core"], rules: ["core": .atLeastHalf, "asq": .allItems])
    // asq has no rows in the report: the contract's sentence, unchanged.
    #expect(half.definitions()[2].hasPrefix("Construct scores are the mean of the answered items after reverse coding, when at least half the items are answered. A pair"))
    #expect(half.tooFewItems == "fewer than half the items")
    let mixed = model(instruments: ["core", "asq", "asq_v2"], rules: ["core": .atLeastHalf, "asq": .allItems, "asq_v2": .allItems])
    #expect(mixed.definitions()[2].contains("when at least half the items are answered; for asq and asq_v2, whose scales ask for complete answers, only when every item is answered. A pair"))
    #expect(mixed.tooFewItems == "fewer than half the items, or not every item for asq and asq_v2")
    let every = model(instruments: ["asq"], rules: ["core": .atLeastHalf, "asq": .allItems])
    #expect(every.definitions()[2].contains("when every item is answered (the instruments' scales ask for complete answers). A pair"))
    #expect(every.tooFewItems == "not every item")
}

@Test func provenanceReadsEachInstrumentsScoringRule() throws {
    let database = try ImpactDatabase.inMemory()
    try withTemporaryFolder { folder in
        _ = try importFiles([(.surveyItems, "instrument_id,item_id,construct,scale_min,scale_max,scoring\nasq,q1,belonging,1,5,all_items\ncore,c1,confidence,1,5,\n")],
                            into: database, folder: folder)
    }
    let provenance = try Provenance.read(from: database, generatedAt: Date(timeIntervalSince1970: 0))
    #expect(provenance.instrumentScoring == ["asq": .allItems, "core": .atLeastHalf])
}
