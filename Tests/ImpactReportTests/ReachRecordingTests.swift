import Foundation
import ImpactAnalysis
import ImpactIngest
import ImpactStore
import ImpactTestSupport
import Testing
@testable import ImpactReport

/// A charity's data with some reach indicators never collected: programme P, one cohort per
/// year of `participants` people. The charity records FSM (yes for the first half) and first
/// generation (yes for the middle half), so low SES is 75% and multiple disadvantage 25%;
/// POLAR4 is recorded (quintile 1) for the first `polar4` people of each cohort, and nothing else.
/// `recordsNothing` leaves out FSM and first generation too.
struct UncollectedData {
    var years: [(year: Int, participants: Int, polar4: Int)] = [(2025, 40, 0)]
    var recordsNothing = false

    /// Imports the data and writes the report (exact or public) into a fresh folder.
    func writeReport(isPublic: Bool, scope: AnalysisScope = AnalysisScope()) throws -> URL {
        let folder = try makeTemporaryFolder()
        var cohorts = ["cohort_id,programme_id,year"]
        var people = [recordsNothing ? "participant_id,gender" : "participant_id,fsm,first_generation,polar4_quintile"]
        var enrolments = ["participant_id,cohort_id,status"]
        for (year, participants, polar4) in years {
            cohorts.append("P-\(year),P,\(year)")
            for index in 1...participants {
                let id = "\(year)-\(index)"
                let fsm = index <= participants / 2 ? "yes" : "no"
                let firstGeneration = index > participants / 4 && index <= participants * 3 / 4 ? "yes" : "no"
                people.append(recordsNothing ? "\(id),female" : "\(id),\(fsm),\(firstGeneration),\(index <= polar4 ? "1" : "")")
                enrolments.append("\(id),P-\(year),completed")
            }
        }
        let database = try ImpactDatabase.inMemory()
        let files: [(FileKind, [String])] = [(.programmes, ["programme_id,name", "P,Placements"]), (.cohorts, cohorts),
                                              (.participants, people), (.enrolments, enrolments)]
        try importFiles(files.map { kind, lines in (kind, lines.joined(separator: "\n") + "\n") }, into: database, folder: folder)
        let report = folder.appendingPathComponent("report")
        _ = try ReportWriter(database: database, scope: scope, isPublic: isPublic).write(to: report)
        return report
    }
}

private func text(_ name: String, in folder: URL) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
}

/// The reach table's row of a programme-year in report.md.
private func reachRow(_ year: Int, in markdown: String) throws -> String {
    let section = try #require(markdown.range(of: "## Reach of the target groups"))
    let row = markdown[section.upperBound...].split(separator: "\n").first { $0.hasPrefix("| P | \(year) |") }
    return String(try #require(row, "no reach row for \(year)"))
}

@Test(arguments: [false, true])
func anIndicatorNobodyRecordedReadsNotRecordedAndLowSESSaysWhatItRestsOn(isPublic: Bool) throws {
    let folder = try UncollectedData().writeReport(isPublic: isPublic)
    let markdown = try text("report.md", in: folder)
    let percent = { (value: Int) in isPublic ? "\(value)%" : "\(value).0%" }
    #expect(try reachRow(2025, in: markdown)
        == "| P | 2025 | 40 | \(percent(75)) | \(percent(50)) | \(percent(50)) | not recorded | not recorded | not recorded | not recorded | \(percent(25)) |")
    let basis = "based on FSM and first generation; POLAR4, IMD, parental occupation and care experience not recorded"
    #expect(markdown.contains("P 2025: 40 participants (no figures for 2024 to compare with); \(percent(75)) from a low socio-economic background (\(basis)), of those whose background is known"))
    #expect(markdown.contains("- P 2025: low SES is \(basis)."))
    let html = try text("report.html", in: folder)
    #expect(html.contains("<li>P 2025: low SES is \(basis).</li>"))
    #expect(html.contains("<td>not recorded</td>"))
    // The CSV keeps the contract's shape: an undefined share is an empty cell (`..` in public).
    let reach = try text("reach.csv", in: folder).split(separator: "\n")
    #expect(reach.first == "programme_id,year,level,cohort_id,indicator,participants,n_known,n_yes,pct_yes,pct_unknown")
    #expect(reach.contains("P,2025,programme_year,,polar4_q12,40,0,0,\(isPublic ? ".." : ""),1"))
    #expect(!reach.contains { $0.contains("not recorded") })
}

