import Foundation

extension ImpactDatabase: AnalysisBackend {
    /// How many times `readAnalysis` makes its reads on concurrent connections before it makes
    /// them in one transaction.
    public static let concurrentReadAttempts = 2

    /// How many passes over the stored scores `readAnalysis` makes at the same time: as many as
    /// cores, at most 4.
    public static let scorePassParts = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))

    public func dataVersion() throws -> DataVersion {
        try read { snapshot in try snapshot.dataVersion() }
    }

    public func read<T>(_ body: (any AnalysisSnapshot) throws -> T) throws -> T {
        try writer.read { db in try body(SQLiteAnalysisSnapshot(db)) }
    }

    /// On a database pool (a file), `people` runs on one connection while the passes over the
    /// scores run on the others (as many as `scorePassParts`), each in its own read transaction;
    /// `readUnchanged` makes them again when an import or erasure committed meanwhile, and after
    /// `concurrentReadAttempts` such attempts everything is read in one transaction (one
    /// snapshot, one core).
    public func readAnalysis<People: Sendable>(
        _ request: AnalysisReadRequest,
        people: @Sendable (any AnalysisSnapshot) throws -> People,
        afterPlanning: (() throws -> Void)?
    ) throws -> AnalysisRead<People> {
        let concurrent = try readUnchanged(attempts: Self.concurrentReadAttempts) {
            try readConcurrently(request, people: people, afterPlanning: afterPlanning)
        }
        if let concurrent { return concurrent }
        return try read { snapshot in
            let plan = try ReadPlan(snapshot, request: request)
            let population = try people(snapshot)
            let passes = try plan.ranges.map {
                try snapshot.scorePass(keys: $0, catalogue: plan.catalogue, cohorts: plan.cohorts, reliability: true)
            }
            return AnalysisRead(people: population, catalogue: plan.catalogue, scorePasses: passes)
        }
    }

    /// The reads of `readAnalysis` on concurrent connections: task 0 the people, the others the scores.
    private func readConcurrently<People: Sendable>(
        _ request: AnalysisReadRequest,
        people: @Sendable (any AnalysisSnapshot) throws -> People,
        afterPlanning: (() throws -> Void)?
    ) throws -> AnalysisRead<People> {
        let plan = try read { snapshot in try ReadPlan(snapshot, request: request) }
        try afterPlanning?()
        let done = try concurrently(plan.ranges.count + 1) { task -> ReadWork<People> in
            try read { snapshot in
                task == 0 ? .people(try people(snapshot))
                    : .pass(try snapshot.scorePass(keys: plan.ranges[task - 1], catalogue: plan.catalogue,
                                                   cohorts: plan.cohorts, reliability: true))
            }
        }
        var population: People?
        var passes: [StoredScorePass] = []
        for work in done {
            switch work {
            case let .people(people): population = people
            case let .pass(pass): passes.append(pass)
            }
        }
        guard let population else { throw UnreadPeople() }
        return AnalysisRead(people: population, catalogue: plan.catalogue, scorePasses: passes)
    }
}

/// What `readAnalysis` reads first: the catalogue, the cohorts whose scores are kept and the key
/// ranges of the passes.
private struct ReadPlan: Sendable {
    let catalogue: ConstructCatalogue
    let cohorts: Set<Int64>
    let ranges: [Range<Int64>]

    init(_ snapshot: any AnalysisSnapshot, request: AnalysisReadRequest) throws {
        catalogue = try snapshot.constructCatalogue()
        cohorts = Set(try snapshot.cohorts(programme: request.programme, year: request.year).map(\.key))
        ranges = try snapshot.scoreKeyRanges(parts: ImpactDatabase.scorePassParts)
    }
}

/// One task's result in `readConcurrently`.
private enum ReadWork<People: Sendable>: Sendable {
    case people(People)
    case pass(StoredScorePass)
}

/// Task 0 of `readConcurrently` left no people (it always does).
private struct UnreadPeople: Error, CustomStringConvertible {
    var description: String { "cannot read the database: the participants were not read" }
}
