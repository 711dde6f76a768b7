import DigestTestSupport
import Foundation
import Testing

@testable import Subscribers

@Suite("Suppression and unsubscribe tokens")
struct SuppressionAndTokenTests {
    static let list =
        "email,name,sections,status,added_at,source\n"
        + "mei@example.com,Mei,,active,,form\n"
        + "tom@example.org,Tom,,active,,form\n"
        + "sofia@example.se,Sofia,,unsubscribed,,form\n"
        + "ana@example.com,Ana,,bounced,,form\n"
        + "hana@example.jp,Hana,,active,,form\n"

    @Test("the suppression file beside the list stops mail to its addresses, whatever their case")
    func suppressionFileIsHonoured() throws {
        let folder = try TemporaryDirectory()
        let url = folder.url(for: "asia.csv")
        try Data(Self.list.utf8).write(to: url)
        try Data("# relay bounces\nTOM@Example.ORG  # 550 user unknown\n\n".utf8)
            .write(to: folder.url(for: "asia.suppressed"))
        let list = try SubscriberList.load(from: url)
        #expect(list.problems.isEmpty)
        #expect(list.isSuppressed(try EmailAddress("tom@example.org")))
        #expect(list.activeRecipients.map(\.email.description) == ["mei@example.com", "hana@example.jp"])
        #expect(list.subscribers.count == 5)
    }

    @Test("a suppression file keeps its comments and notes, reports bad lines, and takes new addresses")
    func suppressionFileRoundTrip() throws {
        let text = "# hand-kept\nfoo#bar@example.com\nnot-an-address # oops\n\nx@example.com # complained\n"
        var suppression = SuppressionList(bytes: Array(text.utf8), file: "asia.suppressed")
        #expect(suppression.fileBytes() == Array(text.utf8))
        #expect(suppression.contains(try EmailAddress("foo#bar@example.com")))
        #expect(suppression.contains(try EmailAddress("X@EXAMPLE.com")))
        #expect(suppression.problems.map(\.line) == [3])
        #expect(suppression.problems.first?.description.hasPrefix("asia.suppressed:3: 'not-an-address'") == true)
        #expect(suppression.add(try EmailAddress("new@example.com"), note: "bounce\r\nBcc: y@z.com"))
        #expect(!suppression.add(try EmailAddress("NEW@example.com")))
        let written = String(decoding: suppression.fileBytes(), as: UTF8.self)
        #expect(written == text + "new@example.com  # bounce  Bcc: y@z.com\n")
        let reread = SuppressionList(bytes: suppression.fileBytes())
        #expect(reread.count == 3)
    }

    @Test("an address suppressed through the list is no longer a recipient")
    func suppressThroughList() throws {
        var list = try SubscriberList(csv: Array(Self.list.utf8))
        #expect(list.suppress(try EmailAddress("mei@example.com"), note: "complaint"))
        #expect(!list.suppress(try EmailAddress("mei@example.com")))
        #expect(list.activeRecipients.map(\.email.description) == ["tom@example.org", "hana@example.jp"])
    }

    @Test("a token names its address and round-trips on its own list")
    func tokenRoundTrip() throws {
        let secret = UnsubscribeSecret("operator-secret")
        let email = try EmailAddress("hana@東京.jp")
        let token = secret.token(list: "asia", email: email)
        #expect(secret.verify(token, list: "asia") == "hana@東京.jp")
        #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
    }

    /// Ways to turn a genuine token for tom@example.org into one that must be refused.
    static let tamperings: [(String, @Sendable (String) -> String)] = [
        (
            "one character of the signature changed",
            { token in
                // The first character of the signature: all six of its bits count (the last one's
                // low bits are padding).
                var characters = Array(token)
                guard let dot = characters.firstIndex(of: ".") else { return token }
                characters[dot + 1] = characters[dot + 1] == "A" ? "B" : "A"
                return String(characters)
            }
        ),
        (
            "the address swapped for another's",
            { token in
                let signature = token.split(separator: ".").last.map(String.init) ?? ""
                return UnsubscribeSecret.base64URL(Data("mei@example.com".utf8)) + "." + signature
            }
        ),
        ("cut short", { token in String(token.dropLast(4)) }),
        ("the signature left off", { token in String(token.split(separator: ".")[0]) }),
        ("empty", { _ in "" }),
        ("not base64 at all", { _ in "!!!.???" }),
    ]

