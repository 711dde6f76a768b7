import Curl
import Foundation
import Subscribers
import Testing

@testable import Sender

/// A refusal of the sender or the session (a reply to `MAIL FROM`, or 530 authentication required) says nothing
/// of the recipient: nobody is recorded as refused, and the run stops at once.
@Suite("A relay that refuses the sender, not the recipient")
struct SenderRefusalTests {
    static let authRequired = SMTPReply(code: 530, text: "530 5.7.0 Authentication required")

    /// A refused transfer whose server lines answered the given commands, with QUIT's 221 after the refusal.
    func refused(_ line: String, answering command: String) -> SMTPTransfer {
        SMTPTransfer(
            lines: ["220 relay ready", "250-relay", "250 AUTH PLAIN LOGIN", line, "221 Bye"],
            commands: ["", "EHLO", "EHLO", command, "QUIT"], responseCode: 221,
            failure: .init(message: "\(command) failed: \(line.prefix(3))", curlCode: 55, bodyWentOut: false))
    }

    @Test("a refusal of MAIL FROM or a 530 refuses the sender; a RCPT refusal and a slow-down do not")
    func outcomes() {
        #expect(refused("530 5.7.0 Authentication required", answering: "MAIL").refusedCommand == "MAIL")
        #expect(
            SMTPOutcome(refused("530 5.7.0 Authentication required", answering: "MAIL"))
                == .senderRefused(Self.authRequired))
        for line in ["550 5.7.1 sender not allowed", "553 5.1.8 sender address rejected", "451 4.7.1 try later"] {
            let reply = SMTPReply(code: Int(line.prefix(3))!, text: line)
            #expect(SMTPOutcome(refused(line, answering: "MAIL")) == .senderRefused(reply), "\(line)")
            // To RCPT TO, a permanent 5.7.x is a refusal for policy (see PolicyRefusalTests), another 5xx a refusal of
            // the recipient (see UnprovenRefusalTests), a 4xx as before.
            let atRecipient: SMTPOutcome =
                line.hasPrefix("550 5.7.")
                ? .policyRefused(reply) : reply.code >= 500 ? .recipientRefused(reply) : .rejected(reply)
            #expect(SMTPOutcome(refused(line, answering: "RCPT")) == atRecipient, "to RCPT TO: \(line)")
        }
        let authAtRecipient = SMTPReply(code: 530, text: "530 5.7.0 Authentication required")
        #expect(SMTPOutcome(refused(authAtRecipient.text, answering: "RCPT")) == .senderRefused(authAtRecipient))
        for line in ["421 4.7.0 slow down; closing connection", "454 4.7.0 slow down"] {
            let reply = SMTPReply(code: Int(line.prefix(3))!, text: line)
            #expect(SMTPOutcome(refused(line, answering: "MAIL")) == .rejected(reply), "a slow-down keeps its pace")
        }
        // Without traced commands (an older transfer), only a 530 is known to refuse the sender.
        let untraced = SMTPTransfer(
            lines: ["550 5.1.1 <gone@example.com>: user unknown"], responseCode: 550,
            failure: .init(message: "RCPT failed: 550", curlCode: 55, bodyWentOut: false))
        #expect(untraced.refusedCommand == nil)
        #expect(SMTPOutcome(untraced) == .rejected(SMTPReply(code: 550, text: untraced.lines[0])))
    }

    @Test("the policy records nothing against the recipient and stops the run with the relay's reply")
    func policy() {
        let policy = DeliveryPolicy(options: DeliveryOptions())
        let resolution = policy.resolve(
            .senderRefused(Self.authRequired), address: "mei@example.com", attempt: 1, messageID: "<m>",
            now: StillClock.start, relayHasAccepted: false)
        #expect(resolution.record == nil)
        #expect(resolution.stop == .senderRefused(Self.authRequired))
        #expect(resolution.retryIn == nil)
        let userUnknown = policy.resolve(
            .recipientRefused(SMTPReply(code: 550, text: "550 5.1.1 user unknown")), address: "mei@example.com",
            attempt: 1, messageID: "<m>", now: StillClock.start, relayHasAccepted: true)
        #expect(userUnknown.record?.state == .failed && userUnknown.stop == nil, "a RCPT 550 is as before")
    }

    @Test("a scripted 530: the run stops after one message, nobody failed, all five queued; then all sent once")
    func scriptedRun() throws {
        let readers = (1...5).map { "reader\($0)@example.com" }
        let refusing = ScriptedTransport([:], default: .senderRefused(Self.authRequired))
        let fixture = try firstRun(readers: readers, through: refusing)
        #expect(refusing.recipients == ["reader1@example.com"], "stopped at the first refusal")

        // A second run, with settings the relay takes, sends everyone once.
        let accepting = ScriptedTransport([:])
        let (delivery, list, _, _) = try IssueDeliveryTests().delivery(
            readers: readers, transport: accepting, options: DeliveryOptions(), in: fixture)
        let second = try delivery.run(list: list)
        #expect(second.sentNow == 5 && second.failed == 0 && second.deferred == 0 && second.exitStatus == 0)
        #expect(accepting.recipients.sorted() == readers)
    }

    /// The run through a transport that refuses the sender: its summary and ledger checked; the ledger is closed
    /// (its lock released) on return, as at the end of a `digest send`.
    private func firstRun(readers: [String], through transport: ScriptedTransport) throws -> SendFixture {
        let (delivery, list, ledger, fixture) = try IssueDeliveryTests().delivery(
            readers: readers, transport: transport, options: DeliveryOptions())
        let summary = try delivery.run(list: list)
        #expect(summary.stopped == .senderRefused(Self.authRequired))
        #expect(summary.failed == 0 && summary.sentNow == 0 && summary.deferred == 5 && summary.unknown == 0)
        #expect(summary.bounced.isEmpty)
        #expect(summary.exitStatus == 1, "the settings must change: not 75, try again later")
        for reader in readers {
            let state = ledger.standing(of: reader)?.last.state
            #expect(state == nil || state == .queued, "\(reader) is untried: \(String(describing: state))")
        }
        return fixture
    }

    @Test("a 530 after the whole body went out leaves the recipient deferred, not unknown: a later run sends them")
    func refusedAfterBody() throws {
        let transport = RefusingAfterBody(Self.authRequired)
        let (delivery, list, ledger, _) = try IssueDeliveryTests().delivery(
            readers: ["mei@example.com", "lan@example.com"], transport: ScriptedTransport([:]),
            options: DeliveryOptions(), makeTransport: { transport })
        let summary = try delivery.run(list: list)
        #expect(summary.stopped == .senderRefused(Self.authRequired))
        #expect(summary.unknown == 0 && summary.failed == 0 && summary.deferred == 2, "\(summary)")
        let standing = try #require(ledger.standing(of: "mei@example.com"))
        #expect(standing.last.state == .deferred && standing.last.code == 530)
    }

    @Test("the stop names the relay's reply and says nobody was recorded as refused")
    func stopLine() {
        let line = DeliveryStop.senderRefused(Self.authRequired).description
        #expect(line.contains("530 5.7.0 Authentication required"))
        #expect(line.contains("nobody was recorded as refused"))
    }
}

/// A transport that takes the whole body of every message, then refuses it with `reply` (a 530 to the end of the
/// data), so a "sending" record is written first.
final class RefusingAfterBody: MailTransport, Sendable {
    let reply: SMTPReply

    init(_ reply: SMTPReply) { self.reply = reply }

    func checkSession() throws(SenderError) {}

    func send(_ message: Data, from sender: String, to recipient: String, bodyComplete: (() -> Void)?)
        throws(SenderError) -> SMTPOutcome
    {
        bodyComplete?()
        return .senderRefused(reply)
    }
}
