public import ImpactStore

/// The scoring rule a survey_items file gives an instrument (schema/migrations/010), and the first line
/// that gives it.
public struct ScoringDeclaration: Sendable, Equatable {
    /// The instrument_id.
    public let instrument: String
    /// Its rule.
    public let rule: ScoringRule
    /// The first line of the file with a row of the instrument.
    public let line: Int
}

/// A row whose scoring contradicts the file or the stored items: the file is refused whole
/// (`IngestError.declaration`, with the file and line added by the sink).
struct DeclarationProblem: Error {
    /// The field at fault, from 1, when a field of the file is.
    let column: Int?
    let message: String
}

/// The scoring rules of the instruments of one survey_items file. An instrument has one rule for
/// all its items, so every row of an instrument must give the same one (an empty cell is the
/// default, at_least_half), and a file that gives an instrument a new rule must list all its
/// items; anything else refuses the file (docs/data-contract.md, survey_items.csv).
struct ScoringDeclarations {
    /// The field of the scoring column, from 1; nil when the file has none (each instrument then
    /// keeps its stored rule, and a new one is at_least_half).
    let column: Int?
    /// Whether the file gives the rule (a scoring column, or a mapping's constant for it).
    let isGiven: Bool
    /// The instruments in the order of their first row.
    private(set) var declarations: [ScoringDeclaration] = []
    private var byInstrument: [String: Int] = [:]

    /// The declarations of a file whose scoring column is at field index `position` of a header
    /// `width` fields wide (a position beyond it is a mapping's constant), or nil.
    init(position: Int?, width: Int) {
        isGiven = position != nil
        column = position.flatMap { $0 < width ? $0 + 1 : nil }
    }

    /// Notes the rule that the row on `line` gives `instrument`; throws when an earlier row gave
    /// it another.
    mutating func note(instrument: String, rule: ScoringRule, line: Int) throws {
        guard let index = byInstrument[instrument] else {
            byInstrument[instrument] = declarations.count
            declarations.append(ScoringDeclaration(instrument: instrument, rule: rule, line: line))
            return
        }
        let first = declarations[index]
        guard first.rule != rule else { return }
        throw DeclarationProblem(column: column, message: "instrument \(instrument) is scored \(first.rule.rawValue) on line \(first.line) but \(rule.rawValue) here (an empty cell is at_least_half); an instrument has one scoring rule for all its items: write the same scoring on every row of \(instrument)")
    }

    /// The refusal of a scoring cell that is not a rule.
    func unreadable(_ value: String, instrument: String) -> DeclarationProblem {
        DeclarationProblem(column: column, message: "column scoring: \"\(value)\" is not a scoring rule (accepted: \(ScoringRule.allCases.map(\.rawValue).joined(separator: ", ")), or the spellings in docs/data-contract.md; an empty cell is at_least_half); write the rule of instrument \(instrument) on each of its rows")
    }

    /// After the file's rows are written: refuses the file (`IngestError.declaration`) when an
    /// instrument it gives a rule has items stored earlier, and not in the file, with another.
    func checkStored(_ session: any ImportSession, file: String) throws {
        guard isGiven else { return }
        for declaration in declarations {
            guard let conflict = try session.scoringConflict(instrument: declaration.instrument, rule: declaration.rule.rawValue) else { continue }
            let count = conflict.count
            let stored = conflict.stored
            var items = conflict.items.joined(separator: ", ")
            if count > conflict.items.count { items += " and \(count - conflict.items.count) more" }
            throw IngestError.declaration(file: file, line: declaration.line, column: column, message: "instrument \(declaration.instrument) is scored \(declaration.rule.rawValue) in this file, but \(count == 1 ? "its item" : "its items") \(items), stored earlier and not replaced by this file, \(count == 1 ? "is" : "are") \(stored); an instrument has one scoring rule for all its items: list every item of \(declaration.instrument) with scoring \(declaration.rule.rawValue), or leave its rule \(stored)")
        }
    }
}
