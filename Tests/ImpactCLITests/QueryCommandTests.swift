import Foundation
import Testing

private let question = "SELECT programme_id, count(*) AS cohorts, min(year) AS first_year, 'a,b \"c\"' AS awkward, NULL AS missing, 0.5 AS half FROM cohorts GROUP BY programme_id ORDER BY programme_id"

@Test func aQueryPrintsEachFormatThatReadsBack() throws {
    let csv = try runOnDemo(["query", question, "--format", "csv"])
    #expect(csv.status == 0, "\(csv.standardError)")
    let records = try readCSV(csv.standardOutput)
    #expect(records.first == ["programme_id", "cohorts", "first_year", "awkward", "missing", "half"])
    #expect(records.count == 4)
    #expect(records.dropFirst().map { $0[0] } == ["CAREERS", "IN2R", "ONLINE"])
    #expect(records.dropFirst().allSatisfy { $0[3] == "a,b \"c\"" && $0[4] == "" && $0[5] == "0.5" })

    let json = try readJSON(try runOnDemo(["query", question, "--format", "json"]).standardOutput)
    #expect(json.count == 3)
    #expect(json.map { $0["programme_id"] as? String } == ["CAREERS", "IN2R", "ONLINE"])
    #expect(json.allSatisfy { ($0["cohorts"] as? NSNumber) != nil && $0["missing"] is NSNull && ($0["half"] as? NSNumber)?.doubleValue == 0.5 })
    #expect(zip(json, records.dropFirst()).allSatisfy { ($0["cohorts"] as? NSNumber)?.stringValue == $1[1] })

    let markdown = try runOnDemo(["query", question, "--format", "markdown"]).standardOutput.split(separator: "\n")
    #expect(markdown.count == 5)
    #expect(markdown[0] == "| programme_id | cohorts | first_year | awkward | missing | half |")
    #expect(markdown[1] == "| --- | ---: | ---: | --- | --- | ---: |")
    #expect(markdown[2].hasPrefix("| CAREERS | "))

    let table = try runOnDemo(["query", question]).standardOutput.split(separator: "\n")
    #expect(table.count == 6)
    #expect(table[0].hasPrefix("programme_id  cohorts  first_year"))
    #expect(table.last == "(3 rows)")
}

@Test func aNamedQueryRunsWithItsDefaultsAndParameters() throws {
    let all = try runOnDemo(["query", "reach-by-region", "--format", "csv"])
    #expect(all.status == 0, "\(all.standardError)")
    let allRows = try readCSV(all.standardOutput)
    #expect(allRows.first == ["year", "region", "participants", "fsm_known", "fsm_yes"])
    let one = try runOnDemo(["query", "reach-by-region", "--param", "year=2023", "--format", "csv"])
    let oneRows = try readCSV(one.standardOutput)
    #expect(oneRows.count > 2)
    #expect(oneRows.dropFirst().allSatisfy { $0[0] == "2023" })
    #expect(Set(oneRows.dropFirst().map { $0 }).isSubset(of: Set(allRows.dropFirst().map { $0 })))
}

