// Article pages: the encoding check, libxml2's HTML parser, metadata (JSON-LD, Open Graph, meta tags), the content
// scorer and the cleaner, as `extract` and `collect` read a page.
import Collector
import Foundation
import FuzzSupport

let collector = Collector(
    store: ArticleStore(folder: Fuzz.scratch.appendingPathComponent("articles")), now: { Fuzz.now })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLPage(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = Data(Fuzz.bytes(data, count))
    _ = try? collector.article(fromPage: data, location: "https://news.example/asia/2026/11/30/story.html")
    return 0
}

@_cdecl("FuzzHTMLPage_main")
public func fuzzHTMLPageMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzHTMLPage)
}
