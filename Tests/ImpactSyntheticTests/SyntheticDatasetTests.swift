import Foundation
import Testing
import ImpactSynthetic
import ImpactTestSupport

// MARK: Files and determinism

/// The contract's header of every file (spec/DATA-CONTRACT.md), written out here, not taken from the generator.
private let contractHeaders: [(file: String, columns: [String])] = [
    ("programmes.csv", ["programme_id", "name", "description"]),
    ("cohorts.csv", ["cohort_id", "programme_id", "year", "delivery_mode", "region", "start_date", "end_date"]),
    ("participants.csv", ["participant_id", "email", "name", "birth_year", "gender", "ethnicity", "region", "postcode",
                          "school_type", "fsm", "first_generation", "parental_occupation", "polar4_quintile",
                          "imd_quintile", "care_experienced", "disability", "consent_research"]),
    ("enrolments.csv", ["participant_id", "cohort_id", "status", "applied_on", "hours"]),
    ("survey_items.csv", ["instrument_id", "item_id", "construct", "scale_min", "scale_max", "reverse_coded", "text"]),
    ("responses.csv", ["participant_id", "cohort_id", "instrument_id", "wave", "item_id", "value", "responded_on"]),
    ("outcomes.csv", ["participant_id", "outcome", "value", "observed_on", "source"]),
    ("benchmarks.csv", ["outcome", "population", "year", "rate", "source"]),
]

@Test func theSameSeedWritesByteIdenticalFiles() throws {
    let dataset = SyntheticDataset(participants: 800, seed: 11)
    try withWrittenDataset(dataset) { first, _ in
        try withWrittenDataset(dataset) { second, _ in
            for (file, _) in contractHeaders {
                let firstBytes = try Data(contentsOf: first.appendingPathComponent(file))
                let secondBytes = try Data(contentsOf: second.appendingPathComponent(file))
                #expect(firstBytes == secondBytes, "\(file) differs between two runs with the same seed")
            }
        }
    }
}

@Test func differentSeedsWriteDifferentPeopleAndAnswers() throws {
    try withWrittenDataset(SyntheticDataset(participants: 800, seed: 11)) { first, _ in
        try withWrittenDataset(SyntheticDataset(participants: 800, seed: 12)) { second, _ in
            for file in ["participants.csv", "enrolments.csv", "responses.csv", "outcomes.csv"] {
                let firstBytes = try Data(contentsOf: first.appendingPathComponent(file))
                let secondBytes = try Data(contentsOf: second.appendingPathComponent(file))
                #expect(firstBytes != secondBytes, "\(file) is the same for seeds 11 and 12")
            }
        }
    }
}

/// FNV-1a (64-bit) of every file of a small dataset, recorded on Linux x86-64 with Swift 6.3.1 (debug and
/// release builds agree; checked against FNV-1a in Python 3). A change here means
/// the generator's output changed: intended (a model change: update the digests from the failure
/// message) or not (a platform or compiler difference breaking determinism: a bug).
@Test func aSmallDatasetMatchesItsRecordedDigests() throws {
    let recorded: [String: UInt64] = [
        "programmes.csv": 0xA32B_2F3E_240C_8696, "cohorts.csv": 0x11DC_CBCB_0641_4D75,
        "participants.csv": 0xF06E_448A_C1FD_789B, "enrolments.csv": 0xBAC2_5847_2EA9_EC7E,
        "survey_items.csv": 0xBCCA_4F52_7C9A_09E0, "responses.csv": 0x79D2_D479_05F4_7646,
        "outcomes.csv": 0xBFB9_7DCA_4313_AF25, "benchmarks.csv": 0x8207_4015_3284_7BED,
    ]
    try withWrittenDataset(SyntheticDataset(participants: 200, seed: 42)) { folder, _ in
        for (file, _) in contractHeaders {
            let digest = fnv1a(try Data(contentsOf: folder.appendingPathComponent(file)))
            #expect(recorded[file] == digest, "\(file): digest 0x\(String(digest, radix: 16, uppercase: true))")
        }
    }
}

@Test func everyFileHasTheContractHeaderAndLFLineEnds() throws {
    try withWrittenDataset(SyntheticDataset(participants: 300, seed: 3)) { folder, rows in
        #expect(Set(rows.keys) == Set(contractHeaders.map(\.file)))
        #expect(SyntheticDataset.fileNames == contractHeaders.map(\.file), "fileNames lists the files in import order")
        for (file, columns) in contractHeaders {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            let firstLine = String(decoding: data.prefix { $0 != 0x0A }, as: UTF8.self)
            #expect(firstLine == columns.joined(separator: ","), "\(file) header")
            #expect(!data.contains(0x0D), "\(file) has a carriage return")
            #expect(data.last == 0x0A, "\(file) does not end with a line feed")
        }
    }
}

