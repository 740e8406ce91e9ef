import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ImpactAnalysis
import ImpactIngest
import ImpactStore
import ImpactSynthetic
import ImpactTestSupport
import Testing
@testable import ImpactReport

// MARK: Golden files

@Test func theReportOfTheSmallDatasetMatchesItsGoldenFiles() throws {
    let exact = try SmallDataset.writeReport(isPublic: false)
    try expectGolden(String(contentsOf: exact.appendingPathComponent("report.md"), encoding: .utf8), named: "report.md")
    let published = try SmallDataset.writeReport(isPublic: true)
    try expectGolden(String(contentsOf: published.appendingPathComponent("report.md"), encoding: .utf8), named: "report-public.md")
    for name in ["reach.csv", "funnel.csv", "outcomes.csv", "intersections.csv"] {
        try expectGolden(String(contentsOf: published.appendingPathComponent(name), encoding: .utf8), named: "public-\(name)")
    }
    try expectGolden(String(contentsOf: published.appendingPathComponent("charts/prepost-2025.svg"), encoding: .utf8), named: "public-prepost-2025.svg")
    let review = try SmallDataset.writeReport(isPublic: true, scope: AnalysisScope(programme: "IN2R"))
    try expectGolden(String(contentsOf: review.appendingPathComponent("report.md"), encoding: .utf8), named: "review-IN2R-public.md")
}

// MARK: Markdown through a real CommonMark parser

/// report.md rendered by cmark-gfm (GitHub's CommonMark with its table extension) and read back
/// as XML: its tables (header and body cells) and the targets of its links and images.
struct RenderedMarkdown {
    var tables: [(header: [String], rows: [[String]])] = []
    var targets: [String] = []

    init(_ markdown: String) throws {
        let cmark = try #require(executable(named: "cmark-gfm"), "cmark-gfm is not on PATH: apt-get install cmark-gfm (.ci/run does)")
        let html = try run(cmark, ["--extension", "table", "--to", "html"], input: markdown)
        let document = try XMLDocument(xmlString: "<body>\(html)</body>", options: [])
        for table in try document.nodes(forXPath: "//table") {
            let header = try table.nodes(forXPath: "thead/tr/th").map { $0.stringValue ?? "" }
            let rows = try table.nodes(forXPath: "tbody/tr").map { row in try row.nodes(forXPath: "td").map { $0.stringValue ?? "" } }
            tables.append((header, rows))
        }
        targets = try document.nodes(forXPath: "//a/@href | //img/@src").compactMap(\.stringValue)
    }
}

@Test(arguments: [false, true])
func reportMarkdownParsesIntoWellFormedTablesAndEveryLinkResolves(isPublic: Bool) throws {
    for scope in [AnalysisScope(), AnalysisScope(programme: "ONLINE", year: 2024)] {
        let folder = try SmallDataset.writeReport(isPublic: isPublic, scope: scope)
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        let rendered = try RenderedMarkdown(markdown)
        // Every pipe table of the source is a table for the parser, with rows as wide as the header.
        let sourceTables = markdown.split(separator: "\n").filter { $0.hasPrefix("|---") }.count
        #expect(rendered.tables.count == sourceTables)
        #expect(rendered.tables.count >= 10)
        for table in rendered.tables {
            #expect(!table.header.isEmpty)
            for row in table.rows { #expect(row.count == table.header.count, "\(table.header): \(row)") }
        }
        #expect(rendered.targets.count >= 13)
        for target in rendered.targets {
            #expect(!target.contains("://"), "a relative link: \(target)")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(target).path), "\(target) exists")
        }
    }
}

@Test func thePublicMarkdownShowsOnlyRoundedCountsAndNoExactFigures() throws {
    let folder = try SmallDataset.writeReport(isPublic: true)
    let rendered = try RenderedMarkdown(String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8))
    let countColumns: Set<String> = ["participants", "applied", "offered", "started", "completed", "pairs", "known", "people", "low SES known",
                                     "participants matched", "comparison matched", "had pre", "had post", "pairs (both)", "pre only", "post only", "neither", "rows", "rejected"]
    var checked = 0
    for table in rendered.tables {
        for (index, column) in table.header.enumerated() where countColumns.contains(column) {
            for row in table.rows {
                let count = try #require(Int(row[index]), "\(column): \(row[index]) is a count")
                #expect(count % 5 == 0, "\(column) = \(count) is not rounded to 5")
                checked += 1
            }
        }
        #expect(!table.header.contains("t") && !table.header.contains("df"))
    }
    #expect(checked > 500)
}

