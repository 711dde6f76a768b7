import DigestTestSupport
import Foundation
import Testing

@testable import Collector

/// Invented feeds in the shapes real ones take: namespaces, CDATA, entities escaped twice,
/// relative links, odd dates, other encodings, page clutter in the full text.
private enum Fixture {
    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
          <channel>
            <title>Harbour Wire</title>
            <link>https://harbour.example/news/</link>
            <language>en</language>
            <item>
              <title>Ferry fares fall &amp;amp; routes grow</title>
              <link>/news/ferry-fares</link>
              <guid isPermaLink="false">harbour-wire-000101</guid>
              <pubDate>Tue, 06 Jan 2026 09:15:00 EST</pubDate>
              <dc:creator>Lena Ortiz</dc:creator>
              <description>Cheaper crossings start in March.</description>
              <media:content url="https://harbour.example/a.jpg">
                <media:description>A ferry leaves the northern pier at dawn.</media:description>
              </media:content>
              <content:encoded><![CDATA[<p>Advertisement</p><p>Ferry fares fall &amp; routes grow</p>
              <p>Cheaper crossings start in March.</p><p>A ferry leaves the northern pier at dawn.</p>
              <p>Share</p><p>WhatsApp</p>
              <p>PORTVILLE: Ferry fares across the bay will fall by a fifth from March, the operator said on Tuesday.</p>
              <p>The operator also &lt;b&gt;plans&lt;/b&gt; two new routes, it [USN:X1Y2Z3 TEXT:"said"] in a statement.
        A spokesperson called it ""a fresh start"" for the service.</p>
              <p>Related:</p><p>Bridge tolls frozen for another year</p>
              <p>Passenger numbers rose 8 per cent last year, according to the port authority.</p>
              <p>Source: Harbour Wire/ab/cd</p><p>Sign up for our newsletters</p><p>Related Topics</p><p>Ferries</p>]]></content:encoded>
            </item>
            <item>
              <title>Lighthouse reopens to visitors</title>
              <link>https://harbour.example/news/lighthouse</link>
              <guid>https://harbour.example/news/lighthouse</guid>
              <pubDate>2026-01-07T10:00:00+08:00</pubDate>
              <description>&amp;lt;p&amp;gt;The old lighthouse on the cape reopens on Saturday after repairs.&amp;lt;/p&amp;gt;</description>
            </item>
            <item>
              <title>Tide tables for the week</title>
              <description>Low tide falls after 4 p.m. on most days.</description>
            </item>
          </channel>
        </rss>
        """

    static let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://valley.example/blog/">
          <title type="text">Valley Notes</title>
          <link rel="alternate" href="https://valley.example/blog/"/>
          <entry>
            <id>tag:valley.example,2026:entry-17</id>
            <title type="html">Orchards &lt;em&gt;bloom&lt;/em&gt; early</title>
            <link rel="alternate" href="orchards-bloom"/>
            <published>2026-01-05T07:30:00Z</published>
            <updated>2026-01-05T08:00:00Z</updated>
            <author><name>Priya Nair</name></author>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Apple orchards in the valley bloomed two weeks early this year.</p><p>Growers fear a late frost.</p></div></content>
          </entry>
        </feed>
        """

    static let jsonFeed = """
        {"version": "https://jsonfeed.org/version/1.1", "title": "River Desk",
         "home_page_url": "https://river.example/",
         "items": [
           {"id": "river-2026-0042", "url": "/stories/dredging", "title": "Dredging starts on the lower river",
            "content_text": "Dredging of the lower river began on Monday.\\n\\nBarges will pass at night only.",
            "date_published": "2026-01-05T06:00:00+07:00", "authors": [{"name": "Tran Minh"}]}
         ]}
        """
}

@Suite("Reading RSS, Atom and JSON Feed")
struct FeedTests {
    let fixedNow = Date(timeIntervalSince1970: 1_795_000_000)

    func makeCollector(_ folder: TemporaryDirectory) -> Collector {
        let now = fixedNow
        return Collector(store: ArticleStore(folder: folder.url(for: "Digests/articles")), now: { now })
    }

