/// A line of a file described without its content, for a message about a file that was not
/// recognised: how many fields and bytes it has ("1 field, 97 bytes"), which tells a header
/// from a key or a line of another format without showing either (docs/privacy.md).
struct LineShape: CustomStringConvertible, Sendable, Equatable {
    /// Number of fields.
    let fields: Int
    /// Bytes of the fields and the commas between them (quotes not counted).
    let bytes: Int

    /// The shape of a line read as `fields`.
    init(_ fields: [String]) {
        self.fields = fields.count
        bytes = fields.reduce(max(0, fields.count - 1)) { $0 + $1.utf8.count }
    }

    var description: String {
        "\(fields) field\(fields == 1 ? "" : "s"), \(bytes) byte\(bytes == 1 ? "" : "s")"
    }
}
