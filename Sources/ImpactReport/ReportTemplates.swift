public import Foundation
import ImpactStore
import Mustache

/// The Mustache templates of report.md and report.html: the ones shipped in `Templates/`,
/// with any of them replaced by a file of the same name in an override folder (`--template`).
/// `report.md.mustache` and `report.html.mustache` are the entry points; the others are
/// partials (`{{> md-table}}`).
public struct ReportTemplates: Sendable {
    let library: MustacheLibrary

    /// The names of the shipped templates.
    public static let names = ["report.md", "report.html", "md-table", "html-table"]

    /// The shipped templates, with those of `override` (files `NAME.mustache`) in their place.
    public init(override: URL? = nil) throws {
        Self.registerContentTypes
        var library = MustacheLibrary()
        for name in Self.names {
            let url = override.map { $0.appendingPathComponent("\(name).mustache") }
            let chosen = url.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
            let text: String
            if let chosen {
                do { text = try String(contentsOf: chosen, encoding: .utf8) } catch {
                    throw ReportError.template(path: chosen.path, detail: "cannot be read as UTF-8 (\(error.localizedDescription))")
                }
            } else {
                guard let shipped = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "Templates"),
                      let contents = try? String(contentsOf: shipped, encoding: .utf8) else {
                    throw ReportError.template(path: "Templates/\(name).mustache", detail: "missing from the engine's resources; reinstall impact")
                }
                text = contents
            }
            do {
                try library.register(text, named: name)
            } catch {
                throw ReportError.template(path: chosen?.path ?? "Templates/\(name).mustache", detail: "is not a valid Mustache template (\(error))")
            }
        }
        if let override {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: override.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw ReportError.template(path: override.path, detail: "is not a folder of NAME.mustache files (names: \(Self.names.joined(separator: ", ")))")
            }
        }
        self.library = library
    }

    /// Renders the template `name` with `context`.
    func render(_ name: String, _ context: [String: Any]) throws -> String {
        guard let text = library.render(context, withTemplate: name) else {
            throw ReportError.template(path: "\(name).mustache", detail: "is not loaded")
        }
        return text
    }

    /// The `MARKDOWN` content type (`{{% CONTENT_TYPE: MARKDOWN}}`): a value written with `{{…}}`
    /// reads as its text and cannot break a table row, link, emphasise or start HTML.
    static let registerContentTypes: Void = MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
}

/// Escapes every value written with `{{…}}` in a Markdown template as text (`MarkdownText`):
/// a sentence, an id or a cell is text, and the template's own text is the only Markdown.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        MarkdownText.escaped(text)
    }
}
