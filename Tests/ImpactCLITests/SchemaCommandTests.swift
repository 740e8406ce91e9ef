import Foundation
import Testing

@Test func schemaPrintsEveryTableAndViewWithDescribedColumns() throws {
    let table = try runOnDemo(["schema"])
    #expect(table.status == 0, "\(table.standardError)")
    #expect(table.standardOutput.contains("participants (table): "))
    #expect(table.standardOutput.contains("prepost_pairs (view): "))
    let csv = try readCSV(try runOnDemo(["schema", "--format", "csv"]).standardOutput)
    #expect(csv.first == ["object", "kind", "column", "type", "description"])
    #expect(csv.count > 100)
    #expect(csv.dropFirst().allSatisfy { !$0[4].isEmpty })
    let json = try readJSON(try runOnDemo(["schema", "--format", "json"]).standardOutput)
    #expect(json.count == csv.count - 1)
    #expect(json.contains { $0["object"] as? String == "participant_flags" && $0["column"] as? String == "low_ses" })
}

@Test func schemaRefusesAMissingDatabase() throws {
    expectRefusal(try runImpact(["schema", "--db", "absent.sqlite"], in: try makeFolder()), containing: "no database here")
}
