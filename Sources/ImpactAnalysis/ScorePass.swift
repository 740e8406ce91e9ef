import Foundation
import GRDB
// The C API, for the pass over the stored scores: GRDB's Row cursor is markedly slower there (as in
// ImpactIngest's TableWriter; docs/performance.md). Package.swift lists the GRDBSQLite product for
// this target.
import GRDBSQLite
import ImpactStatistics
import ImpactStore

/// One pass over the stored construct scores (`construct_score_values`, schema/migrations/006) of a range of
/// participant keys, in primary-key order, where each person-cohort's rows are contiguous: for
/// every person-cohort met (in the cohorts asked for), its construct scores and, for Cronbach's
/// alpha, its complete coded answers. `ConstructScores` keeps the respondents' part of it.
struct ScorePass: Sendable {
    /// The person-cohorts met, in the order of the pass; a "group" below is an index here.
    private(set) var groups: [RespondentKey] = []
    /// Every score: group, construct-wave slot, value (coded sum over items answered).
    private(set) var scores: [(group: Int, slot: Int, value: ScoreFraction)] = []
    /// Per slot: the groups that answered at least one of its items.
    private(set) var answering: [[Int]]
    /// Per slot: the groups that answered every item…
    private(set) var completeGroups: [[Int]]
    /// …and their coded answers, item-major (`[item][row of completeGroups]`).
    private(set) var completeAnswers: [[[Double]]]

    /// As many parts as cores, at most 4.
    static let defaultParts = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))

    private init(slotCount: Int, catalogue: ConstructCatalogue) {
        answering = Array(repeating: [], count: slotCount)
        completeGroups = Array(repeating: [], count: slotCount)
        completeAnswers = (0..<slotCount).map {
            Array(repeating: [], count: catalogue.constructs[$0 / ConstructScores.waveCount].itemCount)
        }
    }

    /// `parts` ranges of participant_key of similar width covering every stored score.
    static func keyRanges(_ db: Database, parts: Int) throws -> [Range<Int64>] {
        let bounds = try Row.fetchOne(db, sql: try StoreResources.query("analysis/score_key_bounds"))
        guard let low = bounds?[0] as Int64?, let high = bounds?[1] as Int64? else { return [] }
        // Keys are numbered in import order, so equal widths give parts of similar size.
        let count = Int64(max(1, parts))
        let step = (high - low) / count + 1
        let cuts = (0...count).map { $0 == count ? high + 1 : min(high + 1, low + $0 * step) }
        return (0..<Int(count)).map { cuts[$0]..<cuts[$0 + 1] }.filter { !$0.isEmpty }
    }

    /// The pass over the stored scores of participant keys in `keys`; without `reliability`, the
    /// answers alpha needs (`answering`, `completeGroups`, `completeAnswers`) are not collected.
    static func run(_ db: Database, keys: Range<Int64>, catalogue: ConstructCatalogue, cohorts: Set<Int64>?,
                    reliability: Bool = true) throws -> ScorePass {
        let waveCount = ConstructScores.waveCount
        var pass = ScorePass(slotCount: catalogue.constructs.count * waveCount, catalogue: catalogue)
        var current = RespondentKey(participantKey: -1, cohortKey: -1)
        var isKept = false
        var group = -1
        var values: [Double] = []

        let statement = try db.makeStatement(sql: try StoreResources.query("analysis/scores"))
        try statement.setArguments(["from": keys.lowerBound])
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while try stepRow(statement, in: db) {
            let participantKey = sqlite3_column_int64(handle, 0)
            let cohortKey = sqlite3_column_int64(handle, 1)
            if participantKey != current.participantKey || cohortKey != current.cohortKey {
                guard participantKey < keys.upperBound else { break }
                current = RespondentKey(participantKey: participantKey, cohortKey: cohortKey)
                isKept = cohorts?.contains(cohortKey) ?? true
                if isKept {
                    group = pass.groups.count
                    pass.groups.append(current)
                }
            }
            guard isKept, let construct = catalogue.construct(key: sqlite3_column_int64(handle, 2)),
                  let wave = sqlite3_column_text(handle, 3) else { continue }
            let slot = construct * waveCount + SurveyWave.of(text: wave).rawValue
            let answered = Int(sqlite3_column_int64(handle, 4))
            let itemCount = catalogue.constructs[construct].itemCount
            // The import's scale limits (−1000 to 1000) keep a coded sum within 32 bits.
            if answered >= catalogue.constructs[construct].requiredAnswers,
               let score = ScoreFraction(codedSum: Int(sqlite3_column_int64(handle, 5)), answered: answered) {
                pass.scores.append((group, slot, score))
            }
            guard reliability else { continue }
            pass.answering[slot].append(group)
            if let text = sqlite3_column_text(handle, 6) {
                values.removeAll(keepingCapacity: true)
                Self.parseIntegers(text, count: Int(sqlite3_column_bytes(handle, 6)), into: &values)
                // A row written for a different k (items changed since) is not used for alpha; the
                // importer rescores everything when items change, so this does not happen.
                if values.count == itemCount {
                    pass.completeGroups[slot].append(group)
                    for position in 0..<itemCount { pass.completeAnswers[slot][position].append(values[position]) }
                }
            }
        }
        return pass
    }

    /// Appends the comma-separated integers of `text` (`count` bytes) to `values`.
    private static func parseIntegers(_ text: UnsafePointer<UInt8>, count: Int, into values: inout [Double]) {
        var number = 0
        var sign = 1
        var hasDigits = false
        for index in 0...count {
            let byte = index < count ? text[index] : UInt8(ascii: ",")
            if byte == UInt8(ascii: ",") {
                if hasDigits { values.append(Double(sign * number)) }
                number = 0
                sign = 1
                hasDigits = false
            } else if byte == UInt8(ascii: "-") {
                sign = -1
            } else {
                number = number * 10 + Int(byte &- UInt8(ascii: "0"))
                hasDigits = true
            }
        }
    }
}

/// `work(0)` … `work(count − 1)` run at the same time (as many at once as there are cores), their
/// results in order; the first error in order is thrown.
public func concurrently<T: Sendable>(_ count: Int, _ work: @Sendable (Int) throws -> T) throws -> [T] {
    let results = ConcurrentResults<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        results.set(index, Result { try work(index) })
    }
    return try results.all.map { try $0?.get() ?? { throw AnalysisError.database("a concurrent read did not finish") }() }
}

/// Results set from the threads of `concurrentPerform`.
/// `@unchecked Sendable`: every access to `results` holds `lock` (Synchronization's Mutex needs macOS 15).
private final class ConcurrentResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<T, any Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<T, any Error>) {
        lock.withLock { results[index] = result }
    }

    var all: [Result<T, any Error>?] { lock.withLock { results } }
}
