// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "impact",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "impact", targets: ["impact"]),
        .library(name: "ImpactStore", targets: ["ImpactStore"]),
        .library(name: "ImpactIngest", targets: ["ImpactIngest"]),
        .library(name: "ImpactCheck", targets: ["ImpactCheck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        // The SQL and its registries, as resources: each top-level folder is a target of its own
        // (its path), so that schema/ and queries/ stay where users read them.
        .target(name: "ImpactSchema", path: "schema", resources: [.copy("migrations"), .copy("dictionary.yaml")]),
        .target(
            name: "ImpactQueries",
            path: "queries",
            resources: [.copy("named"), .copy("check"), .copy("engine"), .copy("metrics.yaml"), .copy("README.md")]
        ),
        // The store: GRDB, the migrations of schema/ and the SQL of queries/.
        .target(
            name: "ImpactStore",
            dependencies: [
                "ImpactSchema", "ImpactQueries",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Ingestion: CSV reading, validation, keyed hashing, survey mappings, the importer.
        .target(
            name: "ImpactIngest",
            dependencies: [
                "ImpactStore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Pure statistics: distributions, paired change, proportions, reliability, multiplicity.
        // No database, no files: trivially testable against reference values.
        .target(name: "ImpactStatistics"),
        // Analysis: the contract's metrics over the stored data, as output tables.
        .target(
            name: "ImpactAnalysis",
            dependencies: ["ImpactStore", "ImpactStatistics"]
        ),
        // Reports: the output tables as CSV (exact or public), report.md and report.html from
        // Mustache templates (Templates/, overridable), SVG charts, narrative and provenance.
        .target(
            name: "ImpactReport",
            dependencies: [
                "ImpactAnalysis", "ImpactStatistics", "ImpactStore", "CFolderExchange",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")]
        ),
        // Ad hoc questions: read-only SQL, the named queries, the metric registry, the data dictionary.
        .target(
            name: "ImpactQuery",
            dependencies: [
                "ImpactStore", "ImpactStatistics", "ImpactAnalysis",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Data quality checks (queries/check/) and the erasure of a person.
        .target(name: "ImpactCheck", dependencies: ["ImpactStore"]),
        // Synthetic data in the contract's layout, for `impact demo` and tests.
        .target(name: "ImpactSynthetic"),
        // One C function: exchanging two folders in one step, so a report folder is replaced whole
        // (docs/reliability.md).
        .target(name: "CFolderExchange"),
        // The thin command-line executable.
        // One C function: flushing C's stdout and reading its error indicator (docs/architecture.md).
        .target(name: "CStandardOutput"),
        .executableTarget(
            name: "impact",
            dependencies: [
                "ImpactStore", "ImpactIngest", "ImpactAnalysis", "ImpactReport", "ImpactQuery", "ImpactSynthetic", "ImpactCheck",
                "CStandardOutput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Test support: the helpers every test target shares (temporary folders, files written,
        // folders imported, the small synthetic database, Markdown read through cmark-gfm).
        .target(
            name: "ImpactTestSupport",
            dependencies: ["ImpactStore", "ImpactIngest", "ImpactSynthetic"],
            path: "Tests/ImpactTestSupport"
        ),
        .testTarget(
            name: "ImpactStoreTests",
            // ImpactCheck and ImpactSynthetic for the contract tests, which change the data while a backend reads.
            dependencies: ["ImpactStore", "ImpactTestSupport", "ImpactCheck", "ImpactSynthetic"]
        ),
        .testTarget(
            name: "ImpactIngestTests",
            dependencies: ["ImpactIngest", "ImpactStore", "ImpactSynthetic", "ImpactTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ImpactCLITests",
            dependencies: ["impact", "ImpactIngest", "ImpactStore", "ImpactTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "ImpactCheckTests",
            dependencies: ["ImpactCheck", "ImpactStore", "ImpactIngest", "ImpactTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "ImpactSyntheticTests", dependencies: ["ImpactSynthetic", "ImpactTestSupport"]),
        .testTarget(name: "ImpactStatisticsTests", dependencies: ["ImpactStatistics", "ImpactTestSupport"]),
        .testTarget(
            name: "ImpactReportTests",
            dependencies: [
                "ImpactReport", "ImpactAnalysis", "ImpactIngest", "ImpactStore", "ImpactSynthetic", "ImpactTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ImpactQueryTests",
            dependencies: [
                "ImpactQuery", "ImpactAnalysis", "ImpactIngest", "ImpactStore", "ImpactSynthetic", "ImpactStatistics", "ImpactTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "ImpactAnalysisTests",
            dependencies: [
                "ImpactAnalysis", "ImpactIngest", "ImpactStore", "ImpactSynthetic", "ImpactStatistics", "ImpactTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Every target: an import is internal unless marked `public import` (so a dependency's type in a
// public signature is a compile-time fact, and the store's wall is kept by the compiler), and an
// existential is spelled `any`.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("InternalImportsByDefault"),
        .enableUpcomingFeature("ExistentialAny"),
    ]
}
