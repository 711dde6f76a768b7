import Curl
import DigestTestSupport
import Foundation
import Subscribers
import Testing

@testable import WebServer

/// Sign-up with double opt-in and the preferences page, against the server on 127.0.0.1 and the aiosmtpd relay.
@Suite(.serialized)
struct SignupTests {
    static let newcomer = "new.reader@example.org"

    /// A relay on loopback that captures what it is sent, and settings for it.
    struct Relay {
        let directory: TemporaryDirectory
        let server: LoopbackSMTPServer

        init() throws {
            directory = try TemporaryDirectory(prefix: "digest-serve-relay")
            server = try LoopbackSMTPServer(in: directory.url)
        }

        var settings: SMTPSettings {
            SMTPSettings(url: server.url, ehloName: "localhost", allowPlaintext: true)
        }

        /// The messages captured for `recipient`, waiting up to `timeout` for `count` of them.
        func messages(to recipient: String, count: Int = 1, timeout: TimeInterval = 20) async throws -> [String] {
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                let found = try server.messages().filter { $0.recipient == recipient }.map {
                    String(decoding: $0.data, as: UTF8.self)
                }
                if found.count >= count || Date() > deadline { return found }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// The sign-up form's token, fetched as a browser would.
    static func signupFormToken(_ base: String) async throws -> String {
        let form = try await Web.get("\(base)/subscribe")
        #expect(form.status == 200)
        return try #require(formToken(in: form.text))
    }

    static func signUp(
        _ base: String, email: String, name: String = "", sections: [String] = [], client: String = "198.51.100.1"
    ) async throws -> HTTPResponse {
        let token = try await signupFormToken(base)
        var fields = [
            "form_token=\(encode(token))", "theme=\(NewsletterFolder.theme)", "email=\(encode(email))",
            "name=\(encode(name))",
        ]
        fields += sections.map { "section=\(encode($0))" }
        return try await Web.post(
            "\(base)/subscribe", body: fields.joined(separator: "&"), headers: ["X-Forwarded-For: \(client)"])
    }

    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// The confirmation link in a captured message (its body is quoted-printable).
    static func confirmationLink(in message: String) throws -> String {
        let body = message.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=3D", with: "=")
        let match = try #require(
            body.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+\/subscribe\/confirm\?token=[A-Za-z0-9_.-]+/))
        return String(match.output)
    }

    @Test("sign-up → the confirmation mail is captured → its link (GET, then the button's POST) activates the reader")
    func signupConfirmationActivates() async throws {
        let newsletter = try NewsletterFolder(readers: 2)
        let relay = try Relay()
        try await withServer(newsletter, smtp: relay.settings) { base in
            let answer = try await Self.signUp(
                base, email: Self.newcomer, name: "Ana Reyes", sections: ["southeast-asia"], client: "203.0.113.7")
            #expect(answer.status == 200)
            #expect(answer.text.contains("Check your inbox"))
            #expect(try newsletter.status(of: Self.newcomer) == nil)

            let mail = try #require(try await relay.messages(to: Self.newcomer).first)
            #expect(mail.contains("Subject: Confirm your subscription to Decoding Asia"))
            #expect(mail.contains("From: Decoding Asia <"))
            let link = try Self.confirmationLink(in: mail)

            // Following the link shows a button and changes nothing.
            let page = try await Web.get(link)
            #expect(page.status == 200)
            #expect(page.text.contains("Confirm my subscription"))
            #expect(try newsletter.status(of: Self.newcomer) == nil)

            let before = Date()
            let confirmToken = try #require(formToken(in: page.text))
            let done = try await Web.post(
                link, body: "form_token=\(Self.encode(confirmToken))", headers: ["X-Forwarded-For: 203.0.113.7"])
            #expect(done.status == 200)
            #expect(done.text.contains("You are subscribed"))
            #expect(done.text.contains("/preferences?token="))

            let list = try newsletter.loadList()
            let reader = try #require(list.subscriber(try EmailAddress(Self.newcomer)))
            #expect(reader.status == .active)
            #expect(reader.name == "Ana Reyes")
            #expect(reader.sections == ["southeast-asia"])
            #expect(reader.source == "web")
            #expect(list.columns.suffix(2) == ["consent_at", "consent_ip"])
            let fields = Dictionary(uniqueKeysWithValues: reader.extraFields.map { ($0.name, $0.value) })
            #expect(fields["consent_ip"] == "203.0.113.7")
            let consent = try #require(fields["consent_at"].flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(abs(consent.timeIntervalSince(before)) < 60)
            // The readers already there are untouched, and the list stays readable with its new columns.
            #expect(list.count == 3)
            #expect(try newsletter.status(of: NewsletterFolder.reader(0)) == .active)
            let csv = String(decoding: try newsletter.listBytes(), as: UTF8.self)
            #expect(csv.hasPrefix("email,name,sections,status,added_at,source,consent_at,consent_ip\n"))
        }
    }

