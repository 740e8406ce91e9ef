import Foundation
import ImpactCheck
import ImpactStore
import ImpactTestSupport
import Testing

/// The analysis contract, run against the SQLite backend: a database file (a pool of connections)
/// in the contract's folder, changed by imports and erasures on connections of their own.
@Suite struct SQLiteAnalysisBackendTests {
    static func sqlite(_ folder: URL) throws -> AnalysisContract.Subject {
        let path = folder.appendingPathComponent("impact.sqlite").path
        let database = try ImpactDatabase.open(at: path)
        return AnalysisContract.Subject(
            backend: database,
            importFolder: { data in try importFolder(data, into: ImpactDatabase.open(at: path, create: false)) },
            erase: { id in _ = try ParticipantEraser(database: ImpactDatabase.open(at: path, create: false)).erase(participantID: id) })
    }

    @Test func anEmptyDatabaseGivesEmptyReads() throws {
        try AnalysisContract.anEmptyStoreGivesEmptyReads(Self.sqlite)
    }

    @Test func theDataVersionChangesExactlyWhenTheDataDo() throws {
        try AnalysisContract.theDataVersionChangesExactlyWhenTheDataDo(Self.sqlite)
    }

    @Test func peopleWithoutResearchConsentAreNeverRead() throws {
        try AnalysisContract.peopleWithoutResearchConsentAreNeverRead(Self.sqlite)
    }

    @Test func aSnapshotSeesOneStateWhileAnImportCommits() throws {
        try AnalysisContract.aSnapshotSeesOneStateWhileAnImportCommits(Self.sqlite)
    }

    @Test func theAnalysisReadSeesOneStateWhenTheDataChangeAfterPlanning() throws {
        try AnalysisContract.theAnalysisReadSeesOneStateWhenTheDataChangeAfterPlanning(Self.sqlite)
    }
}
