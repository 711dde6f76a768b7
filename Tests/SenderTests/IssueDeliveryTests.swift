import Composer
import Curl
import DigestTestSupport
import Foundation
import Renderer
import Subscribers
import Synchronization
import Testing

@testable import Sender

/// A clock that stands still unless something sleeps on it; its time of day starts at a known moment.
final class StillClock: DeliveryClock {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    private let seconds = Mutex(1000.0)

    func now() -> Double { seconds.withLock { $0 } }
    func sleep(until deadline: Double) { seconds.withLock { $0 = max($0, deadline) } }
    func date() -> Date { Self.start.addingTimeInterval(now() - 1000) }
}

/// A transport that answers from a script: each recipient's outcomes in turn, then 250.
final class ScriptedTransport: MailTransport, Sendable {
    private let script: Mutex<[String: [SMTPOutcome]]>
    private let calls = Mutex<[String]>([])

    init(_ script: [String: [SMTPOutcome]], default outcome: SMTPOutcome? = nil) {
        self.script = Mutex(script)
        self.fallback = outcome ?? .accepted(SMTPReply(code: 250, text: "250 2.0.0 OK"))
    }

    private let fallback: SMTPOutcome

    /// The recipients sent to, in order.
    var recipients: [String] { calls.withLock { $0 } }

    func checkSession() throws(SenderError) {}

    func send(_ message: Data, from sender: String, to recipient: String, bodyComplete: (() -> Void)?)
        throws(SenderError) -> SMTPOutcome
    {
        calls.withLock { $0.append(recipient) }
        let outcome = script.withLock { script in
            script[recipient]?.isEmpty == false ? script[recipient]!.removeFirst() : fallback
        }
        switch outcome {
        case .accepted, .unknown: bodyComplete?()
        case .rejected, .senderRefused, .policyRefused, .recipientRefused, .notSent: break
        }
        return outcome
    }
}

@Suite("Delivery through a scripted transport, on a clock that stands still")
struct IssueDeliveryTests {
    static func reply(_ code: Int, _ text: String) -> SMTPReply { SMTPReply(code: code, text: "\(code) \(text)") }

    /// The sample week's mailing, a ledger and the list of `readers`, in a fixture of their own (or in `existing`,
    /// whose ledger a run before left); on a `StillClock` unless `clock` is given.
    func delivery(
        readers: [String], transport: ScriptedTransport, options: DeliveryOptions, in existing: SendFixture? = nil,
        clock: (any DeliveryClock)? = nil, makeTransport: (@Sendable () -> any MailTransport)? = nil
    ) throws -> (IssueDelivery, SubscriberListReader, DeliveryLedger, SendFixture) {
        let fixture = try existing ?? SendFixture(list: readers.map { "\($0),,,active,2026-09-01T08:00:00Z,test" })
        let issue = try IssueStore(digests: fixture.root.appendingPathComponent("Digests"))
            .load(theme: "decoding-asia", week: SendFixture.week)
        let mailing = try IssueMailing(
            issue: issue,
            renderer: try IssueRenderer(themeDirectory: fixture.root.appendingPathComponent("Templates/decoding-asia")),
            list: "decoding-asia", secret: UnsubscribeSecret(NewsletterFixture.defaultSecret))
        let ledger = try DeliveryLedger(url: fixture.ledgerFile)
        let delivery = IssueDelivery(
            mailing: mailing, ledger: ledger, options: options, clock: clock ?? StillClock(),
            makeTransport: makeTransport ?? { transport })
        return (delivery, try SubscriberListReader(url: fixture.listFile), ledger, fixture)
    }

    @Test("sent, refused, deferred then sent, and unknown: each recorded once, dated by the clock, summed up")
    func outcomes() throws {
        let transport = ScriptedTransport([
            "b@example.com": [.rejected(Self.reply(550, "5.1.1 user unknown"))],
            "c@example.com": [.rejected(Self.reply(451, "4.3.0 try later"))],
            "d@example.com": [.unknown("timed out")],
        ])
        let (delivery, list, ledger, _) = try delivery(
            readers: ["a@example.com", "b@example.com", "c@example.com", "d@example.com"], transport: transport,
            options: DeliveryOptions(retryDelay: .zero))
        let summary = try delivery.run(list: list)

        #expect(summary.sentNow == 2 && summary.failed == 1 && summary.unknown == 1 && summary.deferred == 0)
        #expect(summary.recipients == 4 && summary.exitStatus == 1)
        #expect(summary.bounced == ["b@example.com"], "a 550 is a bounce")
        #expect(summary.unknownAddresses == ["d@example.com"])
        #expect(summary.stopped == nil, "one unknown does not stop the run")
        #expect(transport.recipients.filter { $0 == "c@example.com" }.count == 2, "the 451 was tried again")
        #expect(ledger.standing(of: "c@example.com")?.last.state == .sent)
        #expect(ledger.standing(of: "c@example.com")?.attempts == 2)
        #expect(ledger.standing(of: "b@example.com")?.last.code == 550)
        #expect(ledger.standing(of: "a@example.com")?.last.time == StillClock.start, "records read the clock")
    }

