import Foundation
import Testing

/// Parses RFC 4180 CSV (quotes, doubled quotes, line breaks in quotes) into records.
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var inQuotes = false
    var characters = Array(text)[...]
    while let character = characters.popFirst() {
        if inQuotes {
            if character == "\"" {
                if characters.first == "\"" { field.append("\""); characters = characters.dropFirst() } else { inQuotes = false }
            } else {
                field.append(character)
            }
        } else if character == "\"" {
            inQuotes = true
        } else if character == "," {
            record.append(field); field = ""
        } else if character == "\n" {
            record.append(field); records.append(record); record = []; field = ""
        } else {
            field.append(character)
        }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}

@Test func reportWritesTheContractTablesAndAMarkdownSummary() throws {
    let folder = try makeFolder()
    let demo = try runImpact(["demo", "--out", "demo", "--participants", "400", "--seed", "3"], in: folder)
    #expect(demo.status == 0, "\(demo.standardError)")
    let result = try runImpact(["report", "--out", "out", "--db", "demo/impact.sqlite", "--programme", "IN2R"], in: folder)
    #expect(result.status == 0, "\(result.standardError)")
    let expected: [String: [String]] = [
        "reach.csv": ["programme_id", "year", "level", "cohort_id", "indicator", "participants", "n_known", "n_yes", "pct_yes", "pct_unknown"],
        "funnel.csv": ["programme_id", "year", "level", "cohort_id", "applied", "offered", "started", "completed", "completion_rate"],
        "prepost.csv": ["programme_id", "year", "level", "cohort_id", "instrument_id", "construct", "group_dim", "group_value", "n_pairs", "mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high", "t", "df", "p_value", "cohens_dz", "hedges_gav", "wilcoxon_p", "pct_improved"],
        "alpha.csv": ["instrument_id", "construct", "wave", "n", "k_items", "alpha"],
        "alpha_items.csv": ["instrument_id", "construct", "wave", "item_id", "reverse_coded", "n", "k_items",
                            "item_mean", "item_sd", "r_drop", "alpha_if_deleted"],
        "outcomes.csv": ["programme_id", "year", "level", "cohort_id", "outcome", "group_dim", "group_value", "n_known", "n_yes", "rate", "ci_low", "ci_high", "benchmark_rate", "diff_pp", "p_value"],
    ]
    for (name, columns) in expected {
        let text = try String(contentsOf: folder.appendingPathComponent("out/\(name)"), encoding: .utf8)
        let records = parseCSV(text)
        try #require(records.count > 1, "\(name) has no rows")
        #expect(Array(records[0].prefix(columns.count)) == columns, "\(name) header")
        #expect(records.allSatisfy { $0.count == records[0].count }, "\(name) rows as wide as the header")
        if columns.first == "programme_id" {
            #expect(records.dropFirst().allSatisfy { $0[0] == "IN2R" }, "\(name) limited to --programme")
        }
    }
    let markdown = try String(contentsOf: folder.appendingPathComponent("out/report.md"), encoding: .utf8)
    #expect(markdown.hasPrefix("# Programme review: IN2R"))
    #expect(markdown.contains("## Programme review"))
    #expect(markdown.contains("Scope: programme IN2R, all years."))
    #expect(markdown.contains("## Change from pre to post survey"))
    #expect(markdown.contains("| programme | year | construct | pairs |"))
    #expect(markdown.contains("responses.csv"))
}

@Test func reportRefusesAMissingDatabaseAndBadOptions() throws {
    let folder = try makeFolder()
    let missing = try runImpact(["report", "--out", "out", "--db", "nothing.sqlite"], in: folder)
    #expect(missing.status != 0)
    #expect(missing.standardError.contains("no database here"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("nothing.sqlite").path))
    let badYear = try runImpact(["report", "--out", "out", "--year", "20245"], in: folder)
    #expect(badYear.status != 0)
    #expect(badYear.standardError.contains("--year must be between 1900 and 2200"))
    let noOut = try runImpact(["report"], in: folder)
    #expect(noOut.status != 0)
}

@Test func reportPublicAppliesThePublicationRulesAndTemplatesOverrideTheLayout() throws {
    let folder = try makeFolder()
    let demo = try runImpact(["demo", "--out", "demo", "--participants", "300", "--seed", "4"], in: folder)
    #expect(demo.status == 0, "\(demo.standardError)")
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("demo/report-public/report.md").path), "the demo writes a public version")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
    try write("{{% CONTENT_TYPE: MARKDOWN}}\n# Our report ({{scope}})\n{{#publicNote}}{{publicNote}}\n{{/publicNote}}", to: "templates/report.md.mustache", in: folder)
    let result = try runImpact(["report", "--out", "public", "--db", "demo/impact.sqlite", "--public", "--template", "templates"], in: folder)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("(public: publication rules applied)"))
    let markdown = try String(contentsOf: folder.appendingPathComponent("public/report.md"), encoding: .utf8)
    #expect(markdown.hasPrefix("# Our report (all programmes and years)\nThis is the public version of the report."))
    let prepost = parseCSV(try String(contentsOf: folder.appendingPathComponent("public/prepost.csv"), encoding: .utf8))
    #expect(!prepost[0].contains("t") && !prepost[0].contains("df"))
    let counts = try #require(prepost[0].firstIndex(of: "n_pairs"))
    #expect(prepost.dropFirst().allSatisfy { (Int($0[counts]) ?? 1) % 5 == 0 }, "pairs rounded to 5")
    #expect(prepost.dropFirst().contains { $0.contains("..") }, "small groups suppressed")
    for chart in ["prepost", "outcomes", "reach"] {
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("public/charts/\(chart)-2025.svg").path))
    }
    let html = try String(contentsOf: folder.appendingPathComponent("public/report.html"), encoding: .utf8)
    #expect(html.contains("<svg "))
}