@Test func aSQLFileRunsAndAMissingOneIsNamed() throws {
    let folder = try queryDemo.get()
    try write("-- my question\nSELECT count(*) AS n FROM participants WHERE fsm = :fsm;\n", to: "mine.sql", in: folder)
    let result = try runOnDemo(["query", "mine.sql", "--param", "fsm=1", "--format", "json"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(((try readJSON(result.standardOutput)).first?["n"] as? NSNumber)?.intValue ?? 0 > 0)
    expectRefusal(try runOnDemo(["query", "absent.sql"]), containing: "absent.sql: cannot read the file: no such file")
    expectRefusal(try runOnDemo(["query", "no-such-query"]), containing: "no named query \"no-such-query\"")
}

@Test(arguments: [
    "DELETE FROM participants",
    "DROP TABLE outcomes",
    "INSERT INTO programmes (programme_id, name) VALUES ('X', 'x')",
    "UPDATE participants SET fsm = 1",
    "ATTACH DATABASE 'other.sqlite' AS other",
    "PRAGMA writable_schema = ON",
    "PRAGMA query_only = OFF",
    "VACUUM INTO 'copy.sqlite'",
    "CREATE TABLE notes (x)",
])
func aWriteIsRefusedAndTheDatabaseIsUnchanged(sql: String) throws {
    let before = try runOnDemo(["query", "SELECT (SELECT count(*) FROM participants), (SELECT count(*) FROM outcomes), (SELECT count(*) FROM sqlite_schema), (SELECT sum(fsm) FROM participants)", "--format", "csv"])
    #expect(before.status == 0)
    expectRefusal(try runOnDemo(["query", sql]), containing: "impact query only reads")
    let after = try runOnDemo(["query", "SELECT (SELECT count(*) FROM participants), (SELECT count(*) FROM outcomes), (SELECT count(*) FROM sqlite_schema), (SELECT sum(fsm) FROM participants)", "--format", "csv"])
    #expect(after.standardOutput == before.standardOutput)
    let folder = try queryDemo.get()
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("copy.sqlite").path))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("other.sqlite").path))
}

@Test(arguments: ["SELECT 1; DROP TABLE participants", "SELECT 1;\nDELETE FROM outcomes", "SELECT 1;; SELECT 2"])
func aSecondStatementIsRefusedAndNothingRuns(sql: String) throws {
    expectRefusal(try runOnDemo(["query", sql]), containing: "more than one statement")
    let count = try runOnDemo(["query", "SELECT count(*) > 0 AS kept FROM outcomes", "--format", "csv"])
    #expect(count.standardOutput == "kept\n1\n")
}

@Test func parameterValuesAreBoundSoQuotesAndSQLInThemAreOnlyText() throws {
    let hostile = try runOnDemo(["query", "SELECT count(*) AS n FROM participants WHERE participant_id = :id", "--param", "id=x' OR '1'='1", "--format", "csv"])
    #expect(hostile.status == 0, "\(hostile.standardError)")
    #expect(hostile.standardOutput == "n\n0\n")
    let echoed = try runOnDemo(["query", "SELECT :v AS v", "--param", "v='); DROP TABLE participants; --", "--format", "json"])
    #expect((try readJSON(echoed.standardOutput)).first?["v"] as? String == "'); DROP TABLE participants; --")
    let named = try runOnDemo(["query", "reach-by-region", "--param", "programme=IN2R' OR 1=1 --", "--format", "csv"])
    #expect(named.status == 0)
    #expect(try readCSV(named.standardOutput).count == 1)
    let kept = try runOnDemo(["query", "SELECT count(*) > 0 AS kept FROM participants", "--format", "csv"])
    #expect(kept.standardOutput == "kept\n1\n")
}

@Test func parameterMistakesAreNamed() throws {
    expectRefusal(try runOnDemo(["query", "SELECT :year AS y"]), containing: "no value for the parameter :year: add --param year=VALUE")
    expectRefusal(try runOnDemo(["query", "SELECT :year AS y", "--param", "year=1", "--param", "yaer=2"]), containing: "no parameter yaer (it takes year)")
    expectRefusal(try runOnDemo(["query", "reach-by-region", "--param", "region=London"]), containing: "no parameter region (it takes year, programme)")
    expectRefusal(try runOnDemo(["query", "SELECT 1", "--param", "novalue"]), containing: "--param \"novalue\" is not NAME=VALUE")
    expectRefusal(try runOnDemo(["query", "SELECT ?"]), containing: "positional parameter ?")
    expectRefusal(try runOnDemo(["query", "SELECT :a", "--param", "a=1", "--param", "a=2"]), containing: "--param a is given twice")
}

@Test func anSQLErrorShowsSQLitesMessageAndWhere() throws {
    let result = try runOnDemo(["query", "SELECT programme_id\nFROM cohorts WHER year = 2024"])
    expectRefusal(result, containing: "SQLite: near \"year\": syntax error")
    #expect(result.standardError.contains("at line 2, column 19:\n  FROM cohorts WHER year = 2024\n                    ^"))
    expectRefusal(try runOnDemo(["query", "SELECT nope FROM cohorts"]), containing: "SQLite: no such column: nope")
}

