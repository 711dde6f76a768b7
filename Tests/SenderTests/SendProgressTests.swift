import DigestTestSupport
import Foundation
import Sender
import Testing

@Suite("digest send on a terminal: the progress line, the summary, the exit status")
struct SendProgressTests {
    /// The lines drawn on the terminal: each redraw starts with CR and "erase line".
    static func drawnLines(_ terminal: String) -> [String] {
        terminal.components(separatedBy: "\r\u{1B}[K").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    @Test("on a terminal, stderr shows a bar, counts, rate and ETA as it goes; stdout has the summary; status 0")
    func progressOnTerminal() throws {
        let fixture = try SendFixture()
        // Paced, so the run lasts long enough (0.6 s) for lines to be drawn on the way.
        let result = try fixture.run(
            [
                "send", "--week", SendFixture.week, "--smtp-url", fixture.server.url, "--allow-plaintext", "--rate",
                "10",
            ],
            environment: SendFixture.environment, stderrIsTerminal: true)
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.contains("Sent 7, deferred 0, failed 0, unknown 0 of 7 recipients"), "\(result)")

        let lines = Self.drawnLines(result.stderr)
        let progress = lines.filter { $0.hasPrefix("[") }
        #expect(progress.last?.hasPrefix("[####################] 7/7 · sent 7 · ") == true, "the last line: \(lines)")
        #expect(progress.last?.hasSuffix(" msg/s · ETA 0:00") == true, "\(lines)")
        // On the way: fewer done, a part of the bar, a rate, and an ETA still to go.
        let partial = progress.filter { !$0.contains(" 7/7 ") }
        #expect(!partial.isEmpty, "a line was drawn before the end: \(lines)")
        for line in partial {
            #expect(
                line.wholeMatch(of: #/\[#{0,19}·{1,20}\] [1-6]\/7 · sent \d · \d+\.\d msg\/s · ETA 0:0\d/#) != nil,
                "\(line)")
        }
        #expect(
            result.stderr.hasSuffix("\r\u{1B}[K"), "the line is cleared at the end: \(result.stderr.debugDescription)")
        #expect(try fixture.server.messageCounts().count == 7)
    }

    @Test("on a terminal, a run that leaves some deferred says so in its summary and exits 75")
    func deferredOnTerminal() throws {
        let fixture = try SendFixture(server: .init(deferEveryNthRecipient: 3))
        let result = try fixture.run(
            [
                "send", "--week", SendFixture.week, "--smtp-url", fixture.server.url, "--allow-plaintext",
                "--max-attempts", "1",
            ],
            environment: SendFixture.environment, stderrIsTerminal: true)
        #expect(result.status == 75, "\(result)")
        #expect(result.stdout.contains("Sent 5, deferred 2, failed 0, unknown 0 of 7 recipients"), "\(result)")
        let progress = Self.drawnLines(result.stderr).filter { $0.hasPrefix("[") }
        #expect(progress.last?.hasPrefix("[####################] 7/7 · sent 5 · ") == true, "\(progress)")
    }
}
