import Curl
import DigestTestSupport
import Foundation
import Subscribers
import Synchronization
import Testing

@Suite("Unsubscribing through the server")
struct UnsubscribeTests {
    @Test("a one-click POST unsubscribes exactly that reader, answers 200 with no page, and again the same")
    func oneClickUnsubscribesOneReader() async throws {
        let newsletter = try NewsletterFolder(readers: 5)
        let target = NewsletterFolder.reader(2)
        let token = try NewsletterFolder.token(target)
        try await withServer(newsletter) { base in
            let first = try await Web.oneClick(base, token: token)
            #expect(first.status == 200)
            #expect(first.body.isEmpty)
            #expect(first.header("location") == nil)
            #expect(try newsletter.status(of: target) == .unsubscribed)
            for index in [0, 1, 3, 4] {
                #expect(try newsletter.status(of: NewsletterFolder.reader(index)) == .active)
            }

            let after = try newsletter.listBytes()
            let second = try await Web.oneClick(base, token: token)
            #expect(second.status == 200)
            #expect(second.body.isEmpty)
            // Idempotent: the second request changes nothing at all.
            #expect(try newsletter.listBytes() == after)
        }
    }

    @Test("mail providers may post the one-click body as multipart/form-data (RFC 8058)")
    func oneClickAsMultipart() async throws {
        let newsletter = try NewsletterFolder(readers: 2)
        let target = NewsletterFolder.reader(1)
        let token = try NewsletterFolder.token(target)
        let body =
            "--XyZ\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XyZ--\r\n"
        try await withServer(newsletter) { base in
            let response = try await Web.post(
                "\(base)/unsubscribe?token=\(token)", body: body, contentType: "multipart/form-data; boundary=XyZ")
            #expect(response.status == 200)
            #expect(try newsletter.status(of: target) == .unsubscribed)
            #expect(try newsletter.status(of: NewsletterFolder.reader(0)) == .active)
        }
    }

    @Test(
        "a tampered, cut-short, foreign or missing token gets 400 and changes nothing",
        arguments: ["tampered", "cut", "other secret", "other list", "missing", "junk"])
    func badTokenChangesNothing(kind: String) async throws {
        let newsletter = try NewsletterFolder(readers: 3)
        let genuine = try NewsletterFolder.token(NewsletterFolder.reader(1))
        let email = try EmailAddress(NewsletterFolder.reader(1))
        let token: String? =
            switch kind {
            case "tampered":
                // Another reader's address with the first reader's signature.
                try NewsletterFolder.token(NewsletterFolder.reader(0)).split(separator: ".")[0] + "."
                    + genuine.split(separator: ".")[1]
            case "cut": String(genuine.dropLast(3))
            case "other secret": UnsubscribeSecret("another secret").token(list: NewsletterFolder.list, email: email)
            case "other list": UnsubscribeSecret(NewsletterFolder.secret).token(list: "other-list", email: email)
            case "missing": nil
            default: "not-a-token%00%0d%0a"
            }
        let before = try newsletter.listBytes()
        try await withServer(newsletter) { base in
            let url = token.map { "\(base)/unsubscribe?token=\($0)" } ?? "\(base)/unsubscribe"
            let oneClick = try await Web.post(url, body: "List-Unsubscribe=One-Click")
            #expect(oneClick.status == 400)
            let page = try await Web.get(url)
            #expect(page.status == 400)
            #expect(page.text.contains("This link does not work"))
        }
        #expect(try newsletter.listBytes() == before)
        #expect(!FileManager.default.fileExists(atPath: newsletter.suppressionFile.path))
    }

    @Test("a GET of an unsubscribe link shows a confirmation form and unsubscribes nobody")
    func getDoesNotUnsubscribe() async throws {
        let newsletter = try NewsletterFolder(readers: 3)
        let target = NewsletterFolder.reader(0)
        let token = try NewsletterFolder.token(target)
        let before = try newsletter.listBytes()
        try await withServer(newsletter) { base in
            for _ in 0..<3 {
                let page = try await Web.get("\(base)/unsubscribe?token=\(token)")
                #expect(page.status == 200)
                #expect(page.header("content-type") == "text/html; charset=utf-8")
                #expect(page.header("cache-control") == "no-store")
                #expect(page.text.contains(#"<form method="post" action="/unsubscribe?token=\#(token)">"#))
                #expect(page.text.contains(target))
                #expect(formToken(in: page.text) != nil)
                #expect(!page.text.contains("<script"))
            }
            #expect(try newsletter.listBytes() == before)
        }
        #expect(try newsletter.status(of: target) == .active)
    }