@Test func badArgumentsGetAnErrorNotATrap() throws {
    let format = try runOnDemo(["query", "SELECT 1", "--format", "xml"])
    #expect(format.status != 0)
    #expect(format.standardError.hasPrefix("Error: "))
    #expect(format.standardError.contains("'table', 'csv', 'json' or 'markdown'"))
    expectRefusal(try runOnDemo(["query", "  "]), containing: "give SQL, a .sql file or a named query")
    expectRefusal(try runImpact(["query", "SELECT 1", "--db", "missing.sqlite"], in: try makeFolder()), containing: "no database here")
    let folder = try makeFolder()
    try write("not a database", to: "junk.sqlite", in: folder)
    expectRefusal(try runImpact(["query", "SELECT 1", "--db", "junk.sqlite"], in: folder), containing: "not a SQLite database")
    // An empty file is not made a database by a question (that would be a write).
    try write("", to: "empty.sqlite", in: folder)
    for command in [["query", "SELECT 1"], ["metric", "participants"], ["schema"]] {
        expectRefusal(try runImpact(command + ["--db", "empty.sqlite"], in: folder), containing: "no database here")
    }
    let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("empty.sqlite").path)[.size] as? NSNumber
    #expect(size?.intValue == 0)
}

@Test func queriesListsTheNamedQueriesWithTheirParameters() throws {
    let result = try runImpact(["queries", "--format", "json"], in: try makeFolder())
    #expect(result.status == 0)
    let queries = try readJSON(result.standardOutput)
    #expect(queries.count >= 10)
    let region = try #require(queries.first { $0["name"] as? String == "reach-by-region" })
    #expect(region["parameters"] as? String == "year=, programme=")
    #expect((region["description"] as? String)?.isEmpty == false)
    #expect(!queries.contains { ($0["name"] as? String)?.contains("metrics") == true })
    let listing = try runImpact(["queries"], in: try makeFolder()).standardOutput
    #expect(listing.contains("reach-by-region  (year=, programme=)\n    Participants by home region"))
    #expect(listing.split(separator: "\n").allSatisfy { $0.count <= 100 })
}

@Test func everyNewCommandHasHelpWithExamples() throws {
    for command in ["query", "queries", "metric", "metrics", "schema"] {
        let help = try runImpact(["help", command], in: try makeFolder())
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("OVERVIEW: "), "\(command)")
        #expect(help.standardOutput.contains("Examples:"), "\(command)")
        #expect(help.standardOutput.contains("impact \(command)"), "\(command)")
    }
}

@Test func infinityIsNullInJSONAndInfElsewhereAndARuntimeErrorIsAnError() throws {
    let json = try runOnDemo(["query", "SELECT 1e308 * 10 AS big, -1e308 * 10 AS small, 1 AS one", "--format", "json"])
    #expect(json.status == 0, "\(json.standardError)")
    let row = try #require(try readJSON(json.standardOutput).first)
    #expect(row["big"] is NSNull && row["small"] is NSNull && (row["one"] as? NSNumber)?.intValue == 1)
    #expect(try runOnDemo(["query", "SELECT 1e308 * 10 AS big", "--format", "csv"]).standardOutput == "big\ninf\n")
    expectRefusal(try runOnDemo(["query", "SELECT abs(-9223372036854775808)"]), containing: "SQLite: integer overflow")
}

@Test func reportingPragmasAndExplainAreQueriesToo() throws {
    let info = try readCSV(try runOnDemo(["query", "PRAGMA table_info(programmes)", "--format", "csv"]).standardOutput)
    #expect(info.dropFirst().map { $0[1] } == ["programme_id", "name", "description", "extra"])
    let plan = try runOnDemo(["query", "EXPLAIN QUERY PLAN SELECT * FROM participants WHERE participant_id = 'x'"])
    #expect(plan.status == 0 && plan.standardOutput.contains("USING INDEX"))
}

