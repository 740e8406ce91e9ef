import GRDB
import ImpactAnalysis
import ImpactStatistics
import ImpactStore

/// The rows of a metric's source, joined from its levels and put into groups in one pass.
///
/// Cohorts and people are read first and found by id in dictionaries; each participant enrolment
/// (the enrolment level: started, withdrawn or completed) whose person has research consent (the
/// person level) is a row of the source, with each of the person's outcomes for `outcomes`, and
/// each construct with a stored pre and a post score for `pairs` (`RespondentScores`, the
/// report's scores). Rows go in participant_id, cohort_id order (code points), the order the
/// report takes pairs in, so that the statistics are the report's to the last bit.
struct MetricRows {
    /// Per group: its key (in the query's key order), the keys' sort orders, and its people
    /// (person index → bit 0 the value is known in some row, bit 1 it is yes) or its pairs.
    private(set) var keys: [[ResultValue]] = []
    private var orders: [[ResultValue]] = []
    private(set) var people: [[Int: UInt8]] = []
    private(set) var pre: [[ScoreFraction]] = []
    private(set) var post: [[ScoreFraction]] = []

    private let keyCount: Int
    private let bands: DosageBands
    /// The position of the contact-hours band among the keys, if it is one.
    private let bandPosition: Int?
    /// The bands kept (nil in the set: unknown hours), if --where names some.
    private let bandFilter: Set<Int?>?
    /// The group of each combination of level parts and band met (`combination(_:)`).
    private var groupOf: [Int: Int] = [:]
    /// The same, by the parts themselves, for combinations too many to number.
    private var groupOfParts: [[Int]: Int] = [:]
    /// Per level (in the source's order): its key parts, and how many there are.
    private var parts: [Interned] = []
    private var levels: [MetricLevel] = []

    init(keyCount: Int, bands: DosageBands, bandPosition: Int?, bandFilter: Set<Int?>?) {
        self.keyCount = keyCount
        self.bands = bands
        self.bandPosition = bandPosition
        self.bandFilter = bandFilter
    }

    /// A level's row as joined: its part and value, and whether it passes the filters.
    private struct Entry {
        var part = 0
        var kept = true
        var value: Int8 = -1
    }

    /// A participant enrolment of a person with research consent, in a known cohort.
    private struct Enrolment {
        let person: Int
        let cohort: Int
        let hours: Double?
        let entry: Entry
    }

