import Foundation
import GRDB
import ImpactIngest
import ImpactStore
import ImpactTestSupport
import Testing
@testable import ImpactCheck

/// A small dataset with one known instance of each problem the checks look for.
enum Flawed {
    static let files: [(FileKind, String)] = [
        (.programmes, "programme_id,name\nIN2R,Research placements\n"),
        (.cohorts, """
            cohort_id,programme_id,year,start_date,end_date
            C1,IN2R,2024,2024-07-01,2024-08-15
            C2,IN2R,2023,2024-03-01,2024-04-01
            C3,IN2R,2024,,

            """),
        // A1–A4 in C1: fsm unknown for 3 of 4 (75%), first_generation for 1 (25%), gender for none.
        // D1 and D2: the same profile under two ids. OLD: born 1950. N1: no research consent.
        // NEVER: never enrolled, with an outcome.
        (.participants, """
            participant_id,email,birth_year,gender,postcode,school_type,fsm,first_generation,consent_research
            A1,,2007,female,M14,state_non_selective,yes,yes,yes
            A2,,2007,male,M15,state_non_selective,,no,yes
            A3,,2008,female,M16,state_selective,,yes,yes
            A4,,2006,male,M17,independent,,,yes
            D1,,2007,female,LS9,state_non_selective,no,no,yes
            D2,,2007,female,LS9,state_non_selective,no,no,yes
            OLD,,1950,male,B1,other,no,no,yes
            N1,,2007,female,M14,other,no,no,no
            ,someone@example.org,2007,female,M18,other,no,no,yes
            NEVER,,2007,male,M19,other,no,no,yes

            """),
        (.enrolments, """
            participant_id,cohort_id,status,applied_on
            A1,C1,completed,2024-09-01
            A2,C1,completed,2021-01-01
            A3,C1,started,2024-05-01
            A4,C1,withdrawn,2024-05-01
            OLD,C2,completed,2024-01-01
            D1,C3,completed,
            D2,C3,completed,

            """),
        (.surveyItems, "instrument_id,item_id,construct,scale_min,scale_max\ncore,se1,self_efficacy,1,5\n"),
        // A1 pre and post in time; A2 post only (identity break); A3 pre only (attrition);
        // A4 a pre after the end and a post before the start; D1 undated answers in C3.
        (.responses, """
            participant_id,cohort_id,instrument_id,wave,item_id,value,responded_on
            A1,C1,core,pre,se1,3,2024-07-01
            A1,C1,core,post,se1,4,2024-08-15
            A2,C1,core,post,se1,4,2024-08-15
            A3,C1,core,pre,se1,2,2024-07-01
            A4,C1,core,pre,se1,2,2024-09-01
            A4,C1,core,post,se1,2,2024-06-01
            D1,C3,core,pre,se1,2,

            """),
        // NEVER has an outcome and no enrolment; the last row is rejected (a value that is not yes/no).
        (.outcomes, "participant_id,outcome,value\nNEVER,he_entry,yes\nA1,he_entry,yes\nA1,stem_degree,maybe\n"),
    ]

    static func report(thresholds: CheckThresholds = CheckThresholds()) throws -> CheckReport {
        let folder = try makeTemporaryFolder()
        let database = try ImpactDatabase.inMemory()
        try importFiles(files, into: database, folder: folder)
        return try DataQualityCheck(database: database, thresholds: thresholds).run()
    }
}

extension CheckReport {
    func finding(_ check: String, cohort: String? = nil, subject: String? = nil) -> Finding? {
        findings.first { $0.check == check && $0.cohortID == cohort && $0.subject == subject }
    }
}

