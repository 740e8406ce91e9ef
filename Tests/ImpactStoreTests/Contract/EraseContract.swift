import ImpactStore
import Testing

/// What every ``EraseBackend`` must do, over a database holding the people of `ContractData`
/// (A with an enrolment and an outcome, B the same), read back through its questions.
enum EraseContract {
    /// Every clause of the contract.
    static func run(_ make: () throws -> any EraseBackend & QuestionBackend) throws {
        try erasureRemovesThePersonEverywhereAndIsRecorded(make())
        try nobodyNamedOrARefusalChangesNothing(make())
    }

    /// The count of a question without parameters.
    static func count(_ backend: any QuestionBackend, _ sql: String) throws -> [[ResultValue]] {
        try QuestionContract.rows(backend, sql)
    }

    static func erasureRemovesThePersonEverywhereAndIsRecorded(_ backend: any EraseBackend & QuestionBackend) throws {
        let tables = try backend.personTables()
        #expect(Set(["participants", "enrolments", "outcomes"]).isSubset(of: Set(tables)))
        let record = try backend.erasePerson(reference: "DSAR-1", vacuum: false,
                                             identify: { _ in ErasureTarget(id: "A", alias: nil) },
                                             namesPerson: { raw, _, id in raw.contains(id) })
        #expect(record.rowsByTable["participants"] == 1)
        #expect(record.rowsByTable["enrolments"] == 1)
        #expect(record.rowsByTable["outcomes"] == 1)
        #expect(!record.vacuumed)
        #expect(try count(backend, "SELECT count(*) FROM participants WHERE participant_id = 'A'") == [[.integer(0)]])
        #expect(try count(backend, "SELECT count(*) FROM enrolments WHERE participant_id = 'A'") == [[.integer(0)]])
        #expect(try count(backend, "SELECT count(*) FROM outcomes WHERE participant_id = 'A'") == [[.integer(0)]])
        #expect(try QuestionContract.people(backend) == [[.text("B")]])
        #expect(try count(backend, "SELECT count(*) FROM outcomes") == [[.integer(1)]])
        let audit = try count(backend, "SELECT erasure_id, reference, rows_removed FROM erasures")
        #expect(audit == [[.integer(record.erasureID), .text("DSAR-1"), .integer(Int64(record.rowsByTable.values.reduce(0, +)))]])
        #expect(try count(backend, "SELECT count(*) FROM erasures WHERE tables LIKE '%\"A\"%'") == [[.integer(0)]])
    }

    static func nobodyNamedOrARefusalChangesNothing(_ backend: any EraseBackend & QuestionBackend) throws {
        #expect(throws: ErasureFailure.nobodyNamed) {
            try backend.erasePerson(reference: nil, vacuum: false, identify: { _ in ErasureTarget(id: "NOBODY", alias: nil) },
                                    namesPerson: { _, _, _ in false })
        }
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try backend.erasePerson(reference: nil, vacuum: false, identify: { lookup in
                _ = try lookup.keyFingerprint()
                throw Refused()
            }, namesPerson: { _, _, _ in true })
        }
        #expect(try QuestionContract.people(backend) == [[.text("A")], [.text("B")]])
        #expect(try count(backend, "SELECT count(*) FROM erasures") == [[.integer(0)]])
    }
}
