import Foundation
import ImpactIngest
import ImpactStore
import ImpactTestSupport
import Testing

/// The demo's data (`queryDemo`: 400 people, seed 3) with ids an adversary chose: its
/// programmes, cohorts, constructs, outcomes, instrument and one person renamed to texts that
/// Markdown would read as links, images, HTML, emphasis or table cells, and one person's gender
/// such a text (an unread cell). Imported into `hostile.sqlite`, and the same data under its own
/// ids into `plain.sqlite`, so that each Markdown output can be compared with its plain twin.
enum HostileData {
    static let programmes = [
        "ONLINE": "![px](http://evil.example/px.png)",
        "IN2R": "[click](javascript:alert(4))",
        "CAREERS": "<img src=x onerror=alert(2)>",
    ]
    static let constructs = [
        "self_efficacy": "<script>alert(1)</script>",
        "belonging": "http://evil.example",
        "career_knowledge": "www.evil.example",
        "he_expectation": "a|b",
    ]
    static let outcomes = [
        "he_entry": "*bold* ~~gone~~ `code`",
        "stem_degree": "two\nlines",
        "high_tariff": "C:\\temp\\[x](http://evil.example/c)",
    ]
    static let instrument = ["core_v1": "evil@evil.example"]
    static let participants = ["P0000001": "<b onmouseover=alert(7)>P1</b>"]
    /// P0000002's gender: not a gender, so stored as unknown and listed by `impact check` (in the
    /// plain data, `gx`).
    static let gender = "[g](http://evil.example/g) <i>x</i>"

    /// Every hostile text put in the data.
    static var texts: [String] {
        Array(programmes.values) + Array(constructs.values) + Array(outcomes.values) + Array(instrument.values) + Array(participants.values)
    }

    /// A folder holding `hostile.sqlite` and `plain.sqlite`, made once.
    static let folder: Result<URL, any Error> = Result {
        let demo = try queryDemo.get().appendingPathComponent("demo/data")
        let folder = try makeFolder()
        for (name, isHostile) in [("plain", false), ("hostile", true)] {
            let data = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            for file in try FileManager.default.contentsOfDirectory(atPath: demo.path) where file.hasSuffix(".csv") {
                let records = try readCSVFile(demo.appendingPathComponent(file))
                let rows = renamed(records, isHostile: isHostile)
                let text = rows.map { $0.map { CSVText.field($0, raw: true) }.joined(separator: ",") + "\n" }.joined()
                try write(text, to: file, in: data)
            }
            let imported = try runImpact(["import", name, "--db", "\(name).sqlite"], in: folder)
            guard imported.status == 0 else { throw CLITestFailure(message: "importing the \(name) data failed: \(imported.standardError)") }
        }
        return folder
    }

    /// The records of a CSV file, its header first, renamed as above (only P0000002's gender
    /// unless `isHostile`).
    private static func renamed(_ records: [[String]], isHostile: Bool) -> [[String]] {
        guard let header = records.first else { return records }
        let gender = header.firstIndex(of: "gender"), person = header.firstIndex(of: "participant_id")
        return [header] + records.dropFirst().map { record in
            var record = record
            if let gender, let person, record[person] == "P0000002" { record[gender] = isHostile ? Self.gender : "gx" }
            guard isHostile else { return record }
            for (index, column) in header.enumerated() {
                switch column {
                case "programme_id": record[index] = programmes[record[index]] ?? record[index]
                case "cohort_id":
                    // Cohort ids begin with their programme's: ONLINE-2019-01.
                    if let (old, new) = programmes.first(where: { record[index].hasPrefix($0.key + "-") }) {
                        record[index] = new + record[index].dropFirst(old.count)
                    }
                case "construct": record[index] = constructs[record[index]] ?? record[index]
                case "outcome": record[index] = outcomes[record[index]] ?? record[index]
                case "instrument_id": record[index] = instrument[record[index]] ?? record[index]
                default: break
                }
            }
            if let person { record[person] = participants[record[person]] ?? record[person] }
            return record
        }
    }

    private static func readCSVFile(_ url: URL) throws -> [[String]] {
        let reader = try CSVReader(path: url.path)
        var records: [[String]] = []
        while try reader.nextRecord() { records.append(reader.rawFields) }
        return records
    }

    /// Runs `impact` with `arguments` on the hostile database and on the plain one, in the
    /// folder of both (`--db` added; in an argument, `{db}` is `hostile` or `plain` and
    /// `{programme}` the programme IN2R under its name in each).
    static func run(_ arguments: [String]) throws -> (hostile: CommandResult, plain: CommandResult) {
        let folder = try folder.get()
        func filledIn(for name: String, programme: String) -> [String] {
            arguments.map { $0.replacingOccurrences(of: "{db}", with: name).replacingOccurrences(of: "{programme}", with: programme) }
                + ["--db", "\(name).sqlite"]
        }
        return (try runImpact(filledIn(for: "hostile", programme: programmes["IN2R"] ?? ""), in: folder),
                try runImpact(filledIn(for: "plain", programme: "IN2R"), in: folder))
    }

    /// Checks that `hostile` Markdown, rendered with GitHub's extensions and without, makes the
    /// same elements and links as its `plain` twin (none comes from the data), and that its text
    /// shows each of `texts` that it holds, as text.
    static func expectShownAsText(_ hostile: String, twin plain: String, holding texts: [String],
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        for extensions in [RenderedMarkdown.githubExtensions, []] {
            let rendered = try RenderedMarkdown(hostile, extensions: extensions)
            let twin = try RenderedMarkdown(plain, extensions: extensions)
            #expect(rendered.elementCounts == twin.elementCounts, "elements with \(extensions)", sourceLocation: sourceLocation)
            #expect(rendered.targets == twin.targets, "links, images and handlers with \(extensions)", sourceLocation: sourceLocation)
            for text in texts {
                #expect(rendered.text.contains(HostileText.asRead(text)), "\(text) reads as itself with \(extensions)", sourceLocation: sourceLocation)
            }
        }
    }
}
