/// A table an import writes, as its inserts see it: each row is the table's `columns` in order,
/// the stored row with the same `key` is replaced only when it differs (so an import repeated
/// changes nothing), and only by a row whose `newerWins` column is as late or later, when one is named.
public struct InsertTarget: Sendable, Equatable {
    /// The table name.
    public let table: String
    /// The inserted columns, in the order of each row's values.
    public let columns: [String]
    /// The natural key (the conflict target).
    public let key: [String]
    /// The column whose later value replaces a stored row (an unknown value counts as the
    /// earliest; on a tie the row written later wins), if any.
    public let newerWins: String?

    /// The target `table`, its `columns`, `key` and `newerWins` column.
    public init(table: String, columns: [String], key: [String], newerWins: String? = nil) {
        self.table = table
        self.columns = columns
        self.key = key
        self.newerWins = newerWins
    }
}