@Test func reportRefusesATemplateFolderThatIsNotThere() throws {
    let folder = try makeFolder()
    let result = try runImpact(["report", "--out", "out", "--template", "nowhere"], in: folder)
    #expect(result.status != 0)
    #expect(result.standardError.contains("--template must name a folder of .mustache files (got nowhere)"))
}

// The internal report (exact small counts) is its owner's alone, like the database; the public
// one is written as the umask gives.
@Test func theInternalReportIsOwnerOnlyAndThePublicOneIsNot() throws {
    let folder = try makeFolder()
    let demo = try runImpact(["demo", "--out", "demo", "--participants", "300", "--seed", "5"], in: folder)
    #expect(demo.status == 0, "\(demo.standardError)")
    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
    #expect(try runImpact(["report", "--out", "internal", "--db", "demo/impact.sqlite"], in: folder).status == 0)
    #expect(try mode("internal") == 0o700)
    #expect(try mode("internal/charts") == 0o700)
    for file in ["internal/report.md", "internal/report.html", "internal/reach.csv", "internal/prepost.csv"] {
        #expect(try mode(file) == 0o600, "\(file)")
    }
    let charts = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("internal/charts").path)
    #expect(!charts.isEmpty)
    for chart in charts { #expect(try mode("internal/charts/" + chart) == 0o600, "\(chart)") }
    #expect(try runImpact(["report", "--out", "public", "--public", "--db", "demo/impact.sqlite"], in: folder).status == 0)
    let mask = umask(0o022)
    umask(mask)
    #expect(try mode("public/report.md") == 0o666 & ~Int(mask))
}

// Ids an adversary chose (HostileData) read as text in report.md, internal and public, whole or a
// programme review: rendered as GitHub would, no link, image or HTML comes from the data.
@Test(arguments: [[], ["--public"], ["--programme", "{programme}"], ["--programme", "{programme}", "--public"]])
func reportMarkdownShowsIdsFromTheDataAsText(options: [String]) throws {
    let out = "report-\(UUID().uuidString)-{db}"
    let (hostile, plain) = try HostileData.run(["report", "--out", out] + options)
    #expect(hostile.status == 0 && plain.status == 0, "\(hostile.standardError)\(plain.standardError)")
    let folder = try HostileData.folder.get()
    func markdown(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(out.replacingOccurrences(of: "{db}", with: name)).appendingPathComponent("report.md"), encoding: .utf8)
    }
    let programmes = options.isEmpty || options == ["--public"] ? Array(HostileData.programmes.values) : [HostileData.programmes["IN2R"] ?? ""]
    let shown = programmes + Array(HostileData.constructs.values) + Array(HostileData.outcomes.values) + Array(HostileData.instrument.values)
    try HostileData.expectShownAsText(try markdown("hostile"), twin: try markdown("plain"), holding: shown)
}

// A report replaces its whole folder, so a folder holding other files, or the working folder,
// is refused with what to do, and left as it was.
@Test func reportRefusesAFolderHoldingOtherFilesAndTheWorkingFolder() throws {
    let folder = try makeFolder()
    let demo = try runImpact(["demo", "--out", "demo", "--participants", "12", "--seed", "6"], in: folder)
    #expect(demo.status == 0, "\(demo.standardError)")
    let here = try runImpact(["report", "--out", ".", "--db", "demo/impact.sqlite"], in: folder)
    #expect(here.status == 1)
    #expect(here.standardError.contains("cannot write (it is the working folder or holds it"), "\(here.standardError)")
    let inside = try runImpact(["report", "--out", "..", "--db", "impact.sqlite"], in: folder.appendingPathComponent("demo"))
    #expect(inside.standardError.contains("cannot write (it is the working folder or holds it"), "\(inside.standardError)")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("mine"), withIntermediateDirectories: true)
    try write("my notes", to: "mine/notes.txt", in: folder)
    let mine = try runImpact(["report", "--out", "mine", "--db", "demo/impact.sqlite"], in: folder)
    #expect(mine.status == 1)
    #expect(mine.standardError.hasPrefix("Error: ") && mine.standardError.contains("/mine: holds files a report does not write (notes.txt); "),
            "\(mine.standardError)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("mine").path) == ["notes.txt"])
    #expect(try String(contentsOf: folder.appendingPathComponent("mine/notes.txt"), encoding: .utf8) == "my notes")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["demo", "mine"])
}
