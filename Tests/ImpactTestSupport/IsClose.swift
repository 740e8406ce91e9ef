/// Whether `actual` agrees with `expected` to within `relative` of |expected|, or within
/// `absolute` (0 unless given: only for figures that can be exactly 0); nil matches only nil.
public func isClose(_ actual: Double?, _ expected: Double?, relative: Double = 1e-9, absolute: Double = 0) -> Bool {
    switch (actual, expected) {
    case (nil, nil):
        return true
    case let (actual?, expected?):
        if actual == expected { return true }
        return abs(actual - expected) <= max(relative * abs(expected), absolute)
    default:
        return false
    }
}
