import ArgumentParser
import Foundation
import ImpactQuery
import ImpactStore

struct MetricCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "metric",
        abstract: "Compute one metric of the registry, split by dimensions and filtered.",
        discussion: """
            Metrics and dimensions are declared once, in queries/metrics.yaml (impact metrics lists \
            them), under the report's rules (participants, contact hours, stored construct scores), so \
            a metric agrees with the report's table for the same slice: participants, each reach indicator, completion_rate, outcome_rate \
            (with Wilson 95% intervals) and prepost_change (the pre/post columns of prepost.csv). \
            A person counts once per group. Dimension names are checked against the registry; \
            --where values are bound. Several --where of one dimension are alternatives; of \
            different dimensions, all apply. People who declined research use are never counted. \
            See docs/queries.md.

            Examples:
              impact metric participants --by programme,year
              impact metric reach_care_experienced --by year --where region="North West"
              impact metric outcome_rate --by delivery_mode --where outcome=he_entry --year 2024
              impact metric prepost_change --by cohort --programme IN2R --where construct=self_efficacy
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The metric (impact metrics lists them).", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Dimensions to split by, comma-separated (repeatable).", valueName: "dim,…"))
    var by: [String] = []

    @Option(name: .customLong("where"), help: ArgumentHelp("Keep only this value of a dimension (repeatable).", valueName: "dim=value"))
    var filters: [String] = []

    @Option(help: ArgumentHelp("Only this programme (same as --where programme=ID).", valueName: "id"))
    var programme: String?

    @Option(help: ArgumentHelp("Only this year (same as --where year=Y).", valueName: "year"))
    var year: Int?

    @OptionGroup var output: QueryFormatOption

    @Flag(name: .customLong("raw-csv"), help: "With --format csv, write text as it is, as impact query --raw-csv does (otherwise a cell beginning with =, +, -, @, a tab or a carriage return gets a leading ').")
    var rawCSV = false

    func validate() throws {
        if let programme, programme.isEmpty { throw ValidationError("--programme must not be empty") }
    }

    func run() throws {
        let dimensions = by.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { $0.trimmingCharacters(in: .whitespaces) }
        if dimensions.contains(where: \.isEmpty) {
            throw CommandFailure("--by takes dimension names separated by commas (for example --by programme,year)")
        }
        var wheres = try filters.map { try Assignment(parsing: $0, option: "--where") }.map { (dimension: $0.name, value: $0.value) }
        if let programme { wheres.append((dimension: "programme", value: programme)) }
        if let year { wheres.append((dimension: "year", value: String(year))) }
        let query = MetricQuery(metric: name, by: dimensions, filters: wheres)
        let registry = try MetricRegistry.shipped()
        // Names are checked before the database is opened, so a typo is reported at once.
        _ = try registry.metric(named: name)
        let store = try ReadOnlyStore.open(at: database.path)
        let table = try query.run(store, registry: registry)
        try QueryOutput().write(table, as: output.format, rawCSV: rawCSV)
        if table.rows.isEmpty { try explainEmpty(wheres, store: store, registry: registry) }
    }

    /// An empty answer is an answer, but a --where value that matches nothing (a typo, `YES`
    /// for `yes`) is said so on standard error, with the values the dimension has.
    private func explainEmpty(_ wheres: [(dimension: String, value: String)], store: ReadOnlyStore, registry: MetricRegistry) throws {
        var checked = Set<String>()
        for filter in wheres where checked.insert(filter.dimension).inserted {
            let values = try MetricQuery(metric: name, by: [filter.dimension]).run(store, registry: registry).rows.compactMap { $0.first?.text }.reduce(into: [String]()) { kept, value in if !kept.contains(value) { kept.append(value) } }
            let asked = wheres.filter { $0.dimension == filter.dimension }.map(\.value)
            guard !asked.contains(where: values.contains) else { continue }
            let shown = values.count > 30 ? values.prefix(30).joined(separator: ", ") + ", …" : values.joined(separator: ", ")
            try? FileHandle.standardError.write(contentsOf: Data("Note: --where \(filter.dimension)=\(asked.joined(separator: "|")) matches nothing; \(filter.dimension) has: \(shown) (values are case-sensitive)\n".utf8))
        }
    }
}
