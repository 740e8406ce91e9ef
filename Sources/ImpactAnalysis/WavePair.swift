public import ImpactStore

/// Two survey waves whose scores are paired: pre → post (prepost.csv), and pre → follow_up and
/// post → follow_up for sustained change (sustained.csv).
public enum WavePair: Int, CaseIterable, Sendable {
    case prePost, preFollowUp, postFollowUp

    /// The earlier wave.
    public var from: SurveyWave {
        switch self {
        case .prePost, .preFollowUp: return .pre
        case .postFollowUp: return .post
        }
    }

    /// The later wave.
    public var to: SurveyWave { self == .prePost ? .post : .followUp }

    /// The `waves` cell of sustained.csv: `pre_post`, `pre_follow_up` or `post_follow_up`.
    public var text: String { from.text + "_" + to.text }

    /// The pairs of sustained.csv, in its order.
    public static let sustained: [WavePair] = [.preFollowUp, .postFollowUp]
}
