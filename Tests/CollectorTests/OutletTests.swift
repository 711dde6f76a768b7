import Foundation
import Testing

@testable import Collector

/// Who an article is credited to, from invented feed items in the shapes real feeds take.
@Suite("Naming the outlet")
struct OutletTests {
    /// The source of the first item of an RSS channel with the given title, link and item XML.
    func source(channelTitle: String, channelLink: String = "https://feeds.example-news.com/rss", item: String)
        throws -> String?
    {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
                 xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>\(channelTitle)</title><link>\(channelLink)</link>
            <item>\(item)</item>
            </channel></rss>
            """
        let (feed, _) = try FeedParser.parse(Data(xml.utf8), source: "outlets.xml")
        let first = try #require(feed.items.first)
        let article = try #require(
            FeedItemReader(cleaner: TextCleaner()).article(
                from: first, feed: feed, feedLocation: "outlets.xml", fetchedAt: Date(timeIntervalSince1970: 0)))
        return article.source
    }

    @Test("a feed named after a section (\"China\") is not taken for the outlet: the link's host is")
    func sectionNamedFeed() throws {
        let source = try self.source(
            channelTitle: "China",
            item: """
                <title>Ferry fares fall on the river routes</title>
                <link>https://www.example-news.com/china/ferry-fares-fall</link>
                <description>Ferry fares on the river routes fall by a fifth from March, the operator said.</description>
                """)
        #expect(source == "example-news.com")
    }

    @Test(
        "titles made of section words name no outlet",
        arguments: ["China", "World", "Top Stories", "Asia Latest News", "Channel Asia Latest News", "RSS Feed: Home"])
    func genericTitles(title: String) {
        #expect(Outlets.isGenericTitle(title))
        #expect(Outlets.outlet(inFeedTitle: title) == nil)
    }

    @Test(
        "a feed title names its outlet without the section around it",
        arguments: [
            ("Harbour Wire — World", "Harbour Wire"), ("CNA World", "CNA"),
            ("World news | The Guardian", "The Guardian"),
            ("NYT > World News", "The New York Times"),
        ])
    func feedTitles(title: String, outlet: String) {
        #expect(Outlets.outlet(inFeedTitle: title) == outlet)
    }

    @Test("a host in the table names the outlet, whatever the feed is called")
    func hostInTable() throws {
        let source = try self.source(
            channelTitle: "Asia Latest News", channelLink: "https://www.channelnewsasia.com/rss",
            item: """
                <title>Ferry fares fall on the river routes</title>
                <link>https://www.channelnewsasia.com/asia/ferry-fares-fall-1234</link>
                <description>Ferry fares on the river routes fall by a fifth from March, the operator said.</description>
                """)
        #expect(source == "CNA")
    }

    @Test(
        "a subdomain is its registrable host's outlet; an outlet's own subdomain is its own",
        arguments: [
            ("https://jp.reuters.com/markets/ferries/abc", "Reuters"),
            ("https://en.yna.co.kr/view/AEN2026", "Yonhap"),
            ("https://english.kyodonews.net/news/2026/08/ferry.html", "Kyodo"),
            ("https://asia.nikkei.com/Business/ferries", "Nikkei Asia"),
            ("https://www.nikkei.com/article/DGX123", "Nikkei"),
            ("https://edition.cnn.com/2026/08/18/asia/ferry", "CNN"),
            ("https://www.bbc.co.uk/news/world-asia-123", "BBC"),
        ])
    func subdomains(link: String, outlet: String) {
        #expect(Outlets.name(forLink: link) == outlet)
    }

    @Test("an unknown host reads as its registrable domain")
    func readableHosts() {
        #expect(Outlets.readableHost("https://news.example-news.com/a") == "example-news.com")
        #expect(Outlets.readableHost("https://www.harbour-post.co.jp/a") == "harbour-post.co.jp")
        #expect(Outlets.readableHost("/tmp/feed.xml") == nil)
        // A host given as a name ("jiji.com" after an aggregator's headline) is looked up whole first.
        #expect(Outlets.usableName("jiji.com") == "Jiji")
        #expect(Outlets.usableName("newsdig.tbs.co.jp") == "TBS News Dig")
        #expect(Outlets.usableName("news.example-news.com") == "example-news.com")
    }

    @Test("a Japanese edition's dateline agency (ロイター) is counted as Reuters")
    func japaneseSignOff() throws {
        let source = try self.source(
            channelTitle: "港ニュース — 経済", channelLink: "https://minato-news.example/",
            item: """
                <title>新しいフェリー航路が開設</title>
                <link>https://minato-news.example/articles/0001</link>
                <dc:creator>港ニュース</dc:creator>
                <description>［横浜 １８日 ロイター］ - 新しいフェリー航路が来月開設される。運賃は片道千円となる。</description>
                """)
        #expect(source == "Reuters")
    }

    @Test(
        "agency aliases in other scripts and forms are one outlet",
        arguments: [
            ("ロイター", "Reuters"), ("路透社", "Reuters"), ("Reuters Staff", "Reuters"), ("By Reuters", "Reuters"),
            ("REUTERS", "Reuters"), ("ブルームバーグ", "Bloomberg"), ("共同通信", "Kyodo"), ("共同", "Kyodo"),
            ("時事", "Jiji"), ("연합뉴스", "Yonhap"), ("聯合", "Yonhap"), ("新华社", "Xinhua"), ("新華社", "Xinhua"),
            ("Xinhua News Agency", "Xinhua"), ("AFP時事", "AFP"), ("AFP-Jiji", "AFP"), ("ＡＦＰ", "AFP"),
            ("Channel NewsAsia", "CNA"), ("Straits Times", "The Straits Times"),
        ])
    func aliases(alias: String, outlet: String) {
        #expect(Outlets.knownName(alias) == outlet)
    }

    @Test("a byline that is an agency's name credits the agency; a reporter's name does not")
    func agencyByline() throws {
        let item = """
            <title>フェリー運賃が値下げへ</title>
            <link>https://news.yahoo.co.jp/articles/0123456789abcdef</link>
            <dc:creator>%@</dc:creator>
            <description>フェリー運賃が来月から二割下がる。運航会社が発表した。</description>
            """
        let yahoo = "https://news.yahoo.co.jp/media/minato"
        let byAgency = try source(
            channelTitle: "Yahoo!ニュース", channelLink: yahoo, item: item.replacingOccurrences(of: "%@", with: "ロイター"))
        #expect(byAgency == "Reuters")
        // The aggregator is no outlet: with nothing else to go on, no source rather than Yahoo.
        let byReporter = try source(
            channelTitle: "Yahoo!ニュース", channelLink: yahoo, item: item.replacingOccurrences(of: "%@", with: "田中花子"))
        #expect(byReporter == nil)
    }

    @Test("an aggregator's item is credited to its own source, not to the aggregator's host")
    func aggregatorSource() throws {
        let withSource = try self.source(
            channelTitle: "Google News - Top stories", channelLink: "https://news.google.com/rss",
            item: """
                <title>Ferry fares fall on the river routes - Harbour Post</title>
                <link>https://news.google.com/rss/articles/CBMiExampleOnly?oc=5</link>
                <source url="https://www.harbour-post.com">Harbour Post</source>
                <description>Ferry fares fall on the river routes  Harbour Post</description>
                """)
        #expect(withSource == "Harbour Post")
        // No `<source>`: the outlet after the headline, through the aliases.
        let fromTitle = try self.source(
            channelTitle: "Google News - Top stories", channelLink: "https://news.google.com/rss",
            item: """
                <title>Ferry fares fall on the river routes - Straits Times</title>
                <link>https://news.google.com/rss/articles/CBMiAnotherExample?oc=5</link>
                """)
        #expect(fromTitle == "The Straits Times")
        // An aggregator naming itself: the wire after the headline.
        let wireInTitle = try self.source(
            channelTitle: "Google News - Top stories", channelLink: "https://news.google.com/rss",
            item: """
                <title>フェリー運賃が値下げへ（ロイター） - Yahoo!ニュース</title>
                <link>https://news.google.com/rss/articles/CBMiAThirdExample?oc=5</link>
                """)
        #expect(wireInTitle == "Reuters")
    }

    @Test("an outlet's page carrying a wire's story is the wire's report; \"Agencies\" credits nobody")
    func wireOnOutletPage() throws {
        func item(_ sourceLine: String) -> String {
            """
            <title>Ferry fares fall on the river routes</title>
            <link>https://www.channelnewsasia.com/asia/ferry-fares-fall-1234</link>
            <content:encoded><![CDATA[<p>Ferry fares on the river routes fall by a fifth from March, the operator said.</p>
            <p>\(sourceLine)</p>]]></content:encoded>
            """
        }
        #expect(try source(channelTitle: "CNA", item: item("Source: Reuters/ab")) == "Reuters")
        #expect(try source(channelTitle: "CNA", item: item("Source: Agencies/ab")) == "CNA")
        #expect(Outlets.signOffName("Reuters MCM AAJ") == "Reuters")
    }
}
