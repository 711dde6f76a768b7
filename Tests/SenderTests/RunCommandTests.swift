import DigestTestSupport
import Foundation
import Testing

/// `digest run` as cron would run it, hour after hour: the sample week's files served by a real
/// HTTP server on loopback as the theme's feeds, a real SMTP server, and the clock set through
/// DIGEST_NOW. The sample week 2026-W47 is due Monday 23 November 2026 07:00 in Singapore
/// (2026-11-22T23:00Z); the theme's lateness limit is 48 hours.
@Suite("digest run, end to end", .serialized)
struct RunCommandTests {
    static let beforeDue = "2026-11-22T20:00:00Z"
    static let onTime = "2026-11-23T01:00:00Z"
    static let late = "2026-11-30T01:00:00Z"

    /// The fixture's theme with `replacements` applied to its theme.yaml.
    func setTheme(_ fixture: SendFixture, _ replacements: [(String, String)]) throws {
        let file = fixture.root.appendingPathComponent("Templates/decoding-asia/theme.yaml")
        var text = try String(contentsOf: file, encoding: .utf8)
        for (old, new) in replacements {
            #expect(text.contains(old), "theme.yaml has no '\(old)'")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try Data(text.utf8).write(to: file)
    }

    /// Puts `feeds` in place of the bundled theme's feed list (the last key of its theme.yaml), so
    /// that no test reaches past loopback.
    func setFeeds(_ fixture: SendFixture, _ feeds: [String]) throws {
        let file = fixture.root.appendingPathComponent("Templates/decoding-asia/theme.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let start = try #require(text.range(of: "\nfeeds:\n"), "theme.yaml lists its feeds last")
        let list = feeds.map { "  - \($0)\n" }.joined()
        try Data((text[..<start.lowerBound] + "\nfeeds:\n" + list).utf8).write(to: file)
    }

    /// A feed of the week, written for this test.
    static let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Harbour Wire</title><link>https://harbour.example/</link>
        <item><title>Singapore opens third desalination plant on Jurong Island</title>
        <link>https://harbour.example/sg/desalination</link><guid>harbour-sg-desal-1</guid>
        <pubDate>Wed, 18 Nov 2026 03:00:00 GMT</pubDate>
        <description>Singapore opened its third desalination plant on Jurong Island on Wednesday (Nov 18), \
        raising the share of drinking water made from seawater to a third. The national water agency \
        said the plant uses a fifth less energy than the first one, built in 2005, and can supply about \
        130,000 households.</description></item>
        <item><title>Seoul court orders retrial of shipping tycoon over 2019 fraud</title>
        <link>https://harbour.example/kr/retrial</link><guid>harbour-kr-retrial-1</guid>
        <pubDate>Thu, 19 Nov 2026 05:00:00 GMT</pubDate>
        <description>South Korea's Supreme Court on Thursday (Nov 19) ordered a retrial of a former \
        shipping magnate convicted of defrauding lenders in 2019, saying the lower court had not weighed \
        evidence that the loans were approved by a board he did not control. Prosecutors in Seoul said \
        they would seek the same sentence.</description></item>
        <item><title>Japan's exports to China rise for a third month on chip equipment</title>
        <link>https://harbour.example/jp/exports</link><guid>harbour-jp-exports-1</guid>
        <pubDate>Fri, 20 Nov 2026 01:00:00 GMT</pubDate>
        <description>Japan's exports rose for a third month in October, the finance ministry said on \
        Friday (Nov 20), as shipments of chip-making equipment to China offset weaker car sales to the \
        United States. Exports climbed 3.1 per cent from a year earlier, a little above what economists \
        in Tokyo had expected.</description></item>
        </channel></rss>
        """

    func run(_ fixture: SendFixture, at now: String, _ extra: [String]) throws -> CommandResult {
        try fixture.run(
            ["run", "--week", SendFixture.week] + extra, environment: ["DIGEST_NOW": now])
    }

    func send(_ fixture: SendFixture, at now: String, _ extra: [String] = []) throws -> CommandResult {
        try run(fixture, at: now, ["--send", "--smtp-url", fixture.server.url, "--allow-plaintext"] + extra)
    }

    @Test(
        "run collects the theme's feeds over HTTP (an unreachable one is reported), composes once, writes the outbox once"
    )
    func dryRunTwice() throws {
        let fixture = try SendFixture()
        // A fresh week: no issue yet, the articles only on the web.
        try FileManager.default.removeItem(at: fixture.issueFolder)
        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("Digests/articles"))
        let web = fixture.folder.url(for: "web")
        try FileManager.default.createDirectory(at: web, withIntermediateDirectories: true)
        try Data(Self.feed.utf8).write(to: web.appendingPathComponent("asia.xml"))
        let http = try LoopbackHTTPServer(serving: web)
        defer { http.stop() }
        try setTheme(
            fixture,
            [
                ("min_stories: 6", "min_stories: 2\nallow_private_hosts: true  # the feeds are on a loopback server")
            ])
        try setFeeds(fixture, [http.url("/files/asia.xml"), http.url("/missing-feed.xml")])

        let first = try run(fixture, at: Self.onTime, ["--dry-run"])
        #expect(first.succeeded, "\(first)")
        #expect(first.stdout.contains("Composed decoding-asia 2026-W47"), "\(first)")
        #expect(first.stderr.contains("missing-feed.xml"), "the unreachable feed is reported: \(first)")
        let issueFile = fixture.issueFolder.appendingPathComponent("digest.json")
        let composed = try Data(contentsOf: issueFile)
        let outbox = fixture.issueFolder.appendingPathComponent("outbox")
        let written = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".eml") }
        #expect(written.count == 7)
        #expect(try String(contentsOf: outbox.appendingPathComponent(written[0]), encoding: .utf8).contains("Jurong"))

        try FileManager.default.removeItem(at: outbox)
        let second = try run(fixture, at: Self.onTime, ["--dry-run"])
        #expect(second.succeeded, "\(second)")
        #expect(second.stdout.contains("nothing to do"), "\(second)")
        #expect(!second.stdout.contains("Composed"))
        #expect(try Data(contentsOf: issueFile) == composed, "composed once")
        #expect(!FileManager.default.fileExists(atPath: outbox.path), "the outbox is written once")
    }

    @Test("run --send waits for send_at, sends once on time, and a second run sends nothing")
    func sendOnce() throws {
        let fixture = try SendFixture()
        let early = try send(fixture, at: Self.beforeDue, ["--no-collect"])
        #expect(early.succeeded && early.stdout.contains("not sent yet"), "\(early)")
        #expect(try fixture.server.messages().isEmpty)

        let due = try send(fixture, at: Self.onTime, ["--no-collect"])
        #expect(due.succeeded, "\(due)")
        let counts = try fixture.server.messageCounts()
        #expect(counts.count == 7 && counts.values.allSatisfy { $0 == 1 }, "\(counts)")

        let again = try send(fixture, at: Self.onTime, ["--no-collect"])
        #expect(again.succeeded && again.stdout.contains("already sent"), "\(again)")
        #expect(try fixture.server.messageCounts() == counts)
    }

    @Test(
        "run --send hands the pacing options on to send: a cap of three an hour sends three and leaves the rest queued")
    func pacingHandedOn() throws {
        let fixture = try SendFixture()
        let capped = try send(fixture, at: Self.onTime, ["--no-collect", "--max-per-hour", "3"])
        #expect(capped.status == 75, "the rest stay queued for a later run: \(capped)")
        #expect(capped.stderr.contains("--max-per-hour"), "the cap is named: \(capped)")
        #expect(try fixture.server.messageCounts().count == 3)
        let record = (try? String(contentsOf: fixture.issueFolder.appendingPathComponent("run.json"), encoding: .utf8))
        #expect(record?.contains("sentAt") != true, "not recorded as sent: \(record ?? "no run.json")")
    }

    @Test("a week with fewer stories than min_stories is skipped with a line saying why")
    func tooFewStories() throws {
        let fixture = try SendFixture()
        try setTheme(fixture, [("min_stories: 6", "min_stories: 40")])
        let result = try send(fixture, at: Self.onTime, ["--no-collect"])
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.contains("fewer than the theme's min_stories (40)"), "\(result)")
        #expect(try fixture.server.messages().isEmpty)
    }

    @Test("a run past the lateness limit is refused, unless --late-ok")
    func lateness() throws {
        let fixture = try SendFixture()
        let refused = try send(fixture, at: Self.late, ["--no-collect"])
        #expect(!refused.succeeded)
        #expect(refused.stderr.contains("past the lateness limit"), "\(refused)")
        #expect(try fixture.server.messages().isEmpty)
        let forced = try send(fixture, at: Self.late, ["--no-collect", "--late-ok"])
        #expect(forced.succeeded, "\(forced)")
        #expect(try fixture.server.messageCounts().count == 7)
    }

    @Test("with approval required: the editors' test copy, nothing sent until approve; a recompose withdraws it")
    func approval() throws {
        let fixture = try SendFixture()
        try setTheme(fixture, [("approval: none", "approval: required")])
        let waiting = try send(fixture, at: Self.onTime, ["--no-collect"])
        #expect(waiting.succeeded && waiting.stdout.contains("waiting for approval"), "\(waiting)")
        #expect(try fixture.server.messageCounts() == ["editors@example.com": 1])
        // Hourly runs do not mail the editors again for the same draft.
        _ = try send(fixture, at: Self.onTime, ["--no-collect"])
        #expect(try fixture.server.messageCounts() == ["editors@example.com": 1])

        #expect(try fixture.run(["approve", "--week", SendFixture.week]).succeeded)
        // A recompose after the approval withdraws it, and the new draft goes to the editors.
        #expect(try fixture.run(["compose", "--week", SendFixture.week]).succeeded)
        let withdrawn = try send(fixture, at: Self.onTime, ["--no-collect"])
        #expect(withdrawn.stdout.contains("changed after it was approved"), "\(withdrawn)")
        #expect(try fixture.server.messageCounts() == ["editors@example.com": 2])

        #expect(try fixture.run(["approve", "--week", SendFixture.week]).succeeded)
        let sent = try send(fixture, at: Self.onTime, ["--no-collect"])
        #expect(sent.succeeded, "\(sent)")
        let counts = try fixture.server.messageCounts()
        #expect(counts.count == 8, "seven readers and the editors' address: \(counts)")
    }
}