@Test func missingValuesPerCohortAreGradedByTheirShare() throws {
    let report = try Flawed.report()
    let fsm = try #require(report.finding("missing_fields", cohort: "C1", subject: "fsm"))
    #expect(fsm.level == .error)
    #expect(fsm.count == 3 && fsm.total == 4)
    #expect(fsm.examples == ["A2", "A3", "A4"])
    let firstGeneration = try #require(report.finding("missing_fields", cohort: "C1", subject: "first_generation"))
    #expect(firstGeneration.level == .warning)
    #expect(firstGeneration.count == 1 && firstGeneration.examples == ["A4"])
    #expect(report.finding("missing_fields", cohort: "C1", subject: "gender") == nil, "nothing missing, no finding")
    // The overall row counts every cohort's participants (N1 has no consent and is not one).
    let overall = try #require(report.finding("missing_fields", subject: "fsm"))
    #expect(overall.level == .warning, "3 of 7 is over 20%")
    #expect(overall.count == 3 && overall.total == 7 && overall.examples == ["A2", "A3", "A4"])
    let overallFirstGeneration = try #require(report.finding("missing_fields", subject: "first_generation"))
    #expect(overallFirstGeneration.level == .info && overallFirstGeneration.count == 1)
}

@Test func aLowerThresholdTurnsAWarningIntoAnError() throws {
    var thresholds = CheckThresholds()
    thresholds.missingError = 0.2
    thresholds.examples = 1
    let report = try Flawed.report(thresholds: thresholds)
    let firstGeneration = try #require(report.finding("missing_fields", cohort: "C1", subject: "first_generation"))
    #expect(firstGeneration.level == .error)
    #expect(report.finding("missing_fields", cohort: "C1", subject: "fsm")?.examples == ["A2"])
}

@Test func postWithoutPreIsAnIdentityBreakAndPreWithoutPostIsAttrition() throws {
    let report = try Flawed.report()
    let breaks = try #require(report.finding("identity_breaks", cohort: "C1"))
    #expect(breaks.level == .warning)
    #expect(breaks.count == 1 && breaks.total == 3 && breaks.examples == ["A2"])
    let attrition = try #require(report.finding("attrition", cohort: "C1"))
    #expect(attrition.count == 1 && attrition.total == 3 && attrition.examples == ["A3"])
    #expect(attrition.level == .info, "1 of 3 is under the 50% threshold")
    let c3 = try #require(report.finding("attrition", cohort: "C3"))
    #expect(c3.level == .warning, "1 of 1 pre respondents without a post")
}

@Test func peopleWithTheSameProfileUnderTwoIdsAreLikelyDuplicates() throws {
    let report = try Flawed.report()
    let same = try #require(report.finding("duplicate_people", subject: "same_profile"))
    #expect(same.level == .info)
    #expect(same.count == 2)
    #expect(same.examples == ["D1 = D2"])
    // One id came from an e-mail address, the others from the CRM: one person may be in twice.
    let mixed = try #require(report.finding("duplicate_people", subject: "mixed_id_schemes"))
    #expect(mixed.level == .warning)
    #expect(mixed.count == 1 && mixed.total == 10)
}

@Test func enrolmentsWhoseDatesDoNotFitTheirCohortAreFound() throws {
    let report = try Flawed.report()
    let late = try #require(report.finding("enrolment_dates", cohort: "C1", subject: "applied_after_end"))
    #expect(late.level == .error && late.count == 1 && late.examples == ["A1"])
    let early = try #require(report.finding("enrolment_dates", cohort: "C1", subject: "applied_long_before"))
    #expect(early.level == .warning && early.examples == ["A2"])
    let age = try #require(report.finding("enrolment_dates", cohort: "C2", subject: "age"))
    #expect(age.examples == ["OLD"])
    let year = try #require(report.finding("enrolment_dates", cohort: "C2", subject: "cohort_year"))
    #expect(year.level == .warning)
}