// Query CSV opened in a spreadsheet runs nothing from the data; --raw-csv is for pipelines.
@Test func queryCSVNeutralisesFormulasUnlessRawIsAsked() throws {
    let folder = try makeFolder()
    try write("programme_id,name\n=HYPERLINK(\"http://evil.example\"),@SUM(1+1)\nP2,-0.5\n", to: "programmes.csv", in: folder)
    #expect(try runImpact(["import", "programmes.csv"], in: folder).status == 0)
    let sql = "SELECT programme_id, name, -3 AS n FROM programmes ORDER BY name"
    let safe = try runImpact(["query", sql, "--format", "csv"], in: folder)
    #expect(safe.standardOutput == "programme_id,name,n\nP2,-0.5,-3\n\"'=HYPERLINK(\"\"http://evil.example\"\")\",'@SUM(1+1),-3\n")
    let raw = try runImpact(["query", sql, "--format", "csv", "--raw-csv"], in: folder)
    #expect(raw.standardOutput == "programme_id,name,n\nP2,-0.5,-3\n\"=HYPERLINK(\"\"http://evil.example\"\")\",@SUM(1+1),-3\n")
}

// impact query cannot reach SQLite's internals: a function that hands out a memory address or
// loads code is refused by the authorizer, by name, and nothing is printed but the error.
@Test(arguments: [
    ("SELECT fts3_tokenizer('simple')", "fts3_tokenizer"),
    ("SELECT hex(fts3_tokenizer('simple')) AS address", "fts3_tokenizer"),
    ("SELECT load_extension('x')", "load_extension"),
])
func sqliteInternalsAreRefusedWithAClearMessage(sql: String, function: String) throws {
    expectRefusal(try runOnDemo(["query", sql]), containing: "impact query does not call \(function)(): ")
    expectRefusal(try runOnDemo(["query", sql, "--format", "csv"]), containing: "Nothing was run")
}

@Test func aTableThatIsCutSaysSoAndCSVHasEveryRow() throws {
    let rows = "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 10500) SELECT n FROM c"
    let table = try runOnDemo(["query", rows])
    #expect(table.status == 0, "\(table.standardError)")
    let lines = table.standardOutput.split(separator: "\n")
    #expect(lines.count == 2 + 10_000 + 1)
    #expect(lines.last == "(10000 of 10500 rows shown: a table stops at 10000 rows, and 500 rows were cut; --format csv writes them all)")
    let csv = try runOnDemo(["query", rows, "--format", "csv"])
    #expect(csv.standardOutput.split(separator: "\n").count == 10_501)
    #expect(csv.standardOutput.hasSuffix("\n10500\n"))
}

// impact query and impact metric with --format markdown show values from the data as text: no
// link, image or HTML from them once rendered (HostileData).
@Test func queryMarkdownShowsValuesFromTheDataAsText() throws {
    let commands = [
        ["query", "SELECT programme_id, name FROM programmes ORDER BY name", "--format", "markdown"],
        ["query", "SELECT DISTINCT instrument_id, construct FROM survey_items ORDER BY construct", "--format", "markdown"],
        ["query", "SELECT DISTINCT outcome FROM outcomes ORDER BY outcome", "--format", "markdown"],
        ["query", "SELECT participant_id FROM participants ORDER BY participant_id LIMIT 2", "--format", "markdown"],
        ["metric", "reach_fsm", "--by", "programme,year", "--format", "markdown"],
    ]
    var hostile = "", plain = ""
    for command in commands {
        let results = try HostileData.run(command)
        #expect(results.hostile.status == 0 && results.plain.status == 0, "\(command): \(results.hostile.standardError)")
        hostile += results.hostile.standardOutput + "\n"
        plain += results.plain.standardOutput + "\n"
    }
    try HostileData.expectShownAsText(hostile, twin: plain, holding: HostileData.texts)
}