    @Test("the confirmation page's button unsubscribes and says so")
    func confirmationFormUnsubscribes() async throws {
        let newsletter = try NewsletterFolder(readers: 3)
        let target = NewsletterFolder.reader(1)
        let token = try NewsletterFolder.token(target)
        try await withServer(newsletter) { base in
            let page = try await Web.get("\(base)/unsubscribe?token=\(token)")
            let csrf = try #require(formToken(in: page.text))
            let done = try await Web.post(
                "\(base)/unsubscribe?token=\(token)", body: "form_token=\(csrf)",
                headers: ["Origin: \(base)", "Sec-Fetch-Site: same-origin"])
            #expect(done.status == 200)
            #expect(done.text.contains("You are unsubscribed"))
            #expect(done.header("location") == nil)
            #expect(try newsletter.status(of: target) == .unsubscribed)
            #expect(try newsletter.status(of: NewsletterFolder.reader(0)) == .active)

            // Pressed again (a reload): the same page, nothing more changes.
            let before = try newsletter.listBytes()
            let again = try await Web.post("\(base)/unsubscribe?token=\(token)", body: "form_token=\(csrf)")
            #expect(again.status == 200)
            #expect(again.text.contains("You are unsubscribed"))
            #expect(try newsletter.listBytes() == before)
        }
    }

    @Test("the form is refused without a genuine form token for this very link, or from another site")
    func formNeedsItsToken() async throws {
        let newsletter = try NewsletterFolder(readers: 3)
        let token = try NewsletterFolder.token(NewsletterFolder.reader(1))
        let otherToken = try NewsletterFolder.token(NewsletterFolder.reader(2))
        let before = try newsletter.listBytes()
        try await withServer(newsletter, baseURL: "https://news.example.com/decoding-asia") { base in
            let page = try await Web.get("\(base)/unsubscribe?token=\(otherToken)")
            let csrfForOther = try #require(formToken(in: page.text))
            let mine = try #require(formToken(in: try await Web.get("\(base)/unsubscribe?token=\(token)").text))
            let url = "\(base)/unsubscribe?token=\(token)"

            // No token, a forged one, and one made for another reader's link.
            #expect(try await Web.post(url, body: "confirm=1").status == 400)
            #expect(try await Web.post(url, body: "form_token=1764486000.AAAA").status == 403)
            #expect(try await Web.post(url, body: "form_token=\(csrfForOther)").status == 403)
            // A genuine token, but sent from another site.
            let crossSite = try await Web.post(
                url, body: "form_token=\(mine)", headers: ["Sec-Fetch-Site: cross-site"])
            #expect(crossSite.status == 403)
            let otherOrigin = try await Web.post(
                url, body: "form_token=\(mine)", headers: ["Origin: https://evil.example"])
            #expect(otherOrigin.status == 403)
            #expect(try newsletter.listBytes() == before)

            // From the public origin, it goes through.
            let good = try await Web.post(
                url, body: "form_token=\(mine)", headers: ["Origin: https://news.example.com"])
            #expect(good.status == 200)
        }
        #expect(try newsletter.status(of: NewsletterFolder.reader(1)) == .unsubscribed)
        #expect(try newsletter.status(of: NewsletterFolder.reader(2)) == .active)
    }

    @Test("a form sent back after a day is shown again with a new token, and changes nothing")
    func expiredFormIsShownAgain() async throws {
        let newsletter = try NewsletterFolder(readers: 2)
        let token = try NewsletterFolder.token(NewsletterFolder.reader(0))
        let clock = Mutex(Date(timeIntervalSince1970: 1_764_000_000))
        try await withServer(newsletter, now: { clock.withLock { $0 } }) { base in
            let page = try await Web.get("\(base)/unsubscribe?token=\(token)")
            let csrf = try #require(formToken(in: page.text))
            clock.withLock { $0 += 25 * 60 * 60 }
            let late = try await Web.post("\(base)/unsubscribe?token=\(token)", body: "form_token=\(csrf)")
            #expect(late.status == 403)
            #expect(late.text.contains("Press the button once more"))
            let fresh = try #require(formToken(in: late.text))
            #expect(fresh != csrf)
            #expect(try newsletter.status(of: NewsletterFolder.reader(0)) == .active)

            let done = try await Web.post("\(base)/unsubscribe?token=\(token)", body: "form_token=\(fresh)")
            #expect(done.status == 200)
        }
        #expect(try newsletter.status(of: NewsletterFolder.reader(0)) == .unsubscribed)
    }

