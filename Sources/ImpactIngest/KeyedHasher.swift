import Crypto
public import Foundation
public import ImpactStore

/// Derives pseudonymous participant ids from e-mail addresses with HMAC-SHA256 under a key
/// kept outside the database, so the database never holds an address and ids cannot be
/// recomputed from a list of addresses without the key. See docs/privacy.md.
///
/// The key comes from `IMPACT_ID_KEY` (the secret itself), else the file named by
/// `IMPACT_KEY_FILE` (which must exist), else `$XDG_CONFIG_HOME/impact/id.key` (default
/// `~/.config/impact/id.key`), which is created on first use with owner-only permissions.
public final class KeyedHasher: @unchecked Sendable {
    // @unchecked: the lazily loaded key is guarded by `lock`.
    private let environment: [String: String]
    private let lock = NSLock()
    private var key: SymmetricKey?
    private var created: String?

    /// A hasher that reads its key from `environment` on first use.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Where the key file is, when the key does not come from `IMPACT_ID_KEY`.
    public var keyFilePath: String {
        if let path = environment["IMPACT_KEY_FILE"], !path.isEmpty { return path }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/impact/id.key"
    }

    /// Whether a key is there to use: `IMPACT_ID_KEY` is set, or the key file exists.
    public var keyExists: Bool {
        if let secret = environment["IMPACT_ID_KEY"], !secret.isEmpty { return true }
        return FileManager.default.fileExists(atPath: keyFilePath)
    }

    /// The key file this hasher created (on first use, when none existed), if it did.
    public var createdKeyFile: String? {
        lock.lock()
        defer { lock.unlock() }
        return created
    }

    /// Where the key comes from, for messages: `IMPACT_ID_KEY`, or the key file's path.
    public var keySource: String {
        if let secret = environment["IMPACT_ID_KEY"], !secret.isEmpty { return "IMPACT_ID_KEY" }
        return keyFilePath
    }

    /// The keyed hash of `email`: 32 hex digits of HMAC-SHA256(key, trimmed lower-case email).
    public func emailKey(forEmail email: String) throws -> EmailKey {
        let normal = email.trimmingCharacters(in: .whitespaces).lowercased()
        let mac = HMAC<SHA256>.authenticationCode(for: Data(normal.utf8), using: try loadKey())
        return EmailKey(hex: hexText(mac.prefix(16)))
    }

    /// The participant id for `email`: `e_` and its ``emailKey(forEmail:)``.
    public func participantID(forEmail email: String) throws -> String {
        try emailKey(forEmail: email).derivedParticipantID
    }

    /// The key's fingerprint: 16 hex digits of HMAC-SHA256(key, "impact id key fingerprint v1"),
    /// which tell keys apart and, the key being secret, reveal nothing of it.
    public func keyFingerprint() throws -> KeyFingerprint {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(Self.fingerprintLabel.utf8), using: try loadKey())
        return KeyFingerprint(hex: hexText(mac.prefix(8)))
    }

    /// The message whose keyed hash is a key's fingerprint (versioned, so a new scheme gets a new label).
    static let fingerprintLabel = "impact id key fingerprint v1"

    /// A new secret for an id key: 32 random bytes as 64 hex digits.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return hexText((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    private func loadKey() throws -> SymmetricKey {
        lock.lock()
        defer { lock.unlock() }
        if let key { return key }
        let loaded: SymmetricKey
        if let secret = environment["IMPACT_ID_KEY"], !secret.isEmpty {
            guard secret.utf8.count >= 16 else {
                throw IngestError.key("IMPACT_ID_KEY is shorter than 16 characters; use a long random secret (e.g. openssl rand -hex 32)")
            }
            loaded = SymmetricKey(data: Data(secret.utf8))
        } else {
            loaded = try readOrCreateKeyFile(at: keyFilePath)
        }
        key = loaded
        return loaded
    }

    private func readOrCreateKeyFile(at path: String) throws -> SymmetricKey {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: path) {
            let attributes = try? fileManager.attributesOfItem(atPath: path)
            if let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
                throw IngestError.key("\(path): the key file can be read by other users (mode \(String(mode, radix: 8))); run chmod 600 \(path)")
            }
            // Only a regular file is read: a named pipe would block (`RegularFile`).
            guard let data = try? RegularFile.contents(of: path),
                  let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
                  text.utf8.count >= 16 else {
                throw IngestError.key("\(path): the key file is unreadable or shorter than 16 characters; restore it from your backup (ids derived from e-mails depend on it)")
            }
            return SymmetricKey(data: Data(text.utf8))
        }
        // A key file named on purpose that is not there is a typo or a missing mount, not a
        // first use: a new key would give everyone new ids.
        if let named = environment["IMPACT_KEY_FILE"], !named.isEmpty {
            throw IngestError.key("\(path): IMPACT_KEY_FILE names a key file that does not exist; check the path, or create a new key there on purpose (openssl rand -hex 32 > \(path); chmod 600 \(path))")
        }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw IngestError.key("\(folder): cannot create the folder for the id key (\(error.localizedDescription)); set IMPACT_KEY_FILE to a writable path")
        }
        let secret = Self.newSecret()
        guard fileManager.createFile(atPath: path, contents: Data((secret + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw IngestError.key("\(path): cannot create the id key file; set IMPACT_KEY_FILE to a writable path")
        }
        created = path
        return SymmetricKey(data: Data(secret.utf8))
    }
}
