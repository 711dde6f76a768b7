import Curl
import Foundation
import Subscribers

/// How a send runs: connections, pace, retries.
public struct DeliveryOptions: Sendable {
    /// Parallel connections to the relay, each on its own thread with its own handle.
    public var connections: Int
    /// Messages per second across all connections; nil for as fast as the relay takes them.
    public var perSecond: Double?
    /// Messages in any hour; nil for no cap.
    public var perHour: Int?
    /// Whether recipients whose outcome is unknown are sent again.
    public var resendUnknown: Bool
    /// Attempts per recipient before a deferred one is left for a later run.
    public var maxAttempts: Int
    /// The first back-off after a 4xx or a lost connection; it doubles with each attempt.
    public var retryDelay: Duration
    /// The longest a run waits for deferred recipients to come due; later ones are left for
    /// the next run.
    public var maxRetryWait: Duration

    /// Makes options: one connection, no pace, five attempts, back-off from 5 s, waiting at most 10 min.
    public init(
        connections: Int = 1, perSecond: Double? = nil, perHour: Int? = nil, resendUnknown: Bool = false,
        maxAttempts: Int = 5, retryDelay: Duration = .seconds(5), maxRetryWait: Duration = .seconds(600)
    ) {
        self.connections = connections
        self.perSecond = perSecond
        self.perHour = perHour
        self.resendUnknown = resendUnknown
        self.maxAttempts = maxAttempts
        self.retryDelay = retryDelay
        self.maxRetryWait = maxRetryWait
    }
}

/// How far a send has got, for a progress line.
public struct DeliveryProgress: Sendable {
    /// Recipients this run set out to send.
    public var total: Int
    /// Recipients this run has finished with (sent, failed, unknown, or deferred for good).
    public var done: Int
    /// Messages the server accepted in this run.
    public var sent: Int
    /// Seconds since the run started.
    public var elapsed: Double
}

/// What a send left behind, over every recipient of the list (this shard's part of it).
public struct DeliverySummary: Sendable, Equatable {
    /// Recipients counted: everyone the ledger names (less queued ones no longer active) and the
    /// active recipients it does not name.
    public var recipients = 0
    /// Sent in this run.
    public var sentNow = 0
    /// Sent by an earlier run, not sent again.
    public var sentBefore = 0
    /// Still deferred (4xx or a lost connection): run `send` again later.
    public var deferred = 0
    /// Refused for good (5xx).
    public var failed = 0
    /// Outcome unknown, not resent.
    public var unknown = 0
    /// Addresses the server called unknown (550/551/553), to mark bounced.
    public var bounced: [String] = []
    /// The recipients whose outcome is unknown, to report.
    public var unknownAddresses: [String] = []

    /// Whether every recipient has the issue.
    public var isComplete: Bool { deferred == 0 && failed == 0 && unknown == 0 }
}

/// Sends one issue to its recipients, recording every step in the issue's ledger so that a
/// second run resumes: nobody who was sent gets a second copy, nobody is skipped.
///
/// Each message is rendered and encoded for its subscriber just before it goes, so memory stays
/// flat however long the list. Sending runs on `options.connections` threads, each with its own
/// transport; the ledger serialises their records.
public final class IssueDelivery: @unchecked Sendable {
    private let mailing: IssueMailing
    private let ledger: DeliveryLedger
    private let options: DeliveryOptions
    private let writer: MIMEWriter
    private let makeTransport: @Sendable () throws -> any MailTransport
    private let limiter: RateLimiter

    /// SMTP reply codes that say the address does not exist (RFC 5321: 550, 551, 553).
    public static let userUnknownCodes: Set<Int> = [550, 551, 553]
    /// SMTP reply codes that ask the client to slow down or come back later.
    public static let slowDownCodes: Set<Int> = [421, 454]

    /// Prepares a delivery of `mailing`, recording in `ledger`, with a new transport per connection.
    public init(
        mailing: IssueMailing, ledger: DeliveryLedger, options: DeliveryOptions, writer: MIMEWriter = MIMEWriter(),
        makeTransport: @escaping @Sendable () throws -> any MailTransport
    ) {
        self.mailing = mailing
        self.ledger = ledger
        self.options = options
        self.writer = writer
        self.makeTransport = makeTransport
        limiter = RateLimiter(perSecond: options.perSecond, perHour: options.perHour)
    }

    // MARK: The work queue shared by the sending threads

    private struct Item {
        var subscriber: Subscriber
        var attempt: Int
        var due: Double
    }

