import GRDB

extension ImpactDatabase: CheckBackend {
    public func readCheckRows(_ queries: [StoreResources.SQLFile], parameters: [String: ResultValue],
                              row: (_ query: Int, _ row: [String: ResultValue]) throws -> Void) throws {
        let arguments = StatementArguments(parameters.mapValues { $0.databaseValue as (any DatabaseValueConvertible)? })
        try writer.read { db in
            for (index, query) in queries.enumerated() {
                do {
                    let rows = try Row.fetchCursor(db, sql: query.sql, arguments: arguments)
                    while let next = try rows.next() {
                        var record: [String: ResultValue] = [:]
                        for (column, value) in next where record[column] == nil { record[column] = ResultValue(value) }
                        try row(index, record)
                    }
                } catch let error as DatabaseError {
                    if let damage = storeError(for: error) { throw damage }
                    throw CheckQueryFailure(query: query.name, detail: error.message ?? "\(error.resultCode)")
                }
            }
        }
    }
}