@Test func answersOutsideTheirCohortsDatesAreFoundAndUndatedOnesCounted() throws {
    let report = try Flawed.report()
    let preAfterEnd = try #require(report.finding("answer_dates", cohort: "C1", subject: "pre_after_end"))
    #expect(preAfterEnd.level == .error && preAfterEnd.count == 1 && preAfterEnd.examples == ["A4"])
    #expect(preAfterEnd.total == 3, "A1, A3 and A4 answered a dated pre survey in C1")
    let postBeforeStart = try #require(report.finding("answer_dates", cohort: "C1", subject: "post_before_start"))
    #expect(postBeforeStart.level == .error && postBeforeStart.examples == ["A4"])
    let undated = try #require(report.finding("answer_dates", cohort: "C3", subject: "undated"))
    #expect(undated.level == .info && undated.examples == ["D1"])
    #expect(report.findings.filter { $0.check == "answer_dates" }.count == 3)
}

@Test func outcomesOfPeopleNeverEnrolledRejectionsAndConsentAreReported() throws {
    let report = try Flawed.report()
    let never = try #require(report.finding("outcomes_without_enrolment"))
    #expect(never.level == .warning && never.count == 1 && never.total == 2 && never.examples == ["NEVER"])
    let rejected = try #require(findingWithPrefix(report, "unresolved_rejections", subjectSuffix: "outcomes.csv"))
    #expect(rejected.count == 1 && rejected.total == 3)
    #expect(rejected.examples.first?.hasPrefix("line 4: column value") == true)
    let consent = try #require(report.finding("consent_excluded"))
    #expect(consent.level == .info && consent.count == 1 && consent.examples == ["N1"])
}

@Test func optionalCellsStoredAsUnknownAreListedPerFileAndColumn() throws {
    let folder = try makeTemporaryFolder()
    let database = try ImpactDatabase.inMemory()
    try importFiles([(.participants, "participant_id,gender,birth_year\nU1,robot,2007\nU2,female,twenty\nU3,alien,\n")], into: database, folder: folder)
    let report = try DataQualityCheck(database: database).run()
    let gender = try #require(findingWithPrefix(report, "unread_cells", subjectSuffix: "participants.csv: gender"))
    #expect(gender.level == .warning && gender.count == 2 && gender.total == 3)
    #expect(gender.examples == ["line 2: \"robot\" is not a gender (accepted: female, male, non_binary, other, prefer_not_to_say, or the spellings in docs/data-contract.md)",
                                "line 4: \"alien\" is not a gender (accepted: female, male, non_binary, other, prefer_not_to_say, or the spellings in docs/data-contract.md)"])
    let year = try #require(findingWithPrefix(report, "unread_cells", subjectSuffix: "participants.csv: birth_year"))
    #expect(year.count == 1)
}

private func findingWithPrefix(_ report: CheckReport, _ check: String, subjectSuffix: String) -> Finding? {
    report.findings.first { $0.check == check && ($0.subject ?? "").hasSuffix(subjectSuffix) }
}

@Test func aCleanDatabaseHasNoFindingsAndEveryCheckIsListed() throws {
    let database = try ImpactDatabase.inMemory()
    let report = try DataQualityCheck(database: database).run()
    #expect(report.findings.isEmpty)
    #expect(report.definitions.map(\.name) == ["missing_fields", "not_collected", "identity_breaks", "attrition", "answer_dates", "duplicate_people",
                                               "enrolment_dates", "outcomes_without_enrolment", "unresolved_rejections", "consent_excluded",
                                               "answers_without_enrolment", "unread_cells"])
    #expect(!report.hasFindings(atLeast: .warning))
    #expect(report.markdown(database: "x.sqlite").contains("No findings."))
}

@Test(arguments: [
    ([CheckLevel](), CheckLevel.warning, false),
    ([.info], .warning, false),
    ([.info, .warning], .warning, true),
    ([.info, .warning], .error, false),
    ([.error], .warning, true),
    ([.warning, .error], .error, true),
])
func failOnIsMetByAFindingAtThatLevelOrWorse(levels: [CheckLevel], failOn: CheckLevel, met: Bool) {
    let findings = levels.map { Finding(check: "x", level: $0, cohortID: nil, subject: nil, count: 1, total: nil, examples: []) }
    #expect(CheckReport(definitions: [], findings: findings).hasFindings(atLeast: failOn) == met)
}

