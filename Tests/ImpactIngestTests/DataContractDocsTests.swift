import Foundation
import Testing
@testable import ImpactIngest

// docs/data-contract.md is the contract a user reads; FileKind.columns and the vocabularies are
// what the engine does. These tests keep the two in step: every column, usual label, spelling and
// value of the declaration is in the docs, with the same role and meaning, and every spelling the
// docs list reads as they say.

/// docs/data-contract.md, read from the repository this test file is in.
private struct ContractDocs {
    let lines: [String]

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/data-contract.md"), encoding: .utf8)
        lines = text.components(separatedBy: "\n")
    }

    /// The heading's level (number of `#`), or nil for a line that is not a heading.
    private static func level(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        return hashes > 0 && line.dropFirst(hashes).hasPrefix(" ") ? hashes : nil
    }

    /// The lines under the first heading that `matches`, up to the next heading of the same or a
    /// higher level (`nested: true`) or up to the next heading of any level.
    func section(nested: Bool = false, within range: Range<Int>? = nil, _ matches: (String) -> Bool) -> Range<Int>? {
        let range = range ?? lines.indices
        guard let start = range.first(where: { Self.level(lines[$0]) != nil && matches(lines[$0]) }),
              let level = Self.level(lines[start]) else { return nil }
        let end = range[(start + 1)...].first { index in
            guard let other = Self.level(lines[index]) else { return false }
            return !nested || other <= level
        } ?? range.upperBound
        return (start + 1)..<end
    }

    /// The cells of a table row (`| a | b |` → `["a", "b"]`), or nil for another line.
    static func cells(_ line: String) -> [String]? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("|"), trimmed.hasSuffix("|"), trimmed.count > 1 else { return nil }
        return trimmed.dropFirst().dropLast().components(separatedBy: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The `code` spans of a text.
    static func codeSpans(_ text: String) -> [String] {
        text.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    }

    /// The rows of the value tables in `range` (`| value | spellings |`): each spelling as written,
    /// with the value it reads as (nil for a row of "not known"). The value is a spelling of itself.
    func spellings(in range: Range<Int>) -> [(text: String, value: String?)] {
        var found: [(String, String?)] = []
        for line in lines[range] {
            guard let cells = Self.cells(line), cells.count >= 2 else { continue }
            let values = Self.codeSpans(cells[0])
            if values.count == 1 {
                found.append((values[0], values[0]))
                found += Self.codeSpans(cells[1]).map { ($0, values[0]) }
            } else if values.isEmpty, cells[0].contains("not known") {
                found += Self.codeSpans(cells[1]).map { ($0, nil) }
            }
        }
        return found
    }
}

/// The vocabulary a column's cells are read by, if it has one.
private func vocabulary(of column: InputColumn) -> Vocabulary? {
    switch column.format {
    case let .boolean(vocabulary), let .category(vocabulary): return vocabulary
    default: return nil
    }
}

private func isBoolean(_ column: InputColumn) -> Bool {
    if case .boolean = column.format { return true }
    return false
}

@Test(arguments: FileKind.allCases)
func everyColumnOfTheFileIsInTheContractWithItsRoleStorageAndUsualLabels(kind: FileKind) throws {
    let docs = try ContractDocs()
    let section = try #require(docs.section { $0.hasPrefix("### ") && $0.contains(kind.fileName) }, "no section ### \(kind.fileName)")
    let rows = docs.lines[section].compactMap(ContractDocs.cells)
    for column in kind.columns {
        let row = try #require(rows.first { $0.first == "`\(column.name)`" }, "\(kind.fileName): no row for \(column.name)")
        try #require(row.count == 5, "\(kind.fileName) \(column.name): the row has \(row.count) cells, not 5")
        let role = switch column.role {
        case .required: "required"
        case .key: "key"
        case .optional: "optional"
        }
        #expect(row[1] == role, "\(kind.fileName) \(column.name): the docs say \(row[1]), the declaration \(role)")
        if let stored = column.storedName {
            #expect(ContractDocs.codeSpans(row[3]).contains { $0 == stored || $0.hasSuffix(".\(stored)") },
                    "\(kind.fileName) \(column.name): stored in \(stored), the docs say \(row[3])")
        } else {
            #expect(row[3].contains("not stored"), "\(kind.fileName) \(column.name): never stored as such, the docs say \(row[3])")
        }
        #expect(Set(ContractDocs.codeSpans(row[4])) == Set(column.synonyms),
                "\(kind.fileName) \(column.name): usual labels in the docs \(ContractDocs.codeSpans(row[4])), declared \(column.synonyms)")
    }
    let documented = rows.filter { $0.count == 5 }.compactMap { $0.first.flatMap { ContractDocs.codeSpans($0).first } }
    let declared = Set(kind.columns.map(\.name))
    #expect(documented.filter { !declared.contains($0) }.isEmpty, "\(kind.fileName): the docs list columns the engine does not know")
}

