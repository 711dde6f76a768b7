import Foundation
import Testing

@testable import Subscribers

@Suite("Unsubscribe links")
struct UnsubscribeLinkTests {
    @Test("a reader's link is the template with their token, which needs no encoding")
    func readerLink() throws {
        let secret = UnsubscribeSecret("a secret long enough for the tests of this suite")
        let email = try EmailAddress("mei@example.com")
        let token = secret.token(list: "decoding-asia", email: email)
        let link = UnsubscribeLink.url(
            "https://example.org/u?token={token}&again={token}", list: "decoding-asia", email: email, secret: secret)
        #expect(link == "https://example.org/u?token=\(token)&again=\(token)")
        #expect(secret.verify(String(link.split(separator: "=")[1].prefix(token.count)), list: "decoding-asia") != nil)
    }

    @Test("a token read from a request is percent-encoded as a query value")
    func encodesForeignTokens() {
        #expect(
            UnsubscribeLink.url("/unsubscribe?token={token}", token: "a b&c=d/é")
                == "/unsubscribe?token=a%20b%26c%3Dd%2F%C3%A9")
        #expect(UnsubscribeLink.url("/p?token={token}", token: "Az09-._~") == "/p?token=Az09-._~")
    }
}
