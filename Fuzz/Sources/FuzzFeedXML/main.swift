// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: libxml2's reader, the feed mapping and every item made into an article
// (HTML in titles, summaries and `content:encoded` through the block reader and the cleaner), as `collect` does.
import Collector
import Foundation
import FuzzSupport

let collector = Collector(
    store: ArticleStore(folder: Fuzz.scratch.appendingPathComponent("articles")), now: { Fuzz.now })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeedXML(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = Data(Fuzz.bytes(data, count))
    _ = FeedParser.looksLikeFeed(data)
    _ = try? collector.articles(fromFeed: data, location: "https://feeds.example/asia/rss.xml")
    return 0
}

@_cdecl("FuzzFeedXML_main")
public func fuzzFeedXMLMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzFeedXML)
}
