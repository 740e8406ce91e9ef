import GRDB
import ImpactQuery
import ImpactStore
import Testing

// Every column of every table and view of a freshly migrated database (every schema/*.sql run)
// has a description in schema/dictionary.yaml, and the dictionary names nothing that does not
// exist. A migration that adds a table, view or column fails here until it adds its lines.

@Test func everyTableViewAndColumnOfTheMigratedDatabaseHasADescription() throws {
    let dictionary = try DataDictionary.shipped()
    let database = try ImpactDatabase.inMemory()
    let columns = try dictionary.columns(database)
    #expect(columns.count > 100)
    let undocumented = columns.filter { ($0.description ?? "").isEmpty }.map { "\($0.object).\($0.name)" }
    #expect(undocumented.isEmpty, "add to schema/dictionary.yaml: \(undocumented.joined(separator: ", "))")
    for object in Set(columns.map(\.object)) {
        let description = dictionary.entries[object]?.description ?? ""
        #expect(!description.isEmpty, "\(object) has no description")
    }
}

@Test func theDictionaryDescribesOnlyWhatExists() throws {
    let dictionary = try DataDictionary.shipped()
    let database = try ImpactDatabase.inMemory()
    let columns = try dictionary.columns(database)
    let existing = Set(columns.map { "\($0.object).\($0.name)" })
    for (object, entry) in dictionary.entries {
        for column in entry.columns.keys {
            #expect(existing.contains("\(object).\(column)"), "schema/dictionary.yaml describes \(object).\(column), which does not exist")
        }
    }
}

@Test func theDictionaryTableHasARowPerObjectThenPerColumn() throws {
    let dictionary = try DataDictionary.shipped()
    let database = try ImpactDatabase.inMemory()
    let table = try dictionary.table(database)
    #expect(table.columns == ["object", "kind", "column", "type", "description"])
    let participants = table.records.filter { $0["object"] == .text("participants") }
    #expect(participants.first?["column"] == .text(""))
    #expect(participants.first?["kind"] == .text("table"))
    #expect(participants.count == 18)
    #expect(participants.contains { $0["column"] == .text("fsm") && $0["type"] == .text("INTEGER") })
    let text = try dictionary.text(database)
    #expect(text.contains("prepost_pairs (view): "))
}
