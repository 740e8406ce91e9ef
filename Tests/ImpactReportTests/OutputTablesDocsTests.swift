import Foundation
import ImpactAnalysis
import Testing

// docs/data-contract.md's "Output tables" lists every table a report writes with its columns, in
// order; the report's tables must be exactly those (a new table or column shows up here).

/// The rows of the table under "## Output tables": file name, then its key columns and figures.
private func documentedTables() throws -> [(name: String, columns: [String])] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let lines = try String(contentsOf: root.appendingPathComponent("docs/data-contract.md"), encoding: .utf8)
        .components(separatedBy: "\n")
    let start = try #require(lines.firstIndex(of: "## Output tables"), "docs/data-contract.md has no \"## Output tables\"")
    let section = lines[(start + 1)...].prefix { !$0.hasPrefix("## ") }
    return section.compactMap { line -> (String, [String])? in
        let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard cells.count == 5, cells[1].hasSuffix(".csv") else { return nil }
        let columns = (cells[2] + ", " + cells[3]).components(separatedBy: ", ")
        return (cells[1], columns)
    }
}

@Test func theDataContractListsEveryTableTheReportWritesWithItsColumns() throws {
    let documented = try documentedTables()
    let tables = try SmallDataset.loaded.get().tables
    #expect(documented.map(\.name) == tables.map(\.name))
    for table in tables {
        #expect(documented.first { $0.name == table.name }?.columns == table.columns, "\(table.name)")
    }
}