@Test func returnedRowCountsMatchTheFilesAndEveryRowIsComplete() throws {
    try withWrittenDataset(SyntheticDataset(participants: 600, seed: 5)) { folder, rows in
        for (file, columns) in contractHeaders {
            let table = try CSVTable(contentsOf: folder.appendingPathComponent(file))
            #expect(rows[file] == table.rows.count, "\(file): returned \(rows[file] ?? -1), file has \(table.rows.count)")
            #expect(table.rows.allSatisfy { $0.count == columns.count }, "\(file) has a row with the wrong number of fields")
        }
        #expect(rows["participants.csv"] == 600)
        #expect(rows["programmes.csv"] == 3)
        #expect(rows["survey_items.csv"] == 16)
        #expect(rows["benchmarks.csv"] == 7 * 3)
    }
}

@Test(arguments: [(0, 2019...2025), (1, 2025...2025), (40, 2024...2025)])
func tinyDatasetsAreWrittenWhole(participants: Int, years: ClosedRange<Int>) throws {
    try withWrittenDataset(SyntheticDataset(participants: participants, seed: 1, years: years)) { folder, rows in
        #expect(rows["participants.csv"] == participants)
        #expect(rows["benchmarks.csv"] == years.count * 3)
        for (file, _) in contractHeaders {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file) missing")
        }
    }
}

@Test func aFolderThatCannotBeCreatedGivesAnActionableError() throws {
    try withTemporaryFolder { folder in
        let blocker = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let target = blocker.appendingPathComponent("out")
        let error = #expect(throws: SyntheticDataError.self) {
            try SyntheticDataset(participants: 5, seed: 1).write(to: target)
        }
        #expect(error?.description.hasPrefix(target.path) == true)
        #expect(error?.description.contains("Choose a folder you can write to") == true)
    }
}

// MARK: Contents

@Test func everyResponseIsAnItemOfTheInstrumentWithinItsScale() throws {
    try withWrittenDataset(SyntheticDataset(participants: 1_000, seed: 9)) { folder, _ in
        let items = try CSVTable(contentsOf: folder.appendingPathComponent("survey_items.csv"))
        let responses = try CSVTable(contentsOf: folder.appendingPathComponent("responses.csv"))
        #expect(Set(items.values("construct")) == ["self_efficacy", "belonging", "career_knowledge", "he_expectation"])
        #expect(items.values("reverse_coded").contains("yes"))
        #expect(items.values("scale_min").allSatisfy { $0 == "1" } && items.values("scale_max").allSatisfy { $0 == "5" })
        let itemIDs = Set(items.values("item_id"))
        #expect(Set(responses.values("instrument_id")) == ["core_v1"])
        #expect(Set(responses.values("item_id")) == itemIDs)
        #expect(Set(responses.values("wave")).isSubset(of: ["pre", "post", "follow_up"]))
        let values = responses.values("value")
        #expect(!values.isEmpty)
        #expect(values.allSatisfy { Int($0).map((1...5).contains) == true }, "a value outside 1…5")
        #expect(Set(values) == ["1", "2", "3", "4", "5"], "every scale point is used")
    }
}

@Test func enrolmentStatusesAreValidAndEveryStageOccurs() throws {
    try withWrittenDataset(SyntheticDataset(participants: 1_000, seed: 9)) { folder, _ in
        let enrolments = try CSVTable(contentsOf: folder.appendingPathComponent("enrolments.csv"))
        let statuses = Set(enrolments.values("status"))
        #expect(statuses == ["applied", "offered", "declined", "started", "withdrawn", "completed"])
        let status = enrolments.column("status"), hours = enrolments.column("hours")
        for row in enrolments.rows where !row[hours].isEmpty {
            #expect(["started", "withdrawn", "completed"].contains(row[status]), "hours for a person who did not take part")
            #expect((Double(row[hours]) ?? -1) >= 0)
        }
    }
}

