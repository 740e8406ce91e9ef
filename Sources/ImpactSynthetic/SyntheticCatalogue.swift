/// The fixed vocabulary of the synthetic world: programmes, regions, the survey instrument,
/// names and national benchmark trends. Arrays, not dictionaries, so iteration order is fixed.
enum SyntheticCatalogue {
    /// The charity's three programmes, in the order participants usually meet them.
    enum Programme: Int, CaseIterable {
        case online, placements, careers

        var id: String {
            switch self {
            case .online: return "ONLINE"
            case .placements: return "IN2R"
            case .careers: return "CAREERS"
            }
        }

        var name: String {
            switch self {
            case .online: return "STEM online"
            case .placements: return "Research placements"
            case .careers: return "Careers platform"
            }
        }

        var description: String {
            switch self {
            case .online: return "Online STEM course for Year 12 students: modules, live sessions and a project"
            case .placements: return "Summer research placements in university labs, with a mentor and a final presentation"
            case .careers: return "Mentoring, workshops and careers support for undergraduates and graduates"
            }
        }
    }

    /// A home region with its share of applicants and some of its postcode districts.
    struct Region {
        let name: String
        let weight: Double
        let districts: [String]
        /// IMD 2019 quintiles exist for England only.
        let isInEngland: Bool
    }

    static let regions: [Region] = [
        Region(name: "London", weight: 0.27, districts: ["E15", "N17", "SE15", "CR0", "E1", "SW9", "N1", "IG1"], isInEngland: true),
        Region(name: "North West", weight: 0.14, districts: ["M14", "M8", "L8", "BL1", "OL1", "PR1"], isInEngland: true),
        Region(name: "West Midlands", weight: 0.11, districts: ["B12", "B21", "WV1", "CV1"], isInEngland: true),
        Region(name: "Yorkshire and The Humber", weight: 0.10, districts: ["LS9", "S2", "BD3", "HU3"], isInEngland: true),
        Region(name: "North East", weight: 0.06, districts: ["NE4", "SR1", "TS1", "DH1"], isInEngland: true),
        Region(name: "East Midlands", weight: 0.08, districts: ["NG7", "LE1", "DE23", "NN1"], isInEngland: true),
        Region(name: "South East", weight: 0.08, districts: ["SO14", "PO1", "MK9", "RG1"], isInEngland: true),
        Region(name: "South West", weight: 0.05, districts: ["BS5", "PL1", "EX4", "GL1"], isInEngland: true),
        Region(name: "East of England", weight: 0.07, districts: ["LU1", "NR3", "PE1", "CB4"], isInEngland: true),
        Region(name: "Wales", weight: 0.02, districts: ["CF24", "SA1", "NP20"], isInEngland: false),
        Region(name: "Scotland", weight: 0.02, districts: ["G31", "EH11", "DD1"], isInEngland: false),
    ]
    static let regionWeights = regions.map(\.weight)

    /// The letters a postcode's inward code may end with.
    static let inwardLetters = Array("ABDEFGHJLNPQRSTUWXYZ")

    static let genders = ["female", "male", "non_binary", "other", "prefer_not_to_say"]
    static let genderWeights = [0.60, 0.35, 0.02, 0.01, 0.02]
    static let ethnicities = ["asian", "black", "mixed", "white", "other", "prefer_not_to_say"]
    static let ethnicityWeights = [0.30, 0.18, 0.07, 0.38, 0.04, 0.03]
    static let schoolTypes = ["state_non_selective", "state_selective", "independent", "other"]
    static let schoolTypeWeights = [0.86, 0.07, 0.03, 0.04]
    static let occupations = ["professional", "intermediate", "working_class", "other"]
    static let ageInYear12 = [16, 17, 17, 18]