    private let condition = NSCondition()
    /// Recipients not yet tried in this run, in reverse list order (taken from the end).
    private var fresh: [Item] = []
    /// Recipients waiting for a back-off to end; few, so a scan is cheap.
    private var retries: [Item] = []
    private var inFlight = 0
    private var stopError: (any Error)?
    private var progress = DeliveryProgress(total: 0, done: 0, sent: 0, elapsed: 0)
    private var startTime = 0.0
    private var deadline = 0.0

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Sends to every recipient who still needs the issue and returns where everyone stands.
    ///
    /// `recipients` are the list's active subscribers (of this shard); the ledger decides who of
    /// them is sent now. `report` is called from the sending threads as messages finish.
    ///
    /// - Throws: `SMTPError` when the relay cannot be used at all (the run stops; whoever was not
    ///   sent stays queued or deferred), `SenderError` when the ledger cannot be written.
    public func run(
        recipients: [Subscriber], report: (@Sendable (DeliveryProgress) -> Void)? = nil
    ) throws -> DeliverySummary {
        let wallNow = Date()
        var (queue, newlyQueued) = plan(recipients, now: wallNow)
        try ledger.append(newlyQueued)
        newlyQueued = []

        let start = Self.now()
        startTime = start
        deadline = start + options.maxRetryWait.seconds
        fresh = []
        retries = []
        for item in queue.reversed() {
            var item = item
            if item.due > 0 {
                item.due += start
                retries.append(item)
            } else {
                fresh.append(item)
            }
        }
        let total = queue.count
        queue = []
        newlyQueued = []
        progress = DeliveryProgress(total: total, done: 0, sent: 0, elapsed: 0)

        let threads = max(1, min(options.connections, max(total, 1)))
        let finished = DispatchGroup()
        for _ in 0..<threads {
            finished.enter()
            let thread = Thread { [self] in
                defer { finished.leave() }
                work(report: report)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        finished.wait()
        try ledger.flush()
        if let stopError { throw stopError }
        return summarize(recipients)
    }

    /// Who of `recipients` is sent in this run, and the `queued` records of those new to the ledger.
    ///
    /// A function of its own so that its copy of the ledger's index is gone before the ledger
    /// grows (a copy alive then would make the dictionary copy itself whole).
    private func plan(_ recipients: [Subscriber], now wallNow: Date) -> ([Item], [DeliveryRecord]) {
        var queue: [Item] = []
        var newlyQueued: [DeliveryRecord] = []
        let standings = ledger.allStandings
        for subscriber in recipients {
            let key = subscriber.email.ascii.lowercased()
            guard let standing = standings[key] else {
                newlyQueued.append(DeliveryRecord(time: wallNow, email: subscriber.email.ascii, state: .queued))
                queue.append(Item(subscriber: subscriber, attempt: 1, due: 0))
                continue
            }
            switch standing.last.state {
            case .sent, .failed:
                continue
            case .sending, .unknown:
                guard options.resendUnknown else { continue }
                queue.append(Item(subscriber: subscriber, attempt: standing.attempts + 1, due: 0))
            case .queued, .deferred:
                let wait = standing.last.retryAt.map { max(0, $0.timeIntervalSince(wallNow)) } ?? 0
                queue.append(Item(subscriber: subscriber, attempt: standing.attempts + 1, due: wait))
            }
        }
        // The hourly cap counts what an earlier run of this issue sent in the last hour.
        limiter.countEarlier(
            secondsAgo: standings.values.filter { $0.last.state == .sent }.map {
                wallNow.timeIntervalSince($0.last.time)
            })
        return (queue, newlyQueued)
    }

    /// Where everyone stands now, from the ledger: each recipient it names (a failed one stays
    /// failed after being marked bounced), and each of `recipients` it does not name yet. A queued
    /// or deferred recipient who is no longer among `recipients` (they unsubscribed) is left out.
    public func summarize(_ recipients: [Subscriber]) -> DeliverySummary {
        let standings = ledger.allStandings
        let active = Set(recipients.map { $0.email.ascii.lowercased() })
        var summary = DeliverySummary()
        for key in active where standings[key] == nil {
            summary.recipients += 1
            summary.deferred += 1
        }
        for (key, standing) in standings.sorted(by: { $0.key < $1.key }) {
            let last = standing.last
            switch last.state {
            case .sent:
                if last.time >= runStartDate { summary.sentNow += 1 } else { summary.sentBefore += 1 }
            case .failed:
                summary.failed += 1
                if let code = last.code, Self.userUnknownCodes.contains(code) { summary.bounced.append(last.email) }
            case .sending, .unknown:
                summary.unknown += 1
                summary.unknownAddresses.append(last.email)
            case .queued, .deferred:
                guard active.contains(key) else { continue }
                summary.deferred += 1
            }
            summary.recipients += 1
        }
        return summary
    }

    private let runStartDate = Date()

    /// One sending thread: take the next due recipient, send, record, until none are left.
    private func work(report: (@Sendable (DeliveryProgress) -> Void)?) {
        var transport: (any MailTransport)?
        while let item = next() {
            do {
                if transport == nil { transport = try makeTransport() }
                guard let transport else { break }
                let retry = try deliver(item, through: transport)
                finish(item, retry: retry, report: report)
            } catch {
                // The relay cannot be used (or the ledger cannot be written): stop every thread.
                condition.lock()
                if stopError == nil { stopError = error }
                inFlight -= 1
                fresh.removeAll()
                retries.removeAll()
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }

    /// The next due item; waits for one to come due or for other threads' retries. Nil when done.
    private func next() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        // Bounded: every wait ends by a deadline; items only leave the queue or come due.
        while true {
            if stopError != nil { return nil }
            let now = Self.now()
            if let index = retries.firstIndex(where: { $0.due <= now }) {
                inFlight += 1
                return retries.remove(at: index)
            }
            if let item = fresh.popLast() {
                inFlight += 1
                return item
            }
            if retries.isEmpty && inFlight == 0 { return nil }
            let earliest = retries.map(\.due).min() ?? (now + 1)
            if inFlight == 0 && earliest > deadline {
                // Nothing left that comes due within this run: the rest stay deferred.
                return nil
            }
            _ = condition.wait(until: Date(timeIntervalSinceNow: min(max(earliest - now, 0.01), 1)))
        }
    }

    private func finish(_ item: Item, retry: Item?, report: (@Sendable (DeliveryProgress) -> Void)?) {
        condition.lock()
        inFlight -= 1
        if let retry, retry.due <= deadline {
            retries.append(retry)
        } else {
            progress.done += 1
        }
        progress.elapsed = Self.now() - startTime
        let snapshot = progress
        condition.broadcast()
        condition.unlock()
        report?(snapshot)
    }

    /// Sends one message and records the outcome; returns the retry to queue, if any.
    private func deliver(_ item: Item, through transport: any MailTransport) throws -> Item? {
        let subscriber = item.subscriber
        let address = subscriber.email.ascii
        let messageID = MessageID.random(for: mailing.from.address)
        let bytes = try mailing.messageBytes(for: subscriber, date: Date(), messageID: messageID, writer: writer)
        limiter.acquire()

        // The "sending" record is written the moment libcurl has the whole body: from then on a
        // crash or a lost connection leaves the outcome unknown, and it must not be sent again.
        var recordError: SenderError?
        let outcome = try transport.send(bytes, from: mailing.from.address.ascii, to: address) {
            do {
                try self.ledger.append(
                    DeliveryRecord(
                        time: Date(), email: address, state: .sending, attempt: item.attempt,
                        messageID: messageID.description),
                    waitUntilDurable: false)
            } catch let error as SenderError {
                recordError = error
            } catch {
                recordError = SenderError(.ledgerWriteFailed, "\(error)")
            }
        }
        if let recordError { throw recordError }

        let now = Date()
        switch outcome {
        case .accepted(let reply):
            limiter.recovered()
            try ledger.append(
                DeliveryRecord(
                    time: now, email: address, state: .sent, attempt: item.attempt, code: reply.code, reply: reply.text,
                    messageID: messageID.description),
                waitUntilDurable: false)
            condition.withLock { progress.sent += 1 }
            return nil
        case .rejected(let reply) where reply.code >= 500:
            try ledger.append(
                DeliveryRecord(
                    time: now, email: address, state: .failed, attempt: item.attempt, code: reply.code,
                    reply: reply.text))
            return nil
        case .rejected(let reply):
            if Self.slowDownCodes.contains(reply.code) { limiter.slowDown() }
            return try deferral(item, code: reply.code, reply: reply.text, now: now)
        case .notSent(let detail):
            return try deferral(item, code: nil, reply: "not sent: \(detail)", now: now)
        case .unknown(let detail):
            try ledger.append(
                DeliveryRecord(
                    time: now, email: address, state: .unknown, attempt: item.attempt,
                    reply: "connection lost after the message, before the server's reply: \(detail)",
                    messageID: messageID.description))
            return nil
        }
    }

    /// Records a deferral with its back-off; returns the retry when attempts remain.
    private func deferral(_ item: Item, code: Int?, reply: String, now: Date) throws -> Item? {
        let exponent = min(max(item.attempt - 1, 0), 16)
        let delay = min(options.retryDelay.seconds * Double(1 << exponent), 3600)
        try ledger.append(
            DeliveryRecord(
                time: now, email: item.subscriber.email.ascii, state: .deferred, attempt: item.attempt, code: code,
                reply: reply, retryAt: now.addingTimeInterval(delay)))
        guard item.attempt < options.maxAttempts else { return nil }
        return Item(subscriber: item.subscriber, attempt: item.attempt + 1, due: Self.now() + delay)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
