/// The stored ids an unknown id nearly is: the same but for case, or a Salesforce 15-character
/// id whose 18-character form is stored (or the other way round). Such a row is still rejected
/// (ids are exact: `007` and `7` differ), but its reason names the stored id, so the fix is clear.
/// Built on the first miss only, so files whose ids all match pay nothing.
final class NearMatches {
    private let storedIDs: () -> [String]
    private var byFolded: [String: String]?
    private var bySalesforcePrefix: [String: String] = [:]

    /// Near matches among the ids `storedIDs` gives when first asked.
    init(_ storedIDs: @escaping () -> [String]) {
        self.storedIDs = storedIDs
    }

    /// The stored id `id` nearly is, if there is one.
    func match(for id: String) -> String? {
        if byFolded == nil { build() }
        if let same = byFolded?[id.lowercased()], same != id { return same }
        if Self.isSalesforceID(id, length: 15), let long = bySalesforcePrefix[id] { return long }
        if Self.isSalesforceID(id, length: 18), let short = byFolded?[String(id.prefix(15)).lowercased()],
           short == String(id.prefix(15)) {
            return short
        }
        return nil
    }

    /// The words a rejection adds for `id`: "; did you mean …?" and why, or nothing.
    func hint(for id: String) -> String {
        guard let near = match(for: id) else { return "" }
        if near.lowercased() == id.lowercased() {
            return "; \"\(near)\" is stored, which differs only in upper and lower case: ids are exact, so correct the file's id (or the stored one)"
        }
        return "; \"\(near)\" is stored: a Salesforce id in its \(near.count)-character form, while the file has the \(id.count)-character form; export the same form (Salesforce's 18-character Case Safe ID is the safer choice) or map it"
    }

    private func build() {
        var folded: [String: String] = [:]
        for stored in storedIDs() {
            folded[stored.lowercased()] = folded[stored.lowercased()] ?? stored
            if Self.isSalesforceID(stored, length: 18) { bySalesforcePrefix[String(stored.prefix(15))] = stored }
        }
        byFolded = folded
    }

    private static func isSalesforceID(_ id: String, length: Int) -> Bool {
        id.utf8.count == length && id.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
    }
}