    static let femaleGivenNames = ["Amara", "Olivia", "Aisha", "Priya", "Chloe", "Zainab", "Fatima", "Sophie", "Grace", "Mei",
                                   "Niamh", "Amelia", "Aaliyah", "Maryam"]
    static let maleGivenNames = ["Mohammed", "Jack", "Kwame", "Liam", "Oliver", "Ibrahim", "Daniel", "Tomasz", "Yusuf", "Harvey",
                                 "Rhys", "Ethan", "Kofi", "Arjun"]
    static let allGivenNames = femaleGivenNames + maleGivenNames
    static let surnames = ["Khan", "Smith", "Okafor", "Patel", "Jones", "Begum", "Williams", "Nowak", "Ahmed", "Brown",
                           "Mensah", "Taylor", "O'Connor", "Hussain", "Evans", "Chen", "Ali", "Davies", "Adeyemi", "Wilson",
                           "Singh", "Murphy", "Thompson-Reid", "Kaur"]

    /// One survey item of the instrument.
    struct Item {
        let id: String
        let text: String
        let isReverseCoded: Bool
    }

    /// A construct: four items and the true mean gain (scale points) of a completer.
    struct Construct {
        let name: String
        let trueEffect: Double
        let items: [Item]
    }

    static let instrumentID = "core_v1"
    static let scale = 1...5

    static let constructs: [Construct] = [
        Construct(name: "self_efficacy", trueEffect: 0.45, items: [
            Item(id: "se1", text: "I am confident I can solve difficult problems in science", isReverseCoded: false),
            Item(id: "se2", text: "If I work hard, I can do well in STEM subjects", isReverseCoded: false),
            Item(id: "se3", text: "I can explain a scientific idea to someone else", isReverseCoded: false),
            Item(id: "se4", text: "I often feel out of my depth in science, even when I try", isReverseCoded: true),
        ]),
        Construct(name: "belonging", trueEffect: 0.30, items: [
            Item(id: "sb1", text: "I feel I could fit in at university", isReverseCoded: false),
            Item(id: "sb2", text: "People like me go to university", isReverseCoded: false),
            Item(id: "sb3", text: "I would feel like an outsider in a university lab", isReverseCoded: true),
            Item(id: "sb4", text: "I can see myself as a \"science person\"", isReverseCoded: false),
        ]),
        Construct(name: "career_knowledge", trueEffect: 0.70, items: [
            Item(id: "ck1", text: "I know what jobs a STEM degree can lead to", isReverseCoded: false),
            Item(id: "ck2", text: "I know how to apply to university, including UCAS and personal statements", isReverseCoded: false),
            Item(id: "ck3", text: "I know someone I could ask for careers advice", isReverseCoded: false),
            Item(id: "ck4", text: "I don't know where to find out about STEM careers", isReverseCoded: true),
        ]),
        Construct(name: "he_expectation", trueEffect: 0.20, items: [
            Item(id: "he1", text: "I expect to go to university", isReverseCoded: false),
            Item(id: "he2", text: "I expect to study a STEM subject at university", isReverseCoded: false),
            Item(id: "he3", text: "I will apply to a highly selective university", isReverseCoded: false),
            Item(id: "he4", text: "University is a realistic option for me", isReverseCoded: false),
        ]),
    ]

    /// A national benchmark trend for the `fsm_england` population, in ten-thousandths.
    struct BenchmarkTrend {
        let outcome: String
        let rateIn2019: Int
        let changePerYear: Int
    }

    static let benchmarkPopulation = "fsm_england"
    static let benchmarkSource = "Synthetic, modelled on DfE progression to HE by age 19 (FSM pupils, England)"
    /// Near the DfE figures for FSM pupils (28.1% to HE in 2020/21, 4.5% to high-tariff HE).
    static let benchmarkTrends = [
        BenchmarkTrend(outcome: "he_entry", rateIn2019: 2_750, changePerYear: 50),
        BenchmarkTrend(outcome: "stem_degree", rateIn2019: 1_100, changePerYear: 20),
        BenchmarkTrend(outcome: "high_tariff", rateIn2019: 450, changePerYear: 30),
    ]
}
