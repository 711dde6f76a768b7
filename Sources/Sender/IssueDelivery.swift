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
    /// Messages in any 24 hours; nil for no cap.
    public var perDay: Int?
    /// Whether recipients whose outcome is unknown are sent again.
    public var resendUnknown: Bool
    /// Attempts per recipient before a deferred one is left for a later run.
    public var maxAttempts: Int
    /// The first back-off after a 4xx or a lost connection; it doubles with each attempt.
    public var retryDelay: Duration
    /// The longest a run waits for deferred recipients to come due, or for a cap to let the
    /// next message go; later ones are left for the next run.
    public var maxRetryWait: Duration

    /// Makes options: one connection, no pace, five attempts, back-off from 5 s, waiting at most 10 min.
    public init(
        connections: Int = 1, perSecond: Double? = nil, perHour: Int? = nil, perDay: Int? = nil,
        resendUnknown: Bool = false, maxAttempts: Int = 5, retryDelay: Duration = .seconds(5),
        maxRetryWait: Duration = .seconds(600)
    ) {
        self.connections = connections
        self.perSecond = perSecond
        self.perHour = perHour
        self.perDay = perDay
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
    /// The cap that stopped the run before everyone due was sent, if one did.
    public var stoppedAt: SendingCapReached?

    /// Whether every recipient has the issue.
    public var isComplete: Bool { deferred == 0 && failed == 0 && unknown == 0 }
}