@Test func everySpellingOfEveryVocabularyIsInTheContractAsTheEngineReadsIt() throws {
    let docs = try ContractDocs()
    let values = try #require(docs.section(nested: true) { $0 == "## Values the engine reads" })
    let notKnown = try #require(docs.section(within: values) { $0.hasPrefix("### ") && $0.contains("not known") })
    let yesAndNo = try #require(docs.section(within: values) { $0.hasPrefix("### Yes and no") })
    let prefixes = Set(ContractDocs.codeSpans(docs.lines[yesAndNo].joined(separator: "\n")))
    for negation in Vocabulary.negations {
        #expect(prefixes.contains(negation.trimmingCharacters(in: .whitespaces)), "the yes/no section does not name the negation \(negation)")
    }
    let listedUnknown = Set(docs.spellings(in: notKnown).filter { $0.value == nil }.map(\.text))
    for word in listedUnknown {
        #expect(Vocabulary.yesNo.read(word) == .unknown, "the docs list \"\(word)\" as not known; the engine reads it as \(Vocabulary.yesNo.read(word))")
    }
    for word in Vocabulary.unknownWords {
        #expect(listedUnknown.contains(word), "\"\(word)\" (not known) is not in the docs' words for not known")
    }
    for kind in FileKind.allCases {
        for column in kind.columns {
            guard let vocabulary = vocabulary(of: column) else { continue }
            let own = try #require(docs.section(within: values) { $0.hasPrefix("###") && $0.contains("`\(column.name)`") },
                                   "no heading in \"Values the engine reads\" names `\(column.name)`")
            // The shared words first, so that a column's own table overrides them (consent's "not given").
            var ranges = [notKnown]
            if isBoolean(column) { ranges.append(yesAndNo) }
            ranges.append(own)
            var documented: [String: String?] = [:]
            for range in ranges {
                for (text, value) in docs.spellings(in: range) {
                    documented[Vocabulary.fold(text)] = value
                    // Docs → code: what the docs list reads as they say.
                    if range == own {
                        let reading = vocabulary.read(text)
                        #expect(reading == (value.map(CellReading.value) ?? .unknown),
                                "\(column.name): the docs read \"\(text)\" as \(value ?? "not known"), the engine as \(reading)")
                    }
                }
            }
            for value in vocabulary.values {
                #expect((documented[Vocabulary.fold(value)] ?? nil) == value, "\(column.name): the value \(value) is not in its table")
            }
            // Code → docs: every spelling the engine reads is listed with its value, but the no of
            // each yes word after a negation, which the docs state as a rule.
            let all = vocabulary.spellingsForDocs
            let yesWords = Set(all.filter { $0.value == "yes" }.map(\.spelling))
            for (spelling, value) in all {
                if let listed = documented[spelling] {
                    #expect(listed == value, "\(column.name): \"\(spelling)\" reads as \(value ?? "not known"), the docs say \(listed ?? "not known")")
                    continue
                }
                let negated = value == "no" && Vocabulary.negations.contains { negation in
                    let folded = Vocabulary.fold(negation)
                    return spelling.hasPrefix(folded + " ") && yesWords.contains(String(spelling.dropFirst(folded.count + 1)))
                }
                #expect(negated, "\(column.name): \"\(spelling)\" (read as \(value ?? "not known")) is not in the docs")
            }
        }
    }
}
