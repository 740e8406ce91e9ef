import ImpactStore

/// What an item of an instrument allows.
struct ItemInfo {
    let key: Int64
    let scaleMin: Int64
    let scaleMax: Int64
}

/// The stored ids a file's rows may refer to, loaded once per file.
struct Lookups {
    var programmeIDs: Set<String> = []
    var cohortIDs: Set<String> = []
    var cohortKeys: [String: Int64] = [:]
    var participantIDs: Set<String> = []
    /// People stored with consent_research = 0 (participants files only).
    var declinedIDs: Set<String> = []
    /// Why ids cannot be derived from e-mails in this database (no key, though ids or e-mail
    /// keys made under one are stored), if they cannot.
    var keyRefusal: String?
    /// The people by the keyed hash of their e-mail, and the e-mails a participants file gives
    /// them: one directory shared by every copy of these lookups, stored after the file's rows.
    var people = PersonDirectory()
    var participantKeys: [String: Int64] = [:]
    var items: [String: [String: ItemInfo]] = [:]
    /// Each stored instrument's scoring rule (survey_items files only).
    var instrumentScoring: [String: ScoringRule] = [:]
    /// Near matches of unknown ids (case, Salesforce 15/18), built on the first miss.
    var nearPeople = NearMatches { [] }
    var nearCohorts = NearMatches { [] }
    var nearProgrammes = NearMatches { [] }

    /// Makes the near-match finders read these lookups' ids.
    mutating func findNearMatches() {
        let (people, keys, cohorts, cohortKeys, programmes) = (participantIDs, participantKeys, cohortIDs, cohortKeys, programmeIDs)
        nearPeople = NearMatches { people.isEmpty ? Array(keys.keys) : Array(people) }
        nearCohorts = NearMatches { cohorts.isEmpty ? Array(cohortKeys.keys) : Array(cohorts) }
        nearProgrammes = NearMatches { Array(programmes) }
    }
}
