import ImpactStatistics

/// The difference between participants' rate and a comparison group's rate standardised to
/// the participants' distribution over exact-match cells, with a Wald interval from the
/// stratified variance (direct standardisation; Rothman, Greenland & Lash 2008, ch. 4 and 15).
///
/// With cells c holding both sides, wᶜ = n₁ᶜ / Σn₁ (the participants' share),
/// δ = Σ wᶜ p₁ᶜ − Σ wᶜ p₀ᶜ, Var δ = Σ wᶜ² (p₁ᶜ(1 − p₁ᶜ)/n₁ᶜ + p₀ᶜ(1 − p₀ᶜ)/n₀ᶜ), weights taken as fixed.
struct StratifiedRateDifference: Sendable, Equatable {
    /// One matched cell: participants' and comparison's known and yes counts (both known > 0).
    struct Stratum: Sendable, Equatable {
        let participants: ReachOutcomes.Counts
        let comparison: ReachOutcomes.Counts
    }

    /// Σ wᶜ p₁ᶜ: the matched participants' own rate.
    let participantRate: Double
    /// Σ wᶜ p₀ᶜ: the comparison rate had it the participants' cell distribution.
    let standardisedComparisonRate: Double
    /// participantRate − standardisedComparisonRate.
    let difference: Double
    /// √Var δ.
    let standardError: Double
    /// difference ∓ z · standardError.
    let confidenceInterval: ConfidenceInterval

    /// Nil when there is no stratum (no matched participant).
    init?(strata: [Stratum], z: Double = ConfidenceInterval.contractZ) {
        let matched = strata.reduce(0) { $0 + $1.participants.known }
        guard matched > 0 else { return nil }
        var participantYes = 0
        var comparisonRate = 0.0
        var variance = 0.0
        for stratum in strata {
            let weight = Double(stratum.participants.known) / Double(matched)
            let (n1, n0) = (Double(stratum.participants.known), Double(stratum.comparison.known))
            let p1 = Double(stratum.participants.yes) / n1
            let p0 = Double(stratum.comparison.yes) / n0
            participantYes += stratum.participants.yes
            comparisonRate += weight * p0
            variance += weight * weight * (p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)
        }
        participantRate = Double(participantYes) / Double(matched)
        standardisedComparisonRate = comparisonRate
        difference = participantRate - comparisonRate
        standardError = variance.squareRoot()
        confidenceInterval = ConfidenceInterval(low: difference - z * standardError, high: difference + z * standardError)
    }
}
