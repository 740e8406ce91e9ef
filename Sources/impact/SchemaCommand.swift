import ArgumentParser
import Foundation
import ImpactQuery
import ImpactStore

struct SchemaCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the data dictionary: every table and view, and a line on each column.",
        discussion: """
            What an analyst needs to write SQL for impact query: the tables (the contract's files, \
            the import log, rejected rows) and the derived views, each with its columns, types and \
            a one-line description. The descriptions live in schema/dictionary.yaml. With --format \
            csv, json or markdown: one row per table or view (column empty), then one per column. \
            See docs/queries.md.

            Examples:
              impact schema
              impact schema --format markdown > data-dictionary.md
            """
    )

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var output: QueryFormatOption

    func run() throws {
        let dictionary = try DataDictionary.shipped()
        let store = try ReadOnlyStore.open(at: database.path)
        let printer = QueryOutput()
        if output.format == .table {
            printer.write(try dictionary.text(store))
            try printer.flush()
        } else {
            try printer.write(try dictionary.table(store), as: output.format)
        }
    }
}
