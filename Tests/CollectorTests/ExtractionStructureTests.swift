import DigestTestSupport
import Foundation
import Testing

@testable import Collector

/// Pages without an `<article>` element: the story is found by the shape of the markup.
@Suite("Finding the story by page structure")
struct ExtractionStructureTests {
    static let prose = [
        "The harbour board voted on Thursday to widen the northern channel, a project it has discussed for a decade.",
        "Dredging will start in the spring, and the board expects the work to take about two years, its chair said.",
        "Fishing crews, who use the channel at dawn, asked for the work to pause during the autumn season.",
    ]

    static let page = """
        <html><head><title>Channel to be widened</title></head><body>
        <div class="site-wrapper nav-open">
          <div class="top-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
            <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></div>
          <div class="layout">
            <div class="col-main">
              <div class="story-text">
                <p>\(prose[0])</p>
                <div class="related-links"><p><a href="/a">Earlier: the board's budget, and what it means</a></p></div>
                <p>\(prose[1])</p>
                <p>\(prose[2])</p>
                <ul class="plain"><li><a href="/x">More news one</a></li><li><a href="/y">More news two</a></li>
                  <li><a href="/z">More news three</a></li></ul>
              </div>
            </div>
            <div class="col-side"><div class="most-popular"><p>Most read: a story about something else entirely.</p></div></div>
          </div>
          <div class="comments-section"><p>Great news, finally, after all these years of waiting for it!</p></div>
        </div></body></html>
        """

    @Test("prose is kept; menus, link lists, related boxes and comments are not")
    func structure() {
        let page = HTMLArticleExtractor().extract(Data(Self.page.utf8))
        #expect(page.cleaned.paragraphs == Self.prose)
    }

    @Test("text written straight into a box with line breaks is found")
    func textWithBreaks() {
        let html = """
            <html><body><div class="menu"><a href="/">Home</a> <a href="/about">About</a></div>
            <div class="box"><p class="headline">Channel to be widened</p>\(Self.prose[0])<br><br>\(Self.prose[1])
            <br><br>\(Self.prose[2])</div></body></html>
            """
        let page = HTMLArticleExtractor().extract(Data(html.utf8))
        #expect(page.cleaned.paragraphs.suffix(3) == Self.prose[...])
    }

    @Test("a gzip-compressed page is read by extension and by content")
    func compressedPage() throws {
        let folder = try TemporaryDirectory()
        let compressed = try BadInputTests.gzip(Data(Self.page.utf8))
        let file = try folder.write(compressed, to: "page.html.gz")
        let page = try HTMLArticleExtractor().extract(contentsOf: file)
        #expect(page.cleaned.paragraphs == Self.prose)

        let collector = Collector(store: ArticleStore(folder: folder.url(for: "Digests/articles")))
        let report = collector.collect([file.path])
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.added.first?.paragraphs == Self.prose)
    }
}
