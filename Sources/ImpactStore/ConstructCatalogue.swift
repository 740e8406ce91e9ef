public import GRDB

/// A survey wave, in the contract's order.
public enum SurveyWave: Int, CaseIterable, Sendable {
    case pre, post, followUp

    /// The stored text (`answers.wave`).
    public var text: String { storedText.description }

    /// The stored text as a static string (bound to SQLite without a copy).
    var storedText: StaticString {
        switch self {
        case .pre: return "pre"
        case .post: return "post"
        case .followUp: return "follow_up"
        }
    }

    /// The wave written as `text` (`pre`, `post` or `follow_up`), or nil.
    public init?(text: String) {
        guard let wave = Self.allCases.first(where: { $0.text == text }) else { return nil }
        self = wave
    }

    /// The wave of a stored text, from its first two bytes: the CHECK on `wave` allows only `pre`,
    /// `post` and `follow_up` (a CASE in the SQL would be evaluated for every row of the pass, at a
    /// cost docs/performance.md records).
    public static func of(text bytes: UnsafePointer<UInt8>) -> SurveyWave {
        bytes[0] == UInt8(ascii: "f") ? .followUp : bytes[1] == UInt8(ascii: "r") ? .pre : .post
    }
}

/// The constructs of the survey instruments (`survey_items`), each with its items, sorted by
/// instrument and construct (code-point order), with their keys in `survey_constructs`.
public struct ConstructCatalogue: Sendable {
    /// One construct of one instrument.
    public struct Construct: Sendable, Equatable {
        public let instrumentID: String
        public let name: String
        /// The item ids, in code-point order; an item's position in the construct is its index here.
        public let itemIDs: [String]
        /// Whether each item (in the order of `itemIDs`) is reverse-coded.
        public let itemIsReverseCoded: [Bool]
        /// `survey_constructs.construct_key` (nil until the constructs are numbered).
        public let key: Int64?
        /// The instrument's scoring rule (`survey_constructs.scoring`; at_least_half until numbered).
        public let scoring: ScoringRule
        /// `survey_constructs.min_answered` (nil until numbered, when the construct has no scores).
        let minimumAnswered: Int?

        /// The number of items k.
        public var itemCount: Int { itemIDs.count }
        /// The fewest answered items that give a score, as schema/migrations/010 derives it from the rule:
        /// ⌈k/2⌉, or k for an instrument scored on all items (k until the constructs are numbered).
        public var requiredAnswers: Int { minimumAnswered ?? itemCount }
    }

    /// How one item is scored.
    public struct Item: Sendable {
        public let construct: Int
        public let position: Int
        public let scaleMin: Int
        public let scaleMax: Int
        public let isReverseCoded: Bool

        /// The value after reverse-coding (min + max − value for a reverse-coded item).
        public func coded(_ value: Int) -> Int { isReverseCoded ? scaleMin + scaleMax - value : value }
    }

    public let constructs: [Construct]
    /// Items by `item_key`, dense (item keys are SQLite's small row ids).
    private let itemsByKey: [Item?]
    /// Construct indices by `construct_key`, dense (-1: none).
    private let constructsByKey: [Int]

    /// The item with this `survey_items.item_key`.
    public func item(key: Int64) -> Item? {
        key >= 0 && key < itemsByKey.count ? itemsByKey[Int(key)] : nil
    }

    /// The index in `constructs` of this `survey_constructs.construct_key`.
    public func construct(key: Int64) -> Int? {
        guard key >= 0, key < constructsByKey.count else { return nil }
        let index = constructsByKey[Int(key)]
        return index >= 0 ? index : nil
    }

    /// The most items any construct has.
    public var maximumItemCount: Int { constructs.map(\.itemCount).max() ?? 0 }

    /// Reads `survey_items` and the construct keys of `survey_constructs`.
    public static func read(_ db: Database) throws -> ConstructCatalogue {
        let rows = try Row.fetchAll(db, sql: try StoreResources.query("scores/survey_items"))
        struct Entry { let key: Int64; let instrument: String; let item: String; let construct: String; let min: Int; let max: Int; let reverse: Bool }
        let entries = rows.map { Entry(key: $0[0], instrument: $0[1], item: $0[2], construct: $0[3], min: $0[4], max: $0[5], reverse: $0[6]) }
        var keys: [[String]: Int64] = [:]
        var rules: [[String]: (scoring: ScoringRule, minimum: Int)] = [:]
        for row in try Row.fetchAll(db, sql: try StoreResources.query("scores/constructs")) {
            let name: [String] = [row[1], row[2]]
            keys[name] = row[0]
            // The CHECK of schema/migrations/010 allows only the rule's two texts.
            rules[name] = (ScoringRule(rawValue: row[3]) ?? .atLeastHalf, row[4])
        }
        var grouped: [[String]: [Entry]] = [:]
        for entry in entries { grouped[[entry.instrument, entry.construct], default: []].append(entry) }
        let names = grouped.keys.sorted { codePointPrecedes($0[0], $1[0]) || ($0[0] == $1[0] && codePointPrecedes($0[1], $1[1])) }
        var constructs: [Construct] = []
        var itemsByKey = [Item?](repeating: nil, count: Int(entries.map(\.key).max() ?? -1) + 1)
        var constructsByKey = [Int](repeating: -1, count: Int(keys.values.max() ?? -1) + 1)
        for name in names {
            let members = (grouped[name] ?? []).sorted { codePointPrecedes($0.item, $1.item) }
            for (position, entry) in members.enumerated() {
                itemsByKey[Int(entry.key)] = Item(construct: constructs.count, position: position,
                                                  scaleMin: entry.min, scaleMax: entry.max, isReverseCoded: entry.reverse)
            }
            let key = keys[name]
            if let key, key >= 0 { constructsByKey[Int(key)] = constructs.count }
            constructs.append(Construct(instrumentID: name[0], name: name[1], itemIDs: members.map(\.item),
                                        itemIsReverseCoded: members.map(\.reverse), key: key,
                                        scoring: rules[name]?.scoring ?? .atLeastHalf, minimumAnswered: rules[name]?.minimum))
        }
        return ConstructCatalogue(constructs: constructs, itemsByKey: itemsByKey, constructsByKey: constructsByKey)
    }
}

/// Code-point (UTF-8 byte) order: the order of SQLite's BINARY collation and of Python's `sorted`.
public func codePointPrecedes(_ left: String, _ right: String) -> Bool {
    left.utf8.lexicographicallyPrecedes(right.utf8)
}
