public import Foundation
import GRDB

/// How a command that writes waits its turn while another process writes the same database.
///
/// SQLite lets one connection write at a time. A second import or an erasure started while
/// one runs asks SQLite for the write lock, is told the database is busy, sleeps and asks
/// again: every 10 ms for the first second, then every 50 ms, until the lock is free or
/// `limit` seconds have passed. After `noticeAfter` seconds of one wait, `notice` is told once
/// (the command line prints a line saying what it waits for). Past the limit the command
/// fails with `StoreError.busy`, having written nothing.
public struct WriterWait: Sendable {
    /// The limit when `IMPACT_WAIT` does not set one: ten minutes, well beyond what a large
    /// import takes (docs/performance.md, "Import").
    public static let defaultLimit: TimeInterval = 600
    /// The longest wait for the write lock, in seconds.
    public let limit: TimeInterval
    /// How long a wait lasts before `notice` is told.
    public let noticeAfter: TimeInterval
    /// Told, once per wait, when it has lasted `noticeAfter` seconds; given `limit`.
    public let notice: @Sendable (_ limit: TimeInterval) -> Void

    /// A wait of at most `limit` seconds that tells `notice` after `noticeAfter` seconds.
    public init(limit: TimeInterval = WriterWait.defaultLimit, noticeAfter: TimeInterval = 1, notice: @escaping @Sendable (_ limit: TimeInterval) -> Void = { _ in }) {
        self.limit = limit
        self.noticeAfter = noticeAfter
        self.notice = notice
    }

    /// The wait `IMPACT_WAIT` sets in `environment` (a number of seconds; 0 for "do not
    /// wait"), `defaultLimit` when it is unset or empty.
    public init(environment: [String: String], notice: @escaping @Sendable (_ limit: TimeInterval) -> Void = { _ in }) throws {
        guard let text = environment["IMPACT_WAIT"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            self.init(notice: notice)
            return
        }
        guard let seconds = TimeInterval(text), seconds.isFinite, seconds >= 0 else { throw StoreError.invalidWait(text) }
        self.init(limit: seconds, notice: notice)
    }

    /// The seconds slept before the try numbered `tries` (0 for the first): 10 ms a try for the
    /// first 100 tries, 50 ms a try after.
    static func waited(beforeTry tries: Int) -> TimeInterval {
        tries <= 100 ? Double(tries) * 0.01 : 1 + Double(tries - 100) * 0.05
    }

    /// SQLite's busy handler for this wait: sleeps and asks again until the limit.
    var busyMode: Database.BusyMode {
        let limit = limit, noticeAfter = noticeAfter, notice = notice
        return .callback { tries in
            let waited = Self.waited(beforeTry: tries)
            guard waited < limit else { return false }
            if waited >= noticeAfter, tries == 0 || Self.waited(beforeTry: tries - 1) < noticeAfter { notice(limit) }
            let step = Self.waited(beforeTry: tries + 1) - waited
            usleep(useconds_t(min(step, limit - waited) * 1_000_000))
            return true
        }
    }
}
