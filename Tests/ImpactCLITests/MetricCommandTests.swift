import Foundation
import Testing

@Test func aMetricSplitByTwoDimensionsPrintsEachFormat() throws {
    let csvResult = try runOnDemo(["metric", "reach_fsm", "--by", "programme", "--by", "year", "--format", "csv"])
    #expect(csvResult.status == 0, "\(csvResult.standardError)")
    let csv = try readCSV(csvResult.standardOutput)
    #expect(csv.first == ["programme", "year", "participants", "n_known", "n_yes", "rate", "ci_low", "ci_high", "pct_unknown"])
    #expect(csv.count > 6)
    for row in csv.dropFirst() {
        // Full precision: the text reads back to exactly n_yes / n_known.
        let known = try #require(Double(row[3])), yes = try #require(Double(row[4]))
        #expect(Double(row[5]) == yes / known)
        #expect(try #require(Double(row[6])) < yes / known && yes / known < (try #require(Double(row[7]))))
    }
    let json = try runOnDemo(["metric", "reach_fsm", "--by", "programme,year", "--format", "json"])
    #expect(json.status == 0, "\(json.standardError)")
    let rows = try readJSON(json.standardOutput)
    #expect(rows.count == csv.count - 1)
    for (row, line) in zip(rows, csv.dropFirst()) {
        #expect(row["programme"] as? String == line[0])
        #expect((row["year"] as? NSNumber)?.stringValue == line[1])
        #expect((row["n_yes"] as? NSNumber)?.stringValue == line[4])
        // Foundation's JSON parser on Linux may round the 17th digit; the text itself is exact (above).
        let rate = try #require(row["rate"] as? NSNumber).doubleValue
        #expect(abs(rate - (try #require(Double(line[5])))) <= 1e-15)
    }
    let markdown = try runOnDemo(["metric", "reach_fsm", "--by", "programme,year", "--format", "markdown"]).standardOutput
    #expect(markdown.hasPrefix("| programme | year | participants | n_known | n_yes | rate | ci_low | ci_high | pct_unknown |\n| --- | ---: |"))
}

@Test func filtersAndScopeOptionsKeepTheirSlice() throws {
    let all = try readCSV(try runOnDemo(["metric", "participants", "--by", "programme,year", "--format", "csv"]).standardOutput)
    let scoped = try readCSV(try runOnDemo(["metric", "participants", "--by", "programme,year", "--programme", "IN2R", "--year", "2023", "--format", "csv"]).standardOutput)
    #expect(scoped.count == 2)
    #expect(all.contains(scoped[1]))
    let wherePair = try readCSV(try runOnDemo(["metric", "participants", "--by", "programme,year", "--where", "programme=IN2R", "--where", "year=2023", "--format", "csv"]).standardOutput)
    #expect(wherePair == scoped)
    let outcome = try runOnDemo(["metric", "outcome_rate", "--by", "delivery_mode", "--where", "outcome=he_entry", "--format", "json"])
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(try readJSON(outcome.standardOutput).allSatisfy { $0["outcome"] as? String == "he_entry" })
}

@Test func prepostChangeHasIntervalsAndEffectSizes() throws {
    let result = try runOnDemo(["metric", "prepost_change", "--by", "programme", "--where", "construct=self_efficacy", "--format", "json"])
    #expect(result.status == 0, "\(result.standardError)")
    let rows = try readJSON(result.standardOutput)
    #expect(rows.count == 3)
    for row in rows {
        let low = try #require(row["ci_low"] as? NSNumber).doubleValue
        let high = try #require(row["ci_high"] as? NSNumber).doubleValue
        let mean = try #require(row["mean_change"] as? NSNumber).doubleValue
        #expect(low < mean && mean < high)
        #expect(row["cohens_dz"] is NSNumber)
    }
}

@Test(arguments: ["programme; DROP TABLE participants", "year) OR (1=1", "nonsense"])
func anUnknownOrHostileDimensionNameIsRefusedWithTheValidOnes(name: String) throws {
    expectRefusal(try runOnDemo(["metric", "participants", "--by", name]), containing: "no dimension \"\(name)\". Dimensions: programme, year, cohort")
    // --where splits at the first "=", so the name is what comes before it.
    let whereName = String(name.prefix { $0 != "=" })
    expectRefusal(try runOnDemo(["metric", "participants", "--where", "\(name)=1"]), containing: "no dimension \"\(whereName)\"")
}

