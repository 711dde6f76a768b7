import Foundation
import Testing

@testable import Collector

private let page = """
    <!DOCTYPE html>
    <html lang="en-GB"><head>
    <meta charset="utf-8">
    <title>Seoul subway extends hours | Lantern Daily</title>
    <meta property="og:title" content="Seoul subway extends late-night hours for the winter">
    <meta name="description" content="Trains on four lines will run until 2 a.m. on weekends.">
    <meta property="article:published_time" content="2026-11-18T19:30:00+09:00">
    <link rel="canonical" href="https://lantern.example/seoul/subway-hours">
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"NewsArticle","headline":"Seoul subway extends late-night hours for the winter",
       "author":{"@type":"Person","name":"Kim Ha-neul"},"publisher":{"@type":"Organization","name":"Lantern Daily"},
       "datePublished":"2026-11-18T19:30:00+09:00"}]}</script>
    </head><body>
    <header><nav><a href="/">Home</a> <a href="/seoul">Seoul</a></nav></header>
    <div class="share-bar">Share on X · Copy link</div>
    <article>
      <h1>Seoul subway extends late-night hours for the winter</h1>
      <p class="standfirst">Trains on four lines will run until 2 a.m. on weekends.</p>
      <p class="byline">By Kim Ha-neul</p>
      <figure><img src="a.jpg" alt="A train"><figcaption>A train at Gangnam station. PHOTO: LANTERN</figcaption></figure>
      <p>SEOUL — Trains on four of Seoul&rsquo;s subway lines will run until 2 a.m. on Fridays and Saturdays from December.</p>
      <p>The city said the trial would cost <b>4.2 billion won</b> and would be reviewed in <a href="/x">March</a>.</p>
      <aside class="newsletter">Get the Lantern Morning newsletter. Sign up now.</aside>
      <h2>Why now</h2>
      <ul><li>Taxi shortages after midnight</li><li>More night-time tourism</li></ul>
      <blockquote><p>&ldquo;Nobody should have to walk home at 1 a.m.,&rdquo; a commuter said.</p></blockquote>
      <aside class="related"><h3>Related stories</h3><ul><li><a href="/y">Bus fares rise</a></li></ul></aside>
    </article>
    <section class="comments"><p>First comment!</p></section>
    <footer><p>&copy; 2026 Lantern Daily Ltd.</p></footer>
    <script>var tracking = "do not read me";</script>
    </body></html>
    """

@Suite("Extracting the story from an article page")
struct HTMLArticleExtractorTests {
    let extracted = HTMLArticleExtractor().extract(Data(page.utf8))

    @Test("metadata comes from JSON-LD, OpenGraph, meta tags and the html element")
    func metadata() {
        #expect(extracted.title == "Seoul subway extends late-night hours for the winter")
        #expect(extracted.standfirst == "Trains on four lines will run until 2 a.m. on weekends.")
        #expect(extracted.author == "Kim Ha-neul")
        #expect(extracted.publisher == "Lantern Daily")
        #expect(extracted.published == DateParsing.date(from: "2026-11-18T10:30:00Z"))
        #expect(extracted.canonicalURL == "https://lantern.example/seoul/subway-hours")
        #expect(extracted.language == "en")
        #expect(extracted.cleaned.dateline == "Seoul")
    }

    @Test("the body keeps paragraphs, headings, list items and quotes in order, and nothing else")
    func body() {
        #expect(
            extracted.cleaned.paragraphs == [
                "Trains on four of Seoul\u{2019}s subway lines will run until 2 a.m. on Fridays and Saturdays from December.",
                "The city said the trial would cost 4.2 billion won and would be reviewed in March.",
                "Why now",
                "Taxi shortages after midnight",
                "More night-time tourism",
                "\u{201C}Nobody should have to walk home at 1 a.m.,\u{201D} a commuter said.",
            ])
    }

    @Test("broken markup is recovered, and empty input gives no article")
    func brokenMarkup() {
        let broken = HTMLArticleExtractor().extract(Data("<html><body><article><p>One<p>Two</article>".utf8))
        #expect(broken.cleaned.paragraphs == ["One", "Two"])
        #expect(HTMLArticleExtractor().extract(Data()).cleaned.paragraphs.isEmpty)
    }

    @Test("a page in another encoding is decoded from its meta charset")
    func declaredEncoding() throws {
        let html =
            "<html><head><meta charset=\"iso-8859-1\"></head><body><article><p>Caf\u{E9} owners in Penang said so.</p></article></body></html>"
        let latin1 = try #require(html.data(using: .isoLatin1))
        #expect(HTMLArticleExtractor().extract(latin1).cleaned.paragraphs == ["Caf\u{E9} owners in Penang said so."])
    }
}
