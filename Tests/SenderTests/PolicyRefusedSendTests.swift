import DigestTestSupport
import Foundation
import Sender
import Testing

/// A relay that will not let this client relay (Postfix without a login: `554 5.7.1 <…>: Relay access denied` to
/// every `RCPT TO`), against a real server (aiosmtpd): `digest send` stops after three, marks nobody failed or
/// bounced, and a later run through a relay that takes them sends everyone once.
@Suite("A relay that refuses every recipient for policy, against a real server")
struct PolicyRefusedSendTests {
    @Test(
        "554 5.7.1 Relay access denied to every RCPT TO: exit 1, the stop line, nobody failed; then all six sent once")
    func relayAccessDenied() throws {
        let readers = generatedList(6)
        let addresses = readers.map { String($0.prefix { $0 != "," }) }
        let fixture = try SendFixture(
            list: readers, server: .init(refuseRelay: "554 5.7.1 <%s>: Relay access denied"))

        // A short back-off, so that the second run does not wait the default 5 s for the three refused.
        let first = try fixture.send(["--retry-delay", "1"])
        #expect(first.status == 1, "\(first)")
        #expect(
            first.stderr.contains(
                "the relay refused 3 recipients in a row and took none (554 5.7.1 <\(addresses[2])>: Relay access "
                    + "denied)"),
            "\(first)")
        #expect(first.stderr.contains("nobody was recorded as refused"), "\(first)")
        #expect(
            first.stderr.contains(
                "check the relay login (DIGEST_SMTP_USER and DIGEST_SMTP_PASSWORD, or --smtp-config) and that this "
                    + "machine may relay through it, then run send again"), "\(first)")
        #expect(!first.stderr.contains("marked bounced"), "\(first)")
        #expect(first.stdout.contains("Sent 0, deferred 6, failed 0, unknown 0 of 6 recipients"), "\(first)")
        let states = try fixture.ledgerStates()
        #expect(!states.values.contains(.failed), "nobody is recorded as refused: \(states)")
        #expect(
            addresses.prefix(3).allSatisfy { states[$0] == .deferred }, "the three refused stay deferred: \(states)")
        #expect(addresses.dropFirst(3).allSatisfy { states[$0] == .queued }, "the rest untried: \(states)")
        #expect(try fixture.listStatuses().values.allSatisfy { $0 == "active" }, "nobody marked bounced")
        #expect(try fixture.server.messages().isEmpty)
        let refusals = try fixture.server.events().filter { $0.event == "rcpt" }
        #expect(refusals.map(\.rcpt) == addresses.prefix(3).map { $0 }, "the run stopped at the third: \(refusals)")
        #expect(refusals.allSatisfy { $0.code == 554 })

        // The relay fixed (here: a relay that takes them), the next run sends everyone, once.
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
