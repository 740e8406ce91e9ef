import Foundation
public import ImpactStore

/// The data-quality report over a stored database: every query of `queries/check/`, run in
/// one read transaction (one consistent snapshot, even while an import writes).
public struct DataQualityCheck: Sendable {
    /// One check a query file defines: its name and title, from the file's `-- check:` lines.
    public struct Definition: Sendable, Equatable {
        /// The name findings carry, e.g. `missing_fields`.
        public let name: String
        /// A heading for the report.
        public let title: String
    }

    private let database: any CheckBackend
    private let thresholds: CheckThresholds

    /// A check of `database` with `thresholds`.
    public init(database: any CheckBackend, thresholds: CheckThresholds = CheckThresholds()) {
        self.database = database
        self.thresholds = thresholds
    }

    /// Runs every check and returns the findings, most serious first within each check.
    public func run() throws -> CheckReport {
        // Findings about a damaged file would mislead: SQLite's full check comes first.
        try database.checkIntegrity(.full)
        let files = try StoreResources.queries(in: "check")
        var definitions: [Definition] = []
        for file in files {
            let found = Self.definitions(in: file.sql)
            if found.isEmpty { throw CheckError.malformedCheck(file: file.name, detail: "no `-- check: name | title` line") }
            definitions += found
        }
        var findings: [Finding] = []
        do {
            try database.readCheckRows(files, parameters: thresholds.arguments.mapValues(ResultValue.real)) { index, row in
                findings.append(try Self.finding(from: row, file: files[index].name))
            }
        } catch let failure as CheckQueryFailure {
            throw CheckError.checkFailed(file: failure.query, detail: failure.detail)
        }
        return CheckReport(definitions: definitions, findings: findings)
    }

    /// The `-- check: name | title` lines of a check query.
    static func definitions(in sql: String) -> [Definition] {
        sql.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("-- check:") else { return nil }
            let parts = line.dropFirst("-- check:".count).split(separator: "|", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return Definition(name: parts[0].trimmingCharacters(in: .whitespaces),
                              title: parts[1].trimmingCharacters(in: .whitespaces))
        }
    }

    private static func finding(from row: [String: ResultValue], file: String) throws -> Finding {
        guard let check = row["check_name"]?.stringValue,
              let levelText = row["level"]?.stringValue, let level = CheckLevel(rawValue: levelText),
              let count = row["n"]?.intValue else {
            throw CheckError.malformedCheck(file: file, detail: "a row lacks check_name, a known level or n")
        }
        let examples = row["examples"]?.stringValue
        // `note` is optional: a check without one leaves the column out.
        return Finding(check: check, level: level, cohortID: row["cohort_id"]?.stringValue, subject: row["subject"]?.stringValue,
                       count: count, total: row["total"]?.intValue,
                       examples: examples.map { $0.split(separator: "\u{1F}").map(String.init) } ?? [], note: row["note"]?.stringValue)
    }
}