/// Sends one issue to its recipients, recording every step in the issue's ledger so that a
/// second run resumes: nobody who was sent gets a second copy, nobody is skipped.
///
/// Memory stays flat however long the list: the list is read row by row, twice (once to plan,
/// once to send), and what is kept of each recipient between the two is a few bytes in the
/// ledger's index. Each message is made for its subscriber just before it goes, on a thread of
/// its own that keeps a few messages ready ahead of the connections, so that making one
/// overlaps sending another. Sending runs on `options.connections` threads, each with its own
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
    /// How many messages are made ahead of the connections: enough that a connection never
    /// waits for one, few enough that their memory does not matter.
    static let readyAhead = 8

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
        // A "slow down" (421, 454) is a 4xx too: its pause starts at the same back-off.
        limiter = RateLimiter(
            perSecond: options.perSecond, perHour: options.perHour, perDay: options.perDay,
            slowDown: options.retryDelay)
    }

    // MARK: The work shared by the sending threads and the thread that makes messages

    private struct Item {
        var subscriber: Subscriber
        var attempt: Int
        var due: Double
    }

    /// A message made ahead, waiting for a connection.
    private struct Prepared {
        var item: Item
        var messageID: MessageID
        var bytes: Data
        /// When it was made (monotonic seconds): one that waited long is made again, so that its
        /// `Date` is the time it went.
        var made: Double
    }

    private let condition = NSCondition()
    /// Messages made ahead, in list order.
    private var ready: [Prepared] = []
    /// Whether the thread that makes messages has gone through the whole list (or stopped).
    private var producerDone = false
    /// Whether it waits for room among the messages made ahead.
    private var producerWaiting = false
    /// How many sending threads wait for a message.
    private var sendersWaiting = 0
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

    /// Sends to every recipient in `list` who still needs the issue and returns where everyone
    /// stands.
    ///
    /// The recipients are the list's active, unsuppressed subscribers (of `shard`, when given);
    /// the ledger decides who of them is sent now. Rows that cannot be used, duplicates included,
    /// go to `problem` as the list is first read, before anything is sent. `report` is called
    /// from the sending threads as messages finish.
    ///
    /// - Throws: `SMTPError` when the relay cannot be used at all (the run stops; whoever was not
    ///   sent stays queued or deferred), `SenderError` when the ledger cannot be written,
    ///   `SubscribersError` when the list cannot be read. A cap (`--max-per-hour`,
    ///   `--max-per-day`) that would hold the run longer than `options.maxRetryWait` is no error:
    ///   the run stops, the rest stay queued, and the summary's `stoppedAt` names the cap.
    public func run(
        list: SubscriberListReader, shard: Shard? = nil, problem: (SubscribersError) -> Void = { _ in },
        report: (@Sendable (DeliveryProgress) -> Void)? = nil
    ) throws -> DeliverySummary {
        let wallNow = Date()
        let start = Self.now()
        let (planned, waiting) = try plan(list, shard: shard, now: wallNow, problem: problem)
        startTime = start
        deadline = start + options.maxRetryWait.seconds
        retries = waiting.map { item in
            var item = item
            item.due += start
            return item
        }
        ready = []
        producerDone = false
        let total = planned + retries.count
        progress = DeliveryProgress(total: total, done: 0, sent: 0, elapsed: 0)

        let finished = DispatchGroup()
        finished.enter()
        let handOver = ListHandOver(list: list)
        let producer = Thread { [self] in
            defer { finished.leave() }
            produce(from: handOver.list, shard: shard)
        }
        producer.stackSize = 1 << 20
        producer.start()
        let threads = max(1, min(options.connections, max(total, 1)))
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
        if let cap = stopError as? SendingCapReached {
            var summary = summarize()
            summary.stoppedAt = cap
            return summary
        }
        if let stopError { throw stopError }
        return summarize()
    }

    /// The list, handed to the thread that makes messages: from then until `run` returns, only
    /// that thread reads it (`run` waits for it), so it is never used by two threads at once.
    private struct ListHandOver: @unchecked Sendable {
        let list: SubscriberListReader
    }

    /// Reads the list once: notes each recipient in the ledger's index (finding duplicate rows),
    /// records `queued` for those new to the ledger, and marks who is sent in this run. Returns
    /// how many are planned to go as the list is read again, and those waiting for a back-off
    /// from an earlier run (with their wait in seconds).
    private func plan(
        _ list: SubscriberListReader, shard: Shard?, now wallNow: Date, problem: (SubscribersError) -> Void
    ) throws -> (planned: Int, waiting: [Item]) {
        var planned = 0
        var waiting: [Item] = []
        var queued: [DeliveryRecord] = []
        let file = list.url.path
        if let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int {
            // Rows are rarely shorter than 24 bytes; room reserved and never used costs no memory.
            // An index the ledger filled already is left as it is: reserving would copy it whole.
            ledger.withIndex { index in
                if index.count == 0 { index.reserveCapacity(size / 24) }
            }
        }
        list.rewind()
        while let row = try list.next() {
            guard case .subscriber(let subscriber) = row else {
                if case .problem(let error) = row { problem(error) }
                continue
            }
            let address = subscriber.email.ascii
            enum Decision {
                case duplicate
                case skip
                case queue
                case send
                case deferred(entry: Int, attempt: Int)
            }
            let isRecipient = list.isRecipient(subscriber) && (shard?.contains(subscriber.email) ?? true)
            let decision = ledger.withIndex { index -> Decision in
                let (entry, isDuplicate) = index.list(address)
                if isDuplicate { return .duplicate }
                // A second spelling of an active address (differing in case) is the same recipient.
                guard isRecipient, !index.marks[entry].contains(.active) else { return .skip }
                index.insert(.active, at: entry)
                switch index.state(at: entry) {
                case nil:
                    index.insert(.planned, at: entry)
                    return .queue
                case .sent, .failed:
                    return .skip
                case .sending, .unknown:
                    guard options.resendUnknown else { return .skip }
                    index.insert(.planned, at: entry)
                    return .send
                case .queued:
                    index.insert(.planned, at: entry)
                    return .send
                case .deferred:
                    return .deferred(entry: entry, attempt: index.attempts(at: entry) + 1)
                }
            }
            switch decision {
            case .duplicate:
                problem(
                    .duplicate(
                        subscriber.email, firstLine: list.firstLine(of: subscriber.email), file: file,
                        line: subscriber.line))
            case .skip:
                continue
            case .queue:
                planned += 1
                queued.append(DeliveryRecord(time: wallNow, email: address, state: .queued))
                if queued.count >= 1024 {
                    try ledger.append(queued, waitUntilDurable: false)
                    queued.removeAll(keepingCapacity: true)
                }
            case .send:
                planned += 1
            case .deferred(let entry, let attempt):
                // A deferred recipient goes when their back-off ends: now, or after a wait.
                let retryAt = ledger.standing(of: address)?.last.retryAt
                let wait = retryAt.map { max(0, $0.timeIntervalSince(wallNow)) } ?? 0
                if wait > 0 {
                    waiting.append(Item(subscriber: subscriber, attempt: attempt, due: wait))
                } else {
                    ledger.withIndex { $0.insert(.planned, at: entry) }
                    planned += 1
                }
            }
        }
        try ledger.append(queued, waitUntilDurable: false)
        try ledger.flush()
        // The caps count what an earlier run of this issue sent in the last hour and day.
        limiter.countEarlier(secondsAgo: ledger.sentInLastDay.map { wallNow.timeIntervalSince($0) })
        return (planned, waiting)
    }

    /// The thread that makes messages: reads the list again and makes the message of each
    /// recipient planned to go, a few ahead of the connections, until the list ends or a
    /// connection fails for good.
    private func produce(from list: SubscriberListReader, shard: Shard?) {
        defer {
            condition.lock()
            producerDone = true
            condition.broadcast()
            condition.unlock()
        }
        list.rewind()
        do {
            while let row = try list.next() {
                guard case .subscriber(let subscriber) = row, list.isRecipient(subscriber),
                    shard?.contains(subscriber.email) ?? true
                else { continue }
                let address = subscriber.email.ascii
                // Taking the mark makes sure a row repeated later is not sent twice.
                let attempt = ledger.withIndex { index -> Int? in
                    guard let entry = index.find(address), index.marks[entry].contains(.planned) else { return nil }
                    index.remove(.planned, at: entry)
                    return index.attempts(at: entry) + 1
                }
                guard let attempt else { continue }
                let item = Item(subscriber: subscriber, attempt: attempt, due: 0)
                let prepared = try prepare(item)
                condition.lock()
                // Bounded: every wait ends within a second, and the loop ends when a connection stops the run.
                while ready.count >= Self.readyAhead && stopError == nil {
                    producerWaiting = true
                    _ = condition.wait(until: Date(timeIntervalSinceNow: 1))
                    producerWaiting = false
                }
                if stopError != nil {
                    condition.unlock()
                    return
                }
                ready.append(prepared)
                if sendersWaiting > 0 { condition.broadcast() }
                condition.unlock()
            }
        } catch {
            condition.lock()
            if stopError == nil { stopError = error }
            retries.removeAll()
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Makes the message of `item` now.
    private func prepare(_ item: Item) throws -> Prepared {
        let messageID = MessageID.random(for: mailing.from.address)
        let bytes = try mailing.messageBytes(for: item.subscriber, date: Date(), messageID: messageID, writer: writer)
        return Prepared(item: item, messageID: messageID, bytes: bytes, made: Self.now())
    }

    /// Where everyone stands now, from the ledger: each recipient it names (a failed one stays
    /// failed after being marked bounced), and each active recipient it does not name yet. A
    /// queued or deferred recipient who is no longer active (they unsubscribed) is left out.
    private func summarize() -> DeliverySummary {
        var summary = DeliverySummary()
        var bounced: [(key: String, entry: Int)] = []
        var unknown: [(key: String, entry: Int)] = []
        ledger.withIndex { index in
            for entry in 0..<index.count {
                let marks = index.marks[entry]
                switch index.state(at: entry) {
                case nil:
                    guard marks.contains(.active) else { continue }
                    summary.deferred += 1
                case .sent:
                    if marks.contains(.sentNow) { summary.sentNow += 1 } else { summary.sentBefore += 1 }
                case .failed:
                    summary.failed += 1
                    bounced.append((index.address(at: entry).lowercased(), entry))
                case .sending, .unknown:
                    summary.unknown += 1
                    unknown.append((index.address(at: entry).lowercased(), entry))
                case .queued, .deferred:
                    guard marks.contains(.active) else { continue }
                    summary.deferred += 1
                }
                summary.recipients += 1
            }
        }
        // Only the few that failed or are unknown are read back from the file.
        for (_, entry) in bounced.sorted(by: { $0.key < $1.key }) {
            let address = ledger.withIndex { $0.address(at: entry) }
            if let last = ledger.standing(of: address)?.last, let code = last.code,
                Self.userUnknownCodes.contains(code)
            {
                summary.bounced.append(last.email)
            }
        }
        for (_, entry) in unknown.sorted(by: { $0.key < $1.key }) {
            let address = ledger.withIndex { $0.address(at: entry) }
            summary.unknownAddresses.append(ledger.standing(of: address)?.last.email ?? address)
        }
        return summary
    }

    /// One sending thread: take the next message, send, record, until none are left.
    private func work(report: (@Sendable (DeliveryProgress) -> Void)?) {
        var transport: (any MailTransport)?
        while let next = next() {
            do {
                if transport == nil { transport = try makeTransport() }
                guard let transport else { break }
                let retry = try deliver(next, through: transport)
                finish(retry: retry, report: report)
            } catch {
                // The relay cannot be used (or the ledger cannot be written): stop every thread.
                condition.lock()
                if stopError == nil { stopError = error }
                inFlight -= 1
                ready.removeAll()
                retries.removeAll()
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }

    /// What a sending thread does next: a message made ahead, or a retry to make itself.
    private enum Next {
        case prepared(Prepared)
        case retry(Item)
    }

    /// The next due retry or message made ahead; waits for one to come due or be made. Nil when done.
    private func next() -> Next? {
        condition.lock()
        defer { condition.unlock() }
        // Bounded: every wait ends within a second; items only leave the queues or come due.
        while true {
            if stopError != nil { return nil }
            let now = Self.now()
            if let index = retries.firstIndex(where: { $0.due <= now }) {
                inFlight += 1
                return .retry(retries.remove(at: index))
            }
            if !ready.isEmpty {
                inFlight += 1
                let prepared = ready.removeFirst()
                // The maker is woken when half the messages made ahead are gone, to make the
                // rest in one go: a wake-up per message costs more than making one.
                if producerWaiting && ready.count <= Self.readyAhead / 2 { condition.broadcast() }
                return .prepared(prepared)
            }
            if producerDone && retries.isEmpty && inFlight == 0 { return nil }
            let earliest = retries.map(\.due).min() ?? (now + 1)
            if producerDone && inFlight == 0 && earliest > deadline {
                // Nothing left that comes due within this run: the rest stay deferred.
                return nil
            }
            sendersWaiting += 1
            _ = condition.wait(until: Date(timeIntervalSinceNow: min(max(earliest - now, 0.01), 1)))
            sendersWaiting -= 1
        }
    }

    private func finish(retry: Item?, report: (@Sendable (DeliveryProgress) -> Void)?) {
        condition.lock()
        inFlight -= 1
        if let retry, retry.due <= deadline {
            retries.append(retry)
        } else {
            progress.done += 1
        }
        progress.elapsed = Self.now() - startTime
        let snapshot = progress
        // Only a waiting connection cares (the end of the run, or a retry to take).
        if sendersWaiting > 0 { condition.broadcast() }
        condition.unlock()
        report?(snapshot)
    }

    /// Sends one message and records the outcome; returns the retry to queue, if any.
    private func deliver(_ next: Next, through transport: any MailTransport) throws -> Item? {
        try limiter.acquire(waitingAtMost: options.maxRetryWait.seconds)
        var prepared: Prepared
        switch next {
        case .prepared(let made):
            // Made more than a second ago (a pause, a rate limit): made again, so that it is dated now.
            prepared = Self.now() - made.made > 1 ? try prepare(made.item) : made
        case .retry(let item):
            prepared = try prepare(item)
        }
        let item = prepared.item
        let address = item.subscriber.email.ascii
        let messageID = prepared.messageID

        // The "sending" record is written the moment libcurl has the whole body: from then on a
        // crash or a lost connection leaves the outcome unknown, and it must not be sent again.
        var recordError: SenderError?
        let outcome = try transport.send(prepared.bytes, from: mailing.envelopeSender.ascii, to: address) {
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
        prepared.bytes = Data()
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
