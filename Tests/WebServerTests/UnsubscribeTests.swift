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

            let after = try newsletter.listState()
            let second = try await Web.oneClick(base, token: token)
            #expect(second.status == 200)
            #expect(second.body.isEmpty)
            // Idempotent: the second request changes nothing in the list as every command reads it.
            #expect(try newsletter.listState() == after)
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
        #expect(!FileManager.default.fileExists(atPath: newsletter.journalFile.path))
    }

    @Test("a GET of an unsubscribe link shows a confirmation form and unsubscribes nobody")
    func getDoesNotUnsubscribe() async throws {
        let newsletter = try NewsletterFolder(readers: 3)
        let target = NewsletterFolder.reader(0)
        let token = try NewsletterFolder.token(target)
        let before = try newsletter.listFiles()
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
            #expect(try newsletter.listFiles() == before)
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
            let before = try newsletter.listState()
            let again = try await Web.post("\(base)/unsubscribe?token=\(token)", body: "form_token=\(csrf)")
            #expect(again.status == 200)
            #expect(again.text.contains("You are unsubscribed"))
            #expect(try newsletter.listState() == before)
        }
    }

    @Test("the form is refused without a genuine form token for this very link, or from another site")
    func formNeedsItsToken() async throws {
        let newsletter = try NewsletterFolder(readers: 3)
        let token = try NewsletterFolder.token(NewsletterFolder.reader(1))
        let otherToken = try NewsletterFolder.token(NewsletterFolder.reader(2))
        let before = try newsletter.listFiles()
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
            #expect(try newsletter.listFiles() == before)

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
        #expect(try newsletter.loadList().isSuppressed(try EmailAddress(NewsletterFolder.reader(9))))
        #expect(try newsletter.loadList().count == 2)
        // Once folded into the files, too.
        try SubscriberList.edit(at: newsletter.listFile) { _ in }
        let suppression = try SuppressionList.load(from: newsletter.suppressionFile)
        #expect(suppression.contains(try EmailAddress(NewsletterFolder.reader(9))))
    }

    @Test("a list with a broken row is never rewritten, yet the unsubscribe is honoured through its journal")
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
        // `send` reads the list row by row: the reader is no recipient, the other one still is.
        let reader = try SubscriberListReader(url: newsletter.listFile)
        var recipients: [String] = []
        while let row = try reader.next() {
            if case .subscriber(let subscriber) = row, reader.isRecipient(subscriber) {
                recipients.append(subscriber.email.description)
            }
        }
        #expect(recipients == [NewsletterFolder.reader(0)])
        #expect(try newsletter.status(of: NewsletterFolder.reader(1)) == .unsubscribed)
    }

    @Test("after a quiet moment the server folds its journal into the list file")
    func serverFoldsWhenQuiet() async throws {
        let newsletter = try NewsletterFolder(readers: 3)
        let target = NewsletterFolder.reader(1)
        let token = try NewsletterFolder.token(target)
        try await withServer(newsletter, foldDelay: .milliseconds(300)) { base in
            #expect(try await Web.oneClick(base, token: token).status == 200)
            for _ in 0..<100 where FileManager.default.fileExists(atPath: newsletter.journalFile.path) {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: newsletter.journalFile.path))
        let csv = String(decoding: try newsletter.listBytes(), as: UTF8.self)
        #expect(csv.contains("\(target),Reader 1,,unsubscribed,2026-09-01T08:00:00Z,test\n"))
        #expect(csv.contains("\(NewsletterFolder.reader(0)),Reader 0,,active,"))
    }
}