    @Test("a tampered token is refused and unsubscribes nobody", arguments: tamperings)
    func tamperedToken(name: String, tamper: @Sendable (String) -> String) throws {
        let secret = UnsubscribeSecret("operator-secret")
        var list = try SubscriberList(csv: Array(Self.list.utf8))
        let token = tamper(secret.token(list: "asia", email: try EmailAddress("tom@example.org")))
        #expect(secret.verify(token, list: "asia") == nil, "\(name)")
        #expect(throws: SubscribersError.self) {
            _ = try list.unsubscribe(token: token, secret: secret, list: "asia")
        }
        #expect(list.activeRecipients.count == 3, "\(name)")
    }

    @Test("a token only works on its own list and with its own secret")
    func tokenForAnotherListOrSecret() throws {
        let secret = UnsubscribeSecret("operator-secret")
        let token = secret.token(list: "asia", email: try EmailAddress("tom@example.org"))
        #expect(secret.verify(token, list: "europe") == nil)
        #expect(UnsubscribeSecret("another-secret").verify(token, list: "asia") == nil)
    }

    @Test("a genuine token unsubscribes its own address and nobody else's; twice is harmless")
    func tokenUnsubscribes() throws {
        let secret = UnsubscribeSecret("operator-secret")
        var list = try SubscriberList(csv: Array(Self.list.utf8))
        let token = secret.token(list: "asia", email: try EmailAddress("tom@example.org"))
        let first = try list.unsubscribe(token: " \(token)\n", secret: secret, list: "asia")
        #expect(first.email.description == "tom@example.org" && first.changed)
        #expect(list.subscriber(try EmailAddress("tom@example.org"))?.status == .unsubscribed)
        #expect(list.activeRecipients.map(\.email.description) == ["mei@example.com", "hana@example.jp"])
        let second = try list.unsubscribe(token: token, secret: secret, list: "asia")
        #expect(!second.changed)
        #expect(list.subscribers.filter { $0.status == .unsubscribed }.count == 2)
    }

    @Test("unsubscribing an address that is not on the list is an error naming it")
    func unsubscribeUnknown() throws {
        var list = try SubscriberList(csv: Array(Self.list.utf8))
        #expect {
            try list.unsubscribe(try EmailAddress("nobody@example.com"))
        } throws: { error in
            (error as? SubscribersError)?.code == .notFound
                && (error as? SubscribersError)?.reason.contains("nobody@example.com") == true
        }
    }

    @Test("a secret under 32 bytes, from the variable or the file, is refused with the fix in the message")
    func shortSecret() throws {
        let folder = try TemporaryDirectory()
        let file = folder.url(for: "Subscribers/.unsubscribe-secret")
        let fromVariable = #expect(throws: SubscribersError.self) {
            try UnsubscribeSecret.load(environment: ["DIGEST_UNSUBSCRIBE_SECRET": "a"], file: file)
        }
        #expect(fromVariable?.description.contains("holds 1 bytes") == true)
        #expect(fromVariable?.description.contains("openssl rand -base64 32") == true)
        _ = try folder.write("short\n", to: "Subscribers/.unsubscribe-secret")
        chmod(file.path, 0o600)
        let fromFile = #expect(throws: SubscribersError.self) {
            try UnsubscribeSecret.load(environment: [:], file: file)
        }
        #expect(fromFile?.description.contains("has 5 bytes") == true)
        // A secret made by digest itself is long enough.
        let fresh = folder.url(for: "other/.unsubscribe-secret")
        _ = try UnsubscribeSecret.load(environment: [:], file: fresh)
    }
}
