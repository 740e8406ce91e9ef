import ImpactAnalysis
import Testing
@testable import ImpactReport

@Test func anIntervalThatCrossesZeroIsNoClearEvidenceNotNoChange() {
    #expect(Narrative.reading(pairs: 40, change: 0.1, low: -0.05, high: 0.25, sd: 0.5, effect: 0.2) == "no clear evidence of change")
}

@Test func aClearChangeIsNamedWithItsDirectionAndCohensLabel() {
    #expect(Narrative.reading(pairs: 40, change: 0.4, low: 0.2, high: 0.6, sd: 0.6, effect: 0.67) == "medium increase")
    #expect(Narrative.reading(pairs: 40, change: -0.3, low: -0.5, high: -0.1, sd: 1.0, effect: -0.3) == "small decrease")
    #expect(Narrative.reading(pairs: 40, change: 0.9, low: 0.7, high: 1.1, sd: 0.9, effect: 1.0) == "large increase")
}

@Test func smallSamplesAndDegenerateRowsAreFlagged() {
    #expect(Narrative.reading(pairs: 8, change: 0.4, low: 0.1, high: 0.7, sd: 0.3, effect: 1.3) == "large increase; small sample")
    #expect(Narrative.reading(pairs: 3, change: 1, low: 1, high: 1, sd: 0, effect: nil) == "every pair changed by the same amount; small sample")
    #expect(Narrative.reading(pairs: 2, change: 1.0 / 3, low: 1.0 / 3, high: 1.0 / 3, sd: 3e-17, effect: 1.1e16) == "every pair changed by the same amount; small sample")
    #expect(Narrative.reading(pairs: 1, change: 1, low: nil, high: nil, sd: nil, effect: nil) == "too few pairs to judge")
    #expect(Narrative.reading(pairs: 0, change: nil, low: nil, high: nil, sd: nil, effect: nil) == "no pairs")
}

// MARK: Sentences from table rows

/// One row of a table with these columns and texts, read as the report reads it.
func row(_ cells: [String: String]) -> TableRows.Row {
    let columns = Array(cells.keys)
    return TableRows.Row(columns: Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) }),
                         cells: columns.map { cells[$0] == Cell.suppressedMark ? Cell.suppressed : Cell.text(cells[$0] ?? "") })
}

@Test func aChangeWhoseIntervalCrossesZeroIsNotCalledNoChange() {
    let sentence = Narrative.prepostSentence(row(["construct": "self_efficacy", "n_pairs": "40", "mean_change": "0.1", "ci_low": "-0.05",
                                                  "ci_high": "0.25", "sd_change": "0.5", "cohens_dz": "0.2"]), format: ReportFormat(isPublic: false))
    #expect(sentence == "self efficacy: mean change +0.10 on the scale (95% CI -0.05 to 0.25) over 40 pairs: no clear evidence of change; the interval includes zero, which is not evidence of no change.")
}

@Test func aClearChangeNamesItsSizeAndVariantAndFlagsASmallSample() {
    let sentence = Narrative.prepostSentence(row(["construct": "belonging", "n_pairs": "12", "mean_change": "0.6", "ci_low": "0.2",
                                                  "ci_high": "1.0", "sd_change": "0.7", "cohens_dz": "0.86"]), format: ReportFormat(isPublic: false))
    #expect(sentence == "belonging: mean change +0.60 on the scale (95% CI 0.20 to 1.00) over 12 pairs: a large increase; small sample (d_z 0.86).")
}

@Test func aSuppressedFigureIsNeverDescribed() {
    let format = ReportFormat(isPublic: true)
    let change = Narrative.prepostSentence(row(["construct": "belonging", "n_pairs": "5", "mean_change": "..", "ci_low": "..", "ci_high": ".."]), format: format)
    #expect(change == "belonging: 5 pairs; the change is not shown (publication rules).")
    let outcome = Narrative.outcomeSentence(row(["outcome": "he_entry", "n_known": "10", "rate": "..", "ci_low": "..", "ci_high": "..", "benchmark_rate": "0.29"]),
                                            format: format)
    #expect(outcome == "he entry: recorded for 10 participants; the rate is not shown (publication rules).")
}

