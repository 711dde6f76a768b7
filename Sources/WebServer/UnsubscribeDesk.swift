import Foundation
import Subscribers
import Synchronization

/// Applies readers' unsubscribes to their lists, many requests to one write: each request waits while the list is
/// changed under its lock (`SubscriberList.edit`: the same lock, the same atomic writes as `digest subscribers`),
/// and the requests that arrive meanwhile are applied together in the next change.
///
/// The list is read and written whole, so a write per request would make a thousand concurrent unsubscribes a
/// thousand rewrites; batched, they are a handful. The file work runs on a queue of its own, off the threads that
/// answer requests (taking the lock can mean waiting for another command).
final class UnsubscribeDesk: Sendable {
    /// What became of a request; the reader is told the same in every case.
    enum Outcome: Sendable, Equatable {
        /// The subscriber was active and is now unsubscribed.
        case unsubscribed
        /// The subscriber was already not mailed (unsubscribed, bounced, complained): nothing changed.
        case alreadyInactive
        /// The address is not on the list: it is added to the list's suppression file, so a later import cannot
        /// bring it back against the reader's wish.
        case suppressed
    }

    private struct Request {
        var email: EmailAddress
        var continuation: CheckedContinuation<Outcome, any Error>
    }

    private struct State {
        var pending: [URL: [Request]] = [:]
        var draining = false
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "digest.serve.unsubscribe")
    private let lockTimeout: Duration
    private let now: @Sendable () -> Date

    /// A desk that waits up to `lockTimeout` for another command to let go of a list.
    init(lockTimeout: Duration = .seconds(10), now: @escaping @Sendable () -> Date) {
        self.lockTimeout = lockTimeout
        self.now = now
    }

    /// Unsubscribes `email` from the list at `list` and returns once the change is on disk.
    ///
    /// - Throws: `SubscribersError` when the list cannot be changed (`.locked` after the wait, `.writeFailed`…).
    func unsubscribe(_ email: EmailAddress, list: URL) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let starts = state.withLock { state -> Bool in
                state.pending[list, default: []].append(Request(email: email, continuation: continuation))
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
            for (list, requests) in batch { apply(requests, to: list) }
        }
    }

    private func apply(_ requests: [Request], to list: URL) {
        let note = "asked to unsubscribe on \(Self.stamp(now())), not on the list"
        do {
            let outcomes = try SubscriberList.edit(at: list, lockTimeout: lockTimeout) { subscribers in
                requests.map { request in Self.unsubscribe(request.email, in: &subscribers, note: note) }
            }
            for (request, outcome) in zip(requests, outcomes) { request.continuation.resume(returning: outcome) }
        } catch let error as SubscribersError where [.needsRepair, .unreadable, .invalidHeader].contains(error.code) {
            // A hand-edited list with a broken row (or one that cannot be read) is not rewritten; the suppression
            // file beside it still takes the addresses, so the unsubscribes are honoured now and the list can be
            // repaired later.
            do {
                try SuppressionList.edit(forList: list, lockTimeout: lockTimeout) { suppression in
                    for request in requests {
                        suppression.add(request.email, note: "unsubscribed on \(Self.stamp(now()))")
                    }
                }
                for request in requests { request.continuation.resume(returning: .suppressed) }
            } catch {
                for request in requests { request.continuation.resume(throwing: error) }
            }
        } catch {
            for request in requests { request.continuation.resume(throwing: error) }
        }
    }

    private static func unsubscribe(_ email: EmailAddress, in list: inout SubscriberList, note: String) -> Outcome {
        guard let subscriber = list.subscriber(email) else {
            list.suppress(email, note: note)
            return .suppressed
        }
        guard subscriber.status == .active else { return .alreadyInactive }
        // Changing the status alone cannot make a row invalid, so `update` has nothing to refuse here.
        _ = try? list.update(email) { $0.status = .unsubscribed }
        return .unsubscribed
    }

    private static func stamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