// MARK: CSV through a standard reader

/// Reads CSV text with Python's csv module (strict RFC 4180 dialect): the rows as lists.
func readCSVWithPython(_ text: String) throws -> [[String]] {
    let python = try #require(executable(named: "python3"), "python3 is not on PATH")
    let script = "import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin, strict=True))))"
    let output = try run(python, ["-c", script], input: text)
    return try JSONDecoder().decode([[String]].self, from: Data(output.utf8))
}

@Test(arguments: [false, true])
func everyCSVReadsBackWithAStandardReader(isPublic: Bool) throws {
    let data = try SmallDataset.loaded.get()
    let folder = try SmallDataset.writeReport(isPublic: isPublic)
    let published = isPublic ? PublicTables(data.tables).tables : data.tables
    for table in published {
        let records = try readCSVWithPython(String(contentsOf: folder.appendingPathComponent(table.name), encoding: .utf8))
        #expect(records.first == table.columns, "\(table.name) header")
        #expect(records.count == table.rows.count + 1, "\(table.name) rows")
        #expect(records.allSatisfy { $0.count == table.columns.count }, "\(table.name) rows as wide as the header")
        #expect(Array(records.dropFirst()) == table.rows.map { $0.map(\.text) }, "\(table.name) cells")
        guard isPublic else { continue }
        let roles = Dictionary(uniqueKeysWithValues: table.kind.declaration.columns.map { ($0.name, $0.publication) })
        #expect(!records[0].contains("t") && !records[0].contains("df"), "\(table.name) leaves out t and df")
        for (index, column) in records[0].enumerated() {
            for record in records.dropFirst() {
                let cell = record[index]
                switch roles[column] {
                case .count?:
                    #expect((Int(cell) ?? 1) % 5 == 0, "\(table.name) \(column) = \(cell)")
                case let .figure(_, format)?:
                    // Suppressed, undefined, or rounded: p-values to two significant figures, percentage
                    // points whole, proportions and means to two decimals.
                    let decimals = cell.split(separator: ".").dropFirst().first?.count ?? 0
                    let allowed = format == .pValue ? 4 : format == .percentagePoints ? 0 : 2
                    #expect(cell == ".." || cell.isEmpty || cell == "<0.001" || decimals <= allowed, "\(table.name) \(column) = \(cell)")
                default:
                    break
                }
            }
        }
    }
}

// MARK: SVG through an XML parser

@Test(arguments: [false, true])
func everyChartIsWellFormedSVGWithATitleADescriptionAndAxisLabels(isPublic: Bool) throws {
    let folder = try SmallDataset.writeReport(isPublic: isPublic)
    let charts = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("charts").path).sorted()
    #expect(charts == ["outcomes-2025.svg", "prepost-2025.svg", "reach-2025.svg"])
    let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
    for name in charts {
        let text = try String(contentsOf: folder.appendingPathComponent("charts/\(name)"), encoding: .utf8)
        let document = try XMLDocument(xmlString: text, options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "svg")
        #expect(root.attributes?.first { $0.name == "role" }?.stringValue == "img")
        let title = try #require(root.elements(forName: "title").first?.stringValue)
        let description = try #require(root.elements(forName: "desc").first?.stringValue)
        #expect(!title.isEmpty && description.count > 40)
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains { $0.contains("share of") || $0.contains("mean change") }, "\(name) has an axis label")
        #expect(texts.contains { $0.contains("%") || $0.contains("pairs") }, "\(name) labels its figures in text")
        // report.html carries the same chart inline.
        #expect(html.contains(title.replacingOccurrences(of: "&", with: "&amp;")))
    }
}

@Test func reportHTMLIsSelfContained() throws {
    let folder = try SmallDataset.writeReport(isPublic: true)
    let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.components(separatedBy: "<svg ").count - 1 == 3, "the three charts inline")
    #expect(!html.contains("<script") && !html.contains("<link"))
    let external = html.components(separatedBy: "://").count - 1
    let namespaces = html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1
    #expect(external == namespaces, "no external resource but the SVG namespace")
    #expect(html.contains("Public version."))
    #expect(html.contains("<td>..</td>"))
}

// MARK: Templates