    /// Reads the levels of `source` and forms the groups of a metric of `kind`.
    mutating func read(_ db: Database, registry: MetricRegistry, source: MetricRegistry.Source,
                       levels: [MetricLevel], kind: MetricRegistry.Kind) throws {
        self.levels = levels
        parts = Array(repeating: Interned(), count: levels.count)
        func sql(_ level: MetricRegistry.Level) throws -> String {
            guard let sql = registry.levels[level]?.sql else {
                throw QueryError.badResource(file: "queries/metrics.yaml", reason: "no level \(level.rawValue)")
            }
            return sql
        }
        func index(_ level: MetricRegistry.Level) -> Int? { source.levels.firstIndex(of: level) }
        guard let cohortLevel = index(.cohort), let personLevel = index(.person), let enrolmentLevel = index(.enrolment) else {
            throw QueryError.badResource(file: "queries/metrics.yaml", reason: "a source without enrolment, person and cohort")
        }

        // Cohorts: id → index, key, programme-year.
        var cohortIndex: [String: Int] = [:]
        var cohortIDs: [String] = []
        var cohortKeys: [Int64] = []
        var cohortYears: [Int] = []
        var cohorts: [Entry] = []
        var programmeYears: [[DatabaseValue]: Int] = [:]
        try levels[cohortLevel].read(db, sql: try sql(.cohort), parts: &parts[cohortLevel]) { row, part, kept, value in
            let id: String = row[0]
            let programmeYear = [row[2] as DatabaseValue, row[3] as DatabaseValue]
            cohortIndex[id] = cohortIDs.count
            cohortIDs.append(id)
            cohortKeys.append(row[1])
            cohortYears.append(programmeYears[programmeYear] ?? {
                programmeYears[programmeYear] = programmeYears.count
                return programmeYears.count - 1
            }())
            cohorts.append(Entry(part: part, kept: kept, value: value))
        }

        // People with research consent: id → index, key.
        var personIndex: [String: Int] = [:]
        var personIDs: [String] = []
        var personKeys: [Int64] = []
        var persons: [Entry] = []
        try levels[personLevel].read(db, sql: try sql(.person), parts: &parts[personLevel]) { row, part, kept, value in
            let id: String = row[0]
            personIndex[id] = personIDs.count
            personIDs.append(id)
            personKeys.append(row[1])
            persons.append(Entry(part: part, kept: kept, value: value))
        }

        // Participant enrolments, in participant_id, cohort_id order.
        var enrolments: [Enrolment] = []
        try levels[enrolmentLevel].read(db, sql: try sql(.enrolment), parts: &parts[enrolmentLevel]) { row, part, kept, value in
            guard let person = personIndex[row[0] as String], let cohort = cohortIndex[row[1] as String] else { return }
            enrolments.append(Enrolment(person: person, cohort: cohort, hours: row[2], entry: Entry(part: part, kept: kept, value: value)))
        }
        let personRank = Self.ranks(personIDs)
        let cohortRank = Self.ranks(cohortIDs)
        enrolments.sort {
            personRank[$0.person] != personRank[$1.person] ? personRank[$0.person] < personRank[$1.person]
                : cohortRank[$0.cohort] < cohortRank[$1.cohort]
        }

        // Each enrolment's hours for the bands: its own, or the person's in the programme-year.
        var hours = enrolments.map(\.hours)
        if source.hours == .programmeYear {
            var start = 0
            while start < enrolments.count {
                var end = start + 1
                while end < enrolments.count, enrolments[end].person == enrolments[start].person { end += 1 }
                var totals: [Int: (sum: Double, unknown: Bool)] = [:]
                for enrolment in enrolments[start..<end] {
                    var total = totals[cohortYears[enrolment.cohort]] ?? (0, false)
                    if let value = enrolment.hours { total.sum += value } else { total.unknown = true }
                    totals[cohortYears[enrolment.cohort]] = total
                }
                for position in start..<end {
                    let total = totals[cohortYears[enrolments[position].cohort]]
                    hours[position] = total.flatMap { $0.unknown ? nil : $0.sum }
                }
                start = end
            }
        }

        // The rows: each kept enrolment of a kept person and cohort, in a kept band…
        var rows: [(enrolment: Int, band: Int?)] = []
        for (position, enrolment) in enrolments.enumerated()
        where enrolment.entry.kept && persons[enrolment.person].kept && cohorts[enrolment.cohort].kept {
            let band = bands.band(of: hours[position])
            if let bandFilter, !bandFilter.contains(band) { continue }
            rows.append((position, band))
        }
        func entries(_ row: (enrolment: Int, band: Int?)) -> [Entry] {
            let enrolment = enrolments[row.enrolment]
            var entries = Array(repeating: Entry(), count: levels.count)
            entries[enrolmentLevel] = enrolment.entry
            entries[personLevel] = persons[enrolment.person]
            entries[cohortLevel] = cohorts[enrolment.cohort]
            return entries
        }

        switch kind {
        case .count, .share:
            // …with each of the person's kept outcomes when the source has outcomes.
            var outcomes: [[Entry]]?
            if let outcomeLevel = index(.outcome) {
                var byPerson = [[Entry]](repeating: [], count: personIDs.count)
                try levels[outcomeLevel].read(db, sql: try sql(.outcome), parts: &parts[outcomeLevel]) { row, part, kept, value in
                    guard kept, let person = personIndex[row[0] as String] else { return }
                    byPerson[person].append(Entry(part: part, kept: kept, value: value))
                }
                outcomes = byPerson
            }
            let valueLevel = levels.firstIndex { $0.value != nil }
            for row in rows {
                var joined = entries(row)
                let person = enrolments[row.enrolment].person
                for outcome in outcomes.map({ $0[person] }) ?? [Entry()] {
                    if let outcomeLevel = index(.outcome) { joined[outcomeLevel] = outcome }
                    let group = group(joined, band: row.band)
                    var flags = people[group][person] ?? 0
                    if let valueLevel, joined[valueLevel].value >= 0 { flags |= joined[valueLevel].value == 1 ? 3 : 1 }
                    people[group][person] = flags
                }
            }
        case .pairedChange:
            guard let constructLevel = index(.construct) else {
                throw QueryError.badResource(file: "queries/metrics.yaml", reason: "pairs without constructs")
            }
            let respondents = rows.map {
                ConstructScoreTable.PersonCohort(participantKey: personKeys[enrolments[$0.enrolment].person],
                                                 cohortKey: cohortKeys[enrolments[$0.enrolment].cohort])
            }
            let scores = try RespondentScores(SQLiteAnalysisSnapshot(db), respondents: respondents)
            var constructs: [(construct: Int, entry: Entry)] = []
            try levels[constructLevel].read(db, sql: try sql(.construct), parts: &parts[constructLevel]) { row, part, kept, value in
                guard kept, let key = row[0] as Int64?, let construct = scores.catalogue.construct(key: key) else { return }
                constructs.append((construct, Entry(part: part, kept: kept, value: value)))
            }
            // In construct_key order within a person-cohort.
            constructs.sort { (scores.catalogue.constructs[$0.construct].key ?? 0) < (scores.catalogue.constructs[$1.construct].key ?? 0) }
            for (respondent, row) in rows.enumerated() {
                var joined = entries(row)
                for construct in constructs {
                    guard let before = scores.score(respondent: respondent, construct: construct.construct, wave: .pre),
                          let after = scores.score(respondent: respondent, construct: construct.construct, wave: .post) else { continue }
                    joined[constructLevel] = construct.entry
                    let group = group(joined, band: row.band)
                    pre[group].append(before)
                    post[group].append(after)
                }
            }
        }
    }

