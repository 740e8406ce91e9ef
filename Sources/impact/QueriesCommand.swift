import ArgumentParser
import Foundation
import ImpactQuery

struct QueriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queries",
        abstract: "List the named queries, with their parameters and what each answers.",
        discussion: """
            Named queries are the .sql files of queries/ shipped with impact, each with a header \
            (name, description, parameters with defaults). Run one with impact query NAME, giving \
            parameters with --param NAME=VALUE. See docs/queries.md.

            Examples:
              impact queries
              impact queries --format markdown
              impact query programme-pipeline --param from=ONLINE --param to=IN2R
            """
    )

    @OptionGroup var output: QueryFormatOption

    func run() throws {
        do {
            var table = ResultTable(columns: ["name", "parameters", "description"])
            for query in try NamedQuery.all() {
                table.append([.text(query.name), .text(query.parameterSummary), .text(query.description)])
            }
            QueryOutput().write(table, as: output.format)
        } catch {
            throw fail("\(error)")
        }
    }
}
