import DigestTestSupport
import Foundation
import Testing

@testable import Collector

/// Records the waits the collector asks for, instead of sleeping.
final class RecordingSleeper: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [Duration] = []

    var recorded: [Duration] {
        lock.lock()
        defer { lock.unlock() }
        return waits
    }

    func sleep(_ duration: Duration) {
        lock.lock()
        waits.append(duration)
        lock.unlock()
    }
}

@Suite("Collecting over HTTP from a loopback server")
struct HTTPCollectTests {
    let server: LoopbackHTTPServer
    let folder: TemporaryDirectory
    let sleeper = RecordingSleeper()

    init() throws {
        folder = try TemporaryDirectory()
        try folder.write(
            """
            <rss version="2.0"><channel><title>Summary Desk</title><link>https://summary.example/</link>
            <item><title>Night market extends hours</title><guid>summary-desk-000000001</guid>
            <link>page.html</link><description>Stalls stay open later.</description></item>
            </channel></rss>
            """, to: "site/summary.xml")
        try folder.write(
            """
            <html><head><title>Night market extends hours</title></head><body><nav>Home</nav><article>
            <h1>Night market extends hours</h1>
            <p>The night market by the river will stay open until 2 a.m. on Fridays from next month.</p>
            <p>Stallholders asked for the change after a busy summer, the council said.</p>
            </article></body></html>
            """, to: "site/page.html")
        server = try LoopbackHTTPServer(serving: folder.url(for: "site"))
    }

    func makeCollector(maxBytes: Int = 20 << 20, totalTimeout: Duration = .seconds(30)) -> Collector {
        var collector = Collector(store: ArticleStore(folder: folder.url(for: "Digests/articles")))
        collector.maxBytes = maxBytes
        collector.http.totalTimeout = totalTimeout
        collector.http.connectTimeout = .seconds(5)
        // The test server is on loopback, which is fetched only when allowed.
        collector.http.allowsPrivateHosts = true
        let sleeper = sleeper
        collector.http.sleep = { sleeper.sleep($0) }
        return collector
    }

    @Test("a feed URL is collected, and collecting again costs a 304 with the remembered ETag")
    func conditionalGet() throws {
        let collector = makeCollector()
        let first = collector.collect([server.url("/feed.xml")])
        #expect(first.failures.isEmpty, "\(first.failures)")
        #expect(first.added.count == 3)
        #expect(first.sources.first?.notModified == false)
        let cache = try String(contentsOf: folder.url(for: "Digests/http-cache.json"), encoding: .utf8)
        #expect(cache.contains("digest-feed-v1"))

        let second = collector.collect([server.url("/feed.xml")])
        #expect(second.failures.isEmpty)
        #expect(second.sources.first?.notModified == true)
        #expect(second.sources.first?.read == 0)
        #expect(try collector.store.loadAll().count == 3)
    }

    @Test("a chain of redirects is followed to the feed, and the article keeps where it ended")
    func redirectChain() throws {
        let report = makeCollector().collect([server.url("/redirect/3?to=/feed.xml")])
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.added.count == 3)
        #expect(report.added.first?.provenance.location == server.url("/feed.xml"))
    }

    @Test("a redirect loop fails with a message naming the URL")
    func redirectLoop() throws {
        let report = makeCollector().collect([server.url("/loop")])
        let failure = try #require(report.failures.first)
        #expect(failure.source == server.url("/loop"))
        #expect(failure.code == .fetchFailed)
    }

    @Test("a gzip-encoded feed is decoded")
    func gzipFeed() throws {
        let report = makeCollector().collect([server.url("/gzip-feed.xml")])
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.added.count == 3)
    }

    @Test("a timeout, an oversized body, an endless body and a 404 each fail alone; the feed is still collected")
    func failuresAreIsolated() throws {
        let collector = makeCollector(maxBytes: 1 << 20, totalTimeout: .seconds(2))
        let slow = server.url("/slow?seconds=20")
        let big = server.url("/big?bytes=3000000")
        let endless = server.url("/stream-forever")
        let missing = server.url("/status/404")
        let report = collector.collect([slow, big, endless, missing, server.url("/feed.xml")])
        #expect(report.added.count == 3)
        #expect(report.failures.count == 4)
        let bySource = Dictionary(report.failures.map { ($0.source, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(bySource[slow]?.code == .fetchFailed)
        #expect(
            bySource[slow]?.message.lowercased().contains("timed out") == true, "\(String(describing: bySource[slow]))")
        #expect(bySource[big]?.code == .tooLarge)
        #expect(bySource[endless]?.code == .tooLarge)
        #expect(bySource[missing]?.message == "the server answered HTTP 404")
    }

    @Test("requests to one host wait for the politeness delay; the first does not")
    func politeness() throws {
        var collector = makeCollector()
        collector.http.politenessDelay = .seconds(2)
        collector.now = { Date(timeIntervalSince1970: 1_795_000_000) }
        let report = collector.collect([server.url("/feed.xml"), server.url("/gzip-feed.xml")])
        #expect(report.failures.isEmpty)
        #expect(sleeper.recorded == [.seconds(2)])
    }

    @Test("one page fetched by URL is extracted without being stored")
    func fetchOnePage() throws {
        let collector = makeCollector()
        let article = try collector.fetchArticle(server.url("/files/page.html"))
        #expect(article.title == "Night market extends hours")
        #expect(article.paragraphs.count == 2)
        #expect(try collector.store.loadAll().isEmpty)
        #expect(throws: CollectorError.self) { try collector.fetchArticle(self.server.url("/status/404")) }
    }

    @Test("--fetch-pages fetches the page of a summary-only item and uses its text")
    func fetchPages() throws {
        var collector = makeCollector()
        collector.fetchPages = true
        collector.http.politenessDelay = .zero
        let report = collector.collect([server.url("/files/summary.xml")])
        #expect(report.failures.isEmpty, "\(report.failures)")
        let article = try #require(report.added.first)
        #expect(article.url == server.url("/files/page.html"))
        #expect(
            article.paragraphs == [
                "The night market by the river will stay open until 2 a.m. on Fridays from next month.",
                "Stallholders asked for the change after a busy summer, the council said.",
            ])

        var summaryOnly = makeCollector()
        summaryOnly.store = ArticleStore(folder: folder.url(for: "Other/articles"))
        summaryOnly.http.validatorFile = nil
        let plain = try #require(summaryOnly.collect([server.url("/files/summary.xml")]).added.first)
        #expect(plain.paragraphs == ["Stalls stay open later."])
    }
}
