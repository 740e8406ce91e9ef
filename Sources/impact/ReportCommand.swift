import ArgumentParser
import Foundation
import ImpactAnalysis
import ImpactReport
import ImpactStore

struct ReportCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Compute the metrics and write the tables (CSV), report.md, report.html and charts into a folder.",
        discussion: """
            Writes reach.csv, funnel.csv, prepost.csv, alpha.csv and outcomes.csv in the data \
            contract's layouts (full precision, undefined figures empty), comparison.csv \
            (outcomes against matched applicants who did not take part), dosage_outcomes.csv \
            and dosage_prepost.csv (by contact-hours band: under 3, 3 to 8, 8 or more), \
            intersections.csv (low SES by ethnicity and gender), pairing.csv (how pre/post pairs \
            were formed), alpha_items.csv (each item's statistics and alpha without it), sustained.csv \
            (pre and post against the follow-up survey), report.md and a self-contained report.html (headlines with change on \
            last year, narrative with an evaluator's caveats, methods appendix, provenance), and \
            SVG charts in charts/. With --programme, the report is a programme review: cohorts \
            side by side across years, trends, and where outcomes lag. With --public, the data \
            contract's publication rules apply everywhere. People who declined research use are \
            left out of every figure. The folder is replaced in one step: the report is written \
            beside it and swapped in whole, so a failed or interrupted report leaves the \
            previous one whole; a folder holding files a report does not write is refused.

            Examples:
              impact report --out report/
              impact report --out in2r-2024/ --programme IN2R --year 2024 --db charity.sqlite
              impact report --out public/ --public
              impact report --out styled/ --template my-templates/
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Folder for the report, replaced whole by each report (created if needed; it may hold only a report).", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("Only this programme (its programme_id).", valueName: "id"))
    var programme: String?

    @Option(help: ArgumentHelp("Only this year.", valueName: "year"))
    var year: Int?

    @Flag(name: .customLong("public"), help: "Apply the data contract's publication rules (counts rounded to 5, small bases suppressed as `..`, t and df left out) to every table, sentence and chart.")
    var isPublic = false

    @Option(help: ArgumentHelp("Folder of Mustache templates replacing the shipped ones of the same name (report.md.mustache, report.html.mustache, md-table.mustache, html-table.mustache).", valueName: "dir"))
    var template: String?

    func validate() throws {
        if out.isEmpty { throw ValidationError("--out must name a folder") }
        if let year, !(1900...2200).contains(year) { throw ValidationError("--year must be between 1900 and 2200 (got \(year))") }
        if let programme, programme.isEmpty { throw ValidationError("--programme must not be empty") }
        if let template {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: template, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("--template must name a folder of .mustache files (got \(template))")
            }
        }
    }

    func run() throws {
        let store = try ImpactDatabase.openForReading(at: database.path, wait: try database.writerWait())
        let scope = AnalysisScope(programme: programme, year: year)
        try Analysis(database: store, scope: scope).checkScope()
        let writer = try ReportWriter(database: store, scope: scope, isPublic: isPublic,
                                      templateFolder: template.map { URL(fileURLWithPath: $0) })
        let written = try writer.write(to: URL(fileURLWithPath: out))
        print("Wrote \(written.report)" + (isPublic ? " (public: publication rules applied)" : ""))
        print("Wrote \(written.html)")
        for path in written.tables + written.charts { print("Wrote \(path)") }
        for path in written.leftAlone { print("Note: left \(path) as it is: it holds files a report does not write; look inside, then remove it") }
        try finishStandardOutput()
    }
}
