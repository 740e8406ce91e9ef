import ArgumentParser
import Foundation
import ImpactAnalysis
import ImpactReport
import ImpactStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Compute the metrics and write the output tables (CSV) and report.md into a folder.",
        discussion: """
            Writes reach.csv, funnel.csv, prepost.csv, alpha.csv and outcomes.csv in the data \
            contract's layouts (full precision, undefined figures empty), comparison.csv \
            (outcomes against matched applicants who did not take part), dosage_outcomes.csv \
            and dosage_prepost.csv (by contact-hours band: under 3, 3 to 8, 8 or more), and \
            report.md, a summary of the headline figures with the provenance of the data. \
            People who declined research use are left out of every figure.

            Examples:
              impact report --out report/
              impact report --out in2r-2024/ --programme IN2R --year 2024 --db charity.sqlite
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Folder to write the report into (created if needed).", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("Only this programme (its programme_id).", valueName: "id"))
    var programme: String?

    @Option(help: ArgumentHelp("Only this year.", valueName: "year"))
    var year: Int?

    func validate() throws {
        if out.isEmpty { throw ValidationError("--out must name a folder") }
        if let year, !(1900...2200).contains(year) { throw ValidationError("--year must be between 1900 and 2200 (got \(year))") }
        if let programme, programme.isEmpty { throw ValidationError("--programme must not be empty") }
    }

    func run() throws {
        do {
            let store = try ImpactDatabase.open(at: database.path, create: false)
            let scope = AnalysisScope(programme: programme, year: year)
            let written = try ReportWriter(database: store, scope: scope).write(to: URL(fileURLWithPath: out))
            print("Wrote \(written.report)")
            for path in written.tables { print("Wrote \(path)") }
        } catch {
            throw fail("\(error)")
        }
    }
}
