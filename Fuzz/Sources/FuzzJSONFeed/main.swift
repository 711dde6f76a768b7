// JSON Feed 1.0/1.1: the JSON reader, the feed mapping and every item made into an article, as `collect` does.
// Inputs that would not reach the JSON reader (anything not starting with `{`) are passed over, so that the
// corpus stays JSON.
import Collector
import Foundation
import FuzzSupport

let collector = Collector(
    store: ArticleStore(folder: Fuzz.scratch.appendingPathComponent("articles")), now: { Fuzz.now })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONFeed(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Fuzz.bytes(data, count)
    guard bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") else { return -1 }
    let data = Data(bytes)
    _ = FeedParser.looksLikeFeed(data)
    _ = try? collector.articles(fromFeed: data, location: "https://feeds.example/asia/feed.json")
    return 0
}

@_cdecl("FuzzJSONFeed_main")
public func fuzzJSONFeedMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzJSONFeed)
}
