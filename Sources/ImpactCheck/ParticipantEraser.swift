import Foundation
public import ImpactStore

/// Erases one person from an impact database: every row of every table that names them, in
/// one transaction, with `secure_delete` on so the freed bytes are zeroed, then an optional
/// `VACUUM` and a WAL checkpoint that empties the -wal file. The erasure is logged in
/// `erasures` without personal data. Guarantees and limits: docs/privacy.md.
public struct ParticipantEraser: Sendable {
    private let database: any EraseBackend

    /// An eraser for `database`.
    public init(database: any EraseBackend) {
        self.database = database
    }

    /// Erases `participantID`; `reference` is the operator's own reference for the audit row.
    /// Throws ``CheckError/participantNotFound(_:)`` (and changes nothing) when no table names them.
    public func erase(participantID: String, reference: String? = nil, vacuum: Bool = false) throws -> Erasure {
        try erase(reference: reference, vacuum: vacuum, notFound: .participantNotFound(participantID)) { _ in
            ErasureTarget(id: participantID, alias: nil)
        }
    }

    /// Erases the person whose e-mail address has the keyed hash `emailKey` (`impact erase
    /// --email`): the person stored beside that key, whatever their id (schema/migrations/007), else the one
    /// whose id was derived from it; rejected rows that name the derived id go too, and so does the
    /// stored key. `keyFingerprint` is that of the key the hash was made with: a database whose
    /// e-mail keys were made under another refuses the erasure (``CheckError/keyMismatch(stored:given:)``),
    /// as does an address that names nobody (``CheckError/emailNotFound``); both change nothing.
    public func erase(emailKey: EmailKey, keyFingerprint: KeyFingerprint, reference: String? = nil, vacuum: Bool = false) throws -> Erasure {
        try erase(reference: reference, vacuum: vacuum, notFound: .emailNotFound) { lookup in
            if let databaseKey = try lookup.keyFingerprint(), databaseKey != keyFingerprint {
                throw CheckError.keyMismatch(stored: databaseKey, given: keyFingerprint)
            }
            let derived = emailKey.derivedParticipantID
            let holder = try lookup.person(ofEmailKey: emailKey)
            return ErasureTarget(id: holder ?? derived, alias: holder == nil ? nil : derived)
        }
    }

    /// The store's erasure of the person `identify` names, its failures worded as `CheckError`
    /// (`notFound` when nothing names them).
    private func erase(reference: String?, vacuum: Bool, notFound: CheckError,
                       identify: (any ErasureLookup) throws -> ErasureTarget) throws -> Erasure {
        do {
            let record = try database.erasePerson(reference: reference, vacuum: vacuum, identify: identify) { raw, reason, id in
                Self.rawRow(raw, names: id) || reason.contains("\"" + id + "\"")
            }
            return Erasure(erasureID: record.erasureID, rowsByTable: record.rowsByTable, vacuumed: record.vacuumed)
        } catch let failure as ErasureFailure {
            switch failure {
            case .nobodyNamed: throw notFound
            case let .vacuumFailed(path, detail): throw CheckError.vacuumFailed(path: path, detail: detail)
            case let .walNotEmptied(path, detail): throw CheckError.walNotEmptied(path: path, detail: detail)
            case let .failed(detail): throw CheckError.eraseFailed(detail: detail)
            }
        }
    }

    /// The tables that can hold a person (a `participant_id` or `participant_key` column).
    public func personTables() throws -> [String] {
        try database.personTables()
    }

    /// Whether the raw text of a rejected row names `id`: one of its CSV fields is the id (a
    /// contract file's row as read), or is `id=` and the id (the form the import gives the
    /// rejections of a wide survey export: `id=P1, column=q3, answer=Maybe`).
    static func rawRow(_ raw: String, names id: String) -> Bool {
        CSVRecord.fields(of: raw).contains { field in
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            return trimmed == id || trimmed == "id=" + id
        }
    }
}
