import Composer
import DigestTestSupport
import Foundation
import Renderer
import Sender
import Subscribers
import Testing

@Suite("Making and sending each subscriber's copy from a list read row by row")
struct DeliveryListTests {
    @Test("a copy made from the cached layout is byte for byte the copy rendered in full")
    func layoutBytes() throws {
        let rows = [
            "mei@example.com,Mei Tan,,active,,test",
            "kenji@example.com,Kenji Mori,japan;china,active,,test",
            "hana@example.jp,花子 山田,korean-peninsula,active,,test",
            "noname@example.org,,southeast-asia;south-asia,active,,test",
            "odd@example.org,\"O'Brien, \"\"Pat\"\"\",,active,,test",
            "dots@example.org,A. B-C,china,active,,test",
        ]
        let fixture = try SendFixture(list: rows)
        let issue = try IssueStore(digests: fixture.root.appendingPathComponent("Digests"))
            .load(theme: "decoding-asia", week: SendFixture.week)
        let mailing = try IssueMailing(
            issue: issue,
            renderer: try IssueRenderer(themeDirectory: fixture.root.appendingPathComponent("Templates/decoding-asia")),
            list: "decoding-asia", secret: UnsubscribeSecret("test-secret"))
        let list = try SubscriberList.load(from: fixture.listFile)
        #expect(list.subscribers.count == rows.count)
        var generator = SeededGenerator(state: 7)
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        for subscriber in list.subscribers {
            let messageID = MessageID.random(for: mailing.from.address, using: &generator)
            let made = try mailing.messageBytes(for: subscriber, date: date, messageID: messageID)
            // Rebuilt from its public values: nothing made ahead for the mailing comes along.
            let full = try mailing.message(for: subscriber, date: date, messageID: messageID, reusingLayouts: false)
            let rendered = try MIMEWriter().write(
                OutgoingMessage(
                    from: full.from, to: full.to, replyTo: full.replyTo, subject: full.subject,
                    textBody: full.textBody, htmlBody: full.htmlBody, date: full.date, messageID: full.messageID,
                    listID: full.listID, listUnsubscribeURL: full.listUnsubscribeURL,
                    listUnsubscribeMailto: full.listUnsubscribeMailto, extraHeaders: full.extraHeaders))
            #expect(made == rendered, "\(subscriber.email)")
            // And again, now that the layout is cached.
            #expect(try mailing.messageBytes(for: subscriber, date: date, messageID: messageID) == rendered)
        }
    }

    @Test("repeated rows get one copy: the first usable row counts, whatever the case of a later one")
    func duplicates() throws {
        let rows = [
            "first@example.com,First,,active,,test",
            "gone@example.com,Gone,,unsubscribed,,test",
            "gone@example.com,Gone Again,,active,,test",
            "twice@example.com,Twice,,active,,test",
            "Twice@example.com,Twice Upper,,active,,test",
            "twice@example.com,Twice Again,,active,,test",
            "bad@@example.com,Bad,,active,,test",
            "last@example.com,Last,,active,,test",
        ]
        let fixture = try SendFixture(list: rows)
        let dryRun = try fixture.run(["send", "--week", SendFixture.week, "--dry-run"])
        #expect(dryRun.succeeded, "\(dryRun)")
        let outbox = try FileManager.default.contentsOfDirectory(
            atPath: fixture.issueFolder.appendingPathComponent("outbox").path
        ).sorted()
        #expect(
            outbox == ["00001-first@example.com.eml", "00002-twice@example.com.eml", "00003-last@example.com.eml"],
            "the dry run writes what a send sends: every active recipient once")

        let result = try fixture.send()
        #expect(result.succeeded, "\(result)")
        // Line 1 is the header: "gone" is first on line 3, "twice" on line 5.
        #expect(result.stderr.contains("decoding-asia.csv:4: gone@example.com is already on the list (line 3)"))
        #expect(result.stderr.contains("decoding-asia.csv:7: twice@example.com is already on the list (line 5)"))
        #expect(result.stderr.contains("decoding-asia.csv:8:"), "the bad address is reported: \(result.stderr)")
        #expect(result.stdout.contains("Sent 3, deferred 0, failed 0, unknown 0 of 3 recipients"), "\(result)")
        let counts = try fixture.server.messageCounts()
        #expect(counts == ["first@example.com": 1, "twice@example.com": 1, "last@example.com": 1])
        let twice = try fixture.server.messages().first { $0.recipient.lowercased() == "twice@example.com" }
        let report = try checkMIME(try #require(twice?.data))
        #expect(report.to_rfc2047?.first?.display_name == "Twice", "the first row's name: \(report)")
    }

    @Test("the ledger finds thousands of recipients in any case, and reads back the records it does not keep")
    func ledgerIndex() throws {
        let folder = try TemporaryDirectory(prefix: "ledger-index")
        let url = folder.url(for: "delivery.ledger")
        let time = Date(timeIntervalSince1970: 1_795_000_000.5)
        do {
            let ledger = try DeliveryLedger(url: url)
            try ledger.append(
                (0..<5000).map { DeliveryRecord(time: time, email: "Reader\($0)@Example.com", state: .queued) })
            try ledger.append(
                stride(from: 0, to: 5000, by: 3).map { index in
                    DeliveryRecord(
                        time: time, email: "reader\(index)@example.com", state: .sent, attempt: 1, code: 250,
                        reply: "250 2.0.0 Ok: queued as \(index)", messageID: "<\(index)@example.com>")
                })
            try ledger.append(
                DeliveryRecord(
                    time: time, email: "reader1@example.com", state: .failed, attempt: 1, code: 550,
                    reply: "550 5.1.1 no such user"))
        }
        let ledger = try DeliveryLedger(url: url)
        #expect(ledger.count == 5000 + 1667 + 1)
        for index in 0..<5000 {
            let standing = try #require(ledger.standing(of: "READER\(index)@example.COM"))
            if index == 1 {
                #expect(standing.last.state == .failed)
            } else if index % 3 == 0 {
                #expect(standing.last.state == .sent)
                #expect(standing.last.reply == "250 2.0.0 Ok: queued as \(index)")
                #expect(standing.last.messageID == "<\(index)@example.com>")
                #expect(standing.last.time == time)
                #expect(standing.attempts == 1)
            } else {
                #expect(standing.last.state == .queued)
            }
        }
        #expect(ledger.standing(of: "reader5000@example.com") == nil)
        let failed = ledger.standings(in: [.failed])
        #expect(failed.map(\.last.email) == ["reader1@example.com"])
        #expect(failed.first?.last.code == 550)
        #expect(ledger.standings(in: [.sent]).count == 1667)
    }
}
