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
            (participants=crm_export.csv). A .yaml file is a survey mapping that imports a wide \
            export (Qualtrics, SurveyMonkey, Google Forms) as responses.

            A row that breaks a rule is kept in rejected_rows and the import goes on. A file \
            that cannot be read at all is refused whole and leaves the database as it was; the \
            files after it are not imported. Importing the same file again changes nothing.

            Examples:
              impact import data/
              impact import participants=crm.csv responses.csv --db charity.sqlite
              impact import survey-mapping.yaml
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("Files or folders to import (KIND=PATH names a file's kind).", valueName: "path"))
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to import") }
    }

    func run() throws {
        let plan: ImportPlan
        do {
            plan = try ImportPlan(arguments: paths)
        } catch {
            throw fail("\(error)")
        }
        if plan.items.isEmpty {
            throw fail("nothing to import in \(paths.joined(separator: ", ")): no file is named like the contract's (participants.csv, …) or is a .yaml survey mapping")
        }
        let store: ImpactDatabase
        // A database this command creates and then imports nothing into is removed again, so
        // "the database is as it was" holds for a first import that is refused too.
        let existed = FileManager.default.fileExists(atPath: database.path)
        do {
            store = try ImpactDatabase.open(at: database.path)
        } catch {
            throw fail("\(error)")
        }
        let importer = Importer(database: store, progress: ImportProgress())
        for path in plan.skipped {
            print("\(path): skipped (not a contract file name; import it as KIND=PATH)")
        }
        for (position, item) in plan.items.enumerated() {
            do {
                print(Self.describe(try importer.importItem(item)))
            } catch {
                if !existed, position == 0 {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
                }
                let rest = plan.items.count - position - 1
                let note = rest > 0 ? " \(rest) file(s) after it were not imported; fix it and run the same command again." : ""
                throw fail("\(error)\nThe file was refused whole; the database is as it was before it.\(note)")
            }
        }
        if let key = importer.createdKeyFile {
            print("Created a new id key at \(key) for the ids derived from e-mail addresses: back it up (docs/privacy.md); without it, later files cannot be matched to these people.")
        }
        do { try finishStandardOutput() } catch { throw fail("\(error) (the imports themselves finished)") }
    }

    static func describe(_ summary: ImportSummary) -> String {
        var text = "\(summary.path) (\(summary.kind.rawValue)): \(summary.rowsRead) read, \(summary.inserted) inserted, \(summary.updated) updated, \(summary.unchanged) unchanged, \(summary.rejected) rejected"
        if !summary.personalColumnsNotStored.isEmpty {
            text += "\n  not stored (personal data): \(summary.personalColumnsNotStored.joined(separator: ", "))"
        }
        for rejection in summary.sampleRejections.prefix(10) {
            text += "\n  line \(rejection.line): \(rejection.reason)"
        }
        if summary.rejected > 10 {
            text += "\n  … \(summary.rejected - 10) more: SELECT line, reason FROM rejected_rows WHERE import_id = \(summary.importID)"
        }
        return text
    }
}
