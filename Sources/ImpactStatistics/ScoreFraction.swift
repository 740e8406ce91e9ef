/// A construct score as the store keeps it: the integer sum of the coded answers over the number
/// of items answered (`coded_sum / n_answered`, schema/migrations/006), so that statistics can be formed from
/// integers and equal rational scores are equal (8/2 and 12/3, and differences such as
/// 14/3 − 11/3 and 11/3 − 8/3).
///
/// Eight bytes: both parts are 32-bit, which the import's limits keep them within (scale values
/// of −1000 to 1000).
public struct ScoreFraction: Sendable, Hashable {
    private let sum: Int32
    private let count: Int32

    /// The score `codedSum / answered`; nil when `answered` is not positive or either part does
    /// not fit in 32 bits.
    public init?(codedSum: Int, answered: Int) {
        guard answered > 0, let sum = Int32(exactly: codedSum), let count = Int32(exactly: answered) else { return nil }
        self.sum = sum
        self.count = count
    }

    /// The integer score `value` (over 1).
    public init(_ value: Int32) {
        sum = value
        count = 1
    }

    /// The sum of the coded answers.
    public var codedSum: Int { Int(sum) }

    /// The number of items answered (at least 1).
    public var answered: Int { Int(count) }

    /// The score as a double: the sum divided once by the count (the same Double as
    /// `numpy.mean` of the coded values).
    public var value: Double { Double(sum) / Double(count) }
}
