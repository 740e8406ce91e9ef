/// The keyed hash of an e-mail address, as `participant_email_keys` keeps it beside a person
/// (schema/migrations/007): 32 lower-case hex digits. The address itself is never stored (docs/privacy.md).
public struct EmailKey: Sendable, Hashable {
    /// The 32 hex digits.
    public let hex: String

    /// The key whose hex digits are `hex` (as made by the importer's keyed hasher).
    public init(hex: String) {
        self.hex = hex
    }

    /// The participant id derived from the address, for a person known by nothing else:
    /// `e_` and the key's hex digits.
    public var derivedParticipantID: String { "e_" + hex }
}
