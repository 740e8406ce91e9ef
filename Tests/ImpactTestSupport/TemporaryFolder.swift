public import Foundation

/// A fresh folder under the system's temporary directory, for one test; the caller removes it
/// or leaves it there.
public func makeTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("impact-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs `body` on a fresh temporary folder (`makeTemporaryFolder()`), removed after it.
public func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}
