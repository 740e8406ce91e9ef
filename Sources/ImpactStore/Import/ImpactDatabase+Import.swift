import GRDB

extension ImpactDatabase: ImportBackend {
    public func importSession<T>(_ body: (any ImportSession) throws -> T) throws -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                // Every reference a row makes is resolved by the importer against the parent
                // tables inside this very transaction, and a row whose parent is missing is
                // rejected with a reason. SQLite's own foreign-key probes would repeat that work
                // and force a statement journal on every multi-row insert: they are off for the
                // importer's writes alone, and on for every other connection (docs/performance.md).
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                var result: T?
                try db.inTransaction {
                    result = try body(SQLiteImportSession(db))
                    return .commit
                }
                guard let result else { throw ImportRefusal(message: "the import did not finish") }
                return result
            }
        } catch let error as DatabaseError {
            if let storeError = storeError(for: error) { throw storeError }
            throw ImportRefusal(message: error.message ?? "\(error.resultCode)")
        }
    }

    public func dryRunFindings(importID: Int64) throws -> DryRunFindings {
        try writer.read { db in
            let values = try Row.fetchAll(db, sql: try StoreResources.query("import/dry_run_values"), arguments: ["import": importID])
                .map { DryRunFindings.Value(column: $0["column_name"], value: $0["value"], count: $0["n"]) }
            let reasons = try Row.fetchAll(db, sql: try StoreResources.query("import/dry_run_reasons"), arguments: ["import": importID])
                .map { DryRunFindings.Reason(reason: $0["reason"], count: $0["n"]) }
            return DryRunFindings(values: values, reasons: reasons)
        }
    }
}
