import ImpactStore
import Foundation

/// The findings of a data-quality check, with the report's two forms (Markdown and CSV).
public struct CheckReport: Sendable, Equatable {
    /// Every check that ran, in the order of the query files.
    public let definitions: [DataQualityCheck.Definition]
    /// What they found.
    public let findings: [Finding]

    /// Rows per check shown in Markdown; the CSV form lists every row.
    public static let markdownRowsPerCheck = 25

    /// A report of `findings` from the checks `definitions`.
    public init(definitions: [DataQualityCheck.Definition], findings: [Finding]) {
        self.definitions = definitions
        self.findings = findings
    }

    /// The number of findings at each level.
    public func count(of level: CheckLevel) -> Int {
        findings.count { $0.level == level }
    }

    /// Whether any finding is at `level` or more serious (what `--fail-on` tests).
    public func hasFindings(atLeast level: CheckLevel) -> Bool {
        findings.contains { $0.level >= level }
    }

    /// The findings as CSV: one row per finding, examples joined by `; ` (a finding's note is
    /// not a column: its check name, subject, count and total say the same).
    public func csv() -> String {
        var lines = ["check,level,cohort_id,subject,count,total,share,examples"]
        for finding in findings {
            let fields = [finding.check, finding.level.rawValue, finding.cohortID ?? "", finding.subject ?? "",
                          String(finding.count), finding.total.map(String.init) ?? "",
                          finding.share.map { "\($0)" } ?? "", finding.examples.joined(separator: "; ")]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The findings as Markdown: a summary per check, then a table per check with findings.
    /// Every text from the data (cohorts, subjects, examples, notes) and the database's path
    /// reads as text (`MarkdownText`).
    public func markdown(database: String) -> String {
        var text = "# Data quality check\n\nDatabase: \(MarkdownText.codeSpan(database)). "
        text += "\(count(of: .error)) errors, \(count(of: .warning)) warnings, \(count(of: .info)) notes. "
        text += "Each check, its unit and its thresholds: docs/data-quality.md.\n\n"
        text += "| check | errors | warnings | info |\n|---|---:|---:|---:|\n"
        for definition in definitions {
            let own = findings.filter { $0.check == definition.name }
            let counts = CheckLevel.allCases.reversed().map { level in String(own.count { $0.level == level }) }
            text += "| \(definition.title) (`\(definition.name)`) | " + counts.joined(separator: " | ") + " |\n"
        }
        for definition in definitions {
            let own = findings.filter { $0.check == definition.name }
                .sorted { ($0.level, $1.cohortID ?? "", $1.subject ?? "") > ($1.level, $0.cohortID ?? "", $0.subject ?? "") }
            text += "\n## \(definition.title) (`\(definition.name)`)\n\n"
            if own.isEmpty {
                text += "No findings.\n"
                continue
            }
            // A note column only for a check that words its findings (not_collected).
            let hasNotes = own.contains { $0.note != nil }
            text += "| level | cohort | subject | count | of | share | examples |" + (hasNotes ? " note |" : "")
                + "\n|---|---|---|---:|---:|---:|---|" + (hasNotes ? "---|" : "") + "\n"
            for finding in own.prefix(Self.markdownRowsPerCheck) {
                let share = finding.share.map { String(format: "%.1f%%", $0 * 100) } ?? ""
                let cells = [finding.level.rawValue, finding.cohortID ?? "all", finding.subject ?? "", String(finding.count),
                             finding.total.map(String.init) ?? "", share, finding.examples.joined(separator: ", ")]
                    + (hasNotes ? [finding.note ?? ""] : [])
                text += "| " + cells.map(Self.markdownCell).joined(separator: " | ") + " |\n"
            }
            if own.count > Self.markdownRowsPerCheck {
                text += "\n… and \(own.count - Self.markdownRowsPerCheck) more (`impact check --format csv` lists every finding).\n"
            }
        }
        return text
    }

    private static func csvField(_ text: String) -> String { CSVText.field(text) }

    private static func markdownCell(_ text: String) -> String { MarkdownText.escaped(text) }
}