    /// The group of a row made of these level entries and band, made when first met.
    private mutating func group(_ entries: [Entry], band: Int?) -> Int {
        // One number for the combination: the parts in mixed radix (parts are numbered densely
        // per level, and every level is read before the first group is made), then the band;
        // the parts themselves as the key if that number could overflow.
        let bandCode = bandPosition == nil ? 0 : (band ?? bands.count) + 1
        var combination = 0
        var overflows = false
        for (level, entry) in entries.enumerated() {
            let (product, overflow) = combination.multipliedReportingOverflow(by: parts[level].values.count + 1)
            overflows = overflows || overflow
            combination = product &+ entry.part
        }
        let (product, overflow) = combination.multipliedReportingOverflow(by: bands.count + 2)
        combination = product &+ bandCode
        if overflows || overflow || combination < 0 {
            let key = entries.map(\.part) + [bandCode]
            if let known = groupOfParts[key] { return known }
            groupOfParts[key] = keys.count
        } else {
            if let known = groupOf[combination] { return known }
            groupOf[combination] = keys.count
        }
        var key = [ResultValue](repeating: .null, count: keyCount)
        var order = key
        for (level, entry) in entries.enumerated() where !levels[level].keys.isEmpty {
            let part = parts[level].values[entry.part]
            for (offset, column) in levels[level].keys.enumerated() {
                key[column.position] = part.values[offset]
                order[column.position] = part.orders[offset]
            }
        }
        if let bandPosition {
            key[bandPosition] = .text(bands.label(of: band))
            order[bandPosition] = .integer(Int64(band ?? bands.count))
        }
        keys.append(key)
        orders.append(order)
        people.append([:])
        pre.append([])
        post.append([])
        return keys.count - 1
    }

    /// The groups' indices sorted by each key's order, then its value.
    func sortedGroups() -> [Int] {
        keys.indices.sorted { left, right in
            for (leftOrder, rightOrder) in zip(orders[left], orders[right]) where leftOrder != rightOrder {
                return MetricQuery.precedes(leftOrder, rightOrder)
            }
            for (leftKey, rightKey) in zip(keys[left], keys[right]) where leftKey != rightKey {
                return MetricQuery.precedes(leftKey, rightKey)
            }
            return false
        }
    }

    /// Each id's rank in code-point order (SQLite's BINARY collation, the order of the report).
    private static func ranks(_ ids: [String]) -> [Int] {
        let sorted = ids.indices.sorted { ids[$0].utf8.lexicographicallyPrecedes(ids[$1].utf8) }
        var rank = [Int](repeating: 0, count: ids.count)
        for (position, index) in sorted.enumerated() { rank[index] = position }
        return rank
    }
}
