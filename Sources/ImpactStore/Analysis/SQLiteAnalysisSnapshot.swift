public import GRDB

/// The SQLite backend's `AnalysisSnapshot`: the engine's analysis queries
/// (queries/engine/analysis/, queries/engine/report/) on one connection inside one read
/// transaction, valid while that transaction lasts.
public struct SQLiteAnalysisSnapshot: AnalysisSnapshot {
    let db: Database

    /// The snapshot of the read transaction `db` is in, for code that still holds a GRDB
    /// connection (ImpactQuery's metric rows).
    public init(_ db: Database) {
        self.db = db
    }

    public func cohorts(programme: String?, year: Int?) throws -> [AnalysisRecord.Cohort] {
        try Row.fetchAll(db, sql: try StoreResources.query("analysis/cohorts"), arguments: ["programme": programme, "year": year]).map {
            AnalysisRecord.Cohort(key: $0[0], cohortID: $0[1], programmeID: $0[2], year: $0[3])
        }
    }

    public func programmeYears() throws -> [AnalysisRecord.ProgrammeYears] {
        try Row.fetchAll(db, sql: try StoreResources.query("analysis/programme_years")).map {
            AnalysisRecord.ProgrammeYears(programmeID: $0[0], years: $0[1] as String? ?? "")
        }
    }

    public func forEachPerson(_ body: (AnalysisRecord.Person) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: try StoreResources.query("analysis/people"))
        while let row = try rows.next() {
            try body(AnalysisRecord.Person(participantID: row[0], participantKey: row[1], indicatorCode: row[2],
                                           gender: row[3], ethnicity: row[4]))
        }
    }

    public func forEachEnrolment(_ body: (AnalysisRecord.Enrolment) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: try StoreResources.query("analysis/enrolments"))
        while let row = try rows.next() {
            try body(AnalysisRecord.Enrolment(participantID: row[0], cohortID: row[1], stage: row[2], hours: row[3]))
        }
    }

    public func forEachOutcome(_ body: (AnalysisRecord.Outcome) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: try StoreResources.query("analysis/outcomes"))
        while let row = try rows.next() {
            try body(AnalysisRecord.Outcome(participantID: row[0], outcome: row[1], value: row[2]))
        }
    }

    public func benchmarks(population: String) throws -> [AnalysisRecord.Benchmark] {
        var benchmarks: [AnalysisRecord.Benchmark] = []
        let rows = try Row.fetchCursor(db, sql: try StoreResources.query("analysis/benchmarks"), arguments: ["population": population])
        while let row = try rows.next() {
            benchmarks.append(AnalysisRecord.Benchmark(outcome: row[0], year: row[1], rate: row[2]))
        }
        return benchmarks
    }

    public func constructCatalogue() throws -> ConstructCatalogue {
        try ConstructCatalogue.read(db)
    }

    public func scoreKeyRanges(parts: Int) throws -> [Range<Int64>] {
        let bounds = try Row.fetchOne(db, sql: try StoreResources.query("analysis/score_key_bounds"))
        guard let low = bounds?[0] as Int64?, let high = bounds?[1] as Int64? else { return [] }
        // Keys are numbered in import order, so equal widths give parts of similar size.
        let count = Int64(max(1, parts))
        let step = (high - low) / count + 1
        let cuts = (0...count).map { $0 == count ? high + 1 : min(high + 1, low + $0 * step) }
        return (0..<Int(count)).map { cuts[$0]..<cuts[$0 + 1] }.filter { !$0.isEmpty }
    }

    public func provenance() throws -> AnalysisRecord.Provenance {
        let imports = try Row.fetchAll(db, sql: try StoreResources.query("report/provenance")).map {
            AnalysisRecord.Import(path: $0[0], kind: $0[1], sha256: $0[2], rows: $0[3], rejected: $0[4], finishedAt: $0[5])
        }
        var scoring: [String: ScoringRule] = [:]
        for row in try Row.fetchAll(db, sql: try StoreResources.query("report/instrument_scoring")) {
            if let rule = ScoringRule(rawValue: row[1]) { scoring[row[0]] = rule }
        }
        return AnalysisRecord.Provenance(imports: imports, instrumentScoring: scoring)
    }

    public func dataVersion() throws -> DataVersion {
        let row = try Row.fetchOne(db, sql: try StoreResources.query("analysis/data_version"))
        return DataVersion(components: row.map { row in (0..<row.count).map { row[$0] as Int64? } } ?? [])
    }
}
