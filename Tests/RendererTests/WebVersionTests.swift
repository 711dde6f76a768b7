import Composer
import Foundation
import Testing

@testable import Renderer

@Suite("The email's web version and the archive's page")
struct WebVersionTests {
    static func issue(archiveURL: String?) -> ComposedIssue {
        var issue = Fixtures.issue()
        issue.masthead.archiveURLTemplate = archiveURL
        return issue
    }

    static let reader = Reader(
        email: "mei@example.com", name: "Mei", sections: [], unsubscribeURL: "https://example.com/u?token=abc")

    @Test("with the theme's archive_url, both parts of each email link to the issue's page")
    func emailLinksToWebVersion() throws {
        let issue = Self.issue(archiveURL: "https://example.com/archive/decoding-asia/{week}/")
        let renderer = try Fixtures.renderer()
        let html = try renderer.html(issue, for: Self.reader)
        #expect(html.contains(#"<a href="https://example.com/archive/decoding-asia/2026-W47/""#))
        #expect(html.contains("View in your browser"))
        let text = try renderer.text(issue, for: Self.reader)
        #expect(text.contains("View in your browser:\nhttps://example.com/archive/decoding-asia/2026-W47/\n"))
    }

    @Test("without an archive_url there is no such link")
    func noLinkWithoutArchive() throws {
        let issue = Self.issue(archiveURL: nil)
        let renderer = try Fixtures.renderer()
        #expect(try !renderer.html(issue, for: Self.reader).contains("View in your browser"))
        #expect(try !renderer.text(issue, for: Self.reader).contains("View in your browser"))
    }

    @Test("the archive's page has every section, nothing of a reader, no link to itself, and links to the archive")
    func webPage() throws {
        let issue = Self.issue(archiveURL: "https://example.com/archive/decoding-asia/{week}/")
        let html = try Fixtures.renderer().webPage(
            issue, links: ArchiveLinks(index: "/archive/decoding-asia/", feed: "/archive/decoding-asia/feed.xml"))
        #expect(!html.contains("View in your browser"))
        #expect(!html.contains("Unsubscribe"))
        #expect(!html.contains("Preview:"))
        #expect(html.contains(#"<a href="/archive/decoding-asia/""#))
        #expect(
            html.contains(
                #"<link rel="alternate" type="application/atom+xml" title="Decoding Asia" href="/archive/decoding-asia/feed.xml">"#
            ))
        for section in issue.sections {
            #expect(html.contains(#"id="\#(section.id)""#))
        }
    }
}
