import Foundation
import ImpactStore
import Yams

/// The metrics and dimensions of `queries/metrics.yaml`, declared once (docs/queries.md).
public struct MetricRegistry: Sendable, Equatable {
    /// The rows a metric counts: one SELECT; for pre/post pairs, two, joined to the stored scores.
    public struct Source: Sendable, Equatable, Decodable {
        /// What one row is.
        public let description: String
        /// The SELECT, with `{participants}` (another source's name in braces) resolved. For a
        /// source of pairs: the participant enrolments, one row each, with `participant_key` and
        /// `cohort_key`.
        public let sql: String
        /// For a source of pairs: the constructs, one row each, with `construct_key`. The rows of
        /// the source are then the participant enrolments and constructs with a pre and a post
        /// score (`RespondentScores`), in participant_id, cohort_id, construct_key order.
        public let constructs: String?
    }

    /// What a metric can be split by and filtered on.
    public struct Dimension: Sendable, Equatable, Decodable {
        /// The name used in --by and --where.
        public let name: String
        /// What it is.
        public let description: String
        /// The expression giving a row's group value (absent for bands).
        public let sql: String?
        /// An expression to sort the groups by (default: the value itself).
        public let order: String?
        /// `integer` for whole numbers (--where values are checked and bound as integers).
        public let type: String?
        /// The column of contact hours to band (DosageBands), for a bands dimension.
        public let bands: String?
        /// The sources that have it (nil: every source).
        public let sources: [String]?
        /// `construct` for an expression over a source's `constructs` rows (nil: over its `sql`).
        public let level: String?

        /// Whether the expression is over the constructs of a source of pairs.
        public var isConstructLevel: Bool { level == "construct" }

        /// Whether --where values are whole numbers.
        public var isInteger: Bool { type == "integer" }

        /// Whether a metric over `source` can use it.
        public func applies(to source: String) -> Bool { sources?.contains(source) ?? true }
    }

    /// How a metric's figures are computed.
    public enum Kind: String, Sendable, Equatable, Decodable {
        /// Distinct participants.
        case count
        /// n_known, n_yes and their rate with a Wilson interval, over distinct participants.
        case share
        /// The pre/post statistics of prepost.csv over pairs.
        case pairedChange = "paired_change"

        /// The figures (columns after the keys) the kind computes, in order.
        public var figures: [String] {
            switch self {
            case .count: return ["participants"]
            case .share: return ["participants", "n_known", "n_yes", "rate", "ci_low", "ci_high", "pct_unknown"]
            case .pairedChange:
                return ["n_pairs", "mean_pre", "mean_post", "mean_change", "sd_change", "ci_low", "ci_high",
                        "t", "df", "p_value", "cohens_dz", "hedges_gav", "wilcoxon_p", "pct_improved"]
            }
        }
    }

    /// One metric.
    public struct Metric: Sendable, Equatable, Decodable {
        /// Its name (`impact metric NAME`).
        public let name: String
        /// What it measures.
        public let description: String
        /// The source it counts.
        public let source: String
        /// How.
        public let kind: Kind
        /// For a share: the expression that is 1 (yes), 0 (no) or NULL (unknown) on a row.
        public let value: String?
        /// Dimensions every row is split by.
        public let keys: [String]?
        /// The figures shown (default: all of the kind's).
        public let figures: [String]?

        /// The figures shown, in the kind's order.
        public var shownFigures: [String] {
            guard let figures else { return kind.figures }
            return kind.figures.filter(figures.contains)
        }
    }

    private struct File: Decodable {
        let sources: [String: Source]
        let dimensions: [Dimension]
        let metrics: [Metric]
    }

    /// The sources by name, `{NAME}` references resolved.
    public let sources: [String: Source]
    /// The dimensions, in the registry's order.
    public let dimensions: [Dimension]
    /// The metrics, in the registry's order.
    public let metrics: [Metric]

