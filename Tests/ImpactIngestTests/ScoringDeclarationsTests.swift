import Foundation
import GRDB
import ImpactTestSupport
import Testing
@testable import ImpactIngest
import ImpactStore

// survey_items.csv's `scoring` (schema/migrations/010): one rule per instrument, at_least_half by default,
// all_items for scales that ask for complete answers.

/// The rows of `sql` as text, one line a row, cells joined by `|`.
private func lines(_ sql: String, in database: ImpactDatabase) throws -> [String] {
    try database.writer.read { db in
        try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { $0.isNull ? "NULL" : "\($0.storage.value ?? "")" }.joined(separator: "|") }
    }
}

/// The instruments' rules as stored: per item, and per construct with its threshold.
private func storedRules(_ database: ImpactDatabase) throws -> (items: [String], constructs: [String]) {
    (try lines("SELECT instrument_id, item_id, scoring FROM survey_items ORDER BY 1, 2", in: database),
     try lines("SELECT instrument_id, construct, k_items, scoring, min_answered FROM survey_constructs ORDER BY 1, 2", in: database))
}

/// Everything an import could change, survey_constructs and the import log included.
private func state(_ database: ImpactDatabase) throws -> [String] {
    try snapshot(database) + lines("SELECT * FROM survey_constructs ORDER BY 1", in: database)
        + lines("SELECT * FROM construct_score_values ORDER BY 1, 2, 3, 4", in: database)
        + lines("SELECT import_id, position, header FROM import_columns ORDER BY 1, 2", in: database)
}

private let asqItems = """
    instrument_id,item_id,construct,scale_min,scale_max,reverse_coded,scoring
    asq,q1,belonging,1,5,no,all_items
    asq,q2,belonging,1,5,no,all_items
    asq,q3,belonging,1,5,yes,all_items

    """

@Test func theScoringColumnGivesEachInstrumentItsRuleAndTheDefaultIsAtLeastHalf() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    let items = """
        instrument_id,item_id,construct,scale_min,scale_max,scoring
        asq,q1,belonging,1,5,all_items
        asq,q2,belonging,1,5,all_items
        asq,q3,expectations,1,5,all_items
        core_v2,c1,confidence,1,5,
        core_v2,c2,confidence,1,5,
        core_v2,c3,confidence,1,5,

        """
    let summary = try importer.importFile(at: write(items, to: "survey_items.csv", in: folder), as: .surveyItems)
    #expect(summary.rejected == 0 && summary.inserted == 6)
    #expect(summary.columns.contains { $0.header == "scoring" && $0.fate == .taken && $0.column == "scoring" })
    #expect(summary.instrumentScoring == [ScoringDeclaration(instrument: "asq", rule: .allItems, line: 2),
                                          ScoringDeclaration(instrument: "core_v2", rule: .atLeastHalf, line: 5)])
    let stored = try storedRules(database)
    #expect(stored.items.filter { $0.hasPrefix("asq|") }.allSatisfy { $0.hasSuffix("|all_items") })
    #expect(stored.items.filter { !$0.hasPrefix("asq|") }.allSatisfy { $0.hasSuffix("|at_least_half") })
    #expect(stored.constructs == [
        "asq|belonging|2|all_items|2", "asq|expectations|1|all_items|1",
        "core_v1|belonging|2|at_least_half|1", "core_v1|self_efficacy|2|at_least_half|1",
        "core_v2|confidence|3|at_least_half|2",
    ])
    let catalogue = try database.writer.read { try ConstructCatalogue.read($0) }
    #expect(catalogue.constructs.map { "\($0.instrumentID)/\($0.name) \($0.scoring.rawValue) \($0.requiredAnswers)" } == [
        "asq/belonging all_items 2", "asq/expectations all_items 1", "core_v1/belonging at_least_half 1",
        "core_v1/self_efficacy at_least_half 1", "core_v2/confidence at_least_half 2",
    ])
}

@Test(arguments: [("all_items", "all_items"), ("All items", "all_items"), ("every item", "all_items"), ("Complete", "all_items"),
                  ("at_least_half", "at_least_half"), ("At least half", "at_least_half"), ("half", "at_least_half"),
                  ("", "at_least_half"), ("N/A", "at_least_half")])
func aScoringCellIsReadInTheUsualSpellings(cell: String, stored: String) throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    let items = "instrument_id,item_id,construct,scale_min,scale_max,scoring\nasq,q1,belonging,1,5,\(cell)\nasq,q2,belonging,1,5,\(cell)\n"
    _ = try importer.importFile(at: write(items, to: "survey_items.csv", in: folder), as: .surveyItems)
    #expect(try storedRules(database).items.filter { $0.hasPrefix("asq|") } == ["asq|q1|\(stored)", "asq|q2|\(stored)"])
}

@Test func rowsOfOneInstrumentThatDisagreeRefuseTheFileWithTheLineAndColumn() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    let before = try state(database)
    // Line 4 is empty, which is at_least_half: not what line 2 said.
    let items = """
        instrument_id,item_id,construct,scale_min,scale_max,reverse_coded,scoring
        asq,q1,belonging,1,5,no,all_items
        core_v2,c1,confidence,1,5,no,
        asq,q2,belonging,1,5,no,
        asq,q3,belonging,1,5,no,all_items

        """
    let path = try write(items, to: "survey_items.csv", in: folder)
    let error = #expect(throws: IngestError.self) { try importer.importFile(at: path, as: .surveyItems) }
    let text = error.map(String.init(describing:)) ?? ""
    #expect(text == "\(path):4:7: instrument asq is scored all_items on line 2 but at_least_half here (an empty cell is at_least_half); an instrument has one scoring rule for all its items: write the same scoring on every row of asq", "\(text)")
    #expect(try state(database) == before)
}

