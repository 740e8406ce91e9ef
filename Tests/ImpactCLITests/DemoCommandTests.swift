import Foundation
import Testing

@Test func theDemoGeneratesAndImportsADatasetEndToEnd() throws {
    let folder = try makeFolder()
    let result = try runImpact(["demo", "--out", "demo", "--participants", "300", "--seed", "5"], in: folder)
    #expect(result.status == 0, "\(result.standardError)")
    let data = folder.appendingPathComponent("demo/data")
    for name in ["programmes", "cohorts", "participants", "enrolments", "survey_items", "responses", "outcomes", "benchmarks"] {
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("\(name).csv").path), "\(name).csv")
        #expect(result.standardOutput.contains("\(name).csv (\(name)):"), "\(name) import line")
    }
    #expect(result.standardOutput.contains("participants.csv (participants): 300 read, 300 inserted"))
    let importLines = result.standardOutput.split(separator: "\n").filter { $0.contains(" read, ") }
    #expect(importLines.count == 8)
    #expect(importLines.allSatisfy { $0.hasSuffix(", 0 rejected") }, "the synthetic data imports without rejections")
    // Running it again replaces the database instead of mixing two datasets.
    let again = try runImpact(["demo", "--out", "demo", "--participants", "200", "--seed", "6"], in: folder)
    #expect(again.status == 0)
    #expect(again.standardOutput.contains("participants.csv (participants): 200 read, 200 inserted"))
}

@Test func theDemoRefusesAnImpossibleSize() throws {
    let folder = try makeFolder()
    let result = try runImpact(["demo", "--participants", "0"], in: folder)
    #expect(result.status != 0)
    #expect(result.standardError.contains("--participants must be between 1 and 2000000"))
}
