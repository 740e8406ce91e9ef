/// Items of an instrument stored earlier with another scoring rule than a file gives it.
public struct ScoringConflict: Sendable, Equatable {
    /// How many stored items disagree.
    public let count: Int
    /// Their stored rule.
    public let stored: String
    /// The first of their item_ids.
    public let items: [String]

    /// `count` items stored with rule `stored`, the first of them `items`.
    public init(count: Int, stored: String, items: [String]) {
        self.count = count
        self.stored = stored
        self.items = items
    }
}