    @Test("three unanswered messages in a row stop the run: the rest stay queued, and nobody else is tried")
    func stall() throws {
        let readers = (0..<10).map { "reader\($0)@example.com" }
        let transport = ScriptedTransport([:], default: .unknown("no reply after the body"))
        let (delivery, list, ledger, _) = try delivery(
            readers: readers, transport: transport, options: DeliveryOptions())
        let summary = try delivery.run(list: list)
        #expect(summary.stopped == .relayStalled(unknownInARow: 3))
        #expect(summary.unknown == 3 && summary.deferred == 7 && summary.exitStatus == 1)
        #expect(transport.recipients == Array(readers.prefix(3)))
        #expect(ledger.standing(of: "reader9@example.com")?.last.state == .queued)
    }

    @Test("an answer between unanswered messages starts the count again")
    func stallCountResets() {
        let policy = DeliveryPolicy(options: DeliveryOptions(unknownInARowLimit: 3))
        let now = StillClock.start
        let unknown = policy.resolve(
            .unknown("t"), address: "x@example.com", attempt: 1, messageID: "<m>", now: now, relayHasAccepted: true)
        let sent = policy.resolve(
            .accepted(Self.reply(250, "OK")), address: "x@example.com", attempt: 1, messageID: "<m>", now: now,
            relayHasAccepted: true)
        var count = 0
        var stops: [DeliveryStop?] = []
        for resolution in [unknown, unknown, sent, unknown, unknown, unknown] {
            let next = policy.unknownInARow(after: resolution, count: count)
            count = next.count
            stops.append(next.stop)
        }
        #expect(stops == [nil, nil, nil, nil, nil, .relayStalled(unknownInARow: 3)])
    }

    @Test("a deferral waits the back-off, doubling per attempt up to an hour, and is retried while attempts remain")
    func backOff() {
        let policy = DeliveryPolicy(options: DeliveryOptions(maxAttempts: 3, retryDelay: .seconds(5)))
        let now = StillClock.start
        #expect((1...4).map { policy.backOff(afterAttempt: $0) } == [5, 10, 20, 40])
        #expect(policy.backOff(afterAttempt: 30) == 3600)
        let first = policy.resolve(
            .rejected(Self.reply(451, "later")), address: "x@example.com", attempt: 1, messageID: "<m>", now: now,
            relayHasAccepted: true)
        #expect(first.record?.state == .deferred && first.record?.retryAt == now.addingTimeInterval(5))
        #expect(first.retryIn == 5 && first.durable && first.pace == .unchanged)
        let last = policy.resolve(
            .notSent("reset"), address: "x@example.com", attempt: 3, messageID: "<m>", now: now, relayHasAccepted: true)
        #expect(last.retryIn == nil, "no attempts left in this run")
        let slow = policy.resolve(
            .rejected(Self.reply(421, "slow down")), address: "x@example.com", attempt: 1, messageID: "<m>", now: now,
            relayHasAccepted: true)
        #expect(slow.pace == .slowDown)
        let refused = policy.resolve(
            .rejected(Self.reply(550, "no such user")), address: "x@example.com", attempt: 1, messageID: "<m>",
            now: now,
            relayHasAccepted: true)
        #expect(
            refused.record?.state == .failed && refused.retryIn == nil
                && refused.record.map(DeliveryPolicy.isUserUnknown) == true)
    }

    @Test("the plan: new recipients queue, queued ones send, sent and failed are left, unknown only when asked")
    func decisions() {
        #expect(DeliveryDecision.of(nil, attempts: 0, resendUnknown: false) == .queue)
        #expect(DeliveryDecision.of(.queued, attempts: 0, resendUnknown: false) == .send)
        #expect(DeliveryDecision.of(.sent, attempts: 1, resendUnknown: true) == .skip)
        #expect(DeliveryDecision.of(.failed, attempts: 1, resendUnknown: true) == .skip)
        #expect(DeliveryDecision.of(.unknown, attempts: 1, resendUnknown: false) == .skip)
        #expect(DeliveryDecision.of(.sending, attempts: 1, resendUnknown: true) == .send)
        #expect(DeliveryDecision.of(.deferred, attempts: 2, resendUnknown: false) == .deferred(attempt: 3))
    }
}
