import Curl
import Foundation
import Subscribers
import Testing

@testable import Sender

/// A relay that refuses recipients at `RCPT TO` for policy (`5.7.x`, like Postfix's `554 5.7.1 Relay access
/// denied` to a client without a login) refuses this client, not them: nobody is recorded as refused, each stays
/// deferred, and three in a row with none accepted stop the run.
@Suite("A relay that refuses recipients for policy")
struct PolicyRefusalTests {
    static func relayDenied(_ address: String) -> SMTPReply {
        SMTPReply(code: 554, text: "554 5.7.1 <\(address)>: Relay access denied")
    }

    @Test("the enhanced status code is read from the reply text, and only when it is well formed")
    func enhancedStatus() {
        func status(_ text: String) -> String? {
            SMTPReply(code: Int(text.prefix(3)) ?? 0, text: text).enhancedStatus?.description
        }
        #expect(status("554 5.7.1 <reader@example.org>: Relay access denied") == "5.7.1")
        #expect(status("554 5.7.1 <reader@example.org>: Client host rejected: Access denied") == "5.7.1")
        #expect(status("550 5.1.1 <gone@example.com>: user unknown") == "5.1.1")
        #expect(status("530 5.7.0 Authentication required") == "5.7.0")
        #expect(status("451 4.3.0 try again later") == "4.3.0")
        #expect(status("250-2.0.0 OK") == "2.0.0", "a continuation line has one too")
        #expect(status("554 5.7.1") == "5.7.1", "nothing after the code")
        #expect(status("554 5.7.1\r") == "5.7.1")
        #expect(status("550 5.100.999 x") == "5.100.999")
        #expect(status("550 user unknown") == nil, "no enhanced code")
        #expect(status("554 4.7.1 mismatched class") == nil, "its class must be the reply's first digit")
        #expect(status("554 5.7 Relay access denied") == nil)
        #expect(status("554 5.7.1.2 x") == nil)
        #expect(status("554 5.7.1000 x") == nil)
        #expect(status("554 5.x.1 x") == nil)
        #expect(status("554 55.7.1 x") == nil)
        #expect(status("554 3.7.1 x") == nil)
        #expect(status("554") == nil)
        #expect(SMTPReply(code: 554, text: "554 5.7.1 denied").enhancedStatus?.isPolicy == true)
        #expect(SMTPReply(code: 550, text: "550 5.1.1 unknown").enhancedStatus?.isPolicy == false)
        #expect(SMTPReply(code: 550, text: "550 5.2.2 mailbox full").enhancedStatus?.isPolicy == false)
    }

    /// A refused transfer whose refusal answered `command`, with QUIT's 221 after it.
    func refused(_ line: String, answering command: String?) -> SMTPTransfer {
        SMTPTransfer(
            lines: ["220 relay ready", "250 relay", "250 OK", line, "221 Bye"],
            commands: command.map { ["", "EHLO", "MAIL", $0, "QUIT"] } ?? [], responseCode: 221,
            failure: .init(message: "failed: \(line.prefix(3))", curlCode: 55, bodyWentOut: false))
    }

    @Test("a 5xx 5.7.x to RCPT TO is a policy refusal; 5.1.1, a 4xx, a refusal after DATA and MAIL FROM are not")
    func outcomes() {
        for line in [
            "554 5.7.1 <reader@example.org>: Relay access denied",
            "554 5.7.1 <reader@example.org>: Client host rejected: Access denied",
            "550 5.7.0 delivery not authorized",
        ] {
            let reply = SMTPReply(code: Int(line.prefix(3))!, text: line)
            #expect(SMTPOutcome(refused(line, answering: "RCPT")) == .policyRefused(reply), "\(line)")
            #expect(SMTPOutcome(refused(line, answering: "DATA")) == .rejected(reply), "the message's own: \(line)")
            #expect(SMTPOutcome(refused(line, answering: "MAIL")) == .senderRefused(reply), "\(line)")
            #expect(SMTPOutcome(refused(line, answering: nil)) == .rejected(reply), "untraced: as before")
        }
        for line in [
            "550 5.1.1 <gone@example.com>: user unknown", "553 5.1.3 bad address syntax", "552 5.2.2 mailbox full",
            "550 user unknown",
        ] {
            let reply = SMTPReply(code: Int(line.prefix(3))!, text: line)
            #expect(SMTPOutcome(refused(line, answering: "RCPT")) == .recipientRefused(reply), "not policy: \(line)")
        }
        let greylisted = SMTPReply(code: 451, text: "451 4.7.1 greylisted, try again later")
        #expect(SMTPOutcome(refused(greylisted.text, answering: "RCPT")) == .rejected(greylisted), "a 4xx defers")
        let auth = SMTPReply(code: 530, text: "530 5.7.0 Authentication required")
        #expect(SMTPOutcome(refused(auth.text, answering: "RCPT")) == .senderRefused(auth), "530 stops at once")
    }

