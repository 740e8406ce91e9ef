/// What `AnalysisBackend.readAnalysis` reads besides the people.
public struct AnalysisReadRequest: Sendable, Equatable {
    /// The programme whose cohorts' scores are read (nil: every programme).
    public var programme: String?
    /// The year whose cohorts' scores are read (nil: every year).
    public var year: Int?

    /// A read of the scores of the cohorts of `programme` and `year` (nil: all).
    public init(programme: String? = nil, year: Int? = nil) {
        self.programme = programme
        self.year = year
    }
}

/// The result of `AnalysisBackend.readAnalysis`: what the people closure made and the passes over
/// the stored scores, from one state of the data.
public struct AnalysisRead<People: Sendable>: Sendable {
    /// What the caller's closure read.
    public let people: People
    /// The constructs of the survey instruments.
    public let catalogue: ConstructCatalogue
    /// The passes over the stored scores of the cohorts asked for, in participant_key order
    /// (together covering every stored score of those cohorts).
    public let scorePasses: [StoredScorePass]

    /// A read from its parts.
    public init(people: People, catalogue: ConstructCatalogue, scorePasses: [StoredScorePass]) {
        self.people = people
        self.catalogue = catalogue
        self.scorePasses = scorePasses
    }
}