@Test func aTemplateFolderOverridesTheShippedLayout() throws {
    let templates = try makeTemporaryFolder()
    try Data("""
        {{% CONTENT_TYPE: MARKDOWN}}
        # Our year{{#focusYear}} {{focusYear}}{{/focusYear}}
        {{#headlines}}
        * {{.}}
        {{/headlines}}
        {{#funnelTable}}
        {{> md-table}}
        {{/funnelTable}}
        """.utf8).write(to: templates.appendingPathComponent("report.md.mustache"))
    let folder = try SmallDataset.writeReport(isPublic: true, templates: templates)
    let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(markdown.hasPrefix("# Our year 2025\n* "))
    #expect(markdown.contains("| programme | year | applied |"), "the shipped table partial still serves the override")
    #expect(!markdown.contains("## Reach"))
    // report.html keeps its shipped template.
    #expect(try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8).contains("<h2>Reach of the target groups</h2>"))
}

@Test func aBrokenTemplateIsRefusedWithItsPath() throws {
    let templates = try makeTemporaryFolder()
    let path = templates.appendingPathComponent("report.md.mustache")
    try Data("{{#headlines}} never closed".utf8).write(to: path)
    do {
        _ = try ReportTemplates(override: templates)
        Issue.record("a broken template was accepted")
    } catch let error as ReportError {
        #expect(error.description.hasPrefix("\(path.path): template is not a valid Mustache template"))
    }
}

@Test func markdownCellsCannotBreakATableRow() {
    let escaped = MarkdownContentType().escapeText("a|b\nc <script> <0.001 & d")
    #expect(escaped == "a\\|b c \\<script> <0.001 \\& d")
}

@Test func aOneYearReportComparesItsHeadlinesWithTheYearBefore() throws {
    let data = try SmallDataset.loaded.get()
    let folder = try makeTemporaryFolder().appendingPathComponent("report")
    _ = try ReportWriter(database: data.database, scope: AnalysisScope(programme: "ONLINE", year: 2025)).write(to: folder)
    let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    let headline = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("- ONLINE 2025: ") })
    // The 2024 figures come from the year before, which the report's own tables do not hold.
    let reach = Array(TableRows(try Analysis(database: data.database, scope: AnalysisScope(programme: "ONLINE", year: 2024)).reach()))
    let before = try #require(reach.first { $0["level"] == "programme_year" && $0["indicator"] == "low_ses" })
    #expect(headline.contains(" from \(before["participants"]) in 2024)"), "\(headline)")
    #expect(!headline.contains("no figures for 2024"))
}

@Test(arguments: [false, true])
func reportHTMLIsBalancedForPythonsHTMLParser(isPublic: Bool) throws {
    let folder = try SmallDataset.writeReport(isPublic: isPublic, scope: AnalysisScope(programme: "IN2R"))
    let python = try #require(executable(named: "python3"), "python3 is not on PATH")
    // Every element closed in order (void elements aside); prints the problems, then the counts.
    let script = """
        import sys
        from html.parser import HTMLParser
        VOID = {"meta", "br", "img", "hr", "input", "link", "col", "source", "wbr"}
        class Check(HTMLParser):
            def __init__(self):
                super().__init__(); self.stack = []; self.errors = []; self.counts = {}
            def handle_starttag(self, tag, attrs):
                self.counts[tag] = self.counts.get(tag, 0) + 1
                if tag not in VOID: self.stack.append(tag)
            def handle_startendtag(self, tag, attrs):
                self.counts[tag] = self.counts.get(tag, 0) + 1
            def handle_endtag(self, tag):
                if tag in VOID: return
                if not self.stack or self.stack[-1] != tag:
                    self.errors.append("unexpected </%s> at %s, open: %s" % (tag, self.getpos(), self.stack[-3:]))
                else: self.stack.pop()
        c = Check(); c.feed(sys.stdin.read()); c.close()
        for e in c.errors: print(e)
        if c.stack: print("never closed:", c.stack)
        print("tables", c.counts.get("table", 0), "svg", c.counts.get("svg", 0), "h2", c.counts.get("h2", 0))
        """
    let output = try run(python, ["-c", script], input: try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8))
    let lines = output.split(separator: "\n")
    #expect(lines.count == 1, "\(output)")
    let counts = try #require(lines.last).split(separator: " ").compactMap { Int($0) }
    #expect(counts.count == 3 && counts[0] >= 12 && counts[1] == 3 && counts[2] >= 9, "\(output)")
}

// MARK: One state of the data

/// A fresh copy of the small dataset (folder and database), for tests that change the data.
private func freshSmallDataset() throws -> (folder: URL, database: ImpactDatabase, importer: Importer) {
    let folder = try makeTemporaryFolder()
    _ = try SyntheticDataset(participants: 400, seed: 11).write(to: folder)
    let database = try ImpactDatabase.inMemory()
    let importer = Importer(database: database, hasher: testHasher)
    try importFolder(folder, with: importer)
    return (folder, database, importer)
}

