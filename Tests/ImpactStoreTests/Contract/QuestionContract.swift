import ImpactStore
import Testing

/// What every ``QuestionBackend`` must do, over a database holding the people of
/// `ContractData` (A and B in cohort C1). Each function takes a factory of fresh backends.
enum QuestionContract {
    /// Every clause of the contract; `authorizer: false` leaves out the functions only an
    /// authorizer refuses (an open store's connection, which also writes, has none).
    static func run(authorizer: Bool = true, _ make: () throws -> any QuestionBackend) throws {
        try aWriteIsRefusedAndLeavesTheDataAsItWas(make())
        try parametersAreBoundNeverSpliced(make())
        try unknownMissingAndPositionalParametersAreRefused(make())
        try aSecondStatementIsRefused(make())
        if authorizer { try aFunctionThatReachesIntoTheProgramIsRefused(make()) }
        try engineSQLReadsWithArgumentsAndTheSchemaIsListed(make())
    }

    /// The people's ids, through a question.
    static func people(_ backend: any QuestionBackend) throws -> [[ResultValue]] {
        try rows(backend, "SELECT participant_id FROM participants ORDER BY 1")
    }

    /// Every row of a question without parameters.
    static func rows(_ backend: any QuestionBackend, _ sql: String, _ values: [String: String?] = [:]) throws -> [[ResultValue]] {
        try backend.readQuestions { reader in
            let statement = try reader.prepareQuestion(sql)
            try statement.bind(values)
            var rows: [[ResultValue]] = []
            try statement.run { rows.append($0) }
            return rows
        }
    }

    static func aWriteIsRefusedAndLeavesTheDataAsItWas(_ backend: any QuestionBackend) throws {
        let before = try people(backend)
        #expect(before == [[.text("A")], [.text("B")]])
        for sql in ["DELETE FROM participants", "UPDATE participants SET region = 'x'", "DROP TABLE outcomes",
                    "INSERT INTO programmes (programme_id, name) VALUES ('X', 'x')", "ATTACH DATABASE ':memory:' AS other",
                    "PRAGMA query_only = OFF", "WITH x AS (SELECT 1) DELETE FROM participants", "CREATE TABLE t (x)"] {
            #expect(throws: QuestionRefusal.self, "\(sql)") { try rows(backend, sql) }
            let refused = #expect(throws: QuestionRefusal.self) { try backend.readQuestions { try $0.prepareQuestion(sql) } }
            guard case .notReadOnly? = refused else {
                Issue.record("\(sql): \(String(describing: refused))")
                continue
            }
        }
        #expect(try people(backend) == before)
        #expect(try rows(backend, "SELECT count(*) FROM outcomes") == [[.integer(2)]])
    }

    static func parametersAreBoundNeverSpliced(_ backend: any QuestionBackend) throws {
        let sql = "SELECT participant_id FROM participants WHERE participant_id = :id"
        #expect(try rows(backend, sql, ["id": "A' OR '1'='1"]).isEmpty)
        #expect(try rows(backend, sql, ["id": "A"]) == [[.text("A")]])
        #expect(try rows(backend, "SELECT :text", ["text": "x'); DROP TABLE participants; --"]) == [[.text("x'); DROP TABLE participants; --")]])
        #expect(try rows(backend, "SELECT :x IS NULL", ["x": nil]) == [[.integer(1)]])
        #expect(try people(backend).count == 2)
    }

    static func unknownMissingAndPositionalParametersAreRefused(_ backend: any QuestionBackend) throws {
        #expect(try backend.readQuestions { try $0.parameterNames(of: "SELECT :year, :programme, :year") } == ["year", "programme"])
        #expect(throws: QuestionRefusal.unknownParameters(["yaer"], accepted: ["year"])) {
            try rows(backend, "SELECT :year", ["year": "1", "yaer": "2"])
        }
        #expect(throws: QuestionRefusal.missingParameters(["programme"])) {
            try rows(backend, "SELECT :year, :programme", ["year": "1"])
        }
        #expect(throws: QuestionRefusal.positionalParameter("?")) { try rows(backend, "SELECT ?") }
    }

    static func aSecondStatementIsRefused(_ backend: any QuestionBackend) throws {
        #expect(throws: QuestionRefusal.multipleStatements(byteOffset: 10)) { try rows(backend, "SELECT 1; DROP TABLE participants") }
        #expect(throws: QuestionRefusal.emptySQL) { try rows(backend, "-- only a comment") }
        #expect(try people(backend).count == 2)
    }

    static func aFunctionThatReachesIntoTheProgramIsRefused(_ backend: any QuestionBackend) throws {
        let refused = #expect(throws: QuestionRefusal.self) { try rows(backend, "SELECT load_extension('/tmp/impact-probe.so')") }
        guard case let .refusedFunction(name, _)? = refused else {
            Issue.record("load_extension: \(String(describing: refused))")
            return
        }
        #expect(name == "load_extension")
        #expect(try people(backend).count == 2)
    }

    static func engineSQLReadsWithArgumentsAndTheSchemaIsListed(_ backend: any QuestionBackend) throws {
        let found = try backend.readQuestions { reader in
            var rows: [[ResultValue]] = []
            try reader.forEachRow("SELECT participant_id, ? FROM participants WHERE participant_id = ?", arguments: [.integer(7), .text("B")]) {
                rows.append($0)
            }
            return rows
        }
        #expect(found == [[.text("B"), .integer(7)]])
        let columns = try backend.readQuestions { try $0.schemaColumns() }
        #expect(columns.contains(SchemaColumn(object: "participants", kind: "table", name: "participant_id", type: "TEXT")))
        #expect(columns.first?.kind == "table")
        #expect(!columns.contains { $0.object.hasPrefix("sqlite_") })
    }
}
