import Foundation

/// `work(0)` … `work(count − 1)` run at the same time (as many at once as there are cores), their
/// results in order; the first error in order is thrown.
public func concurrently<T: Sendable>(_ count: Int, _ work: @Sendable (Int) throws -> T) throws -> [T] {
    let results = ConcurrentResults<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        results.set(index, Result { try work(index) })
    }
    return try results.all.map { try $0?.get() ?? { throw UnfinishedWork() }() }
}

/// A task of `concurrently` that left no result (`concurrentPerform` returns only when every one
/// has run, so this does not happen).
private struct UnfinishedWork: Error, CustomStringConvertible {
    var description: String { "cannot read the database: a concurrent read did not finish" }
}

/// Results set from the threads of `concurrentPerform`.
/// `@unchecked Sendable`: every access to `results` holds `lock` (Synchronization's Mutex needs macOS 15).
private final class ConcurrentResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<T, any Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<T, any Error>) {
        lock.withLock { results[index] = result }
    }

    var all: [Result<T, any Error>?] { lock.withLock { results } }
}
