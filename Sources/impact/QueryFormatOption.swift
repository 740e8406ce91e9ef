public import ArgumentParser
import ImpactQuery

extension OutputFormat: ExpressibleByArgument {}

/// The --format option of the query commands.
struct QueryFormatOption: ParsableArguments {
    @Option(help: ArgumentHelp("Output format: table (aligned, for a terminal), csv (RFC 4180, LF line ends), json (an array of objects) or markdown.", valueName: "format"))
    var format: OutputFormat = .table
}
