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
        try RecipientRefusalChecks.sendStoppedAtThird(
            first, fixture: fixture, addresses: addresses,
            replyText: "554 5.7.1 <\(addresses[2])>: Relay access denied", code: 554)

        // The relay fixed (here: a relay that takes them), the next run sends everyone, once.
        try RecipientRefusalChecks.fixedRelaySendsAll(fixture: fixture, addresses: addresses)
    }
}
