import GRDB
import ImpactStore

/// A survey wave, in the contract's order.
enum SurveyWave: Int, CaseIterable, Sendable {
    case pre, post, followUp

    /// The stored text (`answers.wave`).
    var text: String {
        switch self {
        case .pre: return "pre"
        case .post: return "post"
        case .followUp: return "follow_up"
        }
    }
}

/// The constructs of the survey instruments (`survey_items`), each with its items, sorted by
/// instrument and construct (code-point order).
struct ConstructCatalogue: Sendable {
    /// One construct of one instrument.
    struct Construct: Sendable, Equatable {
        let instrumentID: String
        let name: String
        /// The item ids, in code-point order; an item's position in the construct is its index here.
        let itemIDs: [String]

        /// The number of items k; a score needs ⌈k/2⌉ of them answered.
        var itemCount: Int { itemIDs.count }
        /// ⌈k/2⌉: the fewest answered items that give a score.
        var requiredAnswers: Int { (itemCount + 1) / 2 }
    }

    /// How one item is scored.
    struct Item: Sendable {
        let construct: Int
        let position: Int
        let scaleMin: Int
        let scaleMax: Int
        let isReverseCoded: Bool

        /// The value after reverse-coding (min + max − value for a reverse-coded item).
        func coded(_ value: Int) -> Int { isReverseCoded ? scaleMin + scaleMax - value : value }
    }

    let constructs: [Construct]
    /// Items by `item_key`, dense (item keys are SQLite's small row ids).
    private let itemsByKey: [Item?]

    /// The item with this `survey_items.item_key`.
    func item(key: Int64) -> Item? {
        key >= 0 && key < itemsByKey.count ? itemsByKey[Int(key)] : nil
    }

    /// The most items any construct has.
    var maximumItemCount: Int { constructs.map(\.itemCount).max() ?? 0 }

    static func read(_ db: Database) throws -> ConstructCatalogue {
        let rows = try Row.fetchAll(db, sql: try StoreResources.query("analysis/survey_items"))
        struct Entry { let key: Int64; let instrument: String; let item: String; let construct: String; let min: Int; let max: Int; let reverse: Bool }
        let entries = rows.map { Entry(key: $0[0], instrument: $0[1], item: $0[2], construct: $0[3], min: $0[4], max: $0[5], reverse: $0[6]) }
        var grouped: [[String]: [Entry]] = [:]
        for entry in entries { grouped[[entry.instrument, entry.construct], default: []].append(entry) }
        let names = grouped.keys.sorted { codePointPrecedes($0[0], $1[0]) || ($0[0] == $1[0] && codePointPrecedes($0[1], $1[1])) }
        var constructs: [Construct] = []
        var itemsByKey = [Item?](repeating: nil, count: Int(entries.map(\.key).max() ?? -1) + 1)
        for name in names {
            let members = (grouped[name] ?? []).sorted { codePointPrecedes($0.item, $1.item) }
            for (position, entry) in members.enumerated() {
                itemsByKey[Int(entry.key)] = Item(construct: constructs.count, position: position,
                                                  scaleMin: entry.min, scaleMax: entry.max, isReverseCoded: entry.reverse)
            }
            constructs.append(Construct(instrumentID: name[0], name: name[1], itemIDs: members.map(\.item)))
        }
        return ConstructCatalogue(constructs: constructs, itemsByKey: itemsByKey)
    }
}

/// Code-point (UTF-8 byte) order: the order of SQLite's BINARY collation and of Python's `sorted`.
func codePointPrecedes(_ left: String, _ right: String) -> Bool {
    left.utf8.lexicographicallyPrecedes(right.utf8)
}

/// A person in a cohort whose answers are scored: `(participant_key, cohort_key)`.
struct RespondentKey: Hashable, Sendable {
    let participantKey: Int64
    let cohortKey: Int64
}

