@testable import ImpactStore
import Testing

/// What every ``CheckBackend`` must do, over a database holding the people of `ContractData`.
enum CheckContract {
    /// Every clause of the contract.
    static func run(_ make: () throws -> any CheckBackend) throws {
        try aCheckReturnsItsRowsWithItsParametersBound(make())
        try aCheckTheDatabaseFailsIsNamed(make())
    }

    static func aCheckReturnsItsRowsWithItsParametersBound(_ backend: any CheckBackend) throws {
        try backend.checkIntegrity(.full)
        let queries = [
            StoreResources.SQLFile(name: "people", sql: "SELECT 'people' AS check_name, count(*) AS n, count(*) AS N FROM participants WHERE participant_id <> :skip"),
            StoreResources.SQLFile(name: "none", sql: "SELECT 'none' AS check_name FROM participants WHERE 0"),
            StoreResources.SQLFile(name: "share", sql: "SELECT :share AS share, participant_id AS subject FROM participants ORDER BY 2"),
        ]
        var rows: [(Int, [String: ResultValue])] = []
        try backend.readCheckRows(queries, parameters: ["skip": .text("B"), "share": .real(0.25)]) { rows.append(($0, $1)) }
        #expect(rows.map(\.0) == [0, 2, 2])
        #expect(rows[0].1 == ["check_name": .text("people"), "n": .integer(1), "N": .integer(1)])
        #expect(rows[1].1 == ["share": .real(0.25), "subject": .text("A")])
        #expect(rows[2].1["subject"] == .text("B"))
    }

    static func aCheckTheDatabaseFailsIsNamed(_ backend: any CheckBackend) throws {
        let queries = [StoreResources.SQLFile(name: "broken", sql: "SELECT nope FROM participants")]
        let failure = #expect(throws: CheckQueryFailure.self) {
            try backend.readCheckRows(queries, parameters: [:]) { _, _ in }
        }
        #expect(failure?.query == "broken")
        #expect(failure?.detail.contains("nope") == true)
    }
}
