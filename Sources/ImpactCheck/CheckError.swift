public import ImpactStore

/// What can go wrong checking or erasing, worded for the person who ran the command.
public enum CheckError: Error, CustomStringConvertible, Equatable {
    /// A check query of `queries/check/` lacks its `-- check:` header or a column.
    case malformedCheck(file: String, detail: String)
    /// SQLite refused a check query.
    case checkFailed(file: String, detail: String)
    /// Nothing in the database names the participant.
    case participantNotFound(String)
    /// No stored e-mail key, person or rejected row matches the e-mail address given.
    case emailNotFound
    /// The id key at hand (`given`) is not the one the database's e-mail keys were made with (`stored`).
    case keyMismatch(stored: KeyFingerprint, given: KeyFingerprint)
    /// SQLite refused the erasure; nothing was erased.
    case eraseFailed(detail: String)
    /// The erasure committed and the -wal was emptied, but VACUUM failed.
    case vacuumFailed(path: String, detail: String)
    /// The erasure committed, but the -wal file could not be emptied.
    case walNotEmptied(path: String, detail: String)

    public var description: String {
        switch self {
        case let .malformedCheck(file, detail):
            return "queries/check/\(file).sql: \(detail); the installation is broken or the file was edited: restore it and rebuild impact."
        case let .checkFailed(file, detail):
            return "the check queries/check/\(file).sql failed (\(detail)); the database may be damaged: run PRAGMA integrity_check on it."
        case let .participantNotFound(id):
            return "no participant \(id) in the database (no table or rejected row names them); nothing was erased. Ids are case-sensitive; an id derived from an e-mail needs the key used at import."
        case .emailNotFound:
            return "no person with that e-mail address in the database (no stored e-mail key, participant or rejected row matches it); nothing was erased. Check the address, or erase by participant id."
        case let .keyMismatch(stored, given):
            return "\(given.mismatch(stored: stored)), so the address would find nobody; nothing was erased. Restore the original key file from your backup, or set IMPACT_ID_KEY or IMPACT_KEY_FILE to the original key; or erase by participant id."
        case let .eraseFailed(detail):
            return "the erasure failed (\(detail)); nothing was erased."
        case let .vacuumFailed(path, detail):
            return "the person was erased and the erasure recorded (their freed pages are zeroed), but VACUUM failed (\(detail)); free some disk space, then run: sqlite3 \(path) 'VACUUM'"
        case let .walNotEmptied(path, detail):
            return "the person was erased and the erasure recorded, but \(path)-wal could not be emptied (\(detail)); another program has the database open. Close it, then run: sqlite3 \(path) 'PRAGMA wal_checkpoint(TRUNCATE)'"
        }
    }
}
