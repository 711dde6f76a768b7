import DigestTestSupport
import Foundation
import Sender
import Testing

@Suite("digest send against a relay that stops answering after the body")
struct RelayStallTests {
    @Test("a relay that never answers after DATA stops the run after three unknowns in a row; the rest stay queued")
    func stalledRelay() throws {
        let fixture = try SendFixture(list: generatedList(20), server: .init(noReplyEver: true))
        let result = try fixture.send(["--timeout", "1"])
        #expect(result.status == 1, "the unknown ones make the status 1: \(result)")
        #expect(
            result.stderr.contains("no reply to 3 messages in a row"),
            "one line says why the run stopped: \(result)")
        #expect(result.stdout.contains("deferred 17, failed 0, unknown 3 of 20 recipients"), "\(result)")
        let states = try fixture.ledgerStates()
        #expect(states.values.filter { $0 == .unknown }.count == 3, "\(states)")
        #expect(states.values.filter { $0 == .queued }.count == 17, "the rest stay queued: \(states)")

        // Run again with the relay still silent: the unknown ones are not resent, the next three
        // are tried and the run stops again.
        let again = try fixture.send(["--timeout", "1"])
        #expect(again.status == 1, "\(again)")
        #expect(again.stdout.contains("deferred 14, failed 0, unknown 6 of 20 recipients"), "\(again)")
    }
}
