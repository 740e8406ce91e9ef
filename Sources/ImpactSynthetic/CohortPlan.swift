/// The cohorts of every programme and year, and which of them a person joins.
struct CohortPlan {
    /// One cohort: a programme's group in one year.
    struct Cohort {
        let id: String
        let idBytes: [UInt8]
        let programme: SyntheticCatalogue.Programme
        let year: Int
        let deliveryMode: String
        /// The hub's region; nil for national (online) cohorts.
        let region: String?
        let start: CalendarDay
        let end: CalendarDay
    }

    let years: ClosedRange<Int>
    let cohorts: [Cohort]
    /// Indexes into `cohorts`, by programme (raw value) then year offset.
    private let lookup: [[[Int]]]

    /// Placements run in regional hubs (more hubs for a bigger dataset); the online course has a
    /// spring and an autumn cohort; the careers platform one cohort a year.
    init(years: ClosedRange<Int>, participants: Int) {
        self.years = years
        let hubCount = min(9, max(2, participants / 2_000))
        var cohorts: [Cohort] = []
        var lookup = [[[Int]]](repeating: [[Int]](repeating: [], count: years.count), count: SyntheticCatalogue.Programme.allCases.count)
        func add(_ programme: SyntheticCatalogue.Programme, _ year: Int, number: Int, mode: String, region: String?,
                 start: (month: Int, day: Int), end: (month: Int, day: Int)) {
            let id = "\(programme.id)-\(year)-\(number < 10 ? "0" : "")\(number)"
            lookup[programme.rawValue][year - years.lowerBound].append(cohorts.count)
            cohorts.append(Cohort(id: id, idBytes: Array(id.utf8), programme: programme, year: year, deliveryMode: mode, region: region,
                                  start: CalendarDay(year: year, month: start.month, day: start.day),
                                  end: CalendarDay(year: year, month: end.month, day: end.day)))
        }
        for year in years {
            add(.online, year, number: 1, mode: "online", region: nil, start: (2, 3), end: (3, 28))
            add(.online, year, number: 2, mode: "online", region: nil, start: (10, 6), end: (11, 28))
            // Placements went online in the pandemic summer and came back hybrid the year after.
            let placementMode = year == 2020 ? "online" : (year == 2021 ? "hybrid" : "in_person")
            for hub in 0..<hubCount {
                add(.placements, year, number: hub + 1, mode: placementMode, region: SyntheticCatalogue.regions[hub].name,
                    start: (7, 14 + hub % 3), end: (8, 8 + hub % 3))
            }
            add(.careers, year, number: 1, mode: year >= 2021 ? "hybrid" : "in_person", region: "London",
                start: (1, 20), end: (6, 26))
        }
        self.cohorts = cohorts
        self.lookup = lookup
    }

    /// The cohorts of `programme` in `year` (empty outside the plan's years).
    func cohorts(of programme: SyntheticCatalogue.Programme, in year: Int) -> [Int] {
        guard years.contains(year) else { return [] }
        return lookup[programme.rawValue][year - years.lowerBound]
    }

    /// The cohort a person from `homeRegion` joins: their region's hub if there is one, else any.
    func cohort(of programme: SyntheticCatalogue.Programme, in year: Int, homeRegion: String?,
                using generator: inout SeededGenerator) -> Int? {
        let candidates = cohorts(of: programme, in: year)
        guard !candidates.isEmpty else { return nil }
        if programme == .placements, let homeRegion,
           let local = candidates.first(where: { cohorts[$0].region == homeRegion }) {
            return local
        }
        return generator.element(of: candidates)
    }
}
