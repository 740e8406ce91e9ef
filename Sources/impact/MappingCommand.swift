import ArgumentParser
import Foundation
import ImpactIngest

struct MappingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping",
        abstract: "Write a mapping that imports a tool's export (docs/mappings.md).",
        subcommands: [Suggest.self]
    )

    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suggest",
            abstract: "Write a first mapping for an export, from its header and its values.",
            discussion: """
                Reads the export once and prints a YAML file mapping: under columns, every \
                header the engine would take for a contract column, with the rule that matched \
                (its contract name, a spelling of it, a usual label for it); as comments, the \
                headers it would not take and why (personal data, not a contract column); what a \
                required column lacks; and under values, the values of categorical columns it \
                cannot read, most frequent first, to map to the contract's. Check and complete it, \
                then import it with impact import MAPPING.yaml. The mapping's file is written \
                relative to where it is saved (--out), or as the export's name, for a mapping saved \
                beside it.

                Examples:
                  impact mapping suggest enrolments=engagements.csv > engagements.yaml
                  impact mapping suggest participants=contacts.csv --out mappings/contacts.yaml
                """
        )

        @Argument(help: ArgumentHelp("The export and the kind of file it holds.", valueName: "kind=file"))
        var export: String

        @Option(name: .long, help: ArgumentHelp("Write the mapping to this new file instead of printing it.", valueName: "path"))
        var out: String?

        /// The kind and path `export` names.
        private var parts: (kind: FileKind, path: String)? {
            guard let equals = export.firstIndex(of: "="), let kind = FileKind(rawValue: export[..<equals].lowercased()) else { return nil }
            return (kind, String(export[export.index(after: equals)...]))
        }

        func validate() throws {
            guard let parts, !parts.path.isEmpty else {
                let kinds = FileKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("give the export as KIND=FILE, e.g. enrolments=engagements.csv (kinds: \(kinds))")
            }
            if let out, out.isEmpty { throw ValidationError("--out must name a file") }
        }

        func run() throws {
            guard let (kind, path) = parts else { return }
            if let out, FileManager.default.fileExists(atPath: out) {
                throw CommandFailure("\(out) exists already; choose another --out, or remove it first")
            }
            let yaml = try MappingSuggestion.yaml(forExportAt: path, as: kind, savedAt: out)
            guard let out else {
                print(yaml, terminator: "")
                try finishStandardOutput()
                return
            }
            do {
                try Data(yaml.utf8).write(to: URL(fileURLWithPath: out), options: .withoutOverwriting)
            } catch {
                throw CommandFailure("cannot write \(out): \(error.localizedDescription)")
            }
            print("Wrote \(out): check it, then import it with impact import \(out)")
        }
    }
}
