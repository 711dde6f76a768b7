import DigestTestSupport
import Foundation
import Testing

@testable import Collector

@Suite("Feeds and pages on private networks are not fetched unless allowed")
struct PrivateHostTests {
    @Test("a feed on loopback is refused by default, naming the URL and the address; allowed, it is collected")
    func loopbackFeed() throws {
        let folder = try TemporaryDirectory()
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        var collector = Collector(store: ArticleStore(folder: folder.url(for: "Digests/articles")))
        collector.http.politenessDelay = .zero
        let refused = collector.collect([server.url("/feed.xml")])
        let failure = try #require(refused.failures.first)
        #expect(failure.code == .refusedAddress)
        #expect(failure.source == server.url("/feed.xml"))
        #expect(failure.message.hasPrefix("the address is 127.0.0.1, a loopback address"), "\(failure)")
        #expect(refused.added.isEmpty)

        collector.http.allowsPrivateHosts = true
        let allowed = collector.collect([server.url("/feed.xml")])
        #expect(allowed.failures.isEmpty, "\(allowed.failures)")
        #expect(allowed.added.count == 3)
    }

    @Test("extracting one page by URL follows the same rule")
    func loopbackPage() throws {
        let folder = try TemporaryDirectory()
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let collector = Collector(store: ArticleStore(folder: folder.url(for: "Digests/articles")))
        let error = try #require(throws: CollectorError.self) { try collector.fetchArticle(server.url("/text")) }
        #expect(error.code == .refusedAddress)
        #expect(error.description.contains("--allow-private-hosts"))
    }
}
