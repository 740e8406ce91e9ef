import Foundation
import ImpactStore
import ImpactSynthetic
import ImpactTestSupport
import Testing

/// What any `AnalysisBackend` must do, as functions over a factory: each makes a fresh, empty
/// store in the folder it is given, with the means to change its data from elsewhere (an import
/// of a folder of contract CSV files, an erasure of a participant) while the backend reads.
enum AnalysisContract {
    /// A fresh store under test and the ways to change its data from another connection.
    struct Subject {
        let backend: any AnalysisBackend
        /// Imports every file of a folder, as `impact import FOLDER` does.
        let importFolder: (URL) throws -> Void
        /// Erases a participant, as `impact erase` does.
        let erase: (String) throws -> Void
    }

    /// Makes a fresh subject in a folder of its own.
    typealias Factory = (URL) throws -> Subject

    /// Every contract, in turn.
    static func run(_ make: Factory) throws {
        try anEmptyStoreGivesEmptyReads(make)
        try theDataVersionChangesExactlyWhenTheDataDo(make)
        try peopleWithoutResearchConsentAreNeverRead(make)
        try aSnapshotSeesOneStateWhileAnImportCommits(make)
        try theAnalysisReadSeesOneStateWhenTheDataChangeAfterPlanning(make)
    }

    /// A store with nothing imported: every read is empty, none is an error.
    static func anEmptyStoreGivesEmptyReads(_ make: Factory) throws {
        try withTemporaryFolder { folder in
            let subject = try make(folder)
            try subject.backend.read { snapshot in
                #expect(try snapshot.cohorts(programme: nil, year: nil).isEmpty)
                #expect(try snapshot.cohorts(programme: "P", year: 2024).isEmpty)
                #expect(try snapshot.programmeYears().isEmpty)
                var rows = 0
                try snapshot.forEachPerson { _ in rows += 1 }
                try snapshot.forEachEnrolment { _ in rows += 1 }
                try snapshot.forEachOutcome { _ in rows += 1 }
                #expect(rows == 0)
                #expect(try snapshot.benchmarks(population: "fsm_england").isEmpty)
                #expect(try snapshot.constructCatalogue().constructs.isEmpty)
                #expect(try snapshot.scoreKeyRanges(parts: 3).isEmpty)
                #expect(try snapshot.provenance() == AnalysisRecord.Provenance(imports: [], instrumentScoring: [:]))
            }
            let read = try subject.backend.readAnalysis(AnalysisReadRequest()) { snapshot in
                var people = 0
                try snapshot.forEachPerson { _ in people += 1 }
                return people
            }
            #expect(read.people == 0)
            #expect(read.scorePasses.isEmpty)
            #expect(read.catalogue.constructs.isEmpty)
            #expect(try subject.backend.dataVersion() == subject.backend.dataVersion())
        }
    }

    /// The version stays while nothing changes, and changes with every import and erasure.
    static func theDataVersionChangesExactlyWhenTheDataDo(_ make: Factory) throws {
        try withTemporaryFolder { folder in
            let subject = try make(folder)
            let data = try dataset(participants: 60, seed: 3, in: folder, named: "data")
            let empty = try subject.backend.dataVersion()
            #expect(try subject.backend.read { try $0.dataVersion() } == empty)
            try subject.importFolder(data)
            let imported = try subject.backend.dataVersion()
            #expect(imported != empty)
            #expect(try subject.backend.dataVersion() == imported, "reading changes nothing")
            _ = try subject.backend.readAnalysis(AnalysisReadRequest()) { snapshot in try snapshot.cohorts(programme: nil, year: nil) }
            #expect(try subject.backend.dataVersion() == imported, "the analysis's read changes nothing")
            try subject.erase(try consentingIDs(in: data).sorted()[0])
            let erased = try subject.backend.dataVersion()
            #expect(erased != imported && erased != empty)
            try subject.importFolder(data)
            #expect(try subject.backend.dataVersion() != erased, "an import of the same files again is a new state")
        }
    }

    /// consent_research = no: such a person is never among the people read.
    static func peopleWithoutResearchConsentAreNeverRead(_ make: Factory) throws {
        try withTemporaryFolder { folder in
            let subject = try make(folder)
            let data = try dataset(participants: 120, seed: 5, in: folder, named: "data")
            try subject.importFolder(data)
            let rows = try participantRows(in: data)
            let consenting = Set(rows.filter { $0.consent == true }.map(\.id))
            let refusing = Set(rows.filter { $0.consent == false }.map(\.id))
            #expect(!refusing.isEmpty, "the data set has people with consent_research = no")
            let read = try subject.backend.read { snapshot in
                var ids: [String] = []
                try snapshot.forEachPerson { ids.append($0.participantID) }
                return ids
            }
            #expect(Set(read).isDisjoint(with: refusing))
            #expect(Set(read).isSuperset(of: consenting))
            #expect(read == read.sorted { codePointPrecedes($0, $1) }, "people come in participant_id order")
        }
    }

