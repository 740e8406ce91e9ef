/// The fingerprint of an id key, as `id_key_fingerprint` keeps it (schema/migrations/007): 16 hex digits
/// that tell two keys apart without revealing either (docs/privacy.md, "One key per database").
public struct KeyFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// The 16 hex digits.
    public let hex: String

    /// The fingerprint whose hex digits are `hex`.
    public init(hex: String) {
        self.hex = hex
    }

    /// The first characters, enough to tell keys apart in a message: `3f9a1c07…`.
    public var description: String { String(hex.prefix(8)) + "…" }

    /// Why a key with this fingerprint is not the database's, whose key has `stored`; the caller
    /// says what it refused and what to do.
    public func mismatch(stored: KeyFingerprint) -> String {
        "the id key at hand (fingerprint \(self)) is not the one this database's e-mail keys were made with (fingerprint \(stored)): under another key the same address gives another hash"
    }
}
