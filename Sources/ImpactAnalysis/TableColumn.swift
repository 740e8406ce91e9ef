/// One column of an output table as declared once: its name, what its cells hold, how a
/// public report writes it and what it is to the partitions of secondary suppression.
public struct TableColumn: Sendable, Hashable {
    /// The header, e.g. `n_known`.
    public let name: String
    /// What the cells hold.
    public let kind: Kind
    /// How a public report writes the column (docs/reports.md, "Public mode").
    public let publication: PublicationRole
    /// What the column is to the totals and parts of a table, if anything.
    public let partition: PartitionRole?

    /// What the cells of a column hold.
    public enum Kind: Sendable, Hashable {
        /// A key or label (text, a year, a flag).
        case key
        /// A count (an integer).
        case count
        /// A figure (a number in full precision, empty when undefined).
        case figure
    }

    /// A column with every property given.
    public init(_ name: String, kind: Kind, publication: PublicationRole, partition: PartitionRole? = nil) {
        self.name = name
        self.kind = kind
        self.publication = publication
        self.partition = partition
    }

    /// A key published as is (`kind` `.count` or `.figure` for one that holds numbers).
    public static func key(_ name: String, kind: Kind = .key, partition: PartitionRole? = nil) -> TableColumn {
        TableColumn(name, kind: kind, publication: .key, partition: partition)
    }

    /// A count of people (or pairs, or enrolments), rounded to 5 when published.
    public static func count(_ name: String) -> TableColumn {
        TableColumn(name, kind: .count, publication: .count)
    }

    /// A figure of a suppression class, written in `format` when its class is shown.
    public static func figure(_ name: String, _ suppression: SuppressionClass, _ format: PublicationRole.Format) -> TableColumn {
        TableColumn(name, kind: .figure, publication: .figure(suppression, format))
    }

    /// A column left out of public tables.
    public static func dropped(_ name: String, kind: Kind) -> TableColumn {
        TableColumn(name, kind: kind, publication: .dropped)
    }

    /// A figure that is already public, rounded as `format` says.
    public static func published(_ name: String, _ format: PublicationRole.Format) -> TableColumn {
        TableColumn(name, kind: .figure, publication: .published(format))
    }
}
