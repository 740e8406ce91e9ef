import Foundation
import GRDB
import ImpactStore
import ImpactTestSupport
import Testing

/// The data every contract reads: two people, A and B, each enrolled in cohort C1 with one outcome.
enum ContractData {
    /// A database file at `path` holding the contract's data.
    static func make(at path: String) throws -> ImpactDatabase {
        let database = try ImpactDatabase.open(at: path)
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO programmes (programme_id, name) VALUES ('P', 'Placements');
                INSERT INTO cohorts (cohort_id, programme_id, year) VALUES ('C1', 'P', 2024);
                INSERT INTO participants (participant_id) VALUES ('A'), ('B');
                INSERT INTO enrolments (participant_id, cohort_id, status) VALUES ('A', 'C1', 'completed'), ('B', 'C1', 'completed');
                INSERT INTO outcomes (participant_id, outcome, value) VALUES ('A', 'he_entry', 1), ('B', 'he_entry', 0);
                """)
        }
        return database
    }
}

@Test func theSQLiteQuestionConnectionKeepsTheQuestionContract() throws {
    try withTemporaryFolder { folder in
        var count = 0
        try QuestionContract.run {
            count += 1
            let path = folder.appendingPathComponent("questions-\(count).sqlite").path
            _ = try ContractData.make(at: path)
            return try ReadOnlyStore.open(at: path)
        }
    }
}

@Test func anOpenStoreKeepsTheQuestionContractButTheAuthorizers() throws {
    try withTemporaryFolder { folder in
        var count = 0
        try QuestionContract.run(authorizer: false) {
            count += 1
            return try ContractData.make(at: folder.appendingPathComponent("store-\(count).sqlite").path)
        }
    }
}

@Test func theSQLiteStoreKeepsTheCheckContract() throws {
    try withTemporaryFolder { folder in
        var count = 0
        try CheckContract.run {
            count += 1
            return try ContractData.make(at: folder.appendingPathComponent("check-\(count).sqlite").path)
        }
    }
}

@Test func theSQLiteStoreKeepsTheEraseContract() throws {
    try withTemporaryFolder { folder in
        var count = 0
        try EraseContract.run {
            count += 1
            return try ContractData.make(at: folder.appendingPathComponent("erase-\(count).sqlite").path)
        }
    }
}

@Test func theSQLiteStoreKeepsTheImportContract() throws {
    try withTemporaryFolder { folder in
        var count = 0
        try ImportContract.run {
            count += 1
            return try ContractData.make(at: folder.appendingPathComponent("import-\(count).sqlite").path)
        }
    }
}
