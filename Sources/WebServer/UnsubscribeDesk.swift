import Foundation
import Logging
import Subscribers
import Synchronization

/// Records readers' unsubscribes in their lists' change journals (`ChangeJournal`), many requests to one write: each
/// request waits while the journal is appended to and flushed under the list's lock (the same lock every
/// `digest subscribers` command takes), and the requests that arrive meanwhile go into the next write together. A
/// request is answered only once its line is on disk.
///
/// An append costs a few milliseconds whatever the size of the list, where rewriting the whole CSV file took
/// over a second at 100,000 readers; the journal is folded into the CSV file by the next command that changes the list,
/// and by this desk itself once a list has had no unsubscribe for `foldDelay`, so the file a person opens is soon
/// current again. The file work runs on a queue of its own, off the threads that answer requests (taking the lock
/// can mean waiting for another command).
final class UnsubscribeDesk: Sendable {
    private struct Request {
        var email: EmailAddress
        var date: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var pending: [URL: [Request]] = [:]
        var draining = false
        /// Bumped by every write to a list's journal, so a fold waits for a quiet moment.
        var writes: [URL: Int] = [:]
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "digest.serve.unsubscribe")
    private let lockTimeout: Duration
    private let foldDelay: Duration
    private let now: @Sendable () -> Date
    private let logger: Logger

    /// A desk that waits up to `lockTimeout` for another command to let go of a list, and folds a list's journal
    /// into it after `foldDelay` without unsubscribes.
    init(
        lockTimeout: Duration = .seconds(10), foldDelay: Duration = .seconds(10), logger: Logger,
        now: @escaping @Sendable () -> Date
    ) {
        self.lockTimeout = lockTimeout
        self.foldDelay = foldDelay
        self.logger = logger
        self.now = now
    }

    /// Records that `email` asked to leave the list at `list`, and returns once that is on disk.
    ///
    /// What it does to the list, as every reader of the list applies it: an active subscriber becomes unsubscribed,
    /// one who is not mailed anyway stays as they are, and an address not on the list is suppressed, so a later
    /// import cannot bring it back against the reader's wish. The same request again changes nothing more.
    ///
    /// - Throws: `SubscribersError` when the journal cannot be written (`.locked` after the wait, `.writeFailed`…).
    func unsubscribe(_ email: EmailAddress, list: URL) async throws {
        let date = now()
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let starts = state.withLock { state -> Bool in
                state.pending[list, default: []].append(Request(email: email, date: date, continuation: continuation))
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if starts { queue.async { self.drain() } }
        }
    }

    /// Applies what is pending, list by list, until nothing is.
    private func drain() {
        while true {
            let batch = state.withLock { state -> [URL: [Request]]? in
                guard !state.pending.isEmpty else {
                    state.draining = false
                    return nil
                }
                defer { state.pending = [:] }
                return state.pending
            }
            guard let batch else { return }
            for (list, requests) in batch { record(requests, in: list) }
        }
    }

    private func record(_ requests: [Request], in list: URL) {
        do {
            let lock = try ListLock(list: list, timeout: lockTimeout)
            try withExtendedLifetime(lock) {
                let changes = requests.map { ListChange(.unsubscribe, $0.email, date: $0.date) }
                try ChangeJournal.append(changes, forList: list, holding: lock)
            }
            for request in requests { request.continuation.resume() }
        } catch {
            for request in requests { request.continuation.resume(throwing: error) }
            return
        }
        foldWhenQuiet(list)
    }

    /// Folds the journal into the list after `foldDelay`, unless another unsubscribe comes first.
    private func foldWhenQuiet(_ list: URL) {
        let write = state.withLock { state -> Int in
            state.writes[list, default: 0] += 1
            return state.writes[list, default: 0]
        }
        let delay = foldDelay.components
        let nanoseconds = Int(delay.seconds) * 1_000_000_000 + Int(delay.attoseconds / 1_000_000_000)
        queue.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
            let quiet = self.state.withLock { $0.writes[list] == write && $0.pending[list] == nil }
            guard quiet else { return }
            do {
                // An edit that changes nothing: it applies the journal, saves the files and removes the journal. A
                // list with a broken row is not rewritten; its journal stays and every reader still applies it.
                try SubscriberList.edit(at: list, lockTimeout: .seconds(1)) { _ in }
            } catch {
                self.logger.notice("the list's change journal is not folded yet: \(error)")
            }
        }
    }
}
