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