/// Imports outcomes.csv again with every `value` of its first `rows` rows turned round.
private func flipOutcomes(_ data: (folder: URL, database: ImpactDatabase, importer: Importer), rows: Int, name: String) throws {
    let lines = try String(contentsOf: data.folder.appendingPathComponent("outcomes.csv"), encoding: .utf8)
        .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let flipped = lines.enumerated().map { index, line in
        guard index > 0, index <= rows else { return line }
        return line.contains(",yes,") ? line.replacingOccurrences(of: ",yes,", with: ",no,") : line.replacingOccurrences(of: ",no,", with: ",yes,")
    }
    let path = data.folder.appendingPathComponent(name).path
    try flipped.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    _ = try data.importer.importFile(at: path, as: .outcomes)
}

@Test func anImportDuringTheReportIsInAllOfItOrNone() throws {
    let data = try freshSmallDataset()
    let folder = try makeTemporaryFolder().appendingPathComponent("report")
    var changes = 0
    _ = try ReportWriter(database: data.database).write(to: folder, generatedAt: Date(timeIntervalSince1970: 0)) {
        // Once: an import commits after the tables were read, before the footer is.
        guard changes == 0 else { return }
        changes += 1
        try flipOutcomes(data, rows: 60, name: "outcomes-corrected.csv")
    }
    #expect(changes == 1)
    // The report shows the state after the import: its tables and its footer.
    let written = try String(contentsOf: folder.appendingPathComponent("outcomes.csv"), encoding: .utf8)
    let now = try #require(try Analysis(database: data.database).reportTables().first { $0.name == "outcomes.csv" })
    #expect(written == now.csv())
    let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("outcomes-corrected.csv"))

    // Imports during every attempt: refused with a message, nothing half-read written.
    let again = try makeTemporaryFolder().appendingPathComponent("report")
    var attempts = 0
    #expect(throws: ReportError.dataKeptChanging(attempts: ReportWriter.readAttempts)) {
        _ = try ReportWriter(database: data.database).write(to: again, generatedAt: Date(timeIntervalSince1970: 0)) {
            attempts += 1
            try flipOutcomes(data, rows: attempts, name: "outcomes-\(attempts).csv")
        }
    }
    #expect(attempts == ReportWriter.readAttempts)
    #expect(!FileManager.default.fileExists(atPath: again.appendingPathComponent("report.md").path))
}

/// Every file of the folder at `folder` (charts/ included), by path inside it.
func folderContents(_ folder: URL) throws -> [String: Data] {
    var contents: [String: Data] = [:]
    let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
    while let path = enumerator.nextObject() as? String {
        var isFolder: ObjCBool = false
        let url = folder.appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
            contents[path] = try Data(contentsOf: url)
        }
    }
    return contents
}

/// The names beside `folder` that the engine gives its staging folders.
func stagingLeftovers(beside folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)
        .filter { $0.hasPrefix(".\(folder.lastPathComponent).impact-") }
}

struct StoppedForTheTest: Error {}

// The whole report is written beside its folder and swapped in at the end: a report that fails
// part way leaves the previous one whole, every file as it was, and nothing beside it.
@Test(arguments: ["reach.csv", "charts/reach-2025.svg", "report.md", "report.html"])
func aReportThatFailsPartWayLeavesThePreviousOneWhole(failingAfter name: String) throws {
    let folder = try SmallDataset.writeReport(isPublic: false)
    let before = try folderContents(folder)
    #expect(before.count == 17, "\(before.keys.sorted())")
    let data = try SmallDataset.loaded.get()
    let writer = try ReportWriter(database: data.database, isPublic: true)
    #expect(throws: StoppedForTheTest.self) {
        _ = try writer.write(data.tables, provenance: data.provenance, to: folder) { written in
            if written == name { throw StoppedForTheTest() }
        }
    }
    #expect(try folderContents(folder) == before)
    #expect(try stagingLeftovers(beside: folder).isEmpty)
    // Without the failure, the public report replaces the exact one, every file of it.
    _ = try writer.write(data.tables, provenance: data.provenance, to: folder)
    #expect(try folderContents(folder) == (try folderContents(try SmallDataset.writeReport(isPublic: true))))
    #expect(try stagingLeftovers(beside: folder).isEmpty)
}
