/// A file the store refused whole (a statement of the import failed): its message. The session's
/// writes are rolled back.
public struct ImportRefusal: Error, Sendable, Equatable {
    /// What the store said.
    public let message: String

    /// A refusal with `message`.
    public init(message: String) {
        self.message = message
    }
}
