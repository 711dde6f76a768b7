import Curl
import Foundation
import Subscribers
import Synchronization

/// The clock a send reads: the monotonic time it paces and waits on (see `PacingClock`), and the
/// wall-clock time its records and messages are dated with.
public protocol DeliveryClock: PacingClock {
    /// The time of day, for records and `Date` headers.
    func date() -> Date
}

extension MonotonicClock: DeliveryClock {
    /// The system's time of day.
    public func date() -> Date { Date() }
}

/// Sends one issue to its recipients, recording every step in the issue's ledger so that a
/// second run resumes: nobody who was sent gets a second copy, nobody is skipped.
///
/// Memory stays flat however long the list: the list is read row by row, twice (once to plan,
/// see `plan`, once to send), and what is kept of each recipient between the two is a few bytes
/// in the ledger's index. Each message is made for its subscriber just before it goes, on a
/// thread of its own that keeps a few messages ready ahead of the connections, so that making one
/// overlaps sending another. Sending runs on `options.connections` threads, each with its own
/// transport (see `SendingPool`); the ledger serialises their records, and `DeliveryPolicy`
/// decides what each outcome means.
public final class IssueDelivery: Sendable {
    let mailing: IssueMailing
    let ledger: DeliveryLedger
    let options: DeliveryOptions
    private let writer: MIMEWriter
    private let makeTransport: @Sendable () throws -> any MailTransport
    let limiter: RateLimiter
    let clock: any DeliveryClock
    private let policy: DeliveryPolicy
    /// What the run has seen of the relay, over every connection: whether it accepted a message, and the
    /// recipients it refused in a row (see `DeliveryPolicy.standing(after:of:_:)`).
    private let relayStanding = Mutex(DeliveryPolicy.RelayStanding())

    /// Prepares a delivery of `mailing`, recording in `ledger`, with a new transport per
    /// connection; `clock` is the time it paces, waits and dates by.
    public init(
        mailing: IssueMailing, ledger: DeliveryLedger, options: DeliveryOptions, writer: MIMEWriter = MIMEWriter(),
        clock: any DeliveryClock = MonotonicClock(),
        makeTransport: @escaping @Sendable () throws -> any MailTransport
    ) {
        self.mailing = mailing
        self.ledger = ledger
        self.options = options
        self.writer = writer
        self.makeTransport = makeTransport
        self.clock = clock
        policy = DeliveryPolicy(options: options)
        // A "slow down" (421, 454) is a 4xx too: its pause starts at the same back-off.
        limiter = RateLimiter(
            perSecond: options.perSecond, perHour: options.perHour, perDay: options.perDay,
            slowDown: options.retryDelay, clock: clock)
    }

    /// Sends to every recipient in `list` who still needs the issue and returns where everyone
    /// stands.
    ///
    /// The recipients are the list's active, unsuppressed subscribers (of `shard`, when given);
    /// the ledger decides who of them is sent now. Rows that cannot be used, duplicates included,
    /// go to `problem` as the list is first read, before anything is sent. `report` is called
    /// from the sending threads as messages finish.
    ///
    /// - Throws: `SenderError` (`.transport`) when the relay cannot be used at all (the run
    ///   stops; whoever was not sent stays queued or deferred), or when the ledger cannot be
    ///   written; `SubscribersError` when the list cannot be read. A cap that would hold the run
    ///   longer than `options.maxRetryWait`, a relay that stops answering, one that refuses the
    ///   sender (`DeliveryStop.senderRefused`: nobody is recorded as refused for it) or recipient
    ///   after recipient while it has taken none (`DeliveryStop.recipientsRefused`) is no error: the
    ///   run stops, the rest stay queued, and the summary's `stopped` says why.
    public func run(
        list: SubscriberListReader, shard: Shard? = nil, problem: (SubscribersError) -> Void = { _ in },
        report: (@Sendable (DeliveryProgress) -> Void)? = nil
    ) throws -> DeliverySummary {
        let (planned, waiting) = try plan(list, shard: shard, now: clock.date(), problem: problem)
        let start = clock.now()
        let retries = waiting.map { item in
            var item = item
            item.due += start
            return item
        }
        let total = planned + retries.count
        let pool = SendingPool(
            retries: retries, total: total, maxWait: options.maxRetryWait.seconds, clock: clock)
        let handOver = ListHandOver(list: list)
        let workers = max(1, min(options.connections, max(total, 1)))
        pool.run(workers: workers) { [self] in
            produce(from: handOver.list, shard: shard, into: pool)
        } work: { [self] in
            work(in: pool, report: report)
        }
        try ledger.flush()
        var summary = ledger.summary()
        switch pool.stopReason {
        case nil: break
        case let stop as DeliveryStop: summary.stopped = stop
        case let cap as SendingCapReached: summary.stopped = .cap(cap)
        case let error?: throw error
        }
        let standing = relayStanding.withLock { $0 }
        if summary.stopped == nil, !standing.hasAccepted, let reply = standing.lastRefusal {
            summary.refusedWithNoneAccepted = .init(reply: reply, count: standing.refusedInARow.count)
        }
        return summary
    }