@Test func everyReferenceResolvesAndNaturalKeysAreUnique() throws {
    try withWrittenDataset(SyntheticDataset(participants: 1_000, seed: 4)) { folder, _ in
        func table(_ name: String) throws -> CSVTable { try CSVTable(contentsOf: folder.appendingPathComponent(name)) }
        let programmes = Set(try table("programmes.csv").values("programme_id"))
        let cohorts = try table("cohorts.csv")
        #expect(programmes == ["IN2R", "ONLINE", "CAREERS"])
        #expect(Set(cohorts.values("programme_id")) == programmes)
        #expect(zip(cohorts.values("start_date"), cohorts.values("end_date")).allSatisfy { $0 <= $1 })
        let cohortIDs = Set(cohorts.values("cohort_id"))
        let people = try table("participants.csv").values("participant_id")
        #expect(Set(people).count == people.count, "participant_id repeats")

        let enrolments = try table("enrolments.csv")
        let enrolmentKeys = enrolments.rows.map { [$0[enrolments.column("participant_id")], $0[enrolments.column("cohort_id")]] }
        #expect(Set(enrolmentKeys).count == enrolmentKeys.count, "an enrolment key repeats")
        #expect(Set(enrolments.values("participant_id")).isSubset(of: Set(people)))
        #expect(Set(enrolments.values("cohort_id")).isSubset(of: cohortIDs))

        let responses = try table("responses.csv")
        let responseKeys = responses.rows.map { Array($0[0..<5]) }
        #expect(Set(responseKeys).count == responseKeys.count, "a response key repeats")
        let tookPart = Set(enrolments.rows.filter { ["started", "withdrawn", "completed"].contains($0[enrolments.column("status")]) }
            .map { [$0[enrolments.column("participant_id")], $0[enrolments.column("cohort_id")]] })
        #expect(responses.rows.allSatisfy { tookPart.contains([$0[0], $0[1]]) }, "answers from someone who did not take part in the cohort")

        let outcomes = try table("outcomes.csv")
        let outcomeKeys = outcomes.rows.map { [$0[0], $0[1]] }
        #expect(Set(outcomeKeys).count == outcomeKeys.count, "an outcome key repeats")
        #expect(Set(outcomes.values("participant_id")).isSubset(of: Set(people)))
        #expect(Set(outcomes.values("outcome")) == ["he_entry", "stem_degree", "high_tariff"])
        #expect(Set(outcomes.values("value")) == ["yes", "no"])

        let benchmarks = try table("benchmarks.csv")
        #expect(Set(benchmarks.values("population")) == ["fsm_england"])
        #expect(benchmarks.values("rate").allSatisfy { Double($0).map { (0...1).contains($0) } == true })
        #expect(Set(benchmarks.values("year")) == Set((2019...2025).map(String.init)))
    }
}

@Test func participantsCarryTheMissingnessAndMessOfARealExport() throws {
    try withWrittenDataset(SyntheticDataset(participants: 1_000, seed: 2)) { folder, _ in
        let people = try CSVTable(contentsOf: folder.appendingPathComponent("participants.csv"))
        let consent = people.values("consent_research")
        let noConsent = consent.filter { $0 == "no" }.count
        #expect(noConsent > 0 && noConsent < consent.count / 10, "a small share without consent: \(noConsent)")
        for column in people.header where column != "participant_id" {
            #expect(people.values(column).contains(""), "\(column) is never missing")
        }
        let postcodes = people.values("postcode").filter { !$0.isEmpty }
        #expect(postcodes.contains { $0.count >= 6 }, "no full postcodes")
        #expect(postcodes.contains { $0.count <= 4 }, "no districts alone")
        #expect(people.values("name").contains { $0.contains(",") }, "no name that needs quoting")
        let fsm = people.values("fsm")
        #expect(fsm.contains("yes") && fsm.contains("no"))
    }
}

@Test func onlineHoursFallInEveryDosageBand() throws {
    try withWrittenDataset(SyntheticDataset(participants: 1_000, seed: 6)) { folder, _ in
        let enrolments = try CSVTable(contentsOf: folder.appendingPathComponent("enrolments.csv"))
        let cohort = enrolments.column("cohort_id"), hours = enrolments.column("hours")
        let online = enrolments.rows.filter { $0[cohort].hasPrefix("ONLINE-") }.compactMap { Double($0[hours]) }
        #expect(online.contains { $0 < 3 }, "no online enrolment under 3 hours")
        #expect(online.contains { $0 >= 3 && $0 < 8 }, "no online enrolment of 3–8 hours")
        #expect(online.contains { $0 >= 8 }, "no online enrolment of 8 hours or more")
    }
}

@Test(arguments: [1, 2, 3] as [UInt64])
func prePostChangeIsPositiveLargerForFSMPupilsAndSmallerForWithdrawals(seed: UInt64) throws {
    try withWrittenDataset(SyntheticDataset(participants: 1_500, seed: seed)) { folder, _ in
        let changes = try PrePostChanges(folder: folder)
        let all = changes.mean { _ in true }
        let fsmYes = changes.mean { $0.fsm == "yes" }
        let fsmNo = changes.mean { $0.fsm == "no" }
        let completed = changes.mean { $0.status == "completed" }
        let withdrawn = changes.mean { $0.status == "withdrawn" }
        #expect(changes.pairs.count > 1_000, "too few pairs: \(changes.pairs.count)")
        #expect(all > 0.1, "overall mean change \(all)")
        #expect(fsmYes > fsmNo + 0.05, "FSM \(fsmYes) vs non-FSM \(fsmNo)")
        #expect(completed > withdrawn + 0.05, "completed \(completed) vs withdrawn \(withdrawn)")
        #expect(changes.postWithoutPre > 0, "no post survey without a pre survey")
        #expect(changes.preWithoutPost > changes.postWithoutPre, "post surveys should be missing more often than pre")
    }
}

