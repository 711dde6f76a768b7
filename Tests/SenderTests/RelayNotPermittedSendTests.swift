import DigestTestSupport
import Foundation
import Sender
import Testing

/// A relay that will not relay for this client and says so without an enhanced status (Exim's default: `550 relay
/// not permitted` to every `RCPT TO`), against a real server (aiosmtpd): its refusals are not read as "user
/// unknown" until it has taken one of ours, so nobody is marked failed or bounced; and an address that is unknown
/// is still found out in the same run once the relay has taken the others.
@Suite("A relay that refuses every recipient with a plain 550, against a real server")
struct RelayNotPermittedSendTests {
    @Test(
        "550 relay not permitted to every RCPT TO: exit 1, the stop line, nobody failed or bounced; then all sent once")
    func relayNotPermitted() throws {
        let readers = generatedList(6)
        let addresses = readers.map { String($0.prefix { $0 != "," }) }
        let fixture = try SendFixture(list: readers, server: .init(refuseRelay: "550 relay not permitted"))

        // A short back-off, so that the second run does not wait the default 5 s for the three refused.
        let first = try fixture.send(["--retry-delay", "1"])
        try RecipientRefusalChecks.sendStoppedAtThird(
            first, fixture: fixture, addresses: addresses, replyText: "550 relay not permitted", code: 550)
        #expect(!first.stderr.contains("does not exist"), "\(first)")

        // Through a relay that takes them, the next run sends everyone, once.
        try RecipientRefusalChecks.fixedRelaySendsAll(fixture: fixture, addresses: addresses)
    }

    @Test("two readers, both refused 550 relay not permitted: exit 75, a note with what to check, nobody bounced")
    func shortListRefused() throws {
        let readers = generatedList(2)
        let fixture = try SendFixture(list: readers, server: .init(refuseRelay: "550 relay not permitted"))
        let result = try fixture.send(["--retry-delay", "0.2", "--max-attempts", "1"])
        #expect(result.status == 75, "\(result)")
        #expect(result.stdout.contains("Sent 0, deferred 2, failed 0, unknown 0 of 2 recipients"), "\(result)")
        #expect(
            result.stderr.contains(
                "digest: the relay refused 2 recipients (550 relay not permitted) and accepted no message in this run: "
                    + "they stay deferred, not failed"), "\(result)")
        #expect(result.stderr.contains("check the relay login (DIGEST_SMTP_USER"), "\(result)")
        #expect(!result.stderr.contains("marked bounced"), "\(result)")
        #expect(try fixture.listStatuses().values.allSatisfy { $0 == "active" })
    }

    @Test(
        "the first reader unknown, the rest taken: refused twice (first unproven), failed and bounced in the run",
        arguments: [nil, "550 no such user"] as [String?])
    func firstReaderUnknown(reply: String?) throws {
        let readers = generatedList(6)
        let addresses = readers.map { String($0.prefix { $0 != "," }) }
        let unknown = addresses[0]
        let fixture = try SendFixture(list: readers, server: .init(rejected: [unknown], rejectReply: reply))

        let result = try fixture.send(["--retry-delay", "0.5"])
        #expect(result.status == 1, "one failed: \(result)")
        #expect(result.stdout.contains("Sent 5, deferred 0, failed 1, unknown 0 of 6 recipients"), "\(result)")
        #expect(result.stderr.contains("\(unknown) does not exist"), "\(result)")
        #expect(!result.stderr.contains("refused 3 recipients"), "no stop: \(result)")
        let states = try fixture.ledgerStates()
        #expect(states[unknown] == .failed, "\(states)")
        #expect(addresses.dropFirst().allSatisfy { states[$0] == .sent }, "\(states)")
        let statuses = try fixture.listStatuses()
        #expect(statuses[unknown] == "bounced")
        #expect(addresses.dropFirst().allSatisfy { statuses[$0] == "active" }, "\(statuses)")
        #expect(
            try fixture.server.messageCounts()
                == Dictionary(uniqueKeysWithValues: addresses.dropFirst().map { ($0, 1) }), "the others once each")

        // Its first refusal came before the relay had taken anything: deferred, and its verdict given by the
        // retry, after the relay had taken the others.
        let refusals = try fixture.server.events().filter { $0.event == "rcpt" }
        #expect(refusals.map(\.rcpt) == [unknown, unknown], "\(refusals)")
        let ledger = try String(contentsOf: fixture.ledgerFile, encoding: .utf8)
        let records = ledger.split(separator: "\n").compactMap { DeliveryRecord(jsonLine: $0) }
        let own = records.filter { $0.email == unknown && $0.state != .queued }
        #expect(own.map(\.state) == [.deferred, .failed], "\(own)")
        #expect(own.map(\.attempt) == [1, 2] && own.allSatisfy { $0.code == 550 }, "\(own)")
        #expect(own.first?.retryAt != nil)
        let firstSent = try #require(records.firstIndex { $0.state == .sent })
        let failedAt = try #require(records.firstIndex { $0.email == unknown && $0.state == .failed })
        #expect(firstSent < failedAt, "failed only once the relay had taken a message")
    }
}
