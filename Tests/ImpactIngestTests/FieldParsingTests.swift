import Testing
@testable import ImpactIngest

private func parse<T>(_ text: String, _ parser: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    var copy = text
    return copy.withUTF8(parser)
}

@Test(arguments: [("yes", true), ("Y", true), ("TRUE", true), ("1", true), ("no", false), ("n", false), ("False", false), ("0", false)])
func readsContractBooleans(text: String, value: Bool) {
    #expect(parse(text, FieldParsing.bool) == value)
}

@Test(arguments: ["maybe", "2", "yes please", "t", "ja"])
func refusesOtherBooleans(text: String) {
    #expect(parse(text, FieldParsing.bool) == nil)
}

@Test(arguments: [("2024-07-01", "2024-07-01"), ("01/07/2024", "2024-07-01"), ("2024-02-29", "2024-02-29"),
                  ("2024-07-01T10:00:00Z", "2024-07-01"), ("2024-07-01 09:30", "2024-07-01"),
                  ("1/7/2024", "2024-07-01"), ("01/07/2024 00:00", "2024-07-01"), ("29/2/2024", "2024-02-29"),
                  ("2024-11-29T10:15:00.123+01:00", "2024-11-29"), ("2024-11-29 10:15:30", "2024-11-29"),
                  ("29/11/2024 2:30 PM", "2024-11-29"), ("2024-11-29T23:59:59-0500", "2024-11-29"),
                  ("2024-01-01 10:00:00 UTC", "2024-01-01"), ("2024-01-01 10:00:00 GMT", "2024-01-01"),
                  ("2024-01-01 00:00:00 +0000", "2024-01-01"), ("01/01/2024 10:00 +01:00", "2024-01-01")])
func readsISOAndUKDates(text: String, iso: String) {
    #expect(parse(text, FieldParsing.date) == iso)
}

@Test(arguments: ["2023-02-29", "2024-13-01", "31/04/2024", "07/01/24", "2024/07/01", "1 July 2024", "2024-7-1", "2024-07-01x",
                  "1/7/24", "123/7/2024", "1/7/2024/1", "/7/2024", "29/2/2023",
                  // Junk after a date is not a time, and years outside 1900-2200 are slips.
                  "2024-11-29 garbage", "29/11/2024 not a time", "2024-11-29Tbanana", "2024-11-29 10:15 tomorrow",
                  "2024-11-29T10", "2024-11-29 ", "0001-01-01", "9999-12-31", "31/12/1899",
                  "2024-01-01 10:00:00 CEST", "2024-01-01 10:00 +1", "2024-01-01 10:00 PM later"])
func refusesImpossibleOrOtherDates(text: String) {
    #expect(parse(text, FieldParsing.date) == nil)
}

@Test func readsWholeNumbers() {
    #expect(parse("42", FieldParsing.integer) == 42)
    #expect(parse("-3", FieldParsing.integer) == -3)
    #expect(parse("5.0", FieldParsing.integer) == 5)
    #expect(parse("5.5", FieldParsing.integer) == nil)
    #expect(parse("five", FieldParsing.integer) == nil)
    #expect(parse("99999999999999999999", FieldParsing.integer) == nil)
    #expect(parse("", FieldParsing.integer) == nil)
}

@Test func readsFiniteDecimals() {
    #expect(parse("12.5", FieldParsing.decimal) == 12.5)
    #expect(parse("nan", FieldParsing.decimal) == nil)
    #expect(parse("inf", FieldParsing.decimal) == nil)
    #expect(parse("1,5", FieldParsing.decimal) == nil)
}

@Test func matchesCategoriesLeniently() {
    #expect(FieldParsing.category("Non-binary", allowed: FileKind.genders) == "non_binary")
    #expect(FieldParsing.category("Prefer not to say", allowed: FileKind.genders) == "prefer_not_to_say")
    #expect(FieldParsing.category("In person", allowed: FileKind.deliveryModes) == "in_person")
    #expect(FieldParsing.category("F", allowed: FileKind.genders) == nil)
}

@Test(arguments: [("M14 5AB", "M14"), ("m145ab", "M14"), ("SW1A 1AA", "SW1A"), ("E15", "E15"), ("EC1A1BB", "EC1A"), ("B1 1AA", "B1")])
func keepsOnlyThePostcodeDistrict(text: String, district: String) {
    #expect(Postcode.district(of: text) == district)
}

@Test(arguments: ["12345", "not a postcode", "M", "M14 5AB 6"])
func refusesWhatIsNotAPostcode(text: String) {
    #expect(Postcode.district(of: text) == nil)
}

@Test(arguments: [("07/25/2024", "2024-07-25"), ("7/1/2024", "2024-07-01"), ("12/31/2024 11:59 PM", "2024-12-31"), ("2024-07-01", "2024-07-01")])
func readsSlashDatesMonthFirstWhenAMappingSaysSo(text: String, iso: String) {
    #expect(parse(text) { FieldParsing.date($0, order: .monthFirst) } == iso)
}

@Test(arguments: ["25/07/2024", "13/1/2024", "02/30/2024"])
func refusesADayInTheMonthsPlaceMonthFirst(text: String) {
    #expect(parse(text) { FieldParsing.date($0, order: .monthFirst) } == nil)
}
