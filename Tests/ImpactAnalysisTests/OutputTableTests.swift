import Testing
@testable import ImpactAnalysis

@Test func writesRFC4180CSVWithFullPrecisionAndEmptyUndefinedCells() {
    var table = OutputTable(name: "t.csv", columns: ["key", "n", "rate", "note"])
    table.append([.text("IN2R"), .integer(12), .number(0.1 + 0.2), .text("say \"hi\", twice")])
    table.append([.empty, .integer(0), .number(nil), .text("line\nbreak")])
    #expect(table.csv() == "key,n,rate,note\nIN2R,12,0.30000000000000004,\"say \"\"hi\"\", twice\"\n,0,,\"line\nbreak\"\n")
}

@Test func groupValuesAreYesNoOrUnknown() {
    #expect(SubgroupDimension.fsm.groupValue(flag: 1) == "yes")
    #expect(SubgroupDimension.fsm.groupValue(flag: 0) == "no")
    #expect(SubgroupDimension.lowSES.groupValue(flag: nil) == "unknown")
    #expect(SubgroupDimension.gender.groupValue(category: nil) == "unknown")
    #expect(SubgroupDimension.ethnicity.groupValue(category: "mixed") == "mixed")
}
