import Foundation

/// A small SVG writer: the shapes the charts use, with text escaped, and a document that
/// carries its `<title>` and `<desc>` for screen readers (`role="img"`, `aria-labelledby`).
struct SVG {
    let width: Double
    let height: Double
    let title: String
    let description: String
    /// Prefix of the title's and description's ids, unique within a page that inlines several charts.
    let identifier: String
    private var body = ""
    private var definitions = ""

    init(width: Double, height: Double, title: String, description: String, identifier: String) {
        self.identifier = identifier
        self.width = width
        self.height = height
        self.title = title
        self.description = description
    }

    /// The whole document, standalone (an XML declaration, the SVG namespace).
    func document() -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(element())
        """
    }

    /// The `<svg>` element alone, for inlining in HTML.
    func element() -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
        out += "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" role=\"img\" aria-labelledby=\"\(identifier)-title \(identifier)-desc\" "
        out += "font-family=\"Helvetica, Arial, sans-serif\">\n"
        out += "<title id=\"\(identifier)-title\">\(Self.escaped(title))</title>\n<desc id=\"\(identifier)-desc\">\(Self.escaped(description))</desc>\n"
        if !definitions.isEmpty { out += "<defs>\n\(definitions)</defs>\n" }
        out += "<rect x=\"0\" y=\"0\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"#ffffff\"/>\n"
        return out + body + "</svg>\n"
    }

    mutating func define(_ markup: String) { definitions += markup + "\n" }

    mutating func text(_ content: String, x: Double, y: Double, size: Double, anchor: String = "start", weight: String = "normal", fill: String = "#111") {
        body += "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(Self.number(size))\" text-anchor=\"\(anchor)\""
        body += (weight == "normal" ? "" : " font-weight=\"\(weight)\"") + " fill=\"\(fill)\">\(Self.escaped(content))</text>\n"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body += "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" "
        body += "stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>\n"
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil) {
        body += "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"\(fill)\""
        body += (stroke.map { " stroke=\"\($0)\"" } ?? "") + "/>\n"
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
        body += "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" fill=\"\(fill)\"/>\n"
    }

    /// An open diamond (the reference marker).
    mutating func diamond(x: Double, y: Double, size: Double) {
        let points = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)].map { "\(Self.number($0.0)),\(Self.number($0.1))" }
        body += "<polygon points=\"\(points.joined(separator: " "))\" fill=\"#ffffff\" stroke=\"#b35900\" stroke-width=\"2\"/>\n"
    }

    /// About five round tick values from `lower` to `upper`.
    static func ticks(_ lower: Double, _ upper: Double) -> [Double] {
        let span = upper - lower
        guard span > 0, span.isFinite else { return [lower] }
        let raw = span / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var tick = (lower / step).rounded(.up) * step
        var result: [Double] = []
        while tick <= upper + step * 1e-9, result.count < 20 {
            result.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return result
    }

    /// A coordinate or tick: at most two decimals, no trailing zeros.
    static func number(_ value: Double) -> String {
        Disclosure.fixed(value, digits: 2)
    }

    /// Text escaped for XML content and attributes.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}