/// Construct scores and reliability data of the respondents kept, from the passes over `answers`
/// (`AnswerPass`).
///
/// The analysts' definition of a score is the `construct_scores` view (schema/003); this is the
/// same rule computed in Swift, because the view takes seconds on millions of answers and the pass
/// a fraction of one (docs/metrics.md). For each respondent, construct and wave: the score (sum of
/// coded values / number answered, when at least ⌈k/2⌉ of the k items are answered), and for
/// Cronbach's alpha the coded answers of the respondents who answered all k items.
struct ConstructScores: Sendable {
    let catalogue: ConstructCatalogue
    /// The respondents kept, in the order of their indices.
    let respondents: [RespondentKey]
    /// Scores by respondent, construct and wave (`slot`); NaN where there is no score.
    private var scores: [Double]
    /// Per construct-wave slot: how many respondents answered at least one of its items.
    private(set) var respondentsAnswering: [Int]
    /// Per construct-wave slot: the coded answers of the respondents who answered every item,
    /// item-major (`[item][respondent]`), in the order of the passes (participant_key, cohort_key).
    private(set) var completeAnswers: [[[Double]]]

    /// The number of waves (a stored constant, read in the innermost loops).
    static let waveCount = SurveyWave.allCases.count

    /// The score of a respondent (an index into `respondents`) for a construct and wave, if any.
    func score(respondent: Int, construct: Int, wave: SurveyWave) -> Double? {
        let value = scores[respondent * catalogue.constructs.count * Self.waveCount + slot(construct: construct, wave: wave)]
        return value.isNaN ? nil : value
    }

    /// The construct-wave slot of alpha's data.
    func slot(construct: Int, wave: SurveyWave) -> Int { construct * Self.waveCount + wave.rawValue }

    /// The scores of `respondents` from `passes` (in participant_key order, together covering
    /// every answer of the respondents); other person-cohorts the passes met are left out.
    init(catalogue: ConstructCatalogue, respondents: [RespondentKey], passes: [AnswerPass]) {
        let slotCount = catalogue.constructs.count * Self.waveCount
        self.catalogue = catalogue
        self.respondents = respondents
        scores = [Double](repeating: .nan, count: respondents.count * slotCount)
        respondentsAnswering = [Int](repeating: 0, count: slotCount)
        completeAnswers = (0..<slotCount).map { [[Double]](repeating: [], count: catalogue.constructs[$0 / Self.waveCount].itemCount) }
        let index = Dictionary(uniqueKeysWithValues: respondents.enumerated().map { ($0.element, $0.offset) })
        for pass in passes {
            let respondentOfGroup = pass.groups.map { index[$0] ?? -1 }
            for score in pass.scores where respondentOfGroup[score.group] >= 0 {
                scores[respondentOfGroup[score.group] * slotCount + score.slot] = score.value
            }
            for slot in 0..<slotCount {
                respondentsAnswering[slot] += pass.answering[slot].reduce(0) { $0 + (respondentOfGroup[$1] >= 0 ? 1 : 0) }
                let items = pass.completeAnswers[slot]
                for (row, group) in pass.completeGroups[slot].enumerated() where respondentOfGroup[group] >= 0 {
                    for item in items.indices { completeAnswers[slot][item].append(items[item][row]) }
                }
            }
        }
    }

    /// Scores `respondents` from passes over the answers of the given cohorts (nil: all), in
    /// `parts` ranges read at the same time (`AnswerPass.run(on:catalogue:cohorts:parts:)`).
    static func compute(_ database: ImpactDatabase, catalogue: ConstructCatalogue, respondents: [RespondentKey],
                        cohorts: Set<Int64>? = nil, parts: Int = AnswerPass.defaultParts) throws -> ConstructScores {
        let passes = try AnswerPass.run(on: database, catalogue: catalogue, cohorts: cohorts, parts: parts)
        return ConstructScores(catalogue: catalogue, respondents: respondents, passes: passes)
    }
}
