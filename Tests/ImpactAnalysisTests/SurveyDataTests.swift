import Foundation
import ImpactIngest
import ImpactStore
import ImpactSynthetic
import ImpactTestSupport
import Testing
@testable import ImpactAnalysis

@Test func aReadDuringAnImportSeesOneStateOfTheData() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A file, so that the reads run on concurrent connections of a pool.
    let database = try ImpactDatabase.open(at: folder.appendingPathComponent("impact.sqlite").path)
    _ = try SyntheticDataset(participants: 200, seed: 4).write(to: folder.appendingPathComponent("first"))
    _ = try SyntheticDataset(participants: 300, seed: 4).write(to: folder.appendingPathComponent("second"))
    try importFolder(folder.appendingPathComponent("first"), into: database)

    // An import commits after the first read transaction and before the others: people with new
    // keys (and scores beyond the key ranges planned first) arrive in between.
    var attempts = 0
    let read = try SurveyData.Read(database, scope: AnalysisScope(), outcomes: false, afterPlanning: {
        attempts += 1
        if attempts == 1 { try importFolder(folder.appendingPathComponent("second"), into: database) }
    })
    #expect(attempts == 2, "the first attempt saw two states of the data and was read again")
    let tables = Analysis.surveyTables(SurveyData(population: read.population, catalogue: read.catalogue, passes: read.passes),
                                       bands: .standard)
    #expect(tables == (try Analysis(database: database).surveyTables()))
}

@Test func everyConcurrentAttemptDisagreeingFallsBackToOneTransaction() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = try ImpactDatabase.open(at: folder.appendingPathComponent("impact.sqlite").path)
    for (index, size) in [120, 160, 200].enumerated() {
        _ = try SyntheticDataset(participants: size, seed: 6).write(to: folder.appendingPathComponent("data\(index)"))
    }
    try importFolder(folder.appendingPathComponent("data0"), into: database)
    var attempts = 0
    let read = try SurveyData.Read(database, scope: AnalysisScope(), outcomes: false, afterPlanning: {
        attempts += 1
        try importFolder(folder.appendingPathComponent("data\(attempts)"), into: database)
    })
    #expect(attempts == SurveyData.Read.concurrentAttempts)
    let tables = Analysis.surveyTables(SurveyData(population: read.population, catalogue: read.catalogue, passes: read.passes),
                                       bands: .standard)
    #expect(tables == (try Analysis(database: database).surveyTables()))
}
