import Curl
import Foundation
import Subscribers
import Testing

@testable import Sender

/// A 5xx to `RCPT TO` blames the address only once the relay has taken one of the run's recipients: before that it
/// may be the relay refusing us (Exim's `550 relay not permitted`, an older `550 Relaying denied` or `554 Access
/// denied`, with no enhanced status to tell), so it is "unproven": deferred, tried again after its back-off, never
/// failed or bounced, and counted with the policy refusals towards the stop.
@Suite("A refusal of a recipient before the relay has taken any")
struct UnprovenRefusalTests {
    static let relayNotPermitted = SMTPReply(code: 550, text: "550 relay not permitted")
    static let userUnknown = SMTPReply(code: 550, text: "550 5.1.1 <gone@example.org>: user unknown")
    static let accepted = SMTPOutcome.accepted(SMTPReply(code: 250, text: "250 OK"))

    /// A refused transfer whose refusal answered `command`, with QUIT's 221 after it.
    func refused(_ line: String, answering command: String?) -> SMTPTransfer {
        SMTPTransfer(
            lines: ["220 relay ready", "250 relay", "250 OK", line, "221 Bye"],
            commands: command.map { ["", "EHLO", "MAIL", $0, "QUIT"] } ?? [], responseCode: 221,
            failure: .init(message: "failed: \(line.prefix(3))", curlCode: 55, bodyWentOut: false))
    }

    @Test("a 5xx to RCPT TO but a 5.7.x is a refusal of the recipient; a 4xx, a refusal after DATA, untraced, are not")
    func outcomes() {
        for line in [
            "550 relay not permitted", "550 Relaying denied", "554 Access denied", "550 no such user",
            "550 5.1.1 <gone@example.org>: user unknown", "553 5.1.3 bad address syntax", "552 5.2.2 mailbox full",
        ] {
            let reply = SMTPReply(code: Int(line.prefix(3))!, text: line)
            #expect(SMTPOutcome(refused(line, answering: "RCPT")) == .recipientRefused(reply), "\(line)")
            #expect(SMTPOutcome(refused(line, answering: "DATA")) == .rejected(reply), "the message's own: \(line)")
            #expect(SMTPOutcome(refused(line, answering: nil)) == .rejected(reply), "untraced: as before: \(line)")
            #expect(SMTPOutcome(refused(line, answering: "MAIL")) == .senderRefused(reply), "\(line)")
        }
        let deferral = SMTPReply(code: 450, text: "450 4.2.0 mailbox busy")
        #expect(SMTPOutcome(refused(deferral.text, answering: "RCPT")) == .rejected(deferral), "a 4xx defers")
        let policy = SMTPReply(code: 554, text: "554 5.7.1 <a@example.org>: Relay access denied")
        #expect(SMTPOutcome(refused(policy.text, answering: "RCPT")) == .policyRefused(policy))
    }

