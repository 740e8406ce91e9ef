public import Foundation

/// Writes `text` to `name` in `folder` and returns the file's path.
@discardableResult
public func write(_ text: String, to name: String, in folder: URL) throws -> String {
    try write(bytes: Array(text.utf8), to: name, in: folder)
}

/// Writes raw bytes to `name` in `folder` and returns the file's path.
@discardableResult
public func write(bytes: [UInt8], to name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}
