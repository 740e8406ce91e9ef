/// One column of a table or view of the database as it is (the data dictionary lays its
/// descriptions beside these).
public struct SchemaColumn: Sendable, Equatable {
    /// The table or view.
    public let object: String
    /// `table` or `view`.
    public let kind: String
    /// The column's name.
    public let name: String
    /// Its declared type (empty for most view columns).
    public let type: String

    /// A column `name` of type `type` in the table or view `object` of `kind`.
    public init(object: String, kind: String, name: String, type: String) {
        self.object = object
        self.kind = kind
        self.name = name
        self.type = type
    }
}
