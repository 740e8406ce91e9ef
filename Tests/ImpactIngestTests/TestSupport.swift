import Foundation
import GRDB
@testable import ImpactIngest
import ImpactStore
import ImpactTestSupport

/// A small, valid set of parent files: two programmes, three cohorts, four participants, four items.
enum Parents {
    static let programmes = "programme_id,name,description\nIN2R,Research placements,Summer labs\nONLINE,STEM online,\n"
    static let cohorts = """
        cohort_id,programme_id,year,delivery_mode,region,start_date,end_date
        IN2R-2024-01,IN2R,2024,in_person,London,2024-07-01,2024-08-15
        IN2R-2023-01,IN2R,2023,online,North West,2023-07-01,2023-08-15
        ONLINE-2024-01,ONLINE,2024,online,,2024-01-10,2024-03-01

        """
    static let participants = """
        participant_id,birth_year,gender,ethnicity,region,postcode,school_type,fsm,first_generation,parental_occupation,polar4_quintile,imd_quintile,care_experienced,disability
        P1,2007,female,asian,London,E15 2AB,state_non_selective,yes,yes,working_class,1,1,no,no
        P2,2006,male,white,North West,M14,state_selective,no,no,professional,4,5,no,yes
        P3,,,,,,,,,,,,,
        P4,2007,non_binary,black,London,SE15,state_non_selective,y,n,intermediate,2,2,,

        """
    static let items = """
        instrument_id,item_id,construct,scale_min,scale_max,reverse_coded,text
        core_v1,se1,self_efficacy,1,5,no,I can solve problems
        core_v1,se2,self_efficacy,1,5,yes,I give up easily
        core_v1,sb1,belonging,1,5,no,I belong
        core_v1,sb2,belonging,1,5,no,People like me go to university

        """

    /// A database with the parents imported, and an importer for it.
    static func database(in folder: URL) throws -> (ImpactDatabase, Importer) {
        let database = try ImpactDatabase.inMemory()
        try importFiles([(.programmes, programmes), (.cohorts, cohorts), (.participants, participants), (.surveyItems, items)],
                        into: database, folder: folder)
        return (database, Importer(database: database, hasher: testHasher))
    }
}

/// Every row of every contract table, the rejected rows and the e-mail keys, as text, to compare database states.
func snapshot(_ database: ImpactDatabase) throws -> [String] {
    try database.writer.read { db in
        var lines: [String] = []
        for table in ["programmes", "cohorts", "participants", "enrolments", "survey_items", "answers", "outcomes", "benchmarks", "imports", "rejected_rows",
                      "participant_email_keys", "id_key_fingerprint"] {
            let order = table == "participant_email_keys" ? "1, 2" : "1, 2, 3"
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)")
            lines += rows.map { "\(table): \($0.description)" }
        }
        return lines
    }
}
