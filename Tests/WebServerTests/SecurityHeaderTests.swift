import Curl
import Foundation
import Testing

@Suite("Security headers")
struct SecurityHeaderTests {
    @Test("every answer forbids script, framing, sniffing and leaking the link in a Referer")
    func everyAnswerIsLockedDown() async throws {
        let newsletter = try NewsletterFolder(readers: 1)
        let token = try NewsletterFolder.token(NewsletterFolder.reader(0))
        try await withServer(newsletter, baseURL: "https://news.example.com") { base in
            let paths = [
                "/unsubscribe?token=\(token)", "/unsubscribe?token=bad", "/archive/",
                "/archive/decoding-asia/\(NewsletterFolder.sentWeek)/", "/archive/decoding-asia/feed.xml",
                "/assets/decoding-asia/style.css", "/healthz", "/no/such/page",
            ]
            for path in paths {
                let response = try await Web.get(base + path)
                let policy = try #require(response.header("content-security-policy"), "\(path)")
                #expect(policy.contains("default-src 'none'"), "\(path)")
                #expect(policy.contains("frame-ancestors 'none'"), "\(path)")
                #expect(!policy.contains("script-src"), "\(path)")
                #expect(response.header("x-content-type-options") == "nosniff", "\(path)")
                #expect(response.header("referrer-policy") == "same-origin", "\(path)")
                #expect(response.header("x-frame-options") == "DENY", "\(path)")
                #expect(response.header("strict-transport-security") == "max-age=31536000", "\(path)")
            }
            let confirm = try await Web.get("\(base)/unsubscribe?token=\(token)")
            #expect(confirm.header("content-security-policy")?.contains("style-src 'self'") == true)
            #expect(confirm.header("content-security-policy")?.contains("form-action 'self'") == true)
            #expect(confirm.header("x-robots-tag") == "noindex, nofollow")
            #expect(!confirm.text.contains("style=\""))
            let missing = try await Web.get("\(base)/no/such/page")
            #expect(missing.status == 404)
            #expect(missing.text.contains("Page not found"))
        }
    }

    @Test("the stylesheet carries the theme's colours")
    func stylesheetInThemeColours() async throws {
        let newsletter = try NewsletterFolder(readers: 1)
        try await withServer(newsletter) { base in
            let css = try await Web.get("\(base)/assets/decoding-asia/style.css")
            #expect(css.status == 200)
            #expect(css.header("content-type") == "text/css; charset=utf-8")
            #expect(css.text.contains("background: #f4f1ea"))
            #expect(css.text.contains("#9b1c31"))
            #expect(!css.text.contains("&#"))
        }
    }

    @Test("a body larger than a form gets 413 and changes nothing")
    func oversizedBody() async throws {
        let newsletter = try NewsletterFolder(readers: 1)
        let token = try NewsletterFolder.token(NewsletterFolder.reader(0))
        let before = try newsletter.listFiles()
        try await withServer(newsletter) { base in
            let body = "List-Unsubscribe=One-Click&pad=" + String(repeating: "x", count: 64 * 1024)
            let response = try await Web.post("\(base)/unsubscribe?token=\(token)", body: body)
            #expect(response.status == 413)
        }
        #expect(try newsletter.listFiles() == before)
    }
}
