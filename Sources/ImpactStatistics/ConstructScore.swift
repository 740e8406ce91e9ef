/// One answered survey item: its value and the item's scale.
public struct ItemAnswer: Sendable, Equatable {
    /// The answer, an integer on the item's scale.
    public let value: Int
    /// The lowest value of the item's scale (survey_items.scale_min).
    public let scaleMin: Int
    /// The highest value of the item's scale (survey_items.scale_max).
    public let scaleMax: Int
    /// Whether the item is reverse-coded (survey_items.reverse_coded).
    public let isReverseCoded: Bool

    /// An answer `value` to an item on the scale `scaleMin`…`scaleMax`.
    public init(value: Int, scaleMin: Int, scaleMax: Int, isReverseCoded: Bool = false) {
        self.value = value
        self.scaleMin = scaleMin
        self.scaleMax = scaleMax
        self.isReverseCoded = isReverseCoded
    }

    /// The value after reverse-coding: min + max − value for a reverse-coded item.
    public var codedValue: Int {
        isReverseCoded ? scaleMin + scaleMax - value : value
    }
}

/// The score of a construct with `itemCount` items from the `answers` given (at most one per
/// item): the mean of the reverse-coded answers, or nil unless at least half the items, rounded
/// up, are answered (the data contract's "Construct scores"), or every item when
/// `requiringEveryItem` (an instrument scored `all_items`, docs/metrics.md).
///
/// The mean is one division of the exact integer sum, so equal means are equal Doubles.
public func constructScore(answers: [ItemAnswer], itemCount: Int, requiringEveryItem: Bool = false) -> Double? {
    precondition(answers.count <= itemCount,
                 "a construct of \(itemCount) items cannot have \(answers.count) answers")
    let required = requiringEveryItem ? itemCount : (itemCount + 1) / 2
    guard !answers.isEmpty, answers.count >= required else { return nil }
    let total = answers.reduce(0) { $0 + $1.codedValue }
    return Double(total) / Double(answers.count)
}
