import DigestTestSupport
import Foundation
import Sender
import Testing

/// What every kind of relay refusal of recipient after recipient must leave, checked the same way for each kind
/// (for policy, `PolicyRefusalTests` and `PolicyRefusedSendTests`; before anything was accepted,
/// `UnprovenRefusalTests` and `RelayNotPermittedSendTests`): the run stopped at the third, nobody recorded as
/// refused, and a later run through a relay that takes them sends everyone once.
enum RecipientRefusalChecks {
    /// A scripted run of six that `refusing` stopped at the third refusal, `reply`: the three refused deferred with
    /// the reply's code, the rest queued, nobody failed or bounced, exit 1.
    static func stoppedAtThird(
        _ summary: DeliverySummary, refusing: ScriptedTransport, ledger: DeliveryLedger, readers: [String],
        reply: SMTPReply
    ) throws {
        #expect(refusing.recipients == Array(readers.prefix(3)), "stopped at the third refusal")
        #expect(summary.stopped == .recipientsRefused(reply, count: 3))
        #expect(summary.failed == 0 && summary.sentNow == 0 && summary.deferred == 6 && summary.bounced.isEmpty)
        #expect(summary.exitStatus == 1, "the settings must change: not 75, try again later")
        for reader in readers.prefix(3) {
            let last = try #require(ledger.standing(of: reader)?.last)
            #expect(last.state == .deferred && last.code == reply.code && last.retryAt != nil, "\(reader): \(last)")
        }
        for reader in readers.dropFirst(3) {
            #expect(ledger.standing(of: reader)?.last.state == .queued, "\(reader) is untried")
        }
    }

    /// The scripted run after it, in `fixture`, through a transport that takes everyone: all six sent, each once.
    static func allSentAfterwards(readers: [String], in fixture: SendFixture) throws {
        let accepting = ScriptedTransport([:])
        let (again, list, _, _) = try IssueDeliveryTests().delivery(
            readers: readers, transport: accepting, options: DeliveryOptions(), in: fixture)
        let second = try again.run(list: list)
        #expect(second.sentNow == 6 && second.failed == 0 && second.deferred == 0 && second.exitStatus == 0)
        #expect(accepting.recipients.sorted() == readers, "each once")
    }

    /// A `digest send` of six to the real server that it stopped at the third refusal: the stop line quoting
    /// `replyText`, the three refused deferred, the rest queued, nobody bounced, nothing delivered, and the server
    /// refused exactly the first three with `code`.
    static func sendStoppedAtThird(
        _ first: CommandResult, fixture: SendFixture, addresses: [String], replyText: String, code: Int
    ) throws {
        #expect(first.status == 1, "\(first)")
        #expect(
            first.stderr.contains("the relay refused 3 recipients in a row and took none (\(replyText))"), "\(first)")
        #expect(first.stderr.contains("nobody was recorded as refused"), "\(first)")
        #expect(
            first.stderr.contains(
                "check the relay login (DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD, or --smtp-config) and that this "
                    + "machine may relay through it, then run send again"), "\(first)")
        #expect(!first.stderr.contains("marked bounced"), "\(first)")
        #expect(first.stdout.contains("Sent 0, deferred 6, failed 0, unknown 0 of 6 recipients"), "\(first)")
        let states = try fixture.ledgerStates()
        #expect(!states.values.contains(.failed), "nobody is recorded as refused: \(states)")
        #expect(addresses.prefix(3).allSatisfy { states[$0] == .deferred }, "the refused stay deferred: \(states)")
        #expect(addresses.dropFirst(3).allSatisfy { states[$0] == .queued }, "the rest untried: \(states)")
        #expect(try fixture.listStatuses().values.allSatisfy { $0 == "active" }, "nobody marked bounced")
        #expect(try fixture.server.messages().isEmpty)
        let refusals = try fixture.server.events().filter { $0.event == "rcpt" }
        #expect(refusals.map(\.rcpt) == addresses.prefix(3).map { $0 }, "the run stopped at the third: \(refusals)")
        #expect(refusals.allSatisfy { $0.code == code })
    }

    /// The relay fixed (here: a relay that takes them), the next `digest send` sends everyone, once.
    static func fixedRelaySendsAll(fixture: SendFixture, addresses: [String]) throws {
        let relay = try LoopbackSMTPServer(in: fixture.folder.url(for: "fixed-relay"))
        let second = try fixture.run([
            "send", "--week", SendFixture.week, "--smtp-url", relay.url, "--allow-plaintext",
        ])
        #expect(second.succeeded, "\(second)")
        #expect(second.stdout.contains("Sent 6, deferred 0, failed 0, unknown 0 of 6 recipients"), "\(second)")
        #expect(try relay.messageCounts() == Dictionary(uniqueKeysWithValues: addresses.map { ($0, 1) }))
        #expect(try relay.messages().count == 6, "no duplicates")
        #expect(try fixture.ledgerStates().values.allSatisfy { $0 == .sent })
        #expect(try fixture.listStatuses().values.allSatisfy { $0 == "active" })
    }
}