@Test func csvQuotesFieldsAndListsEveryFinding() throws {
    let finding = Finding(check: "unresolved_rejections", level: .warning, cohortID: nil, subject: "a,b.csv", count: 2, total: 8,
                          examples: ["line 2: \"x\" is not a date", "line 3: y"])
    let csv = CheckReport(definitions: [], findings: [finding]).csv()
    #expect(csv == "check,level,cohort_id,subject,count,total,share,examples\n"
        + "unresolved_rejections,warning,,\"a,b.csv\",2,8,0.25,\"line 2: \"\"x\"\" is not a date; line 3: y\"\n")
}

@Test func markdownShowsTheMostSeriousFindingsFirstAndEscapesPipes() throws {
    let report = try Flawed.report()
    let markdown = report.markdown(database: "t.sqlite")
    #expect(markdown.hasPrefix("# Data quality check"))
    let missing = try section("## Missing values per cohort (`missing_fields`)", of: markdown)
    #expect(missing.contains("| error | C1 | fsm | 3 | 4 | 75.0% | A2, A3, A4 |"))
    let levels = findingRows(missing).compactMap { CheckLevel(rawValue: $0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces)) }
    #expect(Set(levels) == Set(CheckLevel.allCases), "error, warning and info rows")
    #expect(levels == levels.sorted(by: >), "most serious first")
    // Flawed stores 8 fields for nobody, in 3 cohorts and overall: more than one table's rows.
    let notCollected = try section("## Fields not collected (`not_collected`)", of: markdown)
    #expect(findingRows(notCollected).count == CheckReport.markdownRowsPerCheck)
    let total = report.findings.count { $0.check == "not_collected" }
    #expect(total == 32)
    #expect(notCollected.contains("… and \(total - CheckReport.markdownRowsPerCheck) more (`impact check --format csv` lists every finding)"))
    let piped = CheckReport(definitions: [.init(name: "x", title: "X")],
                            findings: [Finding(check: "x", level: .info, cohortID: "a|b", subject: nil, count: 1, total: nil, examples: [])])
    #expect(piped.markdown(database: "d").contains("| info | a\\|b |"))
}

/// The text of a Markdown report's section from its heading to the next.
private func section(_ heading: String, of markdown: String) throws -> Substring {
    let start = try #require(markdown.range(of: heading), "no section \(heading)")
    let rest = markdown[start.upperBound...]
    return rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
}

/// The finding rows of a section's table.
private func findingRows(_ section: Substring) -> [Substring] {
    section.split(separator: "\n").filter { $0.hasPrefix("| error") || $0.hasPrefix("| warning") || $0.hasPrefix("| info") }
}

// A charity that never records POLAR4 (and, in Flawed, seven more fields): in every cohort the
// field is unknown for everyone, which is "not collected", not a missing-data error.
@Test func aFieldUnknownForEveryoneInACohortIsNotCollectedAndOnlyInfo() throws {
    let report = try Flawed.report()
    let c1 = try #require(report.finding("not_collected", cohort: "C1", subject: "polar4_quintile"))
    #expect(c1.level == .info)
    #expect(c1.count == 4 && c1.total == 4)
    #expect(c1.examples.isEmpty, "the examples would be everyone")
    #expect(c1.note == "polar4_quintile: not collected for cohort C1 (unknown for all 4 participants)")
    #expect(report.finding("missing_fields", cohort: "C1", subject: "polar4_quintile") == nil, "one finding, not two")
    let c2 = try #require(report.finding("not_collected", cohort: "C2", subject: "hours"))
    #expect(c2.note == "hours: not collected for cohort C2 (unknown for its only participant)")
    let overall = try #require(report.finding("not_collected", subject: "polar4_quintile"))
    #expect(overall.level == .info && overall.count == 7 && overall.total == 7)
    #expect(overall.note == "polar4_quintile: not collected in any cohort (unknown for all 7 participants)")
    #expect(report.findings.allSatisfy { $0.check != "missing_fields" || $0.count < ($0.total ?? 0) })
    let markdown = report.markdown(database: "t.sqlite")
    #expect(markdown.contains("| Fields not collected (`not_collected`) | 0 | 0 | 32 |"))
    #expect(markdown.contains("| info | C1 | polar4_quintile | 4 | 4 | 100.0% |  | polar4_quintile: not collected for cohort C1 (unknown for all 4 participants) |"))
}