    @Test("an RSS 2.0 item's full text is cleaned of page clutter and wire markup, metadata kept")
    func rssFullText() throws {
        let (feed, warning) = try FeedParser.parse(Data(Fixture.rss.utf8), source: "harbour.xml")
        #expect(warning == nil)
        #expect(feed.format == .rss)
        #expect(feed.items.count == 3)
        #expect(feed.items[0].link == "https://harbour.example/news/ferry-fares")
        #expect(feed.items[0].mediaTexts == ["A ferry leaves the northern pier at dawn."])

        let folder = try TemporaryDirectory()
        let file = try folder.write(Fixture.rss, to: "in/harbour.xml")
        let report = makeCollector(folder).collect([file.path])
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.added.count == 3)
        let ferry = try #require(report.added.first { $0.title.hasPrefix("Ferry") })
        #expect(ferry.title == "Ferry fares fall & routes grow")
        #expect(ferry.standfirst == "Cheaper crossings start in March.")
        #expect(ferry.author == "Lena Ortiz")
        #expect(ferry.source == "Harbour Wire")
        #expect(ferry.dateline == "Portville")
        #expect(ferry.language == "en")
        #expect(ferry.provenance.kind == .feed)
        #expect(ferry.provenance.guid == "harbour-wire-000101")
        #expect(ferry.provenance.feed == "Harbour Wire")
        // EST is five hours behind UTC.
        #expect(ferry.published == Date(timeIntervalSince1970: 1_767_708_900))
        #expect(
            ferry.paragraphs == [
                "Ferry fares across the bay will fall by a fifth from March, the operator said on Tuesday.",
                "The operator also plans two new routes, it said in a statement.",
                "A spokesperson called it \"\"a fresh start\"\" for the service.",
                "Passenger numbers rose 8 per cent last year, according to the port authority.",
            ])
        #expect(ferry.signature?.count == 16)

        let lighthouse = try #require(report.added.first { $0.title.hasPrefix("Lighthouse") })
        #expect(lighthouse.paragraphs == ["The old lighthouse on the cape reopens on Saturday after repairs."])
        #expect(lighthouse.url == "https://harbour.example/news/lighthouse")
        let tides = try #require(report.added.first { $0.title.hasPrefix("Tide") })
        #expect(tides.published == nil)
        #expect(report.sources.first?.read == 3)
    }

    @Test("Atom entries resolve relative links against xml:base and read xhtml content")
    func atom() throws {
        let (feed, _) = try FeedParser.parse(Data(Fixture.atom.utf8), source: "valley.atom")
        let entry = try #require(feed.items.first)
        #expect(feed.format == .atom)
        #expect(entry.link == "https://valley.example/blog/orchards-bloom")
        #expect(entry.author == "Priya Nair")
        #expect(entry.guid == "tag:valley.example,2026:entry-17")
        let folder = try TemporaryDirectory()
        let file = try folder.write(Fixture.atom, to: "valley.atom")
        let article = try #require(makeCollector(folder).collect([file.path]).added.first)
        #expect(article.title == "Orchards bloom early")
        #expect(
            article.paragraphs == [
                "Apple orchards in the valley bloomed two weeks early this year.", "Growers fear a late frost.",
            ])
        #expect(article.updated == Date(timeIntervalSince1970: 1_767_600_000))
    }

    @Test("a JSON Feed's content_text becomes paragraphs")
    func jsonFeed() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write(Fixture.jsonFeed, to: "river.json")
        let report = makeCollector(folder).collect([file.path])
        let article = try #require(report.added.first, "\(report.failures)")
        #expect(article.title == "Dredging starts on the lower river")
        #expect(article.url == "https://river.example/stories/dredging")
        #expect(
            article.paragraphs == ["Dredging of the lower river began on Monday.", "Barges will pass at night only."])
        #expect(article.author == "Tran Minh")
    }

    @Test("a feed declared in Shift_JIS is read as Japanese, and its dateline kept")
    func declaredEncoding() throws {
        let xml = """
            <?xml version="1.0" encoding="Shift_JIS"?>
            <rss version="2.0"><channel><title>港ニュース</title><link>https://minato.example/</link>
            <item><title>新しいフェリー航路が開設</title><guid>minato-0001-0000-aaaa</guid>
            <pubDate>Mon, 05 Jan 2026 18:00:00 +0900</pubDate>
            <description>[横浜 ５日 港通信] - 新しいフェリー航路が来月開設される。運賃は片道千円となる。</description>
            </item></channel></rss>
            """
        let data = try #require(xml.data(using: .shiftJIS))
        let folder = try TemporaryDirectory()
        let file = try folder.write(data, to: "minato.xml")
        let report = makeCollector(folder).collect([file.path])
        let article = try #require(report.added.first, "\(report.failures)")
        #expect(article.title == "新しいフェリー航路が開設")
        #expect(article.paragraphs == ["新しいフェリー航路が来月開設される。運賃は片道千円となる。"])
        #expect(article.dateline == "横浜")
        #expect(article.source == "港通信")
        #expect(article.language == "ja")
    }

    @Test("an empty channel is read without error and stores nothing")
    func emptyChannel() throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Quiet Desk</title></channel></rss>",
            to: "quiet.xml")
        let report = makeCollector(folder).collect([file.path])
        #expect(report.failures.isEmpty)
        #expect(report.added.isEmpty)
        #expect(report.sources.first?.feedTitle == "Quiet Desk")
    }

    @Test("snapshots of one feed store each item once; an updated item replaces; collecting again changes nothing")
    func snapshotsAndUpdates() throws {
        func snapshot(_ items: [(guid: String, title: String, body: String, date: String)]) -> String {
            let entries = items.map { item in
                """
                <item><title>\(item.title)</title><guid isPermaLink="false">\(item.guid)</guid>
                <link>https://snap.example/\(item.guid)</link><pubDate>\(item.date)</pubDate>
                <description>\(item.body)</description></item>
                """
            }
            return "<rss version=\"2.0\"><channel><title>Snap</title>\(entries.joined())</channel></rss>"
        }
        let folder = try TemporaryDirectory()
        let first = try folder.write(
            snapshot([
                ("snap-item-000001", "Dam level rises", "The dam rose one metre.", "Mon, 05 Jan 2026 01:00:00 GMT"),
                ("snap-item-000002", "Bus strike ends", "Buses run again today.", "Mon, 05 Jan 2026 02:00:00 GMT"),
            ]), to: "feeds/snap/1.xml")
        let second = try folder.write(
            snapshot([
                ("snap-item-000002", "Bus strike ends", "Buses run again today.", "Mon, 05 Jan 2026 02:00:00 GMT"),
                (
                    "snap-item-000001", "Dam level rises", "The dam rose two metres overnight.",
                    "Mon, 05 Jan 2026 05:00:00 GMT"
                ),
                (
                    "snap-item-000003", "Market hall closes", "The hall shuts for repairs.",
                    "Mon, 05 Jan 2026 06:00:00 GMT"
                ),
            ]), to: "feeds/snap/2.xml")
        let collector = makeCollector(folder)
        let report = collector.collect([first.path, second.path])
        #expect(report.added.count == 3)
        #expect(report.updated.count == 1)
        #expect(report.unchanged == 1)
        let stored = try collector.store.loadAll()
        #expect(stored.count == 3)
        #expect(stored.first { $0.title == "Dam level rises" }?.paragraphs == ["The dam rose two metres overnight."])

        let files = folder.url(for: "Digests/articles")
        let before = try snapshotOfFolder(files)
        let again = collector.collect([first.path, second.path])
        #expect(again.added.isEmpty && again.updated.isEmpty)
        #expect(again.unchanged == 5)
        #expect(try snapshotOfFolder(files) == before)
    }

    @Test("an item under a new GUID but the same link is the same item")
    func sameLinkIsSameItem() throws {
        let folder = try TemporaryDirectory()
        func feed(_ guid: String, _ body: String) -> String {
            """
            <rss version="2.0"><channel><title>Link Desk</title><item><title>Canal reopens</title>
            <guid isPermaLink="false">\(guid)</guid><link>https://links.example/canal?utm_source=rss</link>
            <description>\(body)</description></item></channel></rss>
            """
        }
        let one = try folder.write(feed("link-desk-guid-0001", "The canal reopened."), to: "a.xml")
        let two = try folder.write(feed("link-desk-guid-0002", "The canal reopened on Friday."), to: "b.xml")
        let report = makeCollector(folder).collect([one.path, two.path])
        #expect(report.added.count == 1)
        #expect(report.updated.count == 1)
        #expect(try makeCollector(folder).store.loadAll().count == 1)
    }

    @Test(
        "RFC 822 dates with named zones and ISO 8601 dates",
        arguments: [
            ("Tue, 06 Jan 2026 09:15:00 GMT", 1_767_690_900.0),
            ("Tue, 06 Jan 2026 09:15:00 +0000", 1_767_690_900.0),
            ("Tue, 6 Jan 2026 04:15:00 EST", 1_767_690_900.0),
            ("Tue, 06 Jan 2026 01:15:00 PST", 1_767_690_900.0),
            ("06 Jan 2026 18:15 +0900", 1_767_690_900.0),
            ("Tue, 06 Jan 2026 18:15:00 JST", 1_767_690_900.0),
            ("2026-01-06T09:15:00Z", 1_767_690_900.0),
            ("2026-01-06T17:15:00.000+08:00", 1_767_690_900.0),
        ])
    func dates(text: String, seconds: Double) {
        #expect(DateParsing.date(from: text) == Date(timeIntervalSince1970: seconds))
    }

    @Test("near-duplicate signatures are close for the same story and far for different ones")
    func signatures() {
        let shared = [
            "Ferry fares across the bay will fall by a fifth from March, the operator said on Tuesday.",
            "Passenger numbers rose 8 per cent last year, according to the port authority, and the operator",
            "expects further growth once the new northern pier opens to commuters in the autumn.",
        ]
        let story = shared + ["The operator also plans two new routes and longer summer hours, it said."]
        let retold = shared + ["The operator also plans two new routes and longer summer hours, a spokesperson said."]
        let other = ["Apple orchards in the valley bloomed two weeks early this year, growers said on Monday."]
        let a: UInt64 = NearDuplicateSignature.simHash(title: "Ferry fares to fall", paragraphs: story)
        let b: UInt64 = NearDuplicateSignature.simHash(title: "Ferry fares to fall by a fifth", paragraphs: retold)
        let c: UInt64 = NearDuplicateSignature.simHash(title: "Orchards bloom early", paragraphs: other)
        #expect(NearDuplicateSignature.distance(a, b) < NearDuplicateSignature.distance(a, c))
        #expect(NearDuplicateSignature.distance(a, b) <= 12)
        #expect(NearDuplicateSignature.distance(a, a) == 0)
        #expect(NearDuplicateSignature.distance(a, c) >= 16)
    }
}

