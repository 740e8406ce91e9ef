import Foundation

/// A file mapping applied to its export's header: the field of every column the mapping names,
/// the file's ``ColumnMap``, and the values given after the header's fields (``MappedRow``).
struct FileMappingPlan {
    let mapping: FileMapping
    let columnMap: ColumnMap
    /// The values of the mapping's given columns, constants first, then the cohort looked up
    /// (its slot filled per row).
    let given: [String]
    /// The slot of the looked-up cohort in `given`, when there is a lookup.
    let lookupSlot: Int?
    private let lookupFields: [Int]
    private let skipFields: [(rule: FileMapping.SkipRule, field: Int)]

    /// Resolves every header the mapping names against the export's `headers` (on `line`);
    /// `keeping` adds columns to keep to the mapping's own.
    init(mapping: FileMapping, headers: [String], line: Int, keeping: [String] = []) throws {
        self.mapping = mapping
        let names = headers.map(CSVReader.trimmingBlanks)
        let exportName = (mapping.exportPath as NSString).lastPathComponent
        func field(_ name: String, for key: String, line: Int) throws -> Int {
            let folded = ColumnMap.fold(name)
            let fields = names.indices.filter { !folded.isEmpty && ColumnMap.fold(names[$0]) == folded }
            if fields.count == 1 { return fields[0] }
            let at = line > 0 ? "line \(line): " : ""
            if fields.count > 1 {
                let list = fields.map { "field \($0 + 1) \"\(names[$0])\"" }.joined(separator: ", ")
                throw IngestError.mapping(file: mapping.path, message: "\(at)\(key): \"\(name)\" matches \(fields.count) columns of \(exportName) (\(list)); rename one of them in the export")
            }
            let shown = names.filter { !$0.isEmpty }
            var list = shown.prefix(40).map { "\"\($0)\"" }.joined(separator: ", ")
            if shown.count > 40 { list += ", … and \(shown.count - 40) more" }
            throw IngestError.mapping(file: mapping.path, message: "\(at)\(key): \"\(name)\" is not a column of \(exportName) (its columns: \(list)); check the spelling, or copy the name from the export's header")
        }
        // A header that names none of the mapping's columns, and no column of its kind, is not
        // quoted: `file` may name something that is not the export at all (docs/privacy.md).
        let named = mapping.renames.map(\.header) + mapping.keep.map(\.name) + (mapping.cohortLookup?.columns ?? []) + mapping.skipRows.map(\.column)
        let present = Set(names.map(ColumnMap.fold).filter { !$0.isEmpty })
        guard named.contains(where: { present.contains(ColumnMap.fold($0)) })
                || ColumnMap.recognises(headers, kind: mapping.kind, options: mapping.headerOptions) else {
            throw IngestError.mapping(file: mapping.path, message: "line \(line) of \(exportName) is not the export's header: none of its fields is a column the mapping names or a column of \(mapping.kind.rawValue). The line (\(LineShape(headers))) is not shown, since a file that is not what it should be may hold anything; check that `file` names the export")
        }
        for rename in mapping.renames { _ = try field(rename.header, for: rename.key, line: rename.line) }
        for kept in mapping.keep { _ = try field(kept.name, for: "keep", line: kept.line) }
        lookupFields = try mapping.cohortLookup.map { lookup in
            try lookup.columns.map { try field($0, for: "cohort_lookup.columns", line: lookup.line) }
        } ?? []
        skipFields = try mapping.skipRows.map { rule in (rule, try field(rule.column, for: "skip_rows", line: rule.line)) }
        var options = mapping.headerOptions
        options.keep += keeping
        columnMap = try ColumnMap(headers: headers, kind: mapping.kind, file: mapping.exportPath, line: line, options: options)
        given = mapping.constants.map(\.text) + (mapping.cohortLookup == nil ? [] : [""])
        lookupSlot = mapping.cohortLookup == nil ? nil : mapping.constants.count
    }

