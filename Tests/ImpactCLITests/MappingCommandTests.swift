import Foundation
import Testing

@Test func mappingSuggestPrintsAMappingAndOutWritesOneWithoutOverwriting() throws {
    let folder = try engagementFolder()
    let printed = try runImpact(["mapping", "suggest", "enrolments=engagements.csv"], in: folder)
    #expect(printed.status == 0, "\(printed.standardError)")
    #expect(printed.standardOutput.contains("\nkind: enrolments\n"))
    #expect(printed.standardOutput.contains("  \"Programme Engagement: Stage\": status  # a usual label for status"))
    #expect(printed.standardOutput.contains("#     - [Online Course, \"2026\", COHORT-ID]"))
    let written = try runImpact(["mapping", "suggest", "enrolments=engagements.csv", "--out", "engagements.yaml"], in: folder)
    #expect(written.status == 0, "\(written.standardError)")
    #expect(written.standardOutput == "Wrote engagements.yaml: check it, then import it with impact import engagements.yaml\n")
    let text = try String(contentsOf: folder.appendingPathComponent("engagements.yaml"), encoding: .utf8)
    #expect(text.contains("#   impact import engagements.yaml\n"))
    let again = try runImpact(["mapping", "suggest", "enrolments=engagements.csv", "--out", "engagements.yaml"], in: folder)
    #expect(again.status == 1)
    #expect(again.standardError == "Error: engagements.yaml exists already; choose another --out, or remove it first\n")
    for arguments in [["mapping", "suggest", "engagements.csv"], ["mapping", "suggest", "enrollments=engagements.csv"],
                      ["mapping", "suggest", "enrolments=missing.csv"], ["mapping", "suggest", "enrolments=engagements.csv", "--out", ""]] {
        let bad = try runImpact(arguments, in: folder)
        #expect(bad.status != 0, "\(arguments)")
        #expect(bad.standardError.contains("Error:"), "\(arguments): \(bad.standardError)")
    }
}

// docs/mappings.md shows its example mapping and the engine's output for it: the mapping must be
// the example file, and every line the commands print must be on the page.
@Test func theMappingsPageShowsItsExampleAndWhatTheEnginePrints() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let page = try String(contentsOf: root.appendingPathComponent("docs/mappings.md"), encoding: .utf8)
    let examples = root.appendingPathComponent("docs/examples/mappings")
    let folder = try makeFolder()
    for name in try FileManager.default.contentsOfDirectory(atPath: examples.path) {
        try FileManager.default.copyItem(at: examples.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    for name in ["engagements.yaml", "engagements.csv"] {
        let text = try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8)
        #expect(page.contains(text), "\(name) is not on the page as it is")
    }
    #expect(try runImpact(["import", "programmes.csv", "cohorts.csv", "participants.csv", "--db", "charity.sqlite"], in: folder).status == 0)
    for arguments in [["import", "engagements.yaml", "--db", "charity.sqlite"], ["mapping", "suggest", "enrolments=engagements.csv"]] {
        let result = try runImpact(arguments, in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        for line in result.standardOutput.split(separator: "\n") {
            #expect(page.contains(String(line)), "not on the page: \(line)")
        }
    }
}
