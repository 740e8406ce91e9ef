import Testing
@testable import ImpactAnalysis

@Test func writesRFC4180CSVWithFullPrecisionAndEmptyUndefinedCells() {
    var table = OutputTable(.dosageOutcomes, named: ["outcome", "n_known", "rate", "hours_band"])
    table.append([.text("IN2R"), .integer(12), .number(0.1 + 0.2), .text("say \"hi\", twice")])
    table.append([.empty, .integer(0), .number(nil), .text("line\nbreak")])
    #expect(table.csv() == "outcome,n_known,rate,hours_band\nIN2R,12,0.30000000000000004,\"say \"\"hi\"\", twice\"\n,0,,\"line\nbreak\"\n")
}

@Test func groupValuesAreYesNoOrUnknown() {
    #expect(SubgroupDimension.fsm.groupValue(flag: 1) == "yes")
    #expect(SubgroupDimension.fsm.groupValue(flag: 0) == "no")
    #expect(SubgroupDimension.lowSES.groupValue(flag: nil) == "unknown")
    #expect(SubgroupDimension.gender.groupValue(category: nil) == "unknown")
    #expect(SubgroupDimension.ethnicity.groupValue(category: "mixed") == "mixed")
}

// The report's CSV tables are opened in Excel: an id or category from the data that a
// spreadsheet would run as a formula is neutralised; figures stay numbers.
@Test func reportTablesNeutraliseFormulasFromTheDataAndKeepNumbers() {
    var table = OutputTable(.outcomes, named: ["programme_id", "diff_pp", "group_value"])
    table.append([.text("=HYPERLINK(\"http://evil.example\",\"x\")"), .number(-0.5), .text("@SUM(1+1)")])
    table.append([.text("+cmd|' /C calc'!A0"), .integer(-3), .text("-1")])
    #expect(table.csv() == "programme_id,diff_pp,group_value\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",-0.5,'@SUM(1+1)\n'+cmd|' /C calc'!A0,-3,-1\n")
}