    @Test(
        "the confirmation's MAIL FROM is the theme's bounce_address when it has one, else the sender, as `send` does",
        arguments: [("bounces@example.com", "bounces@example.com"), (nil, "digest@example.com")])
    func confirmationEnvelopeSender(bounceAddress: String?, expected: String) async throws {
        let newsletter = try NewsletterFolder(readers: 1)
        if let bounceAddress {
            let theme = newsletter.root.appendingPathComponent("Templates/\(NewsletterFolder.theme)/theme.yaml")
            let text = try String(contentsOf: theme, encoding: .utf8)
            #expect(text.contains("#   bounce_address: bounces@example.com"))
            try text.replacingOccurrences(
                of: "#   bounce_address: bounces@example.com", with: "bounce_address: \(bounceAddress)"
            ).write(to: theme, atomically: true, encoding: .utf8)
        }
        let relay = try Relay()
        try await withServer(newsletter, smtp: relay.settings) { base in
            let answer = try await Self.signUp(base, email: Self.newcomer)
            #expect(answer.status == 200)
            let mail = try #require(try await relay.messages(to: Self.newcomer).first)
            #expect(mail.contains("From: Decoding Asia <digest@example.com>"))
            let accepted = try relay.server.events().filter { $0.event == "accepted" && $0.rcpt == Self.newcomer }
            #expect(accepted.map(\.sender) == [expected])
        }
    }

    @Test("a tampered or expired confirmation token changes nothing")
    func badConfirmationTokens() async throws {
        let newsletter = try NewsletterFolder(readers: 1)
        let relay = try Relay()
        let secret = UnsubscribeSecret(NewsletterFolder.secret)
        let expired = SignupToken.make(
            SignupRequest(
                list: NewsletterFolder.list, email: Self.newcomer, name: "", sections: [],
                expires: Int64(Date().timeIntervalSince1970) - 60),
            secret: secret)
        let genuine = SignupToken.make(
            SignupRequest(
                list: NewsletterFolder.list, email: Self.newcomer, name: "", sections: [],
                expires: Int64(Date().timeIntervalSince1970) + 3600),
            secret: secret)
        // Another address in the payload, the signature kept.
        let decoded = try #require(Base64URL.decode(String(genuine.split(separator: ".")[0])))
        let payload = String(decoding: decoded, as: UTF8.self)
        let forged = Base64URL.encode(Data(payload.replacingOccurrences(of: "new.reader", with: "intruder").utf8))
        let tampered = forged + "." + genuine.split(separator: ".")[1]
        let listBefore = try newsletter.listBytes()
        try await withServer(newsletter, smtp: relay.settings) { base in
            for (token, status) in [(expired, 410), (tampered, 400), ("", 400), (genuine + "x", 400)] {
                let page = try await Web.get("\(base)/subscribe/confirm?token=\(token)")
                #expect(page.status == status, "GET \(token)")
                #expect(formToken(in: page.text) == nil)
                let post = try await Web.post(
                    "\(base)/subscribe/confirm?token=\(token)", body: "form_token=1.x")
                #expect(post.status == status, "POST \(token)")
            }
            #expect(try await Web.get("\(base)/subscribe/confirm?token=\(expired)").text.contains("expired"))
            // A genuine token still needs the page's form token.
            let noForm = try await Web.post("\(base)/subscribe/confirm?token=\(genuine)", body: "form_token=1.x")
            #expect(noForm.status == 403)
        }
        #expect(try newsletter.listBytes() == listBefore)
    }

