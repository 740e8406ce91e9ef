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

/// The unread values and rejection reasons of one import, most frequent first.
public struct DryRunFindings: Sendable, Equatable {
    /// One unread value: its column, the value and how many cells held it.
    public struct Value: Sendable, Equatable {
        /// The column.
        public let column: String
        /// The value as written.
        public let value: String
        /// How many cells.
        public let count: Int
    }

    /// One rejection reason and how many rows it rejected.
    public struct Reason: Sendable, Equatable {
        /// The reason.
        public let reason: String
        /// How many rows.
        public let count: Int
    }

    /// The unread values.
    public let values: [Value]
    /// The reasons.
    public let reasons: [Reason]
}

/// An item of an instrument as stored: its key and scale.
public struct StoredItem: Sendable, Equatable {
    /// The instrument_id.
    public let instrument: String
    /// The item_id.
    public let item: String
    /// The item's integer key.
    public let key: Int64
    /// The lowest value of its scale.
    public let scaleMin: Int64
    /// The highest value of its scale.
    public let scaleMax: Int64
}

/// The contract's ids of an answer's integer keys (nil where a key finds nothing).
public struct AnswerIDs: Sendable, Equatable {
    /// The participant_id.
    public let participant: String?
    /// The cohort_id.
    public let cohort: String?
    /// The instrument_id.
    public let instrument: String?
    /// The item_id.
    public let item: String?
}

/// Items of an instrument stored earlier with another scoring rule than a file gives it.
public struct ScoringConflict: Sendable, Equatable {
    /// How many stored items disagree.
    public let count: Int
    /// Their stored rule.
    public let stored: String
    /// The first of their item_ids.
    public let items: [String]
}

/// The counts an import ends with, recorded in its ledger row.
public struct ImportCounts: Sendable, Equatable {
    /// The file's SHA-256, in hex.
    public let sha256: String
    /// Data rows read.
    public let rowsRead: Int
    /// Rows accepted.
    public let accepted: Int
    /// Rows inserted.
    public let inserted: Int
    /// Rows replaced.
    public let updated: Int
    /// Rows that changed nothing.
    public let unchanged: Int
    /// Rows rejected.
    public let rejected: Int
    /// When the import finished (ISO 8601).
    public let finished: String

    /// The counts of an import.
    public init(sha256: String, rowsRead: Int, accepted: Int, inserted: Int, updated: Int, unchanged: Int, rejected: Int, finished: String) {
        self.sha256 = sha256
        self.rowsRead = rowsRead
        self.accepted = accepted
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.rejected = rejected
        self.finished = finished
    }
}