@Test func participantsReachHigherEducationMoreOftenThanApplicantsWhoDidNotTakePart() throws {
    try withWrittenDataset(SyntheticDataset(participants: 3_000, seed: 8)) { folder, _ in
        let enrolments = try CSVTable(contentsOf: folder.appendingPathComponent("enrolments.csv"))
        let outcomes = try CSVTable(contentsOf: folder.appendingPathComponent("outcomes.csv"))
        let status = enrolments.column("status")
        let participants = Set(enrolments.rows.filter { ["started", "withdrawn", "completed"].contains($0[status]) }
            .map { $0[enrolments.column("participant_id")] })
        for outcome in ["he_entry", "stem_degree", "high_tariff"] {
            let rows = outcomes.rows.filter { $0[outcomes.column("outcome")] == outcome }
            let (inside, outside) = (rows.filter { participants.contains($0[0]) }, rows.filter { !participants.contains($0[0]) })
            #expect(outside.count >= 100, "\(outcome): comparison group of \(outside.count)")
            let rate = { (rows: [[String]]) in Double(rows.filter { $0[outcomes.column("value")] == "yes" }.count) / Double(max(1, rows.count)) }
            #expect(rate(inside) > rate(outside), "\(outcome): participants \(rate(inside)) vs others \(rate(outside))")
        }
    }
}

// MARK: Helpers

/// Paired construct scores computed from the written files by the contract's rules: reverse-code,
/// a construct's score is the mean of its answered items when at least half are answered.
private struct PrePostChanges {
    struct Pair {
        let fsm: String
        let status: String
        let change: Double
    }

    var pairs: [Pair] = []
    var postWithoutPre = 0
    var preWithoutPost = 0

    init(folder: URL) throws {
        let items = try CSVTable(contentsOf: folder.appendingPathComponent("survey_items.csv"))
        let people = try CSVTable(contentsOf: folder.appendingPathComponent("participants.csv"))
        let enrolments = try CSVTable(contentsOf: folder.appendingPathComponent("enrolments.csv"))
        let responses = try CSVTable(contentsOf: folder.appendingPathComponent("responses.csv"))
        var itemConstruct: [String: (construct: String, reversed: Bool)] = [:]
        var itemsPerConstruct: [String: Int] = [:]
        for row in items.rows {
            itemConstruct[row[items.column("item_id")]] = (row[items.column("construct")], row[items.column("reverse_coded")] == "yes")
            itemsPerConstruct[row[items.column("construct")], default: 0] += 1
        }
        var fsm: [String: String] = [:]
        var consents = Set<String>()
        for row in people.rows {
            fsm[row[people.column("participant_id")]] = row[people.column("fsm")]
            if row[people.column("consent_research")] != "no" { consents.insert(row[people.column("participant_id")]) }
        }
        var status: [String: String] = [:]
        for row in enrolments.rows {
            status[row[enrolments.column("participant_id")] + "|" + row[enrolments.column("cohort_id")]] = row[enrolments.column("status")]
        }
        // (person|cohort|construct) → wave → answered values
        var answers: [String: [String: [Double]]] = [:]
        for row in responses.rows where consents.contains(row[0]) {
            guard let item = itemConstruct[row[4]], let value = Double(row[5]) else { continue }
            answers[row[0] + "|" + row[1] + "|" + item.construct, default: [:]][row[3], default: []].append(item.reversed ? 6 - value : value)
        }
        for (key, waves) in answers {
            let parts = key.split(separator: "|").map(String.init)
            let needed = ((itemsPerConstruct[parts[2]] ?? 4) + 1) / 2
            func score(_ wave: String) -> Double? {
                guard let values = waves[wave], values.count >= needed else { return nil }
                return values.reduce(0, +) / Double(values.count)
            }
            switch (score("pre"), score("post")) {
            case let (pre?, post?):
                pairs.append(Pair(fsm: fsm[parts[0]] ?? "", status: status[parts[0] + "|" + parts[1]] ?? "", change: post - pre))
            case (nil, _?): postWithoutPre += 1
            case (_?, nil): preWithoutPost += 1
            case (nil, nil): break
            }
        }
    }

    func mean(where include: (Pair) -> Bool) -> Double {
        let selected = pairs.filter(include)
        return selected.map(\.change).reduce(0, +) / Double(max(1, selected.count))
    }
}

private func withWrittenDataset(_ dataset: SyntheticDataset, _ body: (URL, [String: Int]) throws -> Void) throws {
    try withTemporaryFolder { folder in
        let rows = try dataset.write(to: folder)
        try body(folder, rows)
    }
}

private func fnv1a(_ data: Data) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in data {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return hash
}
