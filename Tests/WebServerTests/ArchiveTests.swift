import Curl
import DigestTestSupport
import Foundation
import Testing

@Suite("The archive of sent issues")
struct ArchiveTests {
    @Test("a sent issue's page renders the issue with nothing of any reader; a draft is neither listed nor shown")
    func sentIssuePage() async throws {
        let newsletter = try NewsletterFolder(readers: 2)
        try await withServer(newsletter) { base in
            let index = try await Web.get("\(base)/archive/")
            #expect(index.status == 200)
            #expect(index.text.contains("/archive/decoding-asia/\(NewsletterFolder.sentWeek)/"))
            #expect(index.text.contains(NewsletterFolder.sentHeadline))
            #expect(!index.text.contains(NewsletterFolder.draftWeek))
            #expect(!index.text.contains(NewsletterFolder.draftHeadline))

            let themeIndex = try await Web.get("\(base)/archive/decoding-asia/")
            #expect(themeIndex.status == 200)
            #expect(themeIndex.text.contains(NewsletterFolder.sentHeadline))
            #expect(!themeIndex.text.contains(NewsletterFolder.draftWeek))

            let page = try await Web.get("\(base)/archive/decoding-asia/\(NewsletterFolder.sentWeek)/")
            #expect(page.status == 200)
            #expect(page.header("content-type") == "text/html; charset=utf-8")
            let html = page.text
            #expect(html.contains(NewsletterFolder.sentHeadline))
            #expect(html.contains("Seoul &amp; Tokyo agree on a &lt;chip&gt; pact"))
            #expect(html.contains(#"href="/archive/decoding-asia/feed.xml""#))
            // Nothing of a reader, and none of the email-only parts.
            #expect(!html.contains("Unsubscribe"))
            #expect(!html.contains("unsubscribe?token"))
            #expect(!html.contains("Preview:"))
            #expect(!html.contains("View in your browser"))
            #expect(!html.contains("<script"))

            let draft = try await Web.get("\(base)/archive/decoding-asia/\(NewsletterFolder.draftWeek)/")
            #expect(draft.status == 404)
            #expect(!draft.text.contains(NewsletterFolder.draftHeadline))
            #expect(try await Web.get("\(base)/archive/decoding-asia/2026-W01/").status == 404)
            #expect(try await Web.get("\(base)/archive/decoding-asia/..%2F..%2Fetc/").status == 404)
            #expect(try await Web.get("\(base)/archive/no-such-theme/").status == 404)
        }
    }

    @Test("the Atom feed parses with Python's xml.etree and lists the sent issue only")
    func atomFeedParses() async throws {
        let newsletter = try NewsletterFolder(readers: 1)
        let feed = try await withServer(newsletter, baseURL: "https://news.example.com/decoding-asia") { base in
            try await Web.get("\(base)/archive/decoding-asia/feed.xml")
        }
        #expect(feed.status == 200)
        #expect(feed.header("content-type") == "application/atom+xml; charset=utf-8")
        let script = """
            import json, sys, xml.etree.ElementTree as ET
            ns = {"a": "http://www.w3.org/2005/Atom"}
            root = ET.fromstring(sys.stdin.buffer.read())
            entries = root.findall("a:entry", ns)
            print(json.dumps({
                "root": root.tag,
                "title": root.findtext("a:title", namespaces=ns),
                "id": root.findtext("a:id", namespaces=ns),
                "updated": root.findtext("a:updated", namespaces=ns),
                "self": [l.get("href") for l in root.findall("a:link", ns) if l.get("rel") == "self"],
                "entries": [{
                    "title": e.findtext("a:title", namespaces=ns),
                    "id": e.findtext("a:id", namespaces=ns),
                    "link": e.find("a:link", ns).get("href"),
                    "updated": e.findtext("a:updated", namespaces=ns),
                    "content": e.findtext("a:content", namespaces=ns),
                } for e in entries],
            }))
            """
        let report = try runPython(script, input: feed.body)
        let parsed = try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any]
        let document = try #require(parsed)
        #expect(document["root"] as? String == "{http://www.w3.org/2005/Atom}feed")
        #expect(document["title"] as? String == "Decoding Asia")
        #expect(document["id"] as? String == "https://news.example.com/decoding-asia/archive/decoding-asia/")
        #expect(
            document["self"] as? [String] == ["https://news.example.com/decoding-asia/archive/decoding-asia/feed.xml"])
        #expect(document["updated"] as? String == "2026-11-16T07:00:00Z")
        let entries = try #require(document["entries"] as? [[String: Any]])
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry["title"] as? String == "Decoding Asia · 9–15 November 2026")
        #expect(
            entry["link"] as? String
                == "https://news.example.com/decoding-asia/archive/decoding-asia/\(NewsletterFolder.sentWeek)/")
        #expect(entry["updated"] as? String == "2026-11-16T07:00:00Z")
        #expect((entry["content"] as? String)?.contains(NewsletterFolder.sentHeadline) == true)
        #expect((entry["content"] as? String)?.contains("Seoul &amp; Tokyo agree on a &lt;chip&gt; pact") == true)
    }

    @Test("/healthz answers ok, and / leads to the archive without taking a target from the request")
    func healthAndRoot() async throws {
        let newsletter = try NewsletterFolder(readers: 1)
        try await withServer(newsletter, baseURL: "https://news.example.com/decoding-asia") { base in
            let health = try await Web.get("\(base)/healthz")
            #expect(health.status == 200)
            #expect(health.text == "ok\n")

            let root = try await Web.get("\(base)/")
            #expect(root.status == 302)
            #expect(root.header("location") == "/decoding-asia/archive/")
            for path in ["//evil.example/", "/?next=https://evil.example/", "/unsubscribe?redirect=//evil.example"] {
                let response = try await Web.get(base + path)
                #expect(response.header("location")?.contains("evil") != true, "\(path)")
            }
        }
    }
}
