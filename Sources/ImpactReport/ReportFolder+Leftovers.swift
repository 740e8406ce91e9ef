import Foundation

extension ReportFolder {
    /// A folder the engine makes beside a report folder NAME: `.NAME.impact-new-PID-TOKEN`, a
    /// report being staged (after an exchange, the report it replaced), or
    /// `.NAME.impact-old-PID-TOKEN`, a report set aside where folders cannot be exchanged.
    struct EngineFolder: Sendable, Equatable {
        /// What the folder holds.
        enum Kind: String, Sendable {
            case staging = "new"
            case setAside = "old"
        }

        let kind: Kind
        /// The process that made it.
        let process: Int32
        /// 16 lowercase hex digits, random.
        let token: String

        init(kind: Kind, process: Int32, token: String) {
            self.kind = kind
            self.process = process
            self.token = token
        }

        /// The engine folder `entry` names beside the report folder `folder`; nil for any other name.
        init?(parsing entry: String, of folder: String) {
            let prefix = ".\(folder).impact-"
            guard entry.hasPrefix(prefix) else { return nil }
            let parts = entry.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, let kind = Kind(rawValue: String(parts[0])),
                  parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let process = Int32(parts[1]), process > 0,
                  parts[2].count == 16, parts[2].allSatisfy({ $0.isASCII && ($0.isNumber || ("a"..."f").contains($0)) })
            else { return nil }
            self.init(kind: kind, process: process, token: String(parts[2]))
        }

        /// The same process's folder for setting the previous report aside.
        var settingAside: EngineFolder { EngineFolder(kind: .setAside, process: process, token: token) }

        /// Its name beside the report folder `folder`.
        func name(of folder: String) -> String { ".\(folder).impact-\(kind.rawValue)-\(process)-\(token)" }

        /// Whether the process that made it still runs: then the folder is that report's to finish.
        var isInUse: Bool { kill(process, 0) == 0 || errno == EPERM }
    }

    /// Where `folder` is: beside this report folder.
    func location(of folder: EngineFolder) -> String {
        (parent as NSString).appendingPathComponent(folder.name(of: name))
    }

    /// Clears what reports killed earlier left beside this folder: a previous report set aside
    /// is put back when the folder is missing (a kill between the fallback's two renames), and
    /// every other engine folder whose process is gone is removed as `removeReport(at:)` does.
    /// Returns those kept because they hold files a report does not write.
    func clearLeftovers() -> [String] {
        let found = Self.names(in: parent).compactMap { EngineFolder(parsing: $0, of: name) }
            .filter { Self.fileType(location(of: $0)) == S_IFDIR && !$0.isInUse }
        if Self.fileType(path) == nil, let aside = found.first(where: { $0.kind == .setAside }), rename(location(of: aside), path) == 0 {
            Self.flushFolder(parent)
        }
        return found.map(location(of:)).filter { Self.fileType($0) == S_IFDIR && !removeReport(at: $0) }
    }

    /// An entry of a report folder, as replacing the report treats it.
    enum Entry: Equatable {
        /// A file a report writes (a table, report.md, report.html, `charts/*.svg`) or Finder's
        /// `.DS_Store`: removed with the report.
        case reportFile(String)
        /// `charts/`, listed after its files: removed when they were all it held.
        case chartsFolder
        /// A staging folder that versions before the one-step swap made inside the report
        /// folder (`.impact-report-PID-…`): removed whole.
        case earlierStaging(String)
        /// Anything else (a folder's name ends in `/`): never removed, and neither is the
        /// folder holding it.
        case other(String)
    }

    /// Finder's view settings, written into any folder it shows: not the user's work.
    static let desktopFiles: Set<String> = [".DS_Store"]

    /// The entries of the report folder (or staging folder) at `folder`, by name.
    func entries(of folder: String) -> [Entry] {
        var entries: [Entry] = []
        for entry in Self.names(in: folder) {
            let full = (folder as NSString).appendingPathComponent(entry)
            let type = Self.fileType(full)
            if type == S_IFREG, reportFiles.contains(entry) || Self.desktopFiles.contains(entry) {
                entries.append(.reportFile(entry))
            } else if type == S_IFDIR, entry == "charts" {
                for chart in Self.names(in: full) {
                    let isChart = Self.fileType((full as NSString).appendingPathComponent(chart)) == S_IFREG
                        && (chart.hasSuffix(".svg") || Self.desktopFiles.contains(chart))
                    entries.append(isChart ? .reportFile("charts/" + chart) : .other("charts/" + chart))
                }
                entries.append(.chartsFolder)
            } else if type == S_IFDIR, Self.isEarlierStaging(entry) {
                entries.append(.earlierStaging(entry))
            } else {
                entries.append(.other(type == S_IFDIR ? entry + "/" : entry))
            }
        }
        return entries
    }

    /// Removes the report at `folder` (a replaced report or a staging folder): only the
    /// entries `entries(of:)` calls a report's; anything else stays, and with it the folder.
    /// Returns whether the folder is gone.
    func removeReport(at folder: String) -> Bool {
        for entry in entries(of: folder) {
            switch entry {
            case let .reportFile(file): _ = unlink((folder as NSString).appendingPathComponent(file))
            case .chartsFolder: _ = rmdir((folder as NSString).appendingPathComponent("charts"))
            case let .earlierStaging(staging): try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(staging))
            case .other: break
            }
        }
        return rmdir(folder) == 0
    }

    /// `.impact-report-PID-…`, the staging folder of versions before the one-step swap.
    static func isEarlierStaging(_ entry: String) -> Bool {
        let prefix = ".impact-report-"
        guard entry.hasPrefix(prefix) else { return false }
        let process = entry.dropFirst(prefix.count).prefix { $0 != "-" }
        return !process.isEmpty && process.allSatisfy { $0.isASCII && $0.isNumber } && entry.dropFirst(prefix.count + process.count).hasPrefix("-")
    }

    /// The names in `folder`, sorted; none when it cannot be read.
    static func names(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}