    /// Refuses a mapping whose constants or looked-up cohorts name a parent the database lacks:
    /// each would otherwise reject every row it gives, for the same reason.
    func check(against lookups: Lookups) throws {
        func fail(_ line: Int, _ message: String) -> IngestError { .mapping(file: mapping.path, message: "line \(line): \(message)") }
        let cohorts: Set<String>? = switch mapping.kind {
        case .enrolments: lookups.cohortIDs
        case .responses: Set(lookups.cohortKeys.keys)
        default: nil
        }
        for constant in mapping.constants {
            switch (mapping.kind, constant.column) {
            case (.enrolments, "cohort_id"), (.responses, "cohort_id"):
                if let cohorts, !cohorts.contains(constant.text) {
                    throw fail(constant.line, "constants: cohort_id \"\(constant.text)\" is not in cohorts; import cohorts.csv with it first, or correct it" + lookups.nearCohorts.hint(for: constant.text))
                }
            case (.cohorts, "programme_id") where !lookups.programmeIDs.contains(constant.text):
                throw fail(constant.line, "constants: programme_id \"\(constant.text)\" is not in programmes; import programmes.csv with it first, or correct it" + lookups.nearProgrammes.hint(for: constant.text))
            case (.responses, "instrument_id") where lookups.items[constant.text] == nil:
                let known = lookups.items.keys.sorted().joined(separator: ", ")
                throw fail(constant.line, "constants: instrument_id \"\(constant.text)\" is not in survey_items (\(known.isEmpty ? "none is stored yet: import survey_items.csv first" : "instruments: \(known)"))")
            default:
                continue
            }
        }
        if let lookup = mapping.cohortLookup, let cohorts {
            for entry in lookup.entries where !cohorts.contains(entry.cohort) {
                throw fail(entry.line, "cohort_lookup: cohort_id \"\(entry.cohort)\" is not in cohorts; import cohorts.csv with it first, or correct it" + lookups.nearCohorts.hint(for: entry.cohort))
            }
        }
    }

    /// The rule of `skip_rows` that leaves the reader's record out, if one does.
    func skipRule(for reader: CSVReader) -> FileMapping.SkipRule? {
        for (rule, field) in skipFields where rule.matches(field < reader.fieldCount ? reader.field(field) : "") { return rule }
        return nil
    }

    /// The cohort the lookup gives the reader's record; a pair it does not list is a
    /// ``RowProblem`` naming the pair and the mapping.
    func cohort(for reader: CSVReader) throws -> String {
        guard let lookup = mapping.cohortLookup else { return "" }
        let values = lookupFields.map { $0 < reader.fieldCount ? reader.field($0) : "" }
        if let cohort = lookup.cohort(for: values) { return cohort }
        let pair = zip(lookup.columns, values).map { "\($0) \"\(Cells<ArrayRow>.redacted($1))\"" }.joined(separator: " and ")
        throw RowProblem(column: nil, reason: "no cohort for \(pair) in the cohort_lookup of \(mapping.path) (line \(lookup.line)); add them there with their cohort_id, or leave such rows out with skip_rows")
    }
}

extension Importer {
    /// Imports the export a file mapping describes, as its kind: the export's header read with
    /// the mapping's names, its rows with the mapping's values, constants and looked-up cohort;
    /// rows `skip_rows` leaves out are recorded in `skipped_rows`, not read.
    func importExport(through mapping: FileMapping, keeping: [String] = []) throws -> ImportSummary {
        let (reader, size) = try openExport(mapping.exportPath, mappingPath: mapping.path)
        let kind = mapping.kind
        return try run(path: mapping.exportPath, kind: kind, size: size, reader: reader) { reader, sink in
            guard try reader.nextRecord() else {
                throw IngestError.header(file: mapping.exportPath, line: 1, column: 1, message: "the file is empty; a header row naming the columns is required")
            }
            let headers = reader.rawFields
            let plan = try FileMappingPlan(mapping: mapping, headers: headers, line: reader.recordLine, keeping: keeping)
            // What the mapping names that the database lacks refuses the file before any row.
            try plan.check(against: sink.lookups)
            try sink.begin(plan.columnMap, readings: mapping.readings)
            let header = RepeatedHeader(headers)
            var row = MappedRow(reader: reader, width: headers.count, given: plan.given)
            while try reader.nextRecord() {
                let line = reader.recordLine
                if header.matches(reader) {
                    try sink.rejectRow(line: line, column: nil, reason: RepeatedHeader.reason, raw: reader.rawRecord)
                    continue
                }
                if let rule = plan.skipRule(for: reader) {
                    try sink.skipRow(line: line, rule: rule.description)
                    continue
                }
                if let slot = plan.lookupSlot {
                    do {
                        row.given[slot] = try plan.cohort(for: reader)
                    } catch let problem as RowProblem {
                        try sink.rejectRow(line: line, column: problem.column, reason: problem.reason)
                        continue
                    }
                }
                try sink.row(row, line: line)
            }
        }
    }
}