    @Test("after the limits: one address gets the same page and no more mail; one client gets 429")
    func rateLimits() async throws {
        let newsletter = try NewsletterFolder(readers: 1)
        let relay = try Relay()
        let limits = SignupLimits(perAddress: 1, perClient: 3)
        try await withServer(newsletter, smtp: relay.settings, signupLimits: limits) { base in
            let first = try await Self.signUp(base, email: Self.newcomer, client: "198.51.100.9")
            let second = try await Self.signUp(base, email: Self.newcomer, client: "198.51.100.9")
            #expect(first.status == 200)
            #expect(second.status == 200)
            #expect(first.text == second.text)
            let third = try await Self.signUp(base, email: "other@example.org", client: "198.51.100.9")
            #expect(third.status == 200)
            let fourth = try await Self.signUp(base, email: "fourth@example.org", client: "198.51.100.9")
            #expect(fourth.status == 429)
            #expect(fourth.headers.contains { $0.name.lowercased() == "retry-after" })
            // Another client is not held back by the first.
            let elsewhere = try await Self.signUp(base, email: "fifth@example.org", client: "198.51.100.10")
            #expect(elsewhere.status == 200)

            // The queue is in order: once the last mail is there, every earlier one is too.
            #expect(try await relay.messages(to: "fifth@example.org").count == 1)
            let counts = try relay.server.messageCounts()
            #expect(counts[Self.newcomer] == 1)
            #expect(counts["other@example.org"] == 1)
            #expect(counts["fourth@example.org"] == nil)
        }
    }