    @Test("every answer reads the same whether the address is active, unsubscribed already, or not on the list")
    func answersRevealNothing() async throws {
        let newsletter = try NewsletterFolder(readers: 2)
        // reader0000 is on the list; reader0009 never was.
        let onList = try NewsletterFolder.token(NewsletterFolder.reader(0))
        let offList = try NewsletterFolder.token(NewsletterFolder.reader(9))
        try await withServer(newsletter) { base in
            let first = try await Web.oneClick(base, token: onList)
            let repeated = try await Web.oneClick(base, token: onList)
            let stranger = try await Web.oneClick(base, token: offList)
            for response in [first, repeated, stranger] {
                #expect(response.status == 200)
                #expect(response.body.isEmpty)
            }
            let pageOn = try await Web.get("\(base)/unsubscribe?token=\(onList)")
            let pageOff = try await Web.get("\(base)/unsubscribe?token=\(offList)")
            #expect(pageOn.status == pageOff.status)
            let normalise = { (html: String, email: String) in
                html.replacingOccurrences(of: email, with: "ADDRESS")
                    .replacingOccurrences(of: formToken(in: html) ?? "-", with: "FORM")
                    .replacingOccurrences(of: try NewsletterFolder.token(email), with: "TOKEN")
            }
            #expect(
                try normalise(pageOn.text, NewsletterFolder.reader(0))
                    == normalise(pageOff.text, NewsletterFolder.reader(9)))
        }
        // The stranger's wish is kept: the address is suppressed, so a later import cannot mail it.
        let suppression = try SuppressionList.load(from: newsletter.suppressionFile)
        #expect(suppression.contains(try EmailAddress(NewsletterFolder.reader(9))))
        #expect(try newsletter.loadList().count == 2)
    }

    @Test("a list with a broken row is never rewritten, yet the unsubscribe is honoured through the suppression file")
    func brokenListStillHonoursUnsubscribe() async throws {
        let newsletter = try NewsletterFolder(readers: 2)
        let broken = try String(contentsOf: newsletter.listFile, encoding: .utf8) + "\"unclosed,quote\n"
        try Data(broken.utf8).write(to: newsletter.listFile)
        let token = try NewsletterFolder.token(NewsletterFolder.reader(1))
        try await withServer(newsletter) { base in
            let response = try await Web.oneClick(base, token: token)
            #expect(response.status == 200)
        }
        #expect(try String(contentsOf: newsletter.listFile, encoding: .utf8) == broken)
        let suppression = try SuppressionList.load(from: newsletter.suppressionFile)
        #expect(suppression.contains(try EmailAddress(NewsletterFolder.reader(1))))
        #expect(!suppression.contains(try EmailAddress(NewsletterFolder.reader(0))))
    }

    @Test("200 concurrent one-click POSTs while `digest subscribers import` adds readers: all succeed and are kept")
    func concurrentOneClicks() async throws {
        let readers = 400
        let newsletter = try NewsletterFolder(readers: readers)
        // Every other reader unsubscribes: 200 requests, 16 at a time.
        let chosen = stride(from: 0, to: readers, by: 2).map { NewsletterFolder.reader($0) }
        let tokens = try chosen.map(NewsletterFolder.token)
        // Meanwhile the CLI imports 3 files of 50 new readers each, under the same lock.
        var imports: [URL] = []
        for batch in 0..<3 {
            var csv = "email,name\n"
            for index in 0..<50 { csv += "new\(batch)-\(index)@example.org,New \(index)\n" }
            imports.append(try newsletter.directory.write(csv, to: "import-\(batch).csv"))
        }
        let files = imports
        let root = newsletter.root.path
        let (statuses, importResults) = try await withServer(newsletter) { base in
            try await Web.offThePool {
                let results = Mutex([Int](repeating: 0, count: tokens.count))
                let failures = Mutex([String]())
                let importResults = Mutex([CommandResult]())
                let imported = DispatchSemaphore(value: 0)
                let importer = Thread {
                    defer { imported.signal() }
                    for file in files {
                        if let result = try? DigestBinary().run(
                            ["--root", root, "subscribers", "import", file.path, "--list", NewsletterFolder.list])
                        {
                            importResults.withLock { $0.append(result) }
                        }
                    }
                }
                importer.start()
                DispatchQueue.concurrentPerform(iterations: 16) { worker in
                    guard let client = try? HTTPClient() else { return }
                    for index in stride(from: worker, to: tokens.count, by: 16) {
                        do {
                            let response = try client.post(
                                HTTPRequest(url: "\(base)/unsubscribe?token=\(tokens[index])"),
                                body: Data("List-Unsubscribe=One-Click".utf8))
                            results.withLock { $0[index] = response.status }
                        } catch {
                            failures.withLock { $0.append("\(error)") }
                        }
                    }
                }
                imported.wait()
                #expect(failures.withLock { $0 } == [])
                return (results.withLock { $0 }, importResults.withLock { $0 })
            }
        }
        #expect(statuses.allSatisfy { $0 == 200 }, "statuses: \(Set(statuses))")
        #expect(importResults.count == 3)
        for result in importResults { #expect(result.succeeded, "\(result)") }
        // The list reads back whole and valid, with every unsubscribe and every import kept, nobody else touched.
        let list = try newsletter.loadList()
        #expect(list.problems.isEmpty)
        #expect(list.count == readers + 150)
        for index in 0..<readers {
            let expected: SubscriberStatus = index.isMultiple(of: 2) ? .unsubscribed : .active
            #expect(list.subscriber(try EmailAddress(NewsletterFolder.reader(index)))?.status == expected)
        }
        for batch in 0..<3 {
            for index in 0..<50 {
                #expect(list.subscriber(try EmailAddress("new\(batch)-\(index)@example.org"))?.status == .active)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: newsletter.suppressionFile.path))
    }
}
