/// The prepared inserts of one table in an import session.
public protocol TableInserts: AnyObject {
    /// Rows the store inserted or replaced so far.
    var changes: Int { get }
    /// Writes rows given flattened (`lines.count` rows of the target's width). A row the store
    /// refuses goes to `refused` (and the others are written); a throw of `refused` stops.
    func write(_ values: [BindValue], lines: [Int], refused: (RefusedInsert) throws -> Void) throws
}
