import Foundation
import ImpactAnalysis
import Testing
@testable import ImpactReport

/// A programme review's model over a hand-made outcomes.csv (and the reach.csv it needs).
func reviewModel(outcomes rows: [[Cell]]) -> ProgrammeReview {
    let outcomes = OutputTable(.outcomes, named: outcomeColumns, rows: rows)
    let model = ReportModel(tables: [outcomes], scope: AnalysisScope(programme: "P"),
                            provenance: Provenance(engineVersion: "test", imports: [], generatedAt: "now"),
                            format: ReportFormat(isPublic: false), charts: [], suppression: nil)
    return ProgrammeReview(model: model)
}

@Test func aGroupFiveOrMorePointsBelowItsProgrammeYearIsNamedWithTheCaveatItNeeds() {
    let review = reviewModel(outcomes: [
        outcomeRow(level: "programme_year", known: 200, yes: 120),           // 60%
        outcomeRow(dimension: "fsm", group: "yes", known: 100, yes: 50),     // 50% (interval 45–55): lags clearly
        outcomeRow(dimension: "fsm", group: "no", known: 100, yes: 70),      // 70%
        outcomeRow(dimension: "gender", group: "female", known: 100, yes: 55), // 55% (interval 50–60): lags, may be chance
        outcomeRow(dimension: "gender", group: "male", known: 50, yes: 28),  // 56%: 4 points below, not listed
        outcomeRow(dimension: "gender", group: "unknown", known: 10, yes: 2), // unknown is never listed
    ])
    let lagging = review.lagging()
    #expect(lagging == [
        "2025, he entry: fsm = yes at 50.0% against 60.0% for all participants (100 with a record).",
        "2025, he entry: gender = female at 55.0% against 60.0% for all participants (100 with a record); the group's interval includes the overall rate, so the gap may be chance.",
    ])
}

@Test func trendsSayWhenTheIntervalsOverlap() {
    let review = reviewModel(outcomes: [
        outcomeRow(level: "programme_year", known: 100, yes: 40, year: 2023),
        outcomeRow(level: "programme_year", known: 100, yes: 42, year: 2024),
    ])
    let model = review.model
    let reach = OutputTable(.reach, named: ["programme_id", "year", "level", "cohort_id", "indicator", "participants", "n_known", "n_yes", "pct_yes", "pct_unknown"], rows: [
        [.text("P"), .integer(2023), .text("programme_year"), .empty, .text("low_ses"), .integer(120), .integer(100), .integer(80), .number(0.8), .number(1.0 / 6)],
        [.text("P"), .integer(2024), .text("programme_year"), .empty, .text("low_ses"), .integer(130), .integer(110), .integer(99), .number(0.9), .number(2.0 / 13)],
    ])
    let withReach = ProgrammeReview(model: ReportModel(tables: model.tables + [reach], scope: model.scope, provenance: model.provenance,
                                                       format: model.format, charts: [], suppression: nil))
    let trends = withReach.trends()
    #expect(trends.contains("Participants: 120 in 2023, 130 in 2024."))
    #expect(trends.contains("he entry: 40.0% in 2023, 42.0% in 2024; the intervals overlap, so this is no clear evidence of a trend."))
}
