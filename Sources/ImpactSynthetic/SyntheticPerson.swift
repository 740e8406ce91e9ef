/// One synthetic young person: a latent disadvantage drives the recorded characteristics,
/// and each recorded field may be missing, as in a charity's CRM export.
struct SyntheticPerson {
    let id: String
    let idBytes: [UInt8]
    /// Latent disadvantage in [0, 1): higher is more disadvantaged.
    let disadvantage: Double
    /// True free-school-meals eligibility (the recorded `fsm` may be missing).
    let isFSM: Bool
    /// The year the person first applied (Year 12).
    let firstYear: Int
    /// True home region.
    let region: SyntheticCatalogue.Region

    // The participants.csv fields as written; nil is an empty cell.
    let email: String?
    let name: String?
    let birthYear: Int?
    let gender: String?
    let ethnicity: String?
    let recordedRegion: String?
    let postcode: String?
    let schoolType: String?
    let fsm: Bool?
    let firstGeneration: Bool?
    let parentalOccupation: String?
    let polar4Quintile: Int?
    let imdQuintile: Int?
    let careExperienced: Bool?
    let disability: Bool?
    let consentResearch: Bool?

    /// The `number`-th person (from 1), drawn from `generator`.
    init(number: Int, idWidth: Int, years: ClosedRange<Int>, using generator: inout SeededGenerator) {
        typealias Catalogue = SyntheticCatalogue
        let digits = String(number)
        id = "P" + String(repeating: "0", count: max(0, idWidth - digits.count)) + digits
        idBytes = Array(id.utf8)

        let disadvantage = generator.unit()
        self.disadvantage = disadvantage
        isFSM = disadvantage > 0.55
        firstYear = years.lowerBound + generator.below(years.count)
        region = Catalogue.regions[generator.index(weightedBy: Catalogue.regionWeights)]

        let gender = Catalogue.genders[generator.index(weightedBy: Catalogue.genderWeights)]
        let givenNames = gender == "female" ? Catalogue.femaleGivenNames
            : (gender == "male" ? Catalogue.maleGivenNames : Catalogue.allGivenNames)
        let given = generator.element(of: givenNames)
        let surname = generator.element(of: Catalogue.surnames)
        // Most CRMs export "Given Surname"; some export "Surname, Given" (a field that needs quoting).
        let fullName = generator.chance(0.1) ? "\(surname), \(given)" : "\(given) \(surname)"
        name = generator.chance(0.05) ? nil : fullName
        let mailbox = "\(given).\(surname)".lowercased().utf8.filter { $0 == UInt8(ascii: ".") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
        email = generator.chance(0.10) ? nil : "\(String(decoding: mailbox, as: UTF8.self)).\(number)@example.org"

        let birthYear = firstYear - generator.element(of: Catalogue.ageInYear12)
        self.birthYear = generator.chance(0.03) ? nil : birthYear
        self.gender = generator.chance(0.02) ? nil : gender
        let ethnicity = Catalogue.ethnicities[generator.index(weightedBy: Catalogue.ethnicityWeights)]
        self.ethnicity = generator.chance(0.04) ? nil : ethnicity
        recordedRegion = generator.chance(0.03) ? nil : region.name
        postcode = Self.postcode(in: region, using: &generator)
        let schoolType = Catalogue.schoolTypes[generator.index(weightedBy: Catalogue.schoolTypeWeights)]
        self.schoolType = generator.chance(0.05) ? nil : schoolType

        fsm = generator.chance(0.08) ? nil : isFSM
        let firstGeneration = generator.chance(0.85) ? disadvantage > 0.35 : generator.chance(0.5)
        self.firstGeneration = generator.chance(0.06) ? nil : firstGeneration
        let occupationWeights = [max(0.05, 1 - disadvantage), 0.4, 0.2 + disadvantage, 0.05]
        let occupation = Catalogue.occupations[generator.index(weightedBy: occupationWeights)]
        parentalOccupation = generator.chance(0.12) ? nil : occupation
        let polar4 = Self.quintile(spread: 5.0, disadvantage: disadvantage, using: &generator)
        polar4Quintile = generator.chance(0.10) ? nil : polar4
        let imd = Self.quintile(spread: 4.5, disadvantage: disadvantage, using: &generator)
        imdQuintile = !region.isInEngland || generator.chance(0.10) ? nil : imd
        let careExperienced = generator.chance(0.03 + 0.04 * disadvantage)
        self.careExperienced = generator.chance(0.10) ? nil : careExperienced
        let disability = generator.chance(0.09)
        self.disability = generator.chance(0.10) ? nil : disability
        // Consent: mostly yes, a few withdrew it, some blank (the contract's default is yes).
        let consent = generator.unit()
        consentResearch = consent < 0.03 ? false : (consent < 0.08 ? nil : true)
    }

    /// Writes the person's participants.csv row.
    func writeRow(to writer: CSVFileWriter) throws {
        writer.field(bytes: idBytes)
        writer.field(email)
        writer.field(name)
        writer.field(birthYear)
        writer.field(gender)
        writer.field(ethnicity)
        writer.field(recordedRegion)
        writer.field(postcode)
        writer.field(schoolType)
        writer.field(fsm)
        writer.field(firstGeneration)
        writer.field(parentalOccupation)
        writer.field(polar4Quintile)
        writer.field(imdQuintile)
        writer.field(careExperienced)
        writer.field(disability)
        writer.field(consentResearch)
        try writer.endRow()
    }

    /// The participants.csv header: every column of the contract.
    static let header = ["participant_id", "email", "name", "birth_year", "gender", "ethnicity", "region", "postcode",
                         "school_type", "fsm", "first_generation", "parental_occupation", "polar4_quintile",
                         "imd_quintile", "care_experienced", "disability", "consent_research"]

    /// An area quintile that tends to 1 (lowest participation, most deprived) as disadvantage grows.
    private static func quintile(spread: Double, disadvantage: Double, using generator: inout SeededGenerator) -> Int {
        let raw = Int(1 + (1 - disadvantage) * spread * generator.unit() + generator.unit())
        return min(5, max(1, raw))
    }

    /// A district (`M14`) for most people, a full postcode (`M14 5AB`, sometimes without the space
    /// or in lower case) for some, nothing for a few.
    private static func postcode(in region: SyntheticCatalogue.Region, using generator: inout SeededGenerator) -> String? {
        let district = generator.element(of: region.districts)
        let form = generator.unit()
        if form < 0.12 { return nil }
        if form < 0.70 { return district }
        let letters = SyntheticCatalogue.inwardLetters
        let inward = "\(generator.below(10))\(generator.element(of: letters))\(generator.element(of: letters))"
        if form < 0.95 { return "\(district) \(inward)" }
        return form < 0.98 ? district + inward : "\(district) \(inward)".lowercased()
    }
}