/// One cohort K1 of `participants` people, `known` of them with POLAR4 recorded; every other
/// field is known for all, so POLAR4 is the only field a check can report.
private func polar4Report(participants: Int, known: Int) throws -> CheckReport {
    let people = (1...participants).map { index in
        "K\(index),2007,female,white,London,N1,state_non_selective,no,no,working_class,\(index <= known ? "2" : ""),3,no,no"
    }
    let enrolments = (1...participants).map { "K\($0),K1,completed,10" }
    let folder = try makeTemporaryFolder()
    let database = try ImpactDatabase.inMemory()
    try importFiles([
        (.programmes, "programme_id,name\nIN2R,Research placements\n"),
        (.cohorts, "cohort_id,programme_id,year\nK1,IN2R,2024\n"),
        (.participants, "participant_id,birth_year,gender,ethnicity,region,postcode,school_type,fsm,first_generation,"
            + "parental_occupation,polar4_quintile,imd_quintile,care_experienced,disability\n" + people.joined(separator: "\n") + "\n"),
        (.enrolments, "participant_id,cohort_id,status,hours\n" + enrolments.joined(separator: "\n") + "\n"),
    ], into: database, folder: folder)
    return try DataQualityCheck(database: database).run()
}

// Only a field unknown for everyone is "not collected"; a field known for one in ten keeps
// today's thresholds (an error above 50% unknown, a warning above 20%, nothing at 20% or less).
@Test(arguments: [
    (0, "not_collected", CheckLevel.info),
    (1, "missing_fields", CheckLevel.error),
    (5, "missing_fields", CheckLevel.warning),
])
func polar4UnknownForMostOfACohortKeepsTheThresholds(known: Int, check: String, level: CheckLevel) throws {
    let report = try polar4Report(participants: 10, known: known)
    let cohort = report.findings.filter { $0.cohortID == "K1" }
    #expect(cohort.count == 1, "\(cohort)")
    let finding = try #require(cohort.first)
    #expect(finding.check == check && finding.level == level && finding.subject == "polar4_quintile")
    #expect(finding.count == 10 - known && finding.total == 10)
    #expect((finding.note != nil) == (check == "not_collected"))
    #expect(report.hasFindings(atLeast: .error) == (level == .error), "--fail-on error fails only on the partly known field")
}

@Test func aFieldKnownForNineInTenHasNoFinding() throws {
    let report = try polar4Report(participants: 10, known: 9)
    #expect(report.findings.filter { $0.cohortID == "K1" }.isEmpty)
    #expect(report.finding("missing_fields", subject: "polar4_quintile")?.level == .info, "the all-cohorts row still counts it")
}

// Answers for a cohort the person is not enrolled in (a mapping naming the wrong cohort): D2,
// enrolled in C3 only, answers for C1; OLD's C2 answers are fine.
@Test func answersFromPeopleNotEnrolledInTheCohortAreFound() throws {
    let folder = try makeTemporaryFolder()
    let database = try ImpactDatabase.inMemory()
    try importFiles(Flawed.files + [(.responses, """
        participant_id,cohort_id,instrument_id,wave,item_id,value,responded_on
        D2,C1,core,follow_up,se1,3,2024-09-20
        OLD,C2,core,pre,se1,3,2024-03-01

        """)], into: database, folder: folder)
    let report = try DataQualityCheck(database: database).run()
    let stray = try #require(report.finding("answers_without_enrolment", cohort: "C1"))
    #expect(stray.level == .warning && stray.count == 1 && stray.total == 5 && stray.examples == ["D2"])
    #expect(report.findings.filter { $0.check == "answers_without_enrolment" }.count == 1)
}