@Test func anOutcomeIsReadAgainstItsBenchmarkByItsIntervalAndPartialRecordsAreFlagged() {
    let format = ReportFormat(isPublic: false)
    func sentence(_ low: String, _ high: String, participants: String? = nil) -> String {
        Narrative.outcomeSentence(row(["outcome": "he_entry", "n_known": "100", "rate": "0.4", "ci_low": low, "ci_high": high, "benchmark_rate": "0.3"]),
                                  participants: participants, format: format)
    }
    #expect(sentence("0.31", "0.5").contains(", above the national benchmark of 30.0%"))
    #expect(sentence("0.25", "0.5").contains(", not clearly different from the national benchmark of 30.0%"))
    #expect(sentence("0.1", "0.29").contains(", below the national benchmark of 30.0%"))
    #expect(sentence("0.31", "0.5", participants: "200").hasSuffix("; recorded for 100 of 200 participants, and those without a record may differ."))
    #expect(!sentence("0.31", "0.5", participants: "120").contains("recorded for"))
}

@Test func theChangeOnLastYearSaysWhichWayAndFromWhat() {
    let format = ReportFormat(isPublic: false)
    #expect(Narrative.changeOnLastYear("412", "375", previousYear: 2024, percent: false, format: format) == "up 37 from 375 in 2024")
    #expect(Narrative.changeOnLastYear("0.75", "0.8", previousYear: 2024, percent: true, format: format) == "down 5.0 points from 80.0% in 2024")
    #expect(Narrative.changeOnLastYear("0.8", "0.8", previousYear: 2024, percent: true, format: format) == "unchanged from 80.0% in 2024")
    #expect(Narrative.changeOnLastYear("0.81", "0.8", previousYear: 2024, percent: true, format: ReportFormat(isPublic: true)) == "up 1 point from 80% in 2024")
    #expect(Narrative.changeOnLastYear("412", nil, previousYear: 2024, percent: false, format: format) == nil)
    #expect(Narrative.changeOnLastYear("412", "..", previousYear: 2024, percent: false, format: format) == nil)
}

@Test func aComparisonWithMatchedApplicantsIsReadByItsIntervalAndNotCalledCausal() {
    let format = ReportFormat(isPublic: false)
    func sentence(_ low: String, _ high: String) -> String {
        Narrative.comparisonSentence(row(["outcome": "he_entry", "rate_participants": "0.6", "rate_comparison_standardised": "0.45",
                                          "diff_pp": "15", "ci_low_pp": low, "ci_high_pp": high]), format: format)
    }
    #expect(sentence("5", "25") == "he entry: 60.0% of matched participants against 45.0% of matched applicants who did not take part, a difference of 15.0 points (95% CI 5.0 to 25.0): higher for participants; the groups are alike on what was recorded, not necessarily on motivation or attainment.")
    #expect(sentence("-2", "32").contains(": no clear evidence of a difference;"))
    #expect(Narrative.comparisonSentence(row(["outcome": "he_entry", "rate_participants": "..", "diff_pp": ".."]), format: ReportFormat(isPublic: true))
            == "he entry: the comparison is not shown (publication rules).")
}

@Test func aComparisonOfSmallMatchedGroupsIsFlagged() {
    let sentence = Narrative.comparisonSentence(row(["outcome": "he_entry", "rate_participants": "0.75", "rate_comparison_standardised": "0",
                                                     "diff_pp": "75", "ci_low_pp": "40", "ci_high_pp": "110", "participants_matched": "8",
                                                     "comparison_matched": "5"]), format: ReportFormat(isPublic: false))
    #expect(sentence.contains(": higher for participants (small groups: 8 and 5 matched);"))
}