    /// The list, handed to the thread that makes messages: from then until `run` returns, only
    /// that thread reads it (`run` waits for it), so it is never used by two threads at once.
    private struct ListHandOver: @unchecked Sendable {
        let list: SubscriberListReader
    }

    /// The thread that makes messages: reads the list again and makes the message of each
    /// recipient planned to go, a few ahead of the connections, until the list ends or the run
    /// stops.
    private func produce(from list: SubscriberListReader, shard: Shard?, into pool: SendingPool) {
        defer { pool.producerFinished() }
        do {
            var planned = PlannedRecipients(ledger: ledger)
            try list.forEachRecipient(register: &planned, including: { shard?.contains($0) ?? true }) {
                subscriber, attempt in
                let item = DeliveryItem(subscriber: subscriber, attempt: attempt, due: 0)
                return pool.offer(try prepare(item))
            }
        } catch {
            pool.stop(error, fromSender: false)
        }
    }

    /// Makes the message of `item` now.
    private func prepare(_ item: DeliveryItem) throws -> PreparedMessage {
        let messageID = MessageID.random(for: mailing.from.address)
        let bytes = try mailing.messageBytes(
            for: item.subscriber, date: clock.date(), messageID: messageID, writer: writer)
        return PreparedMessage(item: item, messageID: messageID, bytes: bytes, made: clock.now())
    }

    /// One sending thread: take the next message, send, record, until none are left; a relay
    /// that cannot be used, a ledger that cannot be written, a stalled connection or a refusal of
    /// the sender stops the run.
    private func work(in pool: SendingPool, report: (@Sendable (DeliveryProgress) -> Void)?) {
        var transport: (any MailTransport)?
        var unknownInARow = 0
        while let next = pool.next() {
            do {
                if transport == nil { transport = try makeTransport() }
                guard let transport else { break }
                let (resolution, retry) = try deliver(next, through: transport)
                let progress = pool.finish(sent: resolution.record?.state == .sent, retry: retry)
                report?(progress)
                if let stop = resolution.stop {
                    pool.stop(stop, fromSender: false)
                    return
                }
                let stall = policy.unknownInARow(after: resolution, count: unknownInARow)
                unknownInARow = stall.count
                if let stop = stall.stop {
                    pool.stop(stop, fromSender: false)
                    return
                }
            } catch {
                pool.stop(error, fromSender: true)
                return
            }
        }
    }

    /// Sends one message and records the outcome; returns what it meant and the retry to queue.
    private func deliver(
        _ next: SendingPool.Next, through transport: any MailTransport
    ) throws -> (DeliveryPolicy.Resolution, DeliveryItem?) {
        try limiter.acquire(waitingAtMost: options.maxRetryWait.seconds)
        var prepared: PreparedMessage
        switch next {
        case .prepared(let made):
            // Made more than a second ago (a pause, a rate limit): made again, so that it is dated now.
            prepared = clock.now() - made.made > 1 ? try prepare(made.item) : made
        case .retry(let item):
            prepared = try prepare(item)
        }
        let item = prepared.item
        let address = item.subscriber.email.ascii
        let messageID = prepared.messageID.description

        // The "sending" record is written the moment the transport has the whole body: from then
        // on a crash or a lost connection leaves the outcome unknown, and it must not be sent again.
        var recordError: SenderError?
        var sendingRecorded = false
        let outcome = try transport.send(prepared.bytes, from: mailing.envelopeSender.ascii, to: address) {
            do {
                try self.ledger.append(
                    DeliveryRecord(
                        time: self.clock.date(), email: address, state: .sending, attempt: item.attempt,
                        messageID: messageID),
                    waitUntilDurable: false)
                sendingRecorded = true
            } catch let error as SenderError {
                recordError = error
            } catch {
                recordError = SenderError(.ledgerWriteFailed, "\(error)")
            }
        }
        prepared.bytes = Data()
        if let recordError { throw recordError }

        // Resolved under the lock, so that what the relay has shown by now and this outcome are taken together.
        let now = clock.date()
        let resolution = relayStanding.withLock { standing in
            var resolution = policy.resolve(
                outcome, address: address, attempt: item.attempt, messageID: messageID, now: now,
                relayHasAccepted: standing.hasAccepted)
            let next = policy.standing(after: outcome, of: address, standing)
            standing = next.standing
            if resolution.stop == nil { resolution.stop = next.stop }
            return resolution
        }
        switch resolution.pace {
        case .unchanged: break
        case .recovered: limiter.recovered()
        case .slowDown: limiter.slowDown()
        }
        if let record = resolution.record {
            try ledger.append(record, waitUntilDurable: resolution.durable)
        } else if sendingRecorded, case .senderRefused(let reply) = outcome {
            // Refused after the whole body went out (a 530 to the end of the data): the message was not taken, so
            // the "sending" record must not leave the recipient unknown; deferred, a later run sends them.
            try ledger.append(
                DeliveryRecord(
                    time: clock.date(), email: address, state: .deferred, attempt: item.attempt, code: reply.code,
                    reply: reply.text, retryAt: clock.date()),
                waitUntilDurable: true)
        }
        let retry = resolution.retryIn.map {
            DeliveryItem(subscriber: item.subscriber, attempt: item.attempt + 1, due: clock.now() + $0)
        }
        return (resolution, retry)
    }
}
