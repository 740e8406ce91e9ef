import Foundation

/// Rows converted on the reading thread, on their way to the writing thread.
struct RowBatch {
    /// Accepted rows, flattened: `lines.count` rows of the target's width.
    var values: [BindValue] = []
    /// The line of each accepted row.
    var lines: [Int] = []
    /// Rejected rows with their raw text.
    var rejections: [(Rejection, String)] = []
    /// Optional cells of accepted rows that could not be read (stored as unknown).
    var unread: [UnreadCell] = []
    /// Rows a mapping's `skip_rows` left out: line and rule.
    var skipped: [(line: Int, rule: String)] = []
    /// Bytes of the file read when the batch was handed over (for the progress bar).
    var bytesRead = 0
    /// On the first batch of a file: the stored columns its rows leave as they are
    /// (`TableTarget.columnsKept(by:)`).
    var keeping: Set<String>?
}

/// A bounded queue of batches between one reading and one writing thread. The reader blocks
/// when the writer is behind, so memory stays flat whatever the file size.
final class BatchChannel: @unchecked Sendable {
    // @unchecked: every stored property is read and written under `condition`.
    private let condition = NSCondition()
    private var queue: [RowBatch] = []
    private let capacity: Int
    private var closed = false
    private var producerError: (any Error)?
    private var cancelled = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Thrown to the reading thread when the writer has given up.
    struct Cancelled: Error {}

    /// Adds a batch, waiting while the queue is full.
    func push(_ batch: RowBatch) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        queue.append(batch)
        condition.broadcast()
    }

    /// The reading thread is done, with or without an error.
    func close(error: (any Error)?) {
        condition.lock()
        closed = true
        producerError = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; nil once the reader is done; rethrows the reader's error.
    func next() throws -> RowBatch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if let producerError, !(producerError is Cancelled) { throw producerError }
        return nil
    }

    /// Stops the reader and waits until it has finished with the file.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        while !closed { condition.wait() }
        condition.unlock()
    }
}

/// Hands a value to another thread; the sender does not touch it until that thread is done.
struct Unchecked<Value>: @unchecked Sendable {
    // @unchecked: ownership moves to the receiving thread (see BatchChannel.cancelAndWait).
    let value: Value
    init(_ value: Value) { self.value = value }
}
