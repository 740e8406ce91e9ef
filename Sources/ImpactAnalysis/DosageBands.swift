import ImpactStatistics

/// Contact-hours bands for dosage tables: cut points c₁ < … < cₖ make the bands
/// [0, c₁), [c₁, c₂), …, [cₖ, ∞), labelled `<c₁`, `c₁-c₂`, …, `>=cₖ`; unknown hours form the
/// band `unknown`. The default, 3 and 8, gives HEAT's bands `<3`, `3-8` and `>=8`.
public struct DosageBands: Sendable, Equatable {
    /// The cut points, strictly increasing.
    public let cutPoints: [Double]

    /// The default bands: below 3 hours, 3 to below 8, 8 or more.
    public static let standard = DosageBands(checked: [3, 8])

    /// Bands cut at `cutPoints`; nil unless there is at least one, all finite, positive and
    /// strictly increasing (a command line reports that as an invalid argument).
    public init?(cutPoints: [Double]) {
        guard !cutPoints.isEmpty, cutPoints.allSatisfy({ $0.isFinite && $0 > 0 }),
              zip(cutPoints, cutPoints.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        self.cutPoints = cutPoints
    }

    private init(checked cutPoints: [Double]) {
        self.cutPoints = cutPoints
    }

    /// The number of bands with known hours (one more than the cut points).
    public var count: Int { cutPoints.count + 1 }

    /// The band of `hours` (0-based), nil for unknown hours: the number of cut points ≤ hours.
    public func band(of hours: Double?) -> Int? {
        guard let hours else { return nil }
        return cutPoints.reduce(0) { $0 + (hours >= $1 ? 1 : 0) }
    }

    /// The band's label: `<3`, `3-8`, `>=8`, or `unknown` for nil.
    public func label(of band: Int?) -> String {
        guard let band else { return "unknown" }
        if band == 0 { return "<" + shortestText(cutPoints[0]) }
        if band == cutPoints.count { return ">=" + shortestText(cutPoints[band - 1]) }
        return shortestText(cutPoints[band - 1]) + "-" + shortestText(cutPoints[band])
    }

    /// The band's inclusive lower limit in hours (0 for the first band, nil for unknown).
    public func lowerLimit(of band: Int?) -> Double? {
        guard let band else { return nil }
        return band == 0 ? 0 : cutPoints[band - 1]
    }

    /// The band's exclusive upper limit in hours (nil for the last band and unknown).
    public func upperLimit(of band: Int?) -> Double? {
        guard let band, band < cutPoints.count else { return nil }
        return cutPoints[band]
    }
}