// MARK: Reliability and sustained change

@Test func aChangeOnAScaleOfLowOrUnknownReliabilityCarriesACaveat() {
    let format = ReportFormat(isPublic: false)
    let change = row(["construct": "self_efficacy", "n_pairs": "40", "mean_change": "0.4", "ci_low": "0.2", "ci_high": "0.6",
                      "sd_change": "0.6", "cohens_dz": "0.67"])
    let low = Narrative.prepostSentence(change, reliability: [.number(0.81), .number(0.64)], format: format)
    #expect(low.hasSuffix("a medium increase (d_z 0.67); the scale's reliability is below 0.7 (Cronbach's alpha 0.64), so part of any change may be measurement noise; read it with care."))
    let unknown = Narrative.prepostSentence(change, reliability: [.number(0.81), .empty], format: format)
    #expect(unknown.contains("could not be computed"))
    #expect(Narrative.prepostSentence(change, reliability: [.suppressed, .number(0.9)], format: format).contains("not shown (publication rules)"))
    #expect(!Narrative.prepostSentence(change, reliability: [.number(0.7), .number(0.93)], format: format).contains("reliability"))
    #expect(Narrative.reliabilityNote([.number(0.7), .number(0.93)]) == nil)
    #expect(Narrative.reliabilityNote([.number(0.69), .number(0.93)]) == "scale reliability below 0.7")
    #expect(Narrative.reliabilityNote([.empty]) == "scale reliability unknown")
}

@Test func sustainedChangeIsReadFromPreAndFromPostToTheFollowUp() {
    let format = ReportFormat(isPublic: false)
    let fromPre = row(["construct": "belonging", "waves": "pre_follow_up", "n_pairs": "60", "mean_change": "0.35",
                       "ci_low": "0.15", "ci_high": "0.55", "sd_change": "0.8", "cohens_dz": "0.44"])
    let faded = row(["construct": "belonging", "waves": "post_follow_up", "n_pairs": "55", "mean_change": "-0.3",
                     "ci_low": "-0.5", "ci_high": "-0.1", "sd_change": "0.7", "cohens_dz": "-0.43"])
    #expect(Narrative.sustainedSentence(fromPre: fromPre, fromPost: faded, reliability: [.number(0.82)], format: format)
        == "belonging: from pre to follow-up +0.35 (95% CI 0.15 to 0.55) over 60 pairs: a small increase that lasted to the follow-up; "
        + "from post to follow-up -0.30 (95% CI -0.50 to -0.10) over 55 pairs: a small decrease, so part of the change at post faded.")
    let kept = row(["construct": "belonging", "waves": "post_follow_up", "n_pairs": "12", "mean_change": "0.05",
                    "ci_low": "-0.2", "ci_high": "0.3", "sd_change": "0.4", "cohens_dz": "0.12"])
    let sentence = Narrative.sustainedSentence(fromPre: nil, fromPost: kept, reliability: [.empty], format: format)
    #expect(sentence.contains("from pre to follow-up: no pairs"))
    #expect(sentence.contains("no clear evidence that the change at post faded or grew; small sample"))
    #expect(sentence.contains("could not be computed"))
}

@Test func aConstantChangeIsSaidInWordsWithoutItsTAndEffectSize() {
    // Scores computed in binary (the fallback for data beyond 128-bit integers) can leave an SD of
    // rounding only and a d_z of 10^15: report.md never prints such a figure.
    let constant = row(["construct": "belonging", "n_pairs": "5", "mean_change": "1", "ci_low": "1", "ci_high": "1",
                        "sd_change": "3e-16", "cohens_dz": "3488473270958372", "p_value": "1e-94"])
    let sentence = Narrative.prepostSentence(constant, format: ReportFormat(isPublic: false))
    #expect(sentence == "belonging: mean change +1.00 on the scale (95% CI 1.00 to 1.00) over 5 pairs: every pair changed by the same amount; small sample.")
}
