/// A row the store refused to insert (a key or a check it breaks): the table, the row's line in
/// its file, its values and the store's message.
public struct RefusedInsert: Error, Sendable, Equatable {
    /// The table the row was for.
    public let table: String
    /// The row's line in its file.
    public let line: Int
    /// The row's values, in the target's column order.
    public let values: [BindValue]
    /// What the store said.
    public let message: String

    /// A refusal of the row on `line` for `table`.
    public init(table: String, line: Int, values: [BindValue], message: String) {
        self.table = table
        self.line = line
        self.values = values
        self.message = message
    }
}
