/// A listing for reading in a terminal: each entry's title on a line, then its text wrapped
/// at `width` columns and indented (used by `impact queries` and `impact metrics`).
func queryListing(_ entries: [(title: String, text: String)], width: Int = 88) -> String {
    var out = ""
    for entry in entries {
        out += entry.title + "\n"
        var line = "   "
        for word in entry.text.split(separator: " ") {
            if line.count + 1 + word.count > width, line.count > 3 {
                out += line + "\n"
                line = "   "
            }
            line += " " + word
        }
        if line.count > 3 { out += line + "\n" }
    }
    return out
}