@Test func aScoringCellThatIsNotARuleRefusesTheFileWithTheAcceptedValues() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    let before = try state(database)
    let items = "item_id,instrument_id,scoring,construct,scale_min,scale_max\nq1,asq,all_items,belonging,1,5\nq2,asq,sometimes,belonging,1,5\n"
    let path = try write(items, to: "survey_items.csv", in: folder)
    let error = #expect(throws: IngestError.self) { try importer.importFile(at: path, as: .surveyItems) }
    let text = error.map(String.init(describing:)) ?? ""
    #expect(text.hasPrefix("\(path):3:3: column scoring: \"sometimes\" is not a scoring rule (accepted: at_least_half, all_items, or the spellings in docs/data-contract.md; an empty cell is at_least_half)"), "\(text)")
    #expect(text.contains("write the rule of instrument asq on each of its rows"))
    #expect(try state(database) == before)
}

@Test func aFileThatGivesAnInstrumentANewRuleMustListAllItsItems() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    _ = try importer.importFile(at: write(asqItems, to: "survey_items.csv", in: folder), as: .surveyItems)
    let before = try state(database)
    let path = try write("instrument_id,item_id,construct,scale_min,scale_max,scoring\nasq,q1,belonging,1,5,at_least_half\n",
                         to: "asq-fix.csv", in: folder)
    let error = #expect(throws: IngestError.self) { try importer.importFile(at: path, as: .surveyItems) }
    let text = error.map(String.init(describing:)) ?? ""
    #expect(text == "\(path):2:6: instrument asq is scored at_least_half in this file, but its items q2, q3, stored earlier and not replaced by this file, are all_items; an instrument has one scoring rule for all its items: list every item of asq with scoring at_least_half, or leave its rule all_items", "\(text)")
    #expect(try state(database) == before)
    // Listing every item changes the rule.
    let all = try importer.importFile(at: write(asqItems.replacingOccurrences(of: "all_items", with: "at_least_half"), to: "asq-all.csv", in: folder),
                                      as: .surveyItems)
    #expect(all.updated == 3)
    #expect(try storedRules(database).constructs.first == "asq|belonging|3|at_least_half|2")
}

@Test func aFileWithoutTheColumnKeepsEachInstrumentsRuleAndNewItemsTakeIt() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    _ = try importer.importFile(at: write(asqItems, to: "survey_items.csv", in: folder), as: .surveyItems)
    let more = """
        instrument_id,item_id,construct,scale_min,scale_max,text
        asq,q1,belonging,1,5,I feel I belong
        asq,q4,belonging,1,5,I fit in
        new_v1,n1,hope,1,5,
        new_v1,n2,hope,1,5,

        """
    let summary = try importer.importFile(at: write(more, to: "more-items.csv", in: folder), as: .surveyItems)
    #expect(summary.inserted == 3 && summary.updated == 1)
    #expect(summary.instrumentScoring.isEmpty)
    #expect(try storedRules(database).constructs.filter { !$0.hasPrefix("core_v1") } == ["asq|belonging|4|all_items|4", "new_v1|hope|2|at_least_half|1"])
}

@Test func changingAnInstrumentsRuleRescoresItsStoredAnswers() throws {
    let folder = try makeTemporaryFolder()
    let (database, importer) = try Parents.database(in: folder)
    let enrolments = "participant_id,cohort_id,status\nP1,IN2R-2024-01,completed\nP2,IN2R-2024-01,completed\n"
    _ = try importer.importFile(at: write(enrolments, to: "enrolments.csv", in: folder), as: .enrolments)
    let responses = """
        participant_id,cohort_id,instrument_id,wave,item_id,value
        P1,IN2R-2024-01,core_v1,pre,se1,4
        P1,IN2R-2024-01,core_v1,pre,se2,2
        P2,IN2R-2024-01,core_v1,pre,se1,3

        """
    _ = try importer.importFile(at: write(responses, to: "responses.csv", in: folder), as: .responses)
    let scores = "SELECT participant_id, n_answered, k_items, score FROM construct_scores WHERE construct = 'self_efficacy' ORDER BY 1"
    // se2 is reversed: 2 counts 4.
    #expect(try lines(scores, in: database) == ["P1|2|2|4.0", "P2|1|2|3.0"])
    // Parents.items with a scoring column.
    let complete = Parents.items.split(separator: "\n").map { $0 + ($0.hasPrefix("core_v1") ? ",all_items" : ",scoring") }
        .joined(separator: "\n") + "\n"
    let summary = try importer.importFile(at: write(complete, to: "survey_items.csv", in: folder), as: .surveyItems)
    #expect(summary.updated == 4)
    // P2 answered one of two items: no score once every item is needed, though its row is kept.
    #expect(try lines(scores, in: database) == ["P1|2|2|4.0"])
    #expect(try lines("SELECT count(*) FROM construct_score_values", in: database) == ["2"])
}
