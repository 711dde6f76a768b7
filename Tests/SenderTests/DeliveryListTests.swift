import Composer
import DigestTestSupport
import Foundation
import Renderer
import Sender
import Subscribers
import Testing

@Suite("Making and sending each subscriber's copy")
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
            let rendered = try MIMEWriter().write(
                mailing.message(for: subscriber, date: date, messageID: messageID, reusingLayouts: false))
            #expect(made == rendered, "\(subscriber.email)")
            // And again, now that the layout is cached.
            #expect(try mailing.messageBytes(for: subscriber, date: date, messageID: messageID) == rendered)
        }
    }
}