@Test func whereValuesAreBoundAndMistakesNamed() throws {
    let hostile = try runOnDemo(["metric", "participants", "--by", "fsm", "--where", "fsm=yes' OR '1'='1", "--format", "csv"])
    #expect(hostile.status == 0, "\(hostile.standardError)")
    #expect(hostile.standardOutput == "fsm,participants\n")
    let programme = try runOnDemo(["metric", "participants", "--by", "programme", "--programme", "IN2R' OR 1=1 --", "--format", "csv"])
    #expect(programme.status == 0, "\(programme.standardError)")
    #expect(programme.standardOutput == "programme,participants\n")
    expectRefusal(try runOnDemo(["metric", "participants", "--where", "year=2024 OR 1=1"]), containing: "year is a whole number")
    expectRefusal(try runOnDemo(["metric", "participants", "--where", "dosage_band=<3' OR '1"]), containing: "the bands are <3, 3-8, >=8, unknown")
    expectRefusal(try runOnDemo(["metric", "participants", "--where", "fsm"]), containing: "--where \"fsm\" is not NAME=VALUE")
    expectRefusal(try runOnDemo(["metric", "no_such_metric"]), containing: "no metric \"no_such_metric\". Metrics: participants")
    expectRefusal(try runOnDemo(["metric", "reach_fsm", "--by", "construct"]), containing: "the metric reach_fsm cannot be split by construct")
    expectRefusal(try runOnDemo(["metric", "participants", "--by", "programme,,year"]), containing: "--by takes dimension names")
    let year = try runOnDemo(["metric", "participants", "--year", "last"])
    #expect(year.status != 0)
    #expect(year.standardError.hasPrefix("Error: "))
}

@Test func metricsListsMetricsAndDimensions() throws {
    let result = try runImpact(["metrics", "--format", "csv"], in: try makeFolder())
    #expect(result.status == 0)
    let rows = try readCSV(result.standardOutput)
    #expect(rows.first == ["entry", "name", "figures", "description"])
    let metrics = rows.filter { $0[0] == "metric" }.map { $0[1] }
    let dimensions = rows.filter { $0[0] == "dimension" }.map { $0[1] }
    #expect(metrics.contains("participants") && metrics.contains("completion_rate") && metrics.contains("prepost_change"))
    #expect(metrics.filter { $0.hasPrefix("reach_") }.count == 8)
    #expect(dimensions.contains("dosage_band") && dimensions.contains("school_type"))
}

@Test func aWhereValueThatMatchesNothingIsSaidSoWithTheValuesThereAre() throws {
    let result = try runOnDemo(["metric", "participants", "--where", "fsm=YES", "--programme", "in2r", "--format", "csv"])
    #expect(result.status == 0)
    #expect(result.standardOutput == "participants\n")
    #expect(result.standardError.contains("Note: --where fsm=YES matches nothing; fsm has: yes, no, unknown"))
    #expect(result.standardError.contains("Note: --where programme=in2r matches nothing; programme has: CAREERS, IN2R, ONLINE"))
    // Each value once, even for a metric split by outcome.
    let years = try runOnDemo(["metric", "outcome_rate", "--where", "year=1999", "--format", "csv"])
    let note = years.standardError.split(separator: "\n").first { $0.contains("year has:") }.map(String.init) ?? ""
    let listed = note.components(separatedBy: "year has: ").last?.components(separatedBy: " (").first?.components(separatedBy: ", ") ?? []
    #expect(!listed.isEmpty && Set(listed).count == listed.count, "\(note)")
    // A value that exists, in a slice where it does not occur, is not a typo: no note.
    let real = try runOnDemo(["metric", "participants", "--where", "fsm=yes", "--format", "csv"])
    #expect(real.standardError.isEmpty)
}

@Test func metricCSVNeutralisesFormulasUnlessRawIsAsked() throws {
    let folder = try makeFolder()
    try write("programme_id,name\n@P,Placements\n", to: "programmes.csv", in: folder)
    try write("cohort_id,programme_id,year\nC1,@P,2025\n", to: "cohorts.csv", in: folder)
    try write("participant_id,fsm\nP1,yes\nP2,no\n", to: "participants.csv", in: folder)
    try write("participant_id,cohort_id,status\nP1,C1,completed\nP2,C1,completed\n", to: "enrolments.csv", in: folder)
    #expect(try runImpact(["import", ".", "--db", "t.sqlite"], in: folder).status == 0)
    let safe = try runImpact(["metric", "reach_fsm", "--by", "programme", "--format", "csv", "--db", "t.sqlite"], in: folder)
    #expect(safe.status == 0, "\(safe.standardError)")
    #expect(safe.standardOutput.contains("\n'@P,"), "\(safe.standardOutput)")
    let raw = try runImpact(["metric", "reach_fsm", "--by", "programme", "--format", "csv", "--raw-csv", "--db", "t.sqlite"], in: folder)
    #expect(raw.status == 0, "\(raw.standardError)")
    #expect(raw.standardOutput.contains("\n@P,"), "\(raw.standardOutput)")
}
