import ArgumentParser
import Foundation
import ImpactQuery

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "List the metrics and dimensions of the metric registry.",
        discussion: """
            The registry is queries/metrics.yaml: each metric's source, kind and figures, and each \
            dimension it can be split by (--by) or filtered on (--where). See docs/queries.md.

            Examples:
              impact metrics
              impact metrics --format json
            """
    )

    @OptionGroup var output: QueryFormatOption

    func run() throws {
        let registry = try MetricRegistry.shipped()
        // The sources a dimension applies to, when not all of them.
        func only(_ dimension: MetricRegistry.Dimension) -> String? {
            let sources = registry.sources(of: dimension)
            return sources.count == registry.sources.count ? nil : sources.joined(separator: ", ")
        }
        var table = ResultTable(columns: ["entry", "name", "figures", "description"])
        for metric in registry.metrics {
            let keys = metric.keys.map { " per " + $0.joined(separator: ", ") } ?? ""
            table.append([.text("metric"), .text(metric.name), .text(metric.shownFigures.joined(separator: ", ")),
                          .text(metric.description + keys)])
        }
        for dimension in registry.dimensions {
            let only = only(dimension).map { " (only metrics over " + $0 + ")" } ?? ""
            table.append([.text("dimension"), .text(dimension.name), .text(""), .text(dimension.description + only)])
        }
        if output.format == .table {
            var entries: [(title: String, text: String)] = [(title: "Metrics (impact metric NAME):", text: "")]
            entries += registry.metrics.map { metric in
                let keys = metric.keys.map { " Per " + $0.joined(separator: ", ") + "." } ?? ""
                return (title: "  " + metric.name, text: metric.description + keys + " Figures: " + metric.shownFigures.joined(separator: ", ") + ".")
            }
            entries.append((title: "\nDimensions (--by DIM,… and --where DIM=VALUE):", text: ""))
            entries += registry.dimensions.map { dimension in
                let only = only(dimension).map { " Only for metrics over " + $0 + "." } ?? ""
                return (title: "  " + dimension.name, text: dimension.description + only)
            }
            let printer = QueryOutput()
            printer.write(queryListing(entries))
            try printer.flush()
            return
        }
        try QueryOutput().write(table, as: output.format)
    }
}
