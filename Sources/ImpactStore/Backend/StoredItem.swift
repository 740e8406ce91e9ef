/// An item of an instrument as stored: its key and scale.
public struct StoredItem: Sendable, Equatable {
    /// The instrument_id.
    public let instrument: String
    /// The item_id.
    public let item: String
    /// The item's integer key.
    public let key: Int64
    /// The lowest value of its scale.
    public let scaleMin: Int64
    /// The highest value of its scale.
    public let scaleMax: Int64

    /// An item as stored.
    public init(instrument: String, item: String, key: Int64, scaleMin: Int64, scaleMax: Int64) {
        self.instrument = instrument
        self.item = item
        self.key = key
        self.scaleMin = scaleMin
        self.scaleMax = scaleMax
    }
}
