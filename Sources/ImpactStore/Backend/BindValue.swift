/// A value ready to bind to a statement parameter.
public enum BindValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}