// The publication rules round 0, 1 and 2 to 0 so that a reader cannot tell them apart: two
// people with POLAR4 recorded must read `..`, like any small base, not "not recorded".
@Test func aPublicReportDoesNotTellNoneRecordedFromOneOrTwo() throws {
    // (The two also have FSM, so they are multiply disadvantaged: 12 of 40.)
    let data = UncollectedData(years: [(2025, 40, 2)])
    let published = try text("report.md", in: try data.writeReport(isPublic: true))
    #expect(try reachRow(2025, in: published) == "| P | 2025 | 40 | 75% | 50% | 50% | .. | not recorded | not recorded | not recorded | 30% |")
    #expect(published.contains("(based on FSM, first generation and POLAR4; IMD, parental occupation and care experience not recorded)"))
    let exact = try text("report.md", in: try data.writeReport(isPublic: false))
    #expect(try reachRow(2025, in: exact) == "| P | 2025 | 40 | 75.0% | 50.0% | 50.0% | 100.0% | not recorded | not recorded | not recorded | 30.0% |")
}

// A year without POLAR4 beside one with it: the internal report says so for that year; the
// public one keeps that row's `..` (its rounded 0 is not split), since POLAR4 is in the scope.
@Test func aYearWithoutAnIndicatorReadsNotRecordedInTheInternalReportOnly() throws {
    let data = UncollectedData(years: [(2024, 40, 40), (2025, 40, 0)])
    let exact = try text("report.md", in: try data.writeReport(isPublic: false))
    #expect(try reachRow(2024, in: exact).contains("| 50.0% | 100.0% | not recorded |"))
    #expect(try reachRow(2025, in: exact).contains("| 50.0% | not recorded | not recorded |"))
    #expect(exact.contains("- P 2024: low SES is based on FSM, first generation and POLAR4; IMD, parental occupation and care experience not recorded."))
    #expect(exact.contains("- P 2025: low SES is based on FSM and first generation; POLAR4, IMD, parental occupation and care experience not recorded."))
    let published = try text("report.md", in: try data.writeReport(isPublic: true))
    #expect(try reachRow(2025, in: published) == "| P | 2025 | 40 | 75% | 50% | 50% | .. | not recorded | not recorded | not recorded | 25% |")
    #expect(published.contains("- P 2024 and P 2025: low SES is based on FSM, first generation and POLAR4; IMD, parental occupation and care experience not recorded."))
    #expect(published.contains("“not recorded”: no participant in the report's scope has the value recorded."))
}

// Nothing recorded: low SES has no base, and multiple disadvantage (never unknown, so "no" for
// everyone) must not read 0%.
@Test(arguments: [false, true])
func whenNoIndicatorIsRecordedLowSESAndMultipleDisadvantageReadNotRecorded(isPublic: Bool) throws {
    let data = UncollectedData(recordsNothing: true)
    let markdown = try text("report.md", in: try data.writeReport(isPublic: isPublic))
    let none = [String](repeating: "not recorded", count: 8).joined(separator: " | ")
    #expect(try reachRow(2025, in: markdown) == "| P | 2025 | 40 | \(none) |")
    #expect(markdown.contains("P 2025: 40 participants (no figures for 2024 to compare with); socio-economic background not recorded "
        + "(none of FSM, first generation, POLAR4, IMD, parental occupation or care experience is recorded)"))
    #expect(!markdown.contains("low SES is based on"))
    let review = try text("report.md", in: try data.writeReport(isPublic: isPublic, scope: AnalysisScope(programme: "P")))
    #expect(review.contains("| 2025 | P-2025 | 40 | 40 | 40 | \(isPublic ? "100%" : "100.0%") | 40 | not recorded |"), "the cohorts side by side")
    let svg = try text("charts/reach-2025.svg", in: try data.writeReport(isPublic: isPublic))
    #expect(svg.contains("40 participants; low SES not recorded"))
}

@Test(arguments: [
    ([String](), ""),
    (["FSM"], "FSM"),
    (["FSM", "IMD"], "FSM and IMD"),
    (["FSM", "POLAR4", "IMD"], "FSM, POLAR4 and IMD"),
])
func namesAreListedAsInASentence(names: [String], expected: String) {
    #expect(ReachRecording.list(names) == expected)
}
