/// How serious a data-quality finding is: `error` (a figure built on this data is wrong or
/// unusable until it is fixed), `warning` (a figure may mislead; look before reporting),
/// `info` (worth knowing, e.g. for the methods note).
public enum CheckLevel: String, Sendable, CaseIterable, Comparable {
    case info
    case warning
    case error

    /// Severity order: info < warning < error.
    public static func < (lhs: CheckLevel, rhs: CheckLevel) -> Bool {
        lhs.severity < rhs.severity
    }

    private var severity: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }
}
