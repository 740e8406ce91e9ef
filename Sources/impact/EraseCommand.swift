import ArgumentParser
import Foundation
import ImpactCheck
import ImpactIngest
import ImpactStore

struct EraseCommand: DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase one person from the database (right to erasure), leaving no trace of them.",
        discussion: """
            Removes every row that names the person, in one transaction: participants, \
            enrolments, survey answers, outcomes, any other table with a participant_id or \
            participant_key column, and the rejected rows in which a field is their id. Deleted \
            bytes are zeroed (secure_delete), the -wal file is emptied, and --vacuum also \
            rebuilds the file. The erasure is logged in the table erasures with no personal \
            data: when, how many rows from which tables, and your --reference if you give one. \
            Guarantees and limits: docs/privacy.md.

            Give the id as stored (--participant), or the person's e-mail address (--email): it is \
            hashed with the key used at import (IMPACT_ID_KEY or the key file) and finds the \
            person imported with that e-mail, whatever their id; their stored e-mail key is \
            erased too. A key other than the one the database's e-mail keys were made with is \
            refused.

            Examples:
              impact erase --participant P0001234 --db charity.sqlite
              impact erase --email someone@example.org --reference DSAR-2026-014 --vacuum
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The participant_id to erase.", valueName: "id"))
    var participant: String?

    @Option(help: ArgumentHelp("The person's e-mail address, as imported (found through its keyed hash).", valueName: "address"))
    var email: String?

    @Option(help: ArgumentHelp("Your reference for the audit log, e.g. the request's number (no personal data).", valueName: "text"))
    var reference: String?

    @Flag(help: "Rebuild the database file afterwards (VACUUM): slower, and the file shrinks.")
    var vacuum = false

    func validate() throws {
        switch (participant, email) {
        case (nil, nil): throw ValidationError("give --participant ID or --email ADDRESS")
        case (.some, .some): throw ValidationError("give --participant or --email, not both")
        default: break
        }
        if let participant, participant.isEmpty { throw ValidationError("--participant must not be empty") }
        if let email, !email.contains("@") || email.trimmingCharacters(in: .whitespaces).count < 3 {
            throw ValidationError("--email must be an e-mail address (got \"\(email)\")")
        }
        if let reference {
            if reference.isEmpty || reference.count > 100 { throw ValidationError("--reference must be 1 to 100 characters") }
            if let participant, reference.contains(participant) {
                throw ValidationError("--reference must not contain the participant's id: the audit log holds no personal data")
            }
            if let email, reference.localizedCaseInsensitiveContains(email.trimmingCharacters(in: .whitespaces)) {
                throw ValidationError("--reference must not contain the e-mail address: the audit log holds no personal data")
            }
        }
    }

    func run() throws {
        let hasher = KeyedHasher()
        // Hashing would create a new key when none exists: a hash under a new key names nobody.
        if email != nil, !hasher.keyExists {
            throw CommandFailure("no id key (IMPACT_ID_KEY is not set and \(hasher.keyFilePath) does not exist): --email needs the key the database's e-mail keys were made with at import. Set IMPACT_ID_KEY or IMPACT_KEY_FILE, or give --participant ID.")
        }
        let store = try ImpactDatabase.open(at: database.path, create: false, wait: try database.writerWait())
        let eraser = ParticipantEraser(database: store)
        let erasure = if let email {
            try eraser.erase(emailKey: try hasher.emailKey(forEmail: email), keyFingerprint: try hasher.keyFingerprint(),
                             reference: reference, vacuum: vacuum)
        } else {
            try eraser.erase(participantID: participant ?? "", reference: reference, vacuum: vacuum)
        }
        let tables = erasure.rowsByTable.keys.sorted().map { "\($0) \(erasure.rowsByTable[$0] ?? 0)" }.joined(separator: ", ")
        print("Erased \(participant ?? "the person with that e-mail address"): \(erasure.rowsRemoved) rows (\(tables)).")
        print("Logged as erasure \(erasure.erasureID) in the table erasures\(erasure.vacuumed ? "; the file was vacuumed" : "").")
        try finishStandardOutput()
    }
}
