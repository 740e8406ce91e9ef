/// One output table declared once: its columns in order, each with its kind, publication role
/// and partition role, and the table's own publication rules. The builders take their header
/// from it, a public report its rules, secondary suppression its totals and parts.
public struct TableDeclaration: Sendable {
    /// The table.
    public let kind: TableKind
    /// The columns, in the order of the header.
    public let columns: [TableColumn]
    /// How the rows add up, for secondary suppression.
    public let partition: PartitionRule
    /// Classes of one row that fall together (a difference with the rates it is computed from).
    public let linked: [LinkedSuppression]
    /// The column counting the people a row describes, in a table whose rows exist only for
    /// groups someone belongs to and whose group is itself the content (ethnicity × gender): a
    /// public table leaves out rows of 1 or 2 people, so that a missing row reads as what a
    /// rounded 0 reads (0, 1 or 2 people), not as "nobody".
    public let presence: String?

    /// A declaration.
    public init(_ kind: TableKind, columns: [TableColumn], partition: PartitionRule = .none,
                linked: [LinkedSuppression] = [], presence: String? = nil) {
        self.kind = kind
        self.columns = columns
        self.partition = partition
        self.linked = linked
        self.presence = presence
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The declared column named `name`.
    public func column(_ name: String) -> TableColumn? {
        columns.first { $0.name == name }
    }

    /// The declared columns named `names`, in that order (names not declared are left out).
    public func columns(named names: [String]) -> [TableColumn] {
        names.compactMap(column)
    }

    /// The suppression classes of the table's figures, each once, in column order.
    public var suppressionClasses: [SuppressionClass] {
        var seen: [SuppressionClass] = []
        for column in columns {
            if case let .figure(suppression, _) = column.publication, !seen.contains(suppression) { seen.append(suppression) }
        }
        return seen
    }
}
