import Foundation
import ImpactStore

/// The people of a database by the keyed hash of their e-mail address (`participant_email_keys`,
/// schema/migrations/007), for the import of one file: a row that names a person only by e-mail finds them
/// whatever id they were imported under, and the e-mails of a participants file are stored, as
/// keys, beside its people once its rows are written. The first e-mail the file hashes checks
/// that the id key is the database's (`id_key_fingerprint`). Rules: docs/privacy.md.
///
/// Loaded on the writing thread as the import begins, used by the reading thread's
/// ``RowConverter``, stored on the writing thread after the last batch: the batch channel orders
/// these steps, so two threads never use the directory at once.
final class PersonDirectory {
    /// The e-mail a participants row gives a person.
    private struct Claim {
        let person: String
        let key: EmailKey
        /// The row's line, when known: what a rejected row claims is not stored.
        let line: Int?
    }

    /// Who holds each key: the stored people, then the people of this file's rows. A key stays
    /// with the person who held it for the rest of the file, even when a row gives them another
    /// (an address moves to someone else in a later import), so no two people ever hold one.
    private var holders: [EmailKey: String] = [:]
    /// Each person's stored key (participants files only).
    private var stored: [String: EmailKey] = [:]
    /// The e-mails the file's rows give people, in file order (only those that may change a key).
    private var claims: [Claim] = []
    private var claimants: Set<String> = []
    /// The fingerprint of the key the database's e-mail keys were made with, if any.
    private let storedFingerprint: KeyFingerprint?
    /// The fingerprint of the key at hand, once the file has hashed an e-mail.
    private var usedFingerprint: KeyFingerprint?

    /// An empty directory, for files that name no person.
    init() {
        storedFingerprint = nil
    }

    /// The stored keys and the key's fingerprint, for a file of `kind`.
    init(_ session: any ImportSession, for kind: FileKind) throws {
        storedFingerprint = try session.keyFingerprint().map(KeyFingerprint.init(hex:))
        for (hex, person) in try session.emailKeys() {
            let key = EmailKey(hex: hex)
            holders[key] = person
            if kind == .participants { stored[person] = key }
        }
    }

    /// The keyed hash of `address` under `hasher`'s key. At the file's first e-mail, a key whose
    /// fingerprint is not the database's refuses the file whole (``IngestError/key(_:)``).
    func key(of address: String, using hasher: KeyedHasher) throws -> EmailKey {
        if usedFingerprint == nil {
            let fingerprint = try hasher.keyFingerprint()
            if let storedFingerprint, fingerprint != storedFingerprint {
                throw IngestError.key("\(fingerprint.mismatch(stored: storedFingerprint)), so this file's e-mail rows would find nobody and make new people. Restore the original key file from your backup, or set IMPACT_ID_KEY or IMPACT_KEY_FILE to the original key (the key at hand is \(hasher.keySource))")
            }
            usedFingerprint = fingerprint
        }
        return try hasher.emailKey(forEmail: address)
    }

    /// The person who holds `key`, if anyone does.
    func person(holding key: EmailKey) -> String? {
        holders[key]
    }

    /// Gives `person` the e-mail whose key is `key` (a participants row on line `line`); the key
    /// is stored when the file's rows are. A key another person holds rejects the row.
    func claim(_ key: EmailKey, for person: String, line: Int?) throws {
        if let holder = holders[key], holder != person {
            throw RowProblem(column: "email", reason: "another person has this e-mail: participant_id \"\(holder)\" (one address is one person); correct the e-mail, or import the row under that id")
        }
        holders[key] = person
        // A row that repeats the stored key changes nothing, unless an earlier row of the file gave another.
        guard stored[person] != key || claimants.contains(person) else { return }
        claims.append(Claim(person: person, key: key, line: line))
        claimants.insert(person)
    }

    /// Stores what the file's rows gave, in the import's transaction once they are written: the
    /// key's fingerprint if this was the database's first e-mail, and the e-mail key of each person
    /// whose accepted rows (the last of them) changed it. `importID` finds the rejected rows.
    func store(_ session: any ImportSession, importID: Int64) throws {
        if storedFingerprint == nil, let usedFingerprint {
            try session.recordKeyFingerprint(hex: usedFingerprint.hex, firstUsedAt: Importer.timestamp())
        }
        guard !claims.isEmpty else { return }
        let rejected = Set(try session.rejectedLines(importID: importID))
        var given: [String: EmailKey] = [:]
        var people: [String] = []
        for claim in claims where !(claim.line.map(rejected.contains) ?? false) {
            if given.updateValue(claim.key, forKey: claim.person) == nil { people.append(claim.person) }
        }
        // No key passes from one person to another within a file (see `holders`), so the new
        // keys never collide with the old ones.
        for person in people where given[person] != stored[person] {
            try session.rememberEmailKey(person: person, key: given[person]?.hex)
        }
    }
}
