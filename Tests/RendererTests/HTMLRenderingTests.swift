import Composer
import Foundation
import Testing

@testable import Renderer

@Suite("HTML email")
struct HTMLRenderingTests {
    @Test("data is HTML-escaped: no script tag, no raw ampersand")
    func escaping() throws {
        let html = try Fixtures.renderer().html(Fixtures.issue(), for: nil)
        #expect(html.contains("Q&amp;A: What &lt;script&gt; tags in Seoul"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("Q&A"))
        #expect(html.contains("January &amp; covers"))
    }

    @Test("a complete document: lang, colour-scheme meta, dark mode, 600 px fluid column, preheader")
    func document() throws {
        let html = try Fixtures.renderer().html(Fixtures.issue(), for: nil)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains(#"<html lang="en""#))
        #expect(html.contains(#"<meta name="color-scheme" content="light dark">"#))
        #expect(html.contains("@media (prefers-color-scheme: dark)"))
        #expect(html.contains("@media (max-width: 620px)"))
        #expect(html.contains("width:100%;max-width:600px"))
        #expect(html.contains("</html>"))
        // The preheader is the first thing in the body, hidden, and is the top story's headline.
        let body = try #require(html.range(of: "<body"))
        let preheader = try #require(html.range(of: "display:none", range: body.upperBound..<html.endIndex))
        let afterPreheader = html[preheader.upperBound...]
        #expect(afterPreheader.prefix(200).contains(Fixtures.japaneseHeadline))
        // Theme colours are used, and the <style> block holds only media queries and the colour-scheme rule.
        #expect(html.contains("color:#b3261e"))
        #expect(html.contains("background-color:#f3efe7"))
    }

    @Test("every story with a link has its headline linked; a story without one is plain")
    func links() throws {
        let html = try Fixtures.renderer().html(Fixtures.issue(), for: nil)
        for url in Fixtures.storyURLs {
            let escaped = url.replacingOccurrences(of: "&", with: "&amp;")
            #expect(html.contains("href=\"\(escaped)\""), "missing link \(url)")
        }
        #expect(html.contains("Shenzhen opens a second cross-border rail link</h3>"))
        #expect(html.contains("Also reported by Reuters, Kyodo, NHK"))
        #expect(html.contains("Nikkei Asia · 18 Nov 2026"))
    }

    @Test("summaries show at most three sentences")
    func summaryLength() throws {
        let html = try Fixtures.renderer().html(Fixtures.issue(), for: nil)
        #expect(html.contains("The yen barely moved"))
        #expect(!html.contains("A fourth sentence"))
    }

    @Test("a 25-story issue stays well under Gmail's 102 KB clipping size")
    func size() throws {
        let issue = Fixtures.largeIssue()
        #expect(issue.sections.flatMap(\.stories).count == 25)
        let html = try Fixtures.renderer().html(issue, for: Reader(email: "a@example.com", name: "Ana"))
        #expect(html.utf8.count < 80_000, "HTML is \(html.utf8.count) bytes")
        #expect(html.contains("story-25"))
    }

    @Test("links that are not http(s) or mailto are dropped, and colours that are not hex are replaced")
    func hostileData() throws {
        var issue = Fixtures.issue()
        issue.sections[0].stories[0].url = "javascript:alert(1)"
        issue.masthead.colors.accent = "red;background:url(x)"
        let html = try Fixtures.renderer().html(issue, for: nil)
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("url(x)"))
        #expect(html.contains("China&#39;s retail sales grow") || html.contains("China's retail sales grow"))
    }
}
