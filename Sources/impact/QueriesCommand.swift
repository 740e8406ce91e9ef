import ArgumentParser
import Foundation
import ImpactQuery

struct QueriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queries",
        abstract: "List the named queries, with their parameters and what each answers.",
        discussion: """
            Named queries are the .sql files of queries/named/ shipped with impact, each with a header \
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
        let queries = try NamedQuery.all()
        if output.format == .table {
            let entries = queries.map { query in
                (title: query.name + (query.parameters.isEmpty ? "" : "  (" + query.parameterSummary + ")"), text: query.description)
            }
            let printer = QueryOutput()
            printer.write(queryListing(entries))
            try printer.flush()
            return
        }
        var table = ResultTable(columns: ["name", "parameters", "description"])
        for query in queries {
            table.append([.text(query.name), .text(query.parameterSummary), .text(query.description)])
        }
        try QueryOutput().write(table, as: output.format)
    }
}
