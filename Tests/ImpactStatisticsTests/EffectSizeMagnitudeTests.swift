import Testing
import ImpactStatistics

@Test(arguments: [
    (0.0, EffectSizeMagnitude.negligible), (0.19999999999999998, .negligible), (0.2, .small), (-0.2, .small),
    (0.49, .small), (0.5, .medium), (-0.79, .medium), (0.8, .large), (-3.2, .large), (.infinity, .large),
])
func cohenLabelsFollowTheAbsoluteEffectSize(effectSize: Double, label: EffectSizeMagnitude) {
    #expect(EffectSizeMagnitude(effectSize: effectSize) == label)
}

@Test func missingOrUndefinedEffectSizesHaveNoLabel() {
    #expect(EffectSizeMagnitude(effectSize: nil) == nil)
    #expect(EffectSizeMagnitude(effectSize: .nan) == nil)
    #expect(EffectSizeMagnitude.large.rawValue == "large")
}
