import Foundation
import ImpactStore
import Yams

/// The top level of a YAML mapping file of either family (a file export, docs/mappings.md; a
/// wide survey export, docs/survey-mappings.md): each key with its nodes, and refusals that name
/// the mapping file and the YAML line.
struct MappingDocument {
    /// The mapping file, as given.
    let path: String
    /// Top-level key → its key and value nodes.
    let entries: [String: (key: Node, value: Node)]

    /// Reads the mapping file at `path`; `empty` says what a mapping needs, for an empty file.
    init(contentsOf path: String, empty: String) throws {
        let data: Data
        do throws(RegularFile.Refusal) {
            data = try RegularFile.contents(of: path)
        } catch {
            throw IngestError.mapping(file: path, message: "\(error.description); \(error.fix)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw IngestError.mapping(file: path, message: "the mapping file is not UTF-8 text; save it as UTF-8")
        }
        try self.init(yaml: text, path: path, empty: empty)
        // A file none of whose keys is a mapping's is not a mapping: nothing of it is quoted.
        guard entries.keys.contains(where: Self.isMappingKey) else {
            throw fail("is not a mapping: none of its \(entries.count) top-level key\(entries.count == 1 ? "" : "s") is a mapping's (\(Self.mappingKeys.joined(separator: ", "))), and they are not shown, since a file that is not what it should be may hold anything; check the path")
        }
    }

    /// Parses mapping YAML: a set of `key: value` lines, each key once.
    init(yaml: String, path: String, empty: String) throws {
        self.path = path
        let fail = { (message: String) in IngestError.mapping(file: path, message: message) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            // Keys are named only in a file that has a line of a mapping's top-level key: this
            // may be a file of another kind, which could not be read as YAML to tell.
            let recognised = yaml.split(whereSeparator: \.isNewline).contains { line in
                Self.mappingKeys.contains { line.hasPrefix($0 + ":") }
            }
            let keys = recognised ? duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ") : "a key is"
            throw fail("line \(context.mark.line): \(keys) given twice in the same mapping; keep one")
        } catch {
            throw fail("is not valid YAML (\(Self.yamlProblem(error))); check the indentation, and quote a value that holds a colon followed by a space")
        }
        guard let root else { throw fail("the mapping file is empty; \(empty)") }
        guard case let .mapping(top) = root else {
            let line = root.mark.map { "line \($0.line): " } ?? ""
            throw fail(line + "the mapping must be a set of `key: value` lines (file, kind, columns, …), not a list or a single value")
        }
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in top { entries[key.scalar?.string ?? ""] = (key, value) }
        self.entries = entries
    }

    /// The top-level keys of either family, in the order of the docs.
    static var mappingKeys: [String] {
        FileMapping.keys + SurveyMapping.keys.filter { !FileMapping.keys.contains($0) }
    }

    /// Whether `key` is a top-level key of either family: a name the engine itself defines,
    /// which a message may quote from any file.
    static func isMappingKey(_ key: String) -> Bool { mappingKeys.contains(key) }

    /// A mapping error at `node`'s line.
    func fail(_ message: String, at node: Node? = nil) -> IngestError {
        let line = node?.mark.map { "line \($0.line): " } ?? ""
        return IngestError.mapping(file: path, message: line + message)
    }

    /// Refuses a key that is not one of `keys`, listing them.
    func refuseUnknownKeys(_ keys: [String]) throws {
        let unknown = entries.filter { !keys.contains($0.key) }.min { ($0.value.key.mark?.line ?? 0) < ($1.value.key.mark?.line ?? 0) }
        if let (name, nodes) = unknown {
            throw fail("unknown key \"\(name)\" (the keys are: \(keys.joined(separator: ", "))); check its spelling", at: nodes.key)
        }
    }

    /// The text of a single-valued key, if it is given; refuses a list, a mapping or an empty value.
    func text(_ key: String) throws -> String? {
        guard let (_, node) = entries[key] else { return nil }
        guard let value = Self.scalarText(node) else {
            throw fail("\(key) must be a single value, not a list or a mapping", at: node)
        }
        guard !value.isEmpty else { throw fail("\(key) is empty; give it a value or remove the line", at: node) }
        return value
    }

    /// The text of a key that must be given; `example` shows a value.
    func required(_ key: String, _ example: String) throws -> String {
        guard let value = try text(key) else { throw fail("\"\(key)\" is missing; add it, e.g. \(key): \(example)") }
        return value
    }

    /// The export the mapping reads: `file` resolved against the mapping file's folder.
    func exportPath() throws -> String {
        let file = try required("file", "export.csv")
        let expanded = (file as NSString).expandingTildeInPath
        let folder = (path as NSString).deletingLastPathComponent
        return expanded.hasPrefix("/") || folder.isEmpty ? expanded : (folder as NSString).appendingPathComponent(expanded)
    }

    /// How slash dates are read: `date_order`, day first when it is not given.
    func dateOrder() throws -> DateOrder {
        guard let order = try text("date_order") else { return .dayFirst }
        guard let parsed = DateOrder(rawValue: order.lowercased()) else {
            throw fail("date_order \"\(order)\" is not known (accepted: \(DateOrder.allCases.map(\.rawValue).joined(separator: ", ")))", at: entries["date_order"]?.value)
        }
        return parsed
    }

    /// A scalar's text, trimmed (a YAML null is empty); nil for a list or a mapping.
    static func scalarText(_ node: Node) -> String? {
        guard case let .scalar(scalar) = node else { return nil }
        if node.null != nil { return "" }
        return scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The line of a node, for messages (0 when it has none).
    static func line(_ node: Node) -> Int { node.mark?.line ?? 0 }

    private static func yamlProblem(_ error: any Error) -> String {
        if let yaml = error as? YamlError {
            switch yaml {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                return "line \(mark.line), column \(mark.column): \(problem)"
            default:
                return yaml.description.split(separator: "\n").first.map(String.init) ?? "\(yaml)"
            }
        }
        return "\(error)"
    }
}
