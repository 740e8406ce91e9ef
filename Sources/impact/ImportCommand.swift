import ArgumentParser
import Foundation
import ImpactIngest
import ImpactStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import the contract's CSV files, or a folder of them, into the database.",
        discussion: """
            Files are recognised by name (programmes.csv, cohorts.csv, participants.csv, \
            enrolments.csv, survey_items.csv, responses.csv, outcomes.csv, benchmarks.csv) and \
            imported in that order, each in its own transaction. Name any other file by its kind \
            (participants=crm_export.csv). A .yaml file is a mapping: with kind, it imports a \
            tool's export as that kind of file, naming its columns, its values, constants, a \
            cohort looked up from a programme and year, and rows to leave out (docs/mappings.md; \
            impact mapping suggest writes a first one); without, it imports a wide survey export \
            (Qualtrics, SurveyMonkey, Google Forms) as responses (docs/survey-mappings.md). A \
            mapping is imported in the order of its kind, and the export it names is read \
            through it only.

            Headers are matched whatever their case, spaces and punctuation (Participant ID is \
            participant_id), and under the sector's usual labels (Contact ID, Free School Meals, \
            Ethnic group…); values in the sector's usual words (Woman, Offer Made, Grammar, \
            Asian or Asian British - Pakistani, Don't know) are read as the contract's \
            (docs/data-contract.md). The import prints what became of every column: taken for \
            a contract column and why, kept, not stored as personal data, or ignored. In files \
            about people (participants, enrolments, responses, outcomes) a column the engine \
            does not know is stored only when you keep it by name with --keep, and never when \
            its header says it holds personal data.

            A row whose required or key cell breaks a rule is kept in rejected_rows and the \
            import goes on; an optional cell that cannot be read is stored as unknown and listed \
            in unread_cells. A file that cannot be read at all is refused whole and leaves the \
            database as it was; the files after it are not imported. Importing the same file \
            again changes nothing. --dry-run does all of it on a copy in memory and writes nothing.

            Examples:
              impact import data/
              impact import participants=crm.csv responses.csv --db charity.sqlite
              impact import participants=crm.csv --dry-run
              impact import enrolments=engagements.csv --keep "Lead Source"
              impact import engagements.yaml
              impact import survey-mapping.yaml
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Files or folders to import (KIND=PATH names a file's kind).", valueName: "path"))
    var paths: [String]

    @Option(name: .customLong("keep"), help: ArgumentHelp("In files about people, keep this unknown column in extra (repeatable; personal data is refused).", valueName: "column"))
    var keep: [String] = []

    @Flag(name: .customLong("dry-run"), help: "Read the files and print what the import would do (every column's fate, values not understood, rows rejected), writing nothing.")
    var dryRun = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to import") }
        if keep.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) { throw ValidationError("--keep needs a column name") }
    }

    func run() throws {
        let plan = try ImportPlan(arguments: paths)
        if plan.items.isEmpty {
            throw CommandFailure("nothing to import in \(paths.joined(separator: ", ")): no file is named like the contract's (participants.csv, …) or is a .yaml mapping")
        }
        let store: ImpactDatabase
        // A database this command creates and then imports nothing into is removed again, so
        // "the database is as it was" holds for a first import that is refused too.
        var hasher = KeyedHasher()
        if dryRun {
            store = try ImpactDatabase.scratchCopy(of: database.path)
            // A dry run never creates a key file: without a key, ids are derived under a
            // throwaway one (they are shown nowhere and stored nowhere).
            if !hasher.keyExists {
                let secret = KeyedHasher.newSecret()
                var environment = ProcessInfo.processInfo.environment
                environment["IMPACT_ID_KEY"] = secret
                hasher = KeyedHasher(environment: environment)
            }
        } else {
            store = try ImpactDatabase.open(at: database.path, wait: try database.writerWait())
        }
        let importer = Importer(database: store, hasher: hasher, progress: dryRun ? nil : ImportProgress())
        let options = HeaderOptions(keep: keep)
        if dryRun { print("Dry run: nothing is written to \(database.path).") }
        for skipped in plan.skipped { print(TerminalText.safe(skipped.description)) }
        for link in plan.links { print(TerminalText.safe(link.description)) }
        var kept = Set<String>()
        for (position, item) in plan.items.enumerated() {
            do {
                let summary = try importer.importItem(item, options: options)
                kept.formUnion(summary.columns.filter { $0.fate == .kept }.map(\.header))
                print(TerminalText.safe(Self.describe(summary, dryRun: dryRun)))
                if dryRun { print(TerminalText.safe(try Self.dryRunDetail(summary, in: store))) }
            } catch {
                if store.created, position == 0, !dryRun {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
                }
                let rest = plan.items.count - position - 1
                let note = rest > 0 ? " \(rest) file(s) after it were not imported; fix it and run the same command again." : ""
                throw CommandFailure("\(error)\nThe file was refused whole; the database is as it was before it.\(note)")
            }
        }
        let keptFolded = Set(kept.map(HeaderOptions.fold))
        for name in keep where !keptFolded.contains(HeaderOptions.fold(name)) {
            print("--keep \(name): no file about people has that column (or it is a contract column, which is taken anyway); nothing was kept for it")
        }
        if let key = importer.createdKeyFile {
            print("Created a new id key at \(key) for the ids derived from e-mail addresses: back it up (docs/privacy.md); without it, later files cannot be matched to these people.")
        }
        if dryRun { print("Dry run: nothing was written. Run the same command without --dry-run to import.") }
        do { try finishStandardOutput() } catch { throw CommandFailure("\(error) (the imports themselves finished)") }
    }

    static func describe(_ summary: ImportSummary, dryRun: Bool = false) -> String {
        let verbs = dryRun ? "would be " : ""
        var text = "\(summary.path) (\(summary.kind.rawValue)): \(summary.rowsRead) read, \(summary.inserted) \(verbs)inserted, \(summary.updated) \(verbs)updated, \(summary.unchanged) unchanged, \(summary.rejected) \(verbs)rejected"
        text += columnSummary(summary.columns)
        if !summary.instrumentScoring.isEmpty {
            text += "\n  scoring: " + summary.instrumentScoring
                .map { "\($0.instrument) \($0.rule.rawValue) (a score needs \($0.rule.requirement))" }.joined(separator: ", ")
        }
        if summary.unreadCells > 0 {
            text += "\n  \(summary.unreadCells) optional cell(s) not read, stored as unknown:"
            for cell in summary.sampleUnreadCells.prefix(5) {
                text += "\n    line \(cell.line), \(cell.column): \(cell.reason)"
            }
            if !dryRun { text += "\n    all of them: SELECT line, column_name, value, reason FROM unread_cells WHERE import_id = \(summary.importID)" }
        }
        if !summary.formulaLikeValues.isEmpty {
            let total = summary.formulaLikeValues.reduce(0) { $0 + $1.count }
            let counts = summary.formulaLikeValues.map { "\($0.column): \($0.count)" }.joined(separator: ", ")
            text += "\n  \(total) value(s) begin like a spreadsheet formula (=, +, -, @, a tab or a return) (\(counts)): stored as they are; check the export was not altered. The engine's CSV files show them with a leading ' (docs/reliability.md)"
        }
        let skipped = summary.skippedRows.reduce(0) { $0 + $1.count }
        if skipped > 0 {
            text += "\n  \(skipped) row(s) left out by the mapping's skip_rows (not counted as read):"
            for rule in summary.skippedRows {
                let lines = rule.sampleLines.map(String.init).joined(separator: ", ") + (rule.count > rule.sampleLines.count ? ", …" : "")
                text += "\n    \(rule.count) where \(rule.rule) (line\(rule.count == 1 ? "" : "s") \(lines))"
            }
            if !dryRun { text += "\n    all of them: SELECT line, rule FROM skipped_rows WHERE import_id = \(summary.importID)" }
        }
        for rejection in summary.sampleRejections.prefix(10) {
            text += "\n  line \(rejection.line): \(rejection.reason)"
        }
        if summary.rejected > 10, !dryRun {
            text += "\n  … \(summary.rejected - 10) more: SELECT line, reason FROM rejected_rows WHERE import_id = \(summary.importID)"
        }
        return text
    }

    /// The fate of every column, grouped: contract columns by their rule, then kept, personal
    /// and ignored ones.
    static func columnSummary(_ columns: [ColumnFate]) -> String {
        guard !columns.isEmpty else { return "" }
        var text = ""
        let taken = columns.filter { $0.fate == .taken }
        if !taken.isEmpty {
            let items = taken.map { fate -> String in
                let column = fate.column ?? ""
                guard fate.header.lowercased() == column else { return "\(column) ← \"\(fate.header)\" (\(fate.rule))" }
                // The contract's own name: only what is done beyond taking it is worth saying.
                let note = fate.rule.split(separator: ";", maxSplits: 1).dropFirst().first
                return note.map { "\(column) (\($0.trimmingCharacters(in: .whitespaces)))" } ?? column
            }
            text += "\n  columns taken: " + items.joined(separator: ", ")
        }
        let kept = columns.filter { $0.fate == .kept }.map(\.header)
        if !kept.isEmpty { text += "\n  kept in extra: " + kept.joined(separator: ", ") }
        let personal = columns.filter { $0.fate == .personal }.map(\.header)
        if !personal.isEmpty { text += "\n  not stored (personal data): " + personal.joined(separator: ", ") }
        // Columns a mapping reads for its cohort_lookup or skip_rows are not stored either.
        let readByMapping = columns.filter { $0.fate == .ignored && $0.readByMapping != nil }.map(\.header)
        if !readByMapping.isEmpty { text += "\n  read by the mapping, not stored: " + readByMapping.joined(separator: ", ") }
        let ignored = columns.filter { $0.fate == .ignored && $0.readByMapping == nil }
        if !ignored.isEmpty {
            text += "\n  ignored (not contract columns; keep one with --keep NAME): " + ignored.map(\.header).joined(separator: ", ")
        }
        return text
    }

    /// For a dry run: the values not understood, by column and count, and the reasons rows would
    /// be rejected, by count.
    static func dryRunDetail(_ summary: ImportSummary, in store: ImpactDatabase) throws -> String {
        let (values, reasons) = try Importer.dryRunFindings(importID: summary.importID, in: store)
        var text = ""
        if !values.isEmpty {
            text += "  values not understood (stored as unknown):"
            for value in values { text += "\n    \(value.column): \"\(value.value)\" × \(value.count)" }
        }
        if !reasons.isEmpty {
            if !text.isEmpty { text += "\n" }
            text += "  rows that would be rejected, by reason:"
            for reason in reasons { text += "\n    \(reason.count) × \(reason.reason)" }
        }
        return text.isEmpty ? "  every value understood; no row rejected" : text
    }
}
