import Foundation

/// A progress bar on standard error for files that take more than a second; silent when
/// standard error is not a terminal.
public final class ImportProgress {
    private let enabled: Bool
    private var file = ""
    private var size = 0
    private var startTime = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// A bar on standard error if it is a terminal (`force` draws regardless, for tests).
    public init(force: Bool = false) {
        enabled = force || isatty(2) == 1
    }

    func start(file: String, size: Int) {
        self.file = (file as NSString).lastPathComponent
        self.size = size
        startTime = Date()
        drawn = false
    }

    func update(bytes: Int) {
        guard enabled, size > 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(startTime) > 1, now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let fraction = min(1, Double(bytes) / Double(size))
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(bytes) / max(0.001, now.timeIntervalSince(startTime)) / 1_048_576
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\r\(file) [\(bar)] \(Int(fraction * 100))%  \(String(format: "%.1f", rate)) MiB/s"
        try? FileHandle.standardError.write(contentsOf: Data(line.utf8))
        drawn = true
    }

    func finish() {
        guard drawn else { return }
        try? FileHandle.standardError.write(contentsOf: Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}
