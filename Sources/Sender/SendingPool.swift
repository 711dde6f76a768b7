import Dispatch
import Foundation
import Subscribers
import Synchronization

/// A recipient to send to, on a given attempt, due at a moment of the pool's clock.
struct DeliveryItem: Sendable {
    var subscriber: Subscriber
    var attempt: Int
    var due: Double
}

/// A message made ahead, waiting for a connection.
struct PreparedMessage: Sendable {
    var item: DeliveryItem
    var messageID: MessageID
    var bytes: Data
    /// When it was made (the pool's clock): one that waited long is made again, so that its
    /// `Date` is the time it went.
    var made: Double
}

/// The threads of one send: one that makes messages a few ahead, and one per connection that
/// sends them, with the recipients waiting for a back-off; all of it behind one `Mutex`.
///
/// A thread that has nothing to do parks on a semaphore of its own, registered in the state under
/// the lock, and whoever changes what it waits for wakes it; every wait also ends within a second.
final class SendingPool: Sendable {
    /// What a sending thread does next.
    enum Next {
        /// Send a message made ahead.
        case prepared(PreparedMessage)
        /// Make the message of a recipient whose back-off ended, and send it.
        case retry(DeliveryItem)
    }

    private struct State: ~Copyable {
        var ready: [PreparedMessage] = []
        var retries: [DeliveryItem]
        var producerDone = false
        var inFlight = 0
        var stop: (any Error)?
        var progress: DeliveryProgress
        /// Threads waiting for a message or a retry to come due; for room among those made ahead.
        var parkedSenders: [DispatchSemaphore] = []
        var parkedProducer: DispatchSemaphore?

        mutating func wakeSenders() -> [DispatchSemaphore] {
            defer { parkedSenders.removeAll() }
            return parkedSenders
        }
    }

    private let state: Mutex<State>
    private let clock: any PacingClock
    private let startTime: Double
    /// The latest moment a retry may come due in this run; later ones are left for the next.
    private let deadline: Double
    /// How many messages are made ahead of the connections: enough that a connection never
    /// waits for one, few enough that their memory does not matter.
    let readyAhead: Int

    /// A pool for `total` recipients, `retries` of whom wait for a back-off.
    init(retries: [DeliveryItem], total: Int, maxWait: Double, readyAhead: Int = 8, clock: any PacingClock) {
        self.clock = clock
        startTime = clock.now()
        deadline = startTime + maxWait
        self.readyAhead = readyAhead
        state = Mutex(State(retries: retries, progress: DeliveryProgress(total: total, done: 0, sent: 0, elapsed: 0)))
    }

    /// Runs `produce` on one thread and `work` on `workers` threads, and returns when all have ended.
    func run(workers: Int, produce: @escaping @Sendable () -> Void, work: @escaping @Sendable () -> Void) {
        let finished = DispatchGroup()
        for body in [produce] + Array(repeating: work, count: workers) {
            finished.enter()
            let thread = Thread {
                defer { finished.leave() }
                body()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        finished.wait()
    }

    /// The error that stopped the run, if one did.
    var stopReason: (any Error)? {
        state.withLock { $0.stop }
    }

    // MARK: The thread that makes messages

    /// Hands over a message made ahead, waiting while enough are; false when the run has stopped.
    func offer(_ message: PreparedMessage) -> Bool {
        let parking = DispatchSemaphore(value: 0)
        // Bounded: every wait ends within a second, and the loop ends when the run stops.
        while true {
            let (accepted, wake) = state.withLock { state -> (Bool?, [DispatchSemaphore]) in
                if state.stop != nil { return (false, []) }
                guard state.ready.count < readyAhead else {
                    state.parkedProducer = parking
                    return (nil, [])
                }
                state.ready.append(message)
                return (true, state.wakeSenders())
            }
            for semaphore in wake { semaphore.signal() }
            if let accepted { return accepted }
            _ = parking.wait(timeout: .now() + 1)
        }
    }

    /// Says that every message has been made (or the list could not be read further).
    func producerFinished() {
        let wake = state.withLock { state in
            state.producerDone = true
            return state.wakeSenders()
        }
        for semaphore in wake { semaphore.signal() }
    }

    // MARK: The sending threads

    /// The next due retry or message made ahead; waits for one to come due or be made. Nil when
    /// the run is over: stopped, or nothing left that comes due within it.
    func next() -> Next? {
        let parking = DispatchSemaphore(value: 0)
        // Bounded: every wait ends within a second; items only leave the queues or come due.
        while true {
            let now = clock.now()
            let (next, wait, producer) = state.withLock { state -> (Next??, Double, DispatchSemaphore?) in
                if state.stop != nil { return (.some(nil), 0, nil) }
                if let index = state.retries.firstIndex(where: { $0.due <= now }) {
                    state.inFlight += 1
                    return (.some(.retry(state.retries.remove(at: index))), 0, nil)
                }
                if !state.ready.isEmpty {
                    state.inFlight += 1
                    let prepared = state.ready.removeFirst()
                    // The maker is woken when half the messages made ahead are gone, to make the
                    // rest in one go: a wake-up per message costs more than making one.
                    var producer: DispatchSemaphore?
                    if state.ready.count <= readyAhead / 2 {
                        producer = state.parkedProducer
                        state.parkedProducer = nil
                    }
                    return (.some(.prepared(prepared)), 0, producer)
                }
                if state.producerDone && state.retries.isEmpty && state.inFlight == 0 { return (.some(nil), 0, nil) }
                let earliest = state.retries.map(\.due).min() ?? (now + 1)
                // Nothing left that comes due within this run: the rest stay deferred.
                if state.producerDone && state.inFlight == 0 && earliest > deadline { return (.some(nil), 0, nil) }
                if !state.parkedSenders.contains(where: { $0 === parking }) { state.parkedSenders.append(parking) }
                return (nil, min(max(earliest - now, 0.01), 1), nil)
            }
            producer?.signal()
            if let next { return next }
            _ = parking.wait(timeout: .now() + wait)
        }
    }

    /// Notes that a sending thread is done with one message (`sent` when the relay took it), and
    /// queues its retry when it has one due within the run; returns the progress so far.
    func finish(sent: Bool, retry: DeliveryItem?) -> DeliveryProgress {
        let now = clock.now()
        let (progress, wake) = state.withLock { state in
            state.inFlight -= 1
            if sent { state.progress.sent += 1 }
            if let retry, retry.due <= deadline {
                state.retries.append(retry)
            } else {
                state.progress.done += 1
            }
            state.progress.elapsed = now - startTime
            // Only a waiting connection cares (the end of the run, or a retry to take).
            return (state.progress, state.wakeSenders())
        }
        for semaphore in wake { semaphore.signal() }
        return progress
    }

    /// Stops the run (the first error counts): no message made ahead or retry is taken any more,
    /// and every waiting thread is woken. `fromSender` when a sending thread gives up its message.
    func stop(_ error: any Error, fromSender: Bool) {
        let wake = state.withLock { state in
            if state.stop == nil { state.stop = error }
            if fromSender { state.inFlight -= 1 }
            state.ready.removeAll()
            state.retries.removeAll()
            let producer = state.parkedProducer.map { [$0] } ?? []
            state.parkedProducer = nil
            return state.wakeSenders() + producer
        }
        for semaphore in wake { semaphore.signal() }
    }
}
