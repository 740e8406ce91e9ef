extension InsertTarget {
    /// `INSERT … VALUES (…) × rows ON CONFLICT (key) DO UPDATE … WHERE changed [AND newer]`;
    /// the columns in `keeping` are inserted but never updated (`DO NOTHING` when none is left).
    /// Identifiers come from the engine's constants, never from input.
    func upsertSQL(rows: Int, keeping: Set<String> = []) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let values = Array(repeating: tuple, count: rows).joined(separator: ",")
        let others = columns.filter { !key.contains($0) && !keeping.contains($0) }
        guard !others.isEmpty else {
            return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(values) ON CONFLICT (\(key.joined(separator: ", "))) DO NOTHING"
        }
        let set = others.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let stored = "(" + others.map { "\(table).\($0)" }.joined(separator: ", ") + ")"
        let incoming = "(" + others.map { "excluded.\($0)" }.joined(separator: ", ") + ")"
        var condition = "\(stored) IS NOT \(incoming)"
        if let newerWins { condition = "coalesce(excluded.\(newerWins), '') >= coalesce(\(table).\(newerWins), '') AND \(condition)" }
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(values) ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET \(set) WHERE \(condition)"
    }
}
