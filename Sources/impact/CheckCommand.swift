import ArgumentParser
import Foundation
import ImpactCheck
import ImpactStore

struct CheckCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check whether the stored data is fit to report on: a data-quality report.",
        discussion: """
            Runs every data-quality check over the database in one consistent read: missing \
            values per cohort (a warning above 20% unknown, an error above 50%, because a reach \
            figure's worst-case bounds are as wide as its unknown share), fields not collected \
            (unknown for every participant of a cohort: info, not an error, so that --fail-on \
            error passes for a charity that does not record, say, POLAR4), post surveys without a \
            pre (identity breaks) and pre without post (attrition), likely duplicate people, \
            enrolments and answers whose dates do not fit their cohort, outcomes for people never \
            enrolled, survey answers for a cohort the person is not enrolled in, rejected rows not \
            yet resolved, optional cells stored as unknown because they could not be read, and people \
            left out for lack of consent. \
            Each finding has a level (error, warning, info), a count and example ids. Every check \
            and threshold: docs/data-quality.md.

            Exit status: 0 when the check ran (and no finding meets --fail-on), 2 when a finding \
            meets --fail-on, 1 when the check could not run.

            Examples:
              impact check --db charity.sqlite
              impact check --format csv > quality.csv
              impact check --fail-on error          # in a script: stop before reporting
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, csv
    }

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning

        var level: CheckLevel { self == .error ? .error : .warning }
    }

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Output format: markdown or csv.", valueName: "format"))
    var format: Format = .markdown

    @Option(name: .customLong("fail-on"),
            help: ArgumentHelp("Exit with status 2 when a finding is at this level or worse: error or warning.", valueName: "level"))
    var failOn: FailOn?

    func run() throws {
        let store = try ImpactDatabase.openForReading(at: database.path, wait: try database.writerWait())
        let report = try DataQualityCheck(database: store).run()
        switch format {
        case .markdown: print(TerminalText.safe(report.markdown(database: database.path)), terminator: "")
        case .csv: print(report.csv(), terminator: "")
        }
        try finishStandardOutput()
        if let failOn, report.hasFindings(atLeast: failOn.level) {
            let met = report.findings.count { $0.level >= failOn.level }
            try? FileHandle.standardError.write(contentsOf: Data("impact check: \(met) finding(s) at level \(failOn.rawValue) or worse (--fail-on \(failOn.rawValue))\n".utf8))
            throw ExitCode(2)
        }
    }
}