    @Test("the policy defers a policy refusal (its reply kept, a retry time set), never in this run, never failed")
    func resolution() throws {
        let policy = DeliveryPolicy(options: DeliveryOptions())
        let reply = Self.relayDenied("mei@example.com")
        let resolution = policy.resolve(
            .policyRefused(reply), address: "mei@example.com", attempt: 2, messageID: "<m>", now: StillClock.start,
            relayHasAccepted: true)
        let record = try #require(resolution.record)
        #expect(record.state == .deferred && record.code == 554 && record.reply == reply.text)
        #expect(record.retryAt == StillClock.start.addingTimeInterval(policy.backOff(afterAttempt: 2)))
        #expect(resolution.durable && resolution.retryIn == nil && resolution.stop == nil)
        #expect(!DeliveryPolicy.isUserUnknown(record))
        let unknown = policy.resolve(
            .recipientRefused(SMTPReply(code: 550, text: "550 5.1.1 user unknown")), address: "mei@example.com",
            attempt: 1, messageID: "<m>", now: StillClock.start, relayHasAccepted: true)
        #expect(unknown.record.map(DeliveryPolicy.isUserUnknown) == true, "a 5.1.1 is failed and bounced as before")
    }

    @Test(
        "policy refusals in a row: an accepted message starts the count again, other refusals do not; the limit stops")
    func inARow() {
        let policy = DeliveryPolicy(options: DeliveryOptions())
        #expect(policy.recipientRefusalsInARowLimit == DeliveryOptions.defaultRecipientRefusalsInARowLimit)
        let third = Self.relayDenied("e@example.org")
        let outcomes: [(SMTPOutcome, String)] = [
            (.policyRefused(Self.relayDenied("a@example.org")), "a@example.org"),
            (.policyRefused(Self.relayDenied("b@example.org")), "b@example.org"),
            (.accepted(SMTPReply(code: 250, text: "250 OK")), "c@example.org"),
            (.policyRefused(Self.relayDenied("a@example.org")), "a@example.org"),
            (.recipientRefused(SMTPReply(code: 550, text: "550 5.1.1 user unknown")), "d@example.org"),
            (.notSent("reset"), "d@example.org"), (.policyRefused(Self.relayDenied("b@example.org")), "b@example.org"),
            (.policyRefused(third), "e@example.org"),
        ]
        var standing = DeliveryPolicy.RelayStanding()
        var stops: [DeliveryStop?] = []
        for (outcome, address) in outcomes {
            let next = policy.standing(after: outcome, of: address, standing)
            standing = next.standing
            stops.append(next.stop)
        }
        #expect(stops.dropLast().allSatisfy { $0 == nil }, "\(stops)")
        #expect(stops.last == .recipientsRefused(third, count: 3))
        let two = DeliveryPolicy(options: DeliveryOptions(recipientRefusalsInARowLimit: 2))
        let one = DeliveryPolicy.RelayStanding(hasAccepted: true, refusedInARow: ["a@example.org"])
        #expect(
            two.standing(after: .policyRefused(Self.relayDenied("b@example.org")), of: "b@example.org", one).stop
                == .recipientsRefused(Self.relayDenied("b@example.org"), count: 2))
    }

    @Test("every recipient refused for policy: the run stops at the third, nobody failed, then all six sent once")
    func scriptedRun() throws {
        let readers = (1...6).map { "reader\($0)@example.org" }
        let fixture = try refusedRun(readers: readers)
        try RecipientRefusalChecks.allSentAfterwards(readers: readers, in: fixture)
    }

    /// The run through a transport that refuses every recipient for policy, checked; its ledger is closed (its
    /// lock released) on return, as at the end of a `digest send`.
    private func refusedRun(readers: [String]) throws -> SendFixture {
        let refusing = ScriptedTransport(
            Dictionary(uniqueKeysWithValues: readers.map { ($0, [SMTPOutcome.policyRefused(Self.relayDenied($0))]) }))
        let (delivery, list, ledger, fixture) = try IssueDeliveryTests().delivery(
            readers: readers, transport: refusing, options: DeliveryOptions(retryDelay: .zero))
        try RecipientRefusalChecks.stoppedAtThird(
            try delivery.run(list: list), refusing: refusing, ledger: ledger, readers: readers,
            reply: Self.relayDenied("reader3@example.org"))
        return fixture
    }

    @Test("one recipient refused for policy among accepted ones stays deferred, tried once; a limit of 2 stops at 2")
    func single() throws {
        let readers = (1...5).map { "reader\($0)@example.org" }
        let transport = ScriptedTransport(["reader3@example.org": [.policyRefused(Self.relayDenied("reader3"))]])
        let (delivery, list, ledger, _) = try IssueDeliveryTests().delivery(
            readers: readers, transport: transport, options: DeliveryOptions())
        let summary = try delivery.run(list: list)
        #expect(summary.stopped == nil && summary.sentNow == 4 && summary.deferred == 1 && summary.failed == 0)
        #expect(summary.exitStatus == 75, "try again later")
        #expect(transport.recipients == readers, "not tried again in this run")
        #expect(ledger.standing(of: "reader3@example.org")?.last.state == .deferred)

        let pairs = ScriptedTransport(
            ["reader1@example.org": [.policyRefused(Self.relayDenied("reader1"))]],
            default: .policyRefused(Self.relayDenied("any")))
        let (limited, list2, _, _) = try IssueDeliveryTests().delivery(
            readers: readers, transport: pairs, options: DeliveryOptions(recipientRefusalsInARowLimit: 2))
        let stopped = try limited.run(list: list2)
        #expect(stopped.stopped == .recipientsRefused(Self.relayDenied("any"), count: 2))
        #expect(pairs.recipients.count == 2)
    }
}
