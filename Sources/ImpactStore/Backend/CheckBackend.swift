/// A store the data-quality checks run against (`impact check`): its integrity check, and the
/// check queries of `queries/check/` run in one read transaction (one consistent snapshot, even
/// while an import writes).
public protocol CheckBackend: Sendable {
    /// Checks the file as `check` says; throws `StoreError.damaged` with what it found.
    func checkIntegrity(_ check: ImpactDatabase.IntegrityCheck) throws

    /// Runs each of `queries`, in order and in one read transaction, with `parameters` bound by
    /// name; `row` gets the query's index and each row by column name (the first of a repeated
    /// name). A query the database fails throws ``CheckQueryFailure``; a busy or damaged database
    /// throws its `StoreError`.
    func readCheckRows(_ queries: [StoreResources.SQLFile], parameters: [String: ResultValue],
                       row: (_ query: Int, _ row: [String: ResultValue]) throws -> Void) throws
}

/// A check query the database could not run: the query's name and the database's message.
public struct CheckQueryFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The query's file name, without `.sql`.
    public let query: String
    /// What the database said.
    public let detail: String

    /// A failure of `query` with `detail`.
    public init(query: String, detail: String) {
        self.query = query
        self.detail = detail
    }

    /// The query and the message.
    public var description: String { "\(query): \(detail)" }
}
