/// Holm's step-down adjusted p-values for a family of tests, in the order given; nil entries
/// pass through and do not count towards the family size m (Holm 1979).
///
/// With the m p-values sorted ascending, p̃₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎);
/// the same as statsmodels `multipletests(p, method="holm")`.
public func holmAdjusted(_ pValues: [Double?]) -> [Double?] {
    adjusted(pValues) { sorted in
        let m = Double(sorted.count)
        var result = [Double](repeating: 0, count: sorted.count)
        var running = 0.0
        for (rank, p) in sorted.enumerated() {
            running = max(running, min(1, (m - Double(rank)) * p))
            result[rank] = running
        }
        return result
    }
}

/// Benjamini–Hochberg adjusted p-values (false discovery rate), in the order given; nil entries
/// pass through and do not count towards the family size m (Benjamini & Hochberg 1995).
///
/// With the m p-values sorted ascending, p̃₍ᵢ₎ = min over j ≥ i of min(1, m/j · p₍ⱼ₎);
/// the same as statsmodels `multipletests(p, method="fdr_bh")`.
public func benjaminiHochbergAdjusted(_ pValues: [Double?]) -> [Double?] {
    adjusted(pValues) { sorted in
        let m = Double(sorted.count)
        var result = [Double](repeating: 0, count: sorted.count)
        var running = 1.0
        for rank in sorted.indices.reversed() {
            running = min(running, m / Double(rank + 1) * sorted[rank])
            result[rank] = running
        }
        return result
    }
}

/// Applies `adjust` (ascending p-values in, adjusted values in the same order out) to the
/// non-nil entries and puts the results back in their places.
private func adjusted(_ pValues: [Double?], _ adjust: ([Double]) -> [Double]) -> [Double?] {
    precondition(pValues.allSatisfy { $0.map { $0 >= 0 && $0 <= 1 } ?? true },
                 "p-values must lie in [0, 1]")
    let present = pValues.indices.filter { pValues[$0] != nil }
        .sorted { (pValues[$0] ?? 0, $0) < (pValues[$1] ?? 0, $1) }
    let values = adjust(present.map { pValues[$0] ?? 0 })
    var result = [Double?](repeating: nil, count: pValues.count)
    for (rank, index) in present.enumerated() { result[index] = values[rank] }
    return result
}