    /// Inside one snapshot, an import committed on another connection is not seen; the next
    /// snapshot sees it. (An erasure cannot commit wholly while a snapshot is open: it empties the
    /// -wal file, which waits for readers; the analysis read's test erases between its reads.)
    static func aSnapshotSeesOneStateWhileAnImportCommits(_ make: Factory) throws {
        try withTemporaryFolder { folder in
            let subject = try make(folder)
            let first = try dataset(participants: 80, seed: 7, in: folder, named: "first")
            let second = try dataset(participants: 140, seed: 7, in: folder, named: "second")
            try subject.importFolder(first)
            let before = try state(of: subject.backend)
            try subject.backend.read { snapshot in
                let seen = try State(snapshot)
                try subject.importFolder(second)
                #expect(try State(snapshot) == seen, "the snapshot kept its state")
                #expect(seen == before)
            }
            let after = try state(of: subject.backend)
            #expect(after.people.isStrictSuperset(of: before.people))
            #expect(after.version != before.version)
        }
    }

    /// An import, then an erasure, committing between the analysis read's first read and the
    /// others: each read shows the state after the change, people and scores alike, as a read
    /// made afterwards does.
    static func theAnalysisReadSeesOneStateWhenTheDataChangeAfterPlanning(_ make: Factory) throws {
        try withTemporaryFolder { folder in
            let subject = try make(folder)
            let first = try dataset(participants: 100, seed: 9, in: folder, named: "first")
            let second = try dataset(participants: 180, seed: 9, in: folder, named: "second")
            try subject.importFolder(first)
            let erased = try consentingIDs(in: second).sorted()[0]
            let changes: [() throws -> Void] = [{ try subject.importFolder(second) }, { try subject.erase(erased) }]
            var before = try subject.backend.readAnalysis(AnalysisReadRequest(), people: peopleKeys)
            for change in changes {
                var changed = false
                let read = try subject.backend.readAnalysis(AnalysisReadRequest(), people: peopleKeys, afterPlanning: {
                    if !changed { try change() }
                    changed = true
                })
                let settled = try subject.backend.readAnalysis(AnalysisReadRequest(), people: peopleKeys)
                #expect(read.people != before.people, "the change is seen")
                #expect(read.people == settled.people)
                #expect(groups(read.scorePasses) == groups(settled.scorePasses))
                let (scores, settledScores) = (scoreCount(read.scorePasses), scoreCount(settled.scorePasses))
                #expect(scores == settledScores)
                before = settled
            }
        }
    }

    // MARK: - Helpers

    /// What a snapshot shows, in brief.
    struct State: Equatable {
        let people: Set<String>
        let enrolments: Int
        let outcomes: Int
        let cohorts: Int
        let imports: Int
        let version: DataVersion

        init(_ snapshot: any AnalysisSnapshot) throws {
            var people = Set<String>()
            var enrolments = 0
            var outcomes = 0
            try snapshot.forEachPerson { people.insert($0.participantID) }
            try snapshot.forEachEnrolment { _ in enrolments += 1 }
            try snapshot.forEachOutcome { _ in outcomes += 1 }
            self.people = people
            self.enrolments = enrolments
            self.outcomes = outcomes
            cohorts = try snapshot.cohorts(programme: nil, year: nil).count
            imports = try snapshot.provenance().imports.count
            version = try snapshot.dataVersion()
        }
    }

    static func state(of backend: any AnalysisBackend) throws -> State {
        try backend.read { try State($0) }
    }

    /// The participant keys of the people read.
    @Sendable static func peopleKeys(_ snapshot: any AnalysisSnapshot) throws -> [Int64] {
        var keys: [Int64] = []
        try snapshot.forEachPerson { keys.append($0.participantKey) }
        return keys
    }

    static func groups(_ passes: [StoredScorePass]) -> [ConstructScoreTable.PersonCohort] {
        passes.flatMap(\.groups)
    }

    static func scoreCount(_ passes: [StoredScorePass]) -> Int {
        passes.reduce(0) { $0 + $1.scores.count }
    }

    /// A synthetic data set of `participants` written into `folder/name`.
    static func dataset(participants: Int, seed: UInt64, in folder: URL, named name: String) throws -> URL {
        let data = folder.appendingPathComponent(name)
        _ = try SyntheticDataset(participants: participants, seed: seed).write(to: data)
        return data
    }

    /// The participants with consent_research = yes in participants.csv.
    static func consentingIDs(in data: URL) throws -> Set<String> {
        Set(try participantRows(in: data).filter { $0.consent == true }.map(\.id))
    }

    /// participants.csv's ids and research consents (nil: not given).
    static func participantRows(in data: URL) throws -> [(id: String, consent: Bool?)] {
        let rows = try readCSV(at: data.appendingPathComponent("participants.csv"))
        guard let header = rows.first, let id = header.firstIndex(of: "participant_id"),
              let consent = header.firstIndex(of: "consent_research") else { return [] }
        return rows.dropFirst().map { row in
            let value = row[consent].lowercased()
            return (row[id], ["yes", "y", "true", "1"].contains(value) ? true : ["no", "n", "false", "0"].contains(value) ? false : nil)
        }
    }
}