    @Test("an address already on the list gets the same page as a new one, and no mail")
    func alreadySubscribed() async throws {
        let newsletter = try NewsletterFolder(readers: 2)
        let relay = try Relay()
        let member = NewsletterFolder.reader(1)
        let listBefore = try newsletter.listBytes()
        try await withServer(newsletter, smtp: relay.settings) { base in
            let known = try await Self.signUp(base, email: member)
            let unknown = try await Self.signUp(base, email: Self.newcomer)
            #expect(known.status == unknown.status)
            #expect(
                known.text.replacingOccurrences(of: member, with: "ADDRESS")
                    == unknown.text.replacingOccurrences(of: Self.newcomer, with: "ADDRESS"))
            #expect(try await relay.messages(to: Self.newcomer).count == 1)
            #expect(try relay.server.messageCounts()[member] == nil)
        }
        #expect(try newsletter.listBytes() == listBefore)
    }

    @Test("an address that is not an address is shown the form again with a message")
    func invalidAddress() async throws {
        let newsletter = try NewsletterFolder(readers: 1)
        let relay = try Relay()
        try await withServer(newsletter, smtp: relay.settings) { base in
            let answer = try await Self.signUp(base, email: "not an address", name: "<b>Eve</b>")
            #expect(answer.status == 422)
            #expect(answer.text.contains("aria-invalid=\"true\""))
            #expect(answer.text.contains("&lt;b&gt;Eve&lt;/b&gt;"))
            #expect(!answer.text.contains("<b>Eve"))
        }
    }

    @Test("a sign-up without the form's CSRF token is refused and sends nothing")
    func signupNeedsFormToken() async throws {
        let newsletter = try NewsletterFolder(readers: 1)
        let relay = try Relay()
        try await withServer(newsletter, smtp: relay.settings) { base in
            let answer = try await Web.post(
                "\(base)/subscribe", body: "theme=\(NewsletterFolder.theme)&email=\(Self.encode(Self.newcomer))")
            #expect(answer.status == 403)
            let crossSite = try await Web.post(
                "\(base)/subscribe",
                body: "form_token=\(Self.encode(try await Self.signupFormToken(base)))&email=a%40example.org",
                headers: ["Sec-Fetch-Site: cross-site"])
            #expect(crossSite.status == 403)
            try await Task.sleep(for: .milliseconds(500))
            #expect(try relay.server.messages().isEmpty)
        }
    }

    @Test("without a relay the sign-up form says it is closed")
    func signupClosedWithoutRelay() async throws {
        let newsletter = try NewsletterFolder(readers: 1)
        try await withServer(newsletter) { base in
            let form = try await Web.get("\(base)/subscribe")
            #expect(form.status == 200)
            #expect(form.text.contains("Sign-up is closed"))
            #expect(formToken(in: form.text) == nil)
        }
    }

    // MARK: Preferences

    @Test("a preferences POST without a valid CSRF token changes nothing")
    func preferencesNeedFormToken() async throws {
        let newsletter = try NewsletterFolder(readers: 1)
        let reader = NewsletterFolder.reader(0)
        let token = try NewsletterFolder.token(reader)
        let listBefore = try newsletter.listBytes()
        try await withServer(newsletter) { base in
            let url = "\(base)/preferences?token=\(token)"
            let page = try await Web.get(url)
            #expect(page.status == 200)
            #expect(page.text.contains(reader))
            let genuine = try #require(formToken(in: page.text))
            for body in [
                "name=Mallory&section=southeast-asia",
                "form_token=1764486000.AAAA&name=Mallory&section=southeast-asia",
                // A form token made for another reader's page.
                "form_token=\(Self.encode(FormToken(secret: UnsubscribeSecret(NewsletterFolder.secret)).issue(purpose: Routes.preferencesPurpose, subject: try NewsletterFolder.token(NewsletterFolder.reader(1)), now: Date())))&name=Mallory",
            ] {
                #expect(try await Web.post(url, body: body).status == 403, "\(body)")
            }
            let crossSite = try await Web.post(
                url, body: "form_token=\(Self.encode(genuine))&name=Mallory", headers: ["Sec-Fetch-Site: cross-site"])
            #expect(crossSite.status == 403)
            // A bad reader token is a clear page, not a form.
            let broken = try await Web.get("\(base)/preferences?token=\(token.dropLast())")
            #expect(broken.status == 400)
        }
        #expect(try newsletter.listBytes() == listBefore)
    }

    @Test("preferences change name and sections, and the next send --dry-run follows them")
    func preferencesDriveTheNextSend() async throws {
        let newsletter = try NewsletterFolder(readers: 2)
        let reader = NewsletterFolder.reader(0)
        let token = try NewsletterFolder.token(reader)
        try await withServer(newsletter) { base in
            let url = "\(base)/preferences?token=\(token)"
            let page = try await Web.get(url)
            #expect(page.text.contains("value=\"korean-peninsula\" checked"))
            let form = try #require(formToken(in: page.text))
            let saved = try await Web.post(
                url, body: "form_token=\(Self.encode(form))&name=Kim+Ji-woo&section=korean-peninsula")
            #expect(saved.status == 200)
            #expect(saved.text.contains("Saved."))
            #expect(saved.text.contains("value=\"korean-peninsula\" checked"))
            #expect(!saved.text.contains("value=\"southeast-asia\" checked"))
        }
        let subscriber = try #require(try newsletter.loadList().subscriber(try EmailAddress(reader)))
        #expect(subscriber.sections == ["korean-peninsula"])
        #expect(subscriber.name == "Kim Ji-woo")

        let result = try DigestBinary().run(
            ["--root", newsletter.root.path, "send", "--dry-run", "--week", NewsletterFolder.draftWeek],
            environment: ["DIGEST_UNSUBSCRIBE_SECRET": NewsletterFolder.secret, "XDG_CONFIG_HOME": "/nonexistent"],
            workingDirectory: newsletter.root)
        try #require(result.succeeded, "\(result)")
        let outbox = newsletter.root.appendingPathComponent(
            "Digests/\(NewsletterFolder.theme)/\(NewsletterFolder.draftWeek)/outbox")
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".eml") }
        let messages = try files.map {
            String(decoding: try Data(contentsOf: outbox.appendingPathComponent($0)), as: UTF8.self)
        }
        let chosen = try #require(messages.first { $0.contains("<\(reader)>") })
        let other = try #require(messages.first { $0.contains(NewsletterFolder.reader(1)) })
        // The bodies, without the headers (the subject names the top story for everyone).
        let unfolded = { (text: String) in
            String(text[(text.range(of: "\r\n\r\n")?.upperBound ?? text.startIndex)...])
                .replacingOccurrences(of: "=\r\n", with: "")
        }
        // Only the Korean Peninsula story for this reader; both for the other.
        let korean = "news.example.com/\(NewsletterFolder.draftWeek)/chips"
        let southeastAsian = "news.example.com/\(NewsletterFolder.draftWeek)/typhoon"
        #expect(unfolded(chosen).contains(korean))
        #expect(!unfolded(chosen).contains(southeastAsian))
        #expect(unfolded(other).contains(korean))
        #expect(unfolded(other).contains(southeastAsian))
        // Both parts link to the reader's own preferences page, next to the unsubscribe link.
        #expect(
            unfolded(chosen).contains(
                "Manage your preferences:\r\nhttps://example.com/decoding-asia/preferences?token=3D\(token)\r\n"))
        #expect(
            unfolded(chosen).contains("<a href=3D\"https://example.com/decoding-asia/preferences?token=3D\(token)\""))
    }
}
