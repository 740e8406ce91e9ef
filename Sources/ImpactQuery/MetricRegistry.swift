import Foundation
import ImpactStore
import Yams

/// The levels, sources, metrics and dimensions of `queries/metrics.yaml`, declared once
/// (docs/queries.md).
public struct MetricRegistry: Sendable, Equatable {
    /// The things a metric's rows are made of. The engine knows how they join (by participant_id,
    /// cohort_id and the stored scores' keys) and which columns it reads of each.
    public enum Level: String, Sendable, Equatable, Decodable, CaseIterable {
        /// A person with research consent: participant_id, participant_key.
        case person
        /// A cohort: cohort_id, cohort_key, programme_id, year.
        case cohort
        /// A participant enrolment: participant_id, cohort_id, hours.
        case enrolment
        /// A recorded outcome: participant_id.
        case outcome
        /// A survey construct: construct_key.
        case construct

        /// The columns the engine reads of the level's rows, in this order, before any expression.
        var engineColumns: [String] {
            switch self {
            case .person: return ["participant_id", "participant_key"]
            case .cohort: return ["cohort_id", "cohort_key", "programme_id", "year"]
            case .enrolment: return ["participant_id", "cohort_id", "hours"]
            case .outcome: return ["participant_id"]
            case .construct: return ["construct_key"]
            }
        }
    }

    /// One level: what a row is and the SELECT giving its rows.
    public struct LevelSource: Sendable, Equatable, Decodable {
        public let description: String
        public let sql: String
    }

    /// Which contact hours a source's rows are banded by.
    public enum Hours: String, Sendable, Equatable, Decodable {
        /// The person's in the programme-year, summed over its cohorts (unknown when any is).
        case programmeYear = "programme_year"
        /// The enrolment's own.
        case enrolment
    }

    /// The rows a metric counts: participant enrolments with their person and cohort, and
    /// possibly each of the person's outcomes or each construct with a pre and a post score.
    public struct Source: Sendable, Equatable, Decodable {
        /// What one row is.
        public let description: String
        /// The levels joined: enrolment, person and cohort, and outcome or construct.
        public let levels: [Level]
        /// The hours of a row's contact-hours band.
        public let hours: Hours

        /// Whether the rows are pre/post pairs (the source has constructs).
        public var isPairs: Bool { levels.contains(.construct) }
    }

    /// What a metric can be split by and filtered on.
    public struct Dimension: Sendable, Equatable, Decodable {
        /// The name used in --by and --where.
        public let name: String
        /// What it is.
        public let description: String
        /// The level whose columns `sql` and `order` are over (absent for bands).
        public let level: Level?
        /// The expression giving a row's group value (absent for bands).
        public let sql: String?
        /// An expression to sort the groups by (default: the value itself).
        public let order: String?
        /// `integer` for whole numbers (--where values are checked and bound as integers).
        public let type: String?
        /// `hours`: the contact-hours bands (DosageBands) of the source's hours.
        public let bands: String?

        /// Whether --where values are whole numbers.
        public var isInteger: Bool { type == "integer" }

        /// Whether a metric over `source` can use it.
        public func applies(to source: Source) -> Bool { level.map(source.levels.contains) ?? true }
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
        /// For a share: the expression that is 1 (yes), 0 (no) or NULL (unknown) on a row…
        public let value: String?
        /// …over the columns of this level.
        public let level: Level?
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
        let levels: [String: LevelSource]
        let sources: [String: Source]
        let dimensions: [Dimension]
        let metrics: [Metric]
    }

    /// The SELECT of each level.
    public let levels: [Level: LevelSource]
    /// The sources by name.
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
        var levels: [Level: LevelSource] = [:]
        for (name, level) in decoded.levels {
            guard let known = Level(rawValue: name) else {
                throw fail("level \(name): the levels are \(Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            levels[known] = level
        }
        for (name, source) in decoded.sources {
            let levelSet = Set(source.levels)
            guard levelSet.isSuperset(of: [.enrolment, .person, .cohort]), levelSet.count == source.levels.count,
                  !(levelSet.contains(.outcome) && levelSet.contains(.construct)) else {
                throw fail("source \(name): levels are enrolment, person and cohort, and outcome or construct")
            }
            for level in source.levels where levels[level] == nil { throw fail("source \(name): no level \(level.rawValue)") }
        }
        var dimensionNames = Set<String>()
        for dimension in decoded.dimensions {
            guard dimensionNames.insert(dimension.name).inserted else { throw fail("dimension \(dimension.name) twice") }
            guard dimension.sql != nil && dimension.level != nil && dimension.bands == nil
                    || dimension.sql == nil && dimension.level == nil && dimension.order == nil && dimension.bands == "hours" else {
                throw fail("dimension \(dimension.name) needs sql and level, or bands: hours")
            }
        }
        if decoded.dimensions.filter({ $0.bands != nil }).count > 1 {
            throw fail("more than one bands dimension (a row has one contact-hours band)")
        }
        var metricNames = Set<String>()
        for metric in decoded.metrics {
            guard metricNames.insert(metric.name).inserted else { throw fail("metric \(metric.name) twice") }
            guard let source = decoded.sources[metric.source] else { throw fail("metric \(metric.name): no source \(metric.source)") }
            if (metric.kind == .pairedChange) != source.isPairs {
                throw fail("metric \(metric.name): paired_change, and only it, counts a source with constructs")
            }
            if metric.kind == .share {
                guard metric.value != nil, let level = metric.level, source.levels.contains(level) else {
                    throw fail("metric \(metric.name): a share needs a value and a level of its source")
                }
            }
            for key in metric.keys ?? [] {
                guard let dimension = decoded.dimensions.first(where: { $0.name == key }), dimension.applies(to: source) else {
                    throw fail("metric \(metric.name): key \(key) is not a dimension of source \(metric.source)")
                }
            }
            for figure in metric.figures ?? [] where !metric.kind.figures.contains(figure) {
                throw fail("metric \(metric.name): \(metric.kind.rawValue) has no figure \(figure)")
            }
        }
        self.levels = levels
        self.sources = decoded.sources
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

    /// The source a metric counts.
    public func source(of metric: Metric) throws -> Source {
        guard let source = sources[metric.source] else {
            throw QueryError.badResource(file: "queries/metrics.yaml", reason: "no source \(metric.source)")
        }
        return source
    }

    /// The dimension named `name` for `metric`, or an error listing the valid ones.
    public func dimension(named name: String, for metric: Metric) throws -> Dimension {
        guard let dimension = dimensions.first(where: { $0.name == name }) else {
            throw QueryError.unknownDimension(name, valid: dimensions(for: metric).map(\.name))
        }
        guard dimensions(for: metric).contains(dimension) else {
            throw QueryError.dimensionNotApplicable(name, metric: metric.name, valid: dimensions(for: metric).map(\.name))
        }
        return dimension
    }

    /// The dimensions a metric can use.
    public func dimensions(for metric: Metric) -> [Dimension] {
        guard let source = sources[metric.source] else { return [] }
        return dimensions.filter { $0.applies(to: source) }
    }

    /// The sources a dimension applies to, by name in code-point order.
    public func sources(of dimension: Dimension) -> [String] {
        sources.filter { dimension.applies(to: $0.value) }.map(\.key).sorted()
    }
}
