/// A store a person can be erased from (`impact erase`, docs/privacy.md): every row of every
/// table that names them, in one write transaction with freed bytes zeroed, logged without
/// personal data; then an optional compaction, and no log of the rows left behind.
public protocol EraseBackend: Sendable {
    /// The tables that can hold a person (a `participant_id` or `participant_key` column).
    func personTables() throws -> [String]

    /// Erases one person in one write transaction: `identify` says whom (it may look them up and
    /// throw to refuse, changing nothing); every table's rows of their id and key go, and the
    /// rejected rows `namesPerson(raw, reason, id)` says name their id or alias; the erasure is
    /// recorded with `reference`. Throws ``ErasureFailure/nobodyNamed`` (and changes nothing)
    /// when no row names them.
    func erasePerson(reference: String?, vacuum: Bool,
                     identify: (any ErasureLookup) throws -> ErasureTarget,
                     namesPerson: (_ raw: String, _ reason: String, _ id: String) -> Bool) throws -> ErasureRecord
}

/// What an erasure may look up before it removes anything.
public protocol ErasureLookup {
    /// The fingerprint of the key the database's e-mail keys were made with, if it has one.
    func keyFingerprint() throws -> KeyFingerprint?
    /// The participant id stored beside an e-mail key, if any.
    func person(ofEmailKey key: EmailKey) throws -> String?
}

/// Whom an erasure removes: their id, and another id rejected rows may name them by.
public struct ErasureTarget: Sendable, Equatable {
    /// The participant id.
    public let id: String
    /// Another id of theirs (the one derived from their e-mail key), if any.
    public let alias: String?

    /// The person `id`, also known as `alias`.
    public init(id: String, alias: String?) {
        self.id = id
        self.alias = alias
    }
}

/// What one erasure removed, as recorded.
public struct ErasureRecord: Sendable, Equatable {
    /// The row of the audit table `erasures`.
    public let erasureID: Int64
    /// Rows removed, by table name (`rejected_rows` included).
    public let rowsByTable: [String: Int]
    /// Whether the file was compacted afterwards.
    public let vacuumed: Bool

    /// A record of these rows removed.
    public init(erasureID: Int64, rowsByTable: [String: Int], vacuumed: Bool) {
        self.erasureID = erasureID
        self.rowsByTable = rowsByTable
        self.vacuumed = vacuumed
    }
}

/// Why an erasure failed.
public enum ErasureFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// No row names the person; nothing was changed.
    case nobodyNamed
    /// The erasure committed, but compacting the file at `path` failed.
    case vacuumFailed(path: String, detail: String)
    /// The erasure committed, but the log beside the file at `path` still holds pages.
    case walNotEmptied(path: String, detail: String)
    /// The database failed the erasure; nothing was changed.
    case failed(detail: String)

    /// A short account; ImpactCheck words each case for the user.
    public var description: String {
        switch self {
        case .nobodyNamed: return "no row names the person"
        case let .vacuumFailed(path, detail): return "\(path): VACUUM failed: \(detail)"
        case let .walNotEmptied(path, detail): return "\(path): the -wal file was not emptied: \(detail)"
        case let .failed(detail): return detail
        }
    }
}