    @Test("before anything was accepted: deferred with its reply and retry time, tried again in this run, not bounced")
    func unproven() throws {
        let policy = DeliveryPolicy(options: DeliveryOptions(maxAttempts: 3))
        for reply in [Self.relayNotPermitted, Self.userUnknown] {
            let resolution = policy.resolve(
                .recipientRefused(reply), address: "gone@example.org", attempt: 1, messageID: "<m>",
                now: StillClock.start, relayHasAccepted: false)
            let record = try #require(resolution.record)
            #expect(record.state == .deferred && record.code == 550 && record.reply == reply.text, "\(record)")
            #expect(record.retryAt == StillClock.start.addingTimeInterval(policy.backOff(afterAttempt: 1)))
            #expect(
                resolution.retryIn == policy.backOff(afterAttempt: 1), "tried again in this run, after its back-off")
            #expect(resolution.durable && resolution.stop == nil && resolution.pace == .unchanged)
            #expect(!DeliveryPolicy.isUserUnknown(record), "never bounced: \(reply)")
        }
        let last = policy.resolve(
            .recipientRefused(Self.userUnknown), address: "gone@example.org", attempt: 3, messageID: "<m>",
            now: StillClock.start, relayHasAccepted: false)
        #expect(last.record?.state == .deferred && last.retryIn == nil, "no attempts left: left for a later run")
    }

    @Test("once anything was accepted: failed, and 550/551/553 bounce the subscriber, as before")
    func proven() throws {
        let policy = DeliveryPolicy(options: DeliveryOptions())
        for (reply, bounces) in [
            (Self.userUnknown, true), (Self.relayNotPermitted, true),
            (SMTPReply(code: 551, text: "551 user not local"), true),
            (SMTPReply(code: 553, text: "553 5.1.3 bad address syntax"), true),
            (SMTPReply(code: 552, text: "552 5.2.2 mailbox full"), false),
            (SMTPReply(code: 554, text: "554 Access denied"), false),
        ] {
            let resolution = policy.resolve(
                .recipientRefused(reply), address: "gone@example.org", attempt: 2, messageID: "<m>",
                now: StillClock.start, relayHasAccepted: true)
            let record = try #require(resolution.record)
            #expect(record.state == .failed && record.code == reply.code && record.reply == reply.text, "\(record)")
            #expect(resolution.retryIn == nil && resolution.durable && resolution.stop == nil)
            #expect(DeliveryPolicy.isUserUnknown(record) == bounces, "\(reply)")
        }
        // The fact matters for nothing else: a policy refusal, a 4xx and an untraced 5xx resolve as before either way.
        for outcome: SMTPOutcome in [
            .policyRefused(SMTPReply(code: 554, text: "554 5.7.1 denied")),
            .rejected(SMTPReply(code: 451, text: "451 4.3.0 later")), .rejected(Self.userUnknown),
            .senderRefused(SMTPReply(code: 530, text: "530 5.7.0 Authentication required")), Self.accepted,
        ] {
            let before = policy.resolve(
                outcome, address: "a@example.org", attempt: 1, messageID: "<m>", now: StillClock.start,
                relayHasAccepted: false)
            let after = policy.resolve(
                outcome, address: "a@example.org", attempt: 1, messageID: "<m>", now: StillClock.start,
                relayHasAccepted: true)
            #expect(before == after, "\(outcome)")
        }
    }

    @Test("the in-a-row count: unproven and policy refusals of different recipients add up; an acceptance resets it")
    func inARow() {
        let policy = DeliveryPolicy(options: DeliveryOptions())
        #expect(policy.recipientRefusalsInARowLimit == DeliveryOptions.defaultRecipientRefusalsInARowLimit)
        let relayDenied = SMTPReply(code: 554, text: "554 5.7.1 <c@example.org>: Relay access denied")
        var standing = DeliveryPolicy.RelayStanding()
        var stops: [DeliveryStop?] = []
        func apply(_ outcome: SMTPOutcome, _ address: String) {
            let next = policy.standing(after: outcome, of: address, standing)
            standing = next.standing
            stops.append(next.stop)
        }
        apply(.recipientRefused(Self.relayNotPermitted), "a@example.org")
        apply(.recipientRefused(Self.relayNotPermitted), "a@example.org")
        #expect(standing.refusedInARow == ["a@example.org"], "a retry of the same recipient is not a second one")
        apply(.rejected(SMTPReply(code: 451, text: "451 later")), "b@example.org")
        apply(.notSent("reset"), "b@example.org")
        apply(.recipientRefused(Self.relayNotPermitted), "b@example.org")
        #expect(!standing.hasAccepted && standing.refusedInARow.count == 2 && stops.allSatisfy { $0 == nil })
        apply(.policyRefused(relayDenied), "c@example.org")
        #expect(stops.last == .recipientsRefused(relayDenied, count: 3), "a policy refusal counts with them")

        standing = DeliveryPolicy.RelayStanding()
        stops = []
        apply(.recipientRefused(Self.relayNotPermitted), "a@example.org")
        apply(Self.accepted, "b@example.org")
        #expect(standing == DeliveryPolicy.RelayStanding(hasAccepted: true, refusedInARow: []))
        for address in ["c", "d", "e", "f"] {
            apply(.recipientRefused(Self.userUnknown), "\(address)@example.org")
        }
        #expect(standing.refusedInARow.isEmpty && stops.allSatisfy { $0 == nil }, "proven refusals blame the address")
        apply(.policyRefused(relayDenied), "g@example.org")
        apply(.policyRefused(relayDenied), "h@example.org")
        apply(.policyRefused(relayDenied), "i@example.org")
        #expect(stops.last == .recipientsRefused(relayDenied, count: 3), "policy refusals count as before")
        #expect(standing.hasAccepted, "the run's acceptance is kept")

        let two = DeliveryPolicy(options: DeliveryOptions(recipientRefusalsInARowLimit: 2))
        let first = two.standing(after: .recipientRefused(Self.relayNotPermitted), of: "a@example.org", .init())
        #expect(first.stop == nil)
        #expect(
            two.standing(after: .recipientRefused(Self.relayNotPermitted), of: "b@example.org", first.standing).stop
                == .recipientsRefused(Self.relayNotPermitted, count: 2))
    }

    @Test("every recipient refused 550 relay not permitted: the run stops at the third, nobody failed, then all sent")
    func scriptedRelayNotPermitted() throws {
        let readers = (1...6).map { "reader\($0)@example.org" }
        let fixture = try refusedRun(readers: readers)
        try RecipientRefusalChecks.allSentAfterwards(readers: readers, in: fixture)
    }

    @Test("a list too short to reach the stop, every recipient refused: deferred, exit 75, and a note that says so")
    func shortListAllRefused() throws {
        let readers = ["reader1@example.org", "reader2@example.org"]
        let refusing = ScriptedTransport([:], default: .recipientRefused(Self.relayNotPermitted))
        let (delivery, list, ledger, _) = try IssueDeliveryTests().delivery(
            readers: readers, transport: refusing, options: DeliveryOptions(maxAttempts: 1, retryDelay: .zero))
        let summary = try delivery.run(list: list)
        #expect(summary.stopped == nil && summary.deferred == 2 && summary.failed == 0 && summary.exitStatus == 75)
        #expect(summary.refusedWithNoneAccepted == .init(reply: Self.relayNotPermitted, count: 2))
        let note = try #require(summary.refusalNote)
        #expect(note.hasPrefix("the relay refused 2 recipients (550 relay not permitted) and accepted no message"))
        for reader in readers { #expect(ledger.standing(of: reader)?.last.state == .deferred) }
    }

    /// The run through a transport that answers every recipient `550 relay not permitted`, checked; its ledger is
    /// closed (its lock released) on return, as at the end of a `digest send`.
    private func refusedRun(readers: [String]) throws -> SendFixture {
        let refusing = ScriptedTransport([:], default: .recipientRefused(Self.relayNotPermitted))
        // One attempt each and no back-off, so that the second run, on a clock that stands still, has none to wait.
        let (delivery, list, ledger, fixture) = try IssueDeliveryTests().delivery(
            readers: readers, transport: refusing, options: DeliveryOptions(maxAttempts: 1, retryDelay: .zero))
        try RecipientRefusalChecks.stoppedAtThird(
            try delivery.run(list: list), refusing: refusing, ledger: ledger, readers: readers,
            reply: Self.relayNotPermitted)
        return fixture
    }

    @Test("the first recipient unknown, the rest taken: it is tried again after its back-off, then failed and bounced")
    func scriptedFirstUnknown() throws {
        let readers = (1...5).map { "reader\($0)@example.org" }
        let unknown = SMTPReply(code: 550, text: "550 no such user")
        let transport = ScriptedTransport(
            ["reader1@example.org": [.recipientRefused(unknown), .recipientRefused(unknown)]])
        // A clock that moves, so that the back-off ends; long enough that the others go first.
        let (delivery, list, ledger, _) = try IssueDeliveryTests().delivery(
            readers: readers, transport: transport, options: DeliveryOptions(retryDelay: .milliseconds(300)),
            clock: MonotonicClock())
        let summary = try delivery.run(list: list)
        #expect(summary.stopped == nil && summary.sentNow == 4 && summary.failed == 1 && summary.deferred == 0)
        #expect(summary.bounced == ["reader1@example.org"])
        #expect(summary.refusedWithNoneAccepted == nil && summary.refusalNote == nil, "the relay took the others")
        #expect(transport.recipients == readers + ["reader1@example.org"], "once unproven, then again")
        let standing = try #require(ledger.standing(of: "reader1@example.org"))
        #expect(standing.last.state == .failed && standing.attempts == 2, "\(standing)")
    }
}