    /// The registry shipped with the engine (`queries/metrics.yaml`).
    public static func shipped() throws -> MetricRegistry {
        try MetricRegistry(yaml: try StoreResources.text(at: "queries/metrics.yaml"), file: "queries/metrics.yaml")
    }

    /// A registry read from `yaml` (the text of `file`, for messages), checked for consistency.
    public init(yaml: String, file: String) throws {
        let decoded: File
        do {
            decoded = try YAMLDecoder().decode(File.self, from: yaml)
        } catch {
            throw QueryError.badResource(file: file, reason: "\(error)")
        }
        func fail(_ reason: String) -> QueryError { .badResource(file: file, reason: reason) }
        var sources: [String: Source] = [:]
        for (name, source) in decoded.sources {
            var sql = source.sql
            for (other, referenced) in decoded.sources where other != name {
                sql = sql.replacingOccurrences(of: "{\(other)}", with: "(\(referenced.sql))")
            }
            if sql.contains("{") { throw fail("source \(name) refers to an unknown source") }
            sources[name] = Source(description: source.description, sql: sql, constructs: source.constructs)
        }
        var dimensionNames = Set<String>()
        for dimension in decoded.dimensions {
            guard dimensionNames.insert(dimension.name).inserted else { throw fail("dimension \(dimension.name) twice") }
            guard (dimension.sql == nil) != (dimension.bands == nil) else {
                throw fail("dimension \(dimension.name) needs exactly one of sql and bands")
            }
            for source in dimension.sources ?? [] where sources[source] == nil {
                throw fail("dimension \(dimension.name): no source \(source)")
            }
            if let level = dimension.level {
                guard level == "construct", dimension.sql != nil,
                      let named = dimension.sources, named.allSatisfy({ sources[$0]?.constructs != nil }) else {
                    throw fail("dimension \(dimension.name): level \(level) needs sql and sources that all have constructs")
                }
            }
        }
        var metricNames = Set<String>()
        for metric in decoded.metrics {
            guard metricNames.insert(metric.name).inserted else { throw fail("metric \(metric.name) twice") }
            guard sources[metric.source] != nil else { throw fail("metric \(metric.name): no source \(metric.source)") }
            if metric.kind == .share, metric.value == nil { throw fail("metric \(metric.name): a share needs a value") }
            if (metric.kind == .pairedChange) != (sources[metric.source]?.constructs != nil) {
                throw fail("metric \(metric.name): paired_change, and only it, needs a source with constructs")
            }
            for key in metric.keys ?? [] {
                guard let dimension = decoded.dimensions.first(where: { $0.name == key }), dimension.applies(to: metric.source) else {
                    throw fail("metric \(metric.name): key \(key) is not a dimension of source \(metric.source)")
                }
            }
            for figure in metric.figures ?? [] where !metric.kind.figures.contains(figure) {
                throw fail("metric \(metric.name): \(metric.kind.rawValue) has no figure \(figure)")
            }
        }
        self.sources = sources
        self.dimensions = decoded.dimensions
        self.metrics = decoded.metrics
    }

    /// The metric named `name`, or an error listing the metrics.
    public func metric(named name: String) throws -> Metric {
        guard let metric = metrics.first(where: { $0.name == name }) else {
            throw QueryError.unknownMetric(name, known: metrics.map(\.name))
        }
        return metric
    }

    /// The dimension named `name` for `metric`, or an error listing the valid ones.
    public func dimension(named name: String, for metric: Metric) throws -> Dimension {
        guard let dimension = dimensions.first(where: { $0.name == name }) else {
            throw QueryError.unknownDimension(name, valid: dimensions(for: metric).map(\.name))
        }
        guard dimension.applies(to: metric.source) else {
            throw QueryError.dimensionNotApplicable(name, metric: metric.name, valid: dimensions(for: metric).map(\.name))
        }
        return dimension
    }

    /// The dimensions a metric can use.
    public func dimensions(for metric: Metric) -> [Dimension] {
        dimensions.filter { $0.applies(to: metric.source) }
    }
}
