/// A store that files are imported into (`impact import`): each file in one import session, one
/// write transaction that commits when the session's body returns and rolls back when it throws,
/// so that a refused file leaves the store as it was.
public protocol ImportBackend: Sendable {
    /// Runs `body` in one write transaction and commits it. A throw of `body` rolls everything
    /// back and is rethrown; a statement the store fails throws ``ImportRefusal`` (or the
    /// store's `StoreError` when it is busy or damaged), after rolling back.
    func importSession<T>(_ body: (any ImportSession) throws -> T) throws -> T

    /// What `impact import --dry-run` lists for the import `importID`: its unread values by
    /// column and count, and its rejection reasons by count.
    func dryRunFindings(importID: Int64) throws -> DryRunFindings
}
