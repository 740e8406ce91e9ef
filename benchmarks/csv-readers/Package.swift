// swift-tools-version: 6.1
// Standalone benchmark: the project's own CSV reader against two CSV libraries.
// Not part of the main package; build and run it with ./run.sh.

import PackageDescription

let package = Package(
    name: "csv-readers",
    dependencies: [
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
    ],
    targets: [
        // Our reader, compiled from the project's source through a symlink
        // (OurReader/CSVReader.swift -> ../../../Sources/ImpactIngest/CSVReader.swift).
        .target(name: "OurReader", path: "OurReader"),
        // Each library behind its own module, so the three `CSVReader`/`CSV` names never meet.
        .target(name: "YaslabBench", dependencies: [.product(name: "CSV", package: "CSV.swift")]),
        .target(name: "SwiftCSVBench", dependencies: [.product(name: "SwiftCSV", package: "SwiftCSV")]),
        .executableTarget(name: "csvbench", dependencies: ["OurReader", "YaslabBench", "SwiftCSVBench"]),
    ]
)