/// Name, size and modification date of every file in a folder.
func snapshotOfFolder(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { name in
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
        let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(name) \(attributes[.size] ?? 0) \(date)"
    }
}

@Suite("Oversized input")
struct OversizedInputTests {
    @Test("a headline of thousands of characters is stored cut to 1,000, and collect says so")
    func hugeTitle() throws {
        let word = String(repeating: "B", count: 40_000)
        let feed = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
            <item><title>Port strike \(word) ends</title><link>https://wire.example/a</link><guid>wire-a-1</guid>
            <pubDate>Wed, 18 Nov 2026 03:00:00 GMT</pubDate>
            <description>Dock workers ended a three-day strike on Wednesday after the port agreed to raise wages.</description>
            </item></channel></rss>
            """
        let folder = try TemporaryDirectory()
        let file = try folder.write(feed, to: "in/wire.xml")
        let report = Collector(store: ArticleStore(folder: folder.url(for: "Digests/articles"))).collect([file.path])
        let article = try #require(report.added.first)
        #expect(article.title.count == Article.maximumTitleLength)
        #expect(article.title.hasPrefix("Port strike B") && article.title.hasSuffix("…"))
        #expect(report.sources.flatMap(\.notes).contains { $0.contains("40017 characters; stored cut to 1000") })
        // What is stored is what was reported.
        let stored = try ArticleStore(folder: folder.url(for: "Digests/articles")).loadAll()
        #expect(stored.first?.title == article.title)
    }
}
