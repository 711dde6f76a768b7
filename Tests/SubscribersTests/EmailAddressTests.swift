import Foundation
import Subscribers
import Testing

@Suite("E-mail address validation")
struct EmailAddressTests {
    @Test(
        "valid addresses are accepted",
        arguments: [
            "mei@example.com",
            "first.last+tag@mail.example.co.uk",
            "o'brien@example.ie",
            "x!#$%&'*+-/=?^_`{|}~y@example.org",
            "user@sub-domain.example",
            "a@b.co",
            "jiwoo@예시.한국",
            "lea@bücher.de",
        ])
    func valid(text: String) throws {
        let address = try EmailAddress(text)
        #expect(address.description == text)
    }

    @Test(
        "invalid addresses are refused with a reason",
        arguments: [
            ("a@b", "needs at least one dot"),
            ("x@y.com\r\nBcc: z@w.com", "line break"),
            ("x@y.com\nBcc: z@w.com", "line break"),
            ("an a@example.com", "contains a space"),
            ("Ana <ana@example.com>", "display name"),
            ("", "empty"),
            ("no-at-sign.example.com", "no '@'"),
            ("@example.com", "nothing comes before"),
            ("mei@", "nothing comes after"),
            ("a@b@example.com", "more than one '@'"),
            ("\"quoted\"@example.com", "quoted local parts"),
            (".dot@example.com", "dot"),
            ("dot.@example.com", "dot"),
            ("two..dots@example.com", "two dots"),
            ("a(b)@example.com", "needs quoting"),
            ("léa@example.fr", "SMTPUTF8"),
            ("mei@[192.0.2.1]", "address literals"),
            ("mei@example..com", "empty label"),
            ("mei@example.com.", "empty label"),
            ("mei@-example.com", "hyphen"),
            ("mei@exa_mple.com", "character '_'"),
            ("mei@192.0.2.1", "all digits"),
            ("mei@☃.example", "character '☃'"),
            (String(repeating: "a", count: 65) + "@example.com", "64 octets"),
            ("mei@" + String(repeating: "a", count: 64) + ".com", "63 octets"),
            (String(repeating: "a", count: 64) + "@" + String(repeating: "b.", count: 95) + "com", "254 octets"),
            ("tab\there@example.com", "space"),
            ("nul\u{0}@example.com", "control character"),
        ])
    func invalid(text: String, reason: String) {
        do {
            let address = try EmailAddress(text)
            Issue.record("accepted \(address)")
        } catch {
            #expect(error.code == .invalidAddress)
            #expect(error.reason.contains(reason), "\(error.reason)")
            #expect(!error.reason.contains("\n") && !error.reason.contains("\r"))
        }
    }

    @Test("the domain is stored lower-cased and compared without case; the local part keeps its case")
    func domainCase() throws {
        let upper = try EmailAddress("Mei.Lin@Example.COM")
        #expect(upper.domain == "example.com")
        #expect(upper.localPart == "Mei.Lin")
        #expect(upper == (try EmailAddress("Mei.Lin@example.com")))
        #expect(upper != (try EmailAddress("mei.lin@example.com")))
    }

    @Test(
        "internationalised domains are accepted and have an ASCII form",
        arguments: [
            ("mei@Bücher.DE", "bücher.de", "xn--bcher-kva.de"),
            ("mei@東京.jp", "東京.jp", "xn--1lqs71d.jp"),
            ("mei@例え.テスト", "例え.テスト", "xn--r8jz45g.xn--zckzah"),
            ("mei@münchen。de", "münchen.de", "xn--mnchen-3ya.de"),
            ("mei@example.com", "example.com", "example.com"),
        ])
    func internationalDomain(text: String, domain: String, ascii: String) throws {
        let address = try EmailAddress(text)
        #expect(address.domain == domain)
        #expect(address.asciiDomain == ascii)
        #expect(address.ascii == "mei@" + ascii)
    }

    @Test(
        "a domain typed in its xn-- form is stored as the same Unicode domain, so the two are one address",
        arguments: [
            ("mei@xn--bcher-kva.de", "mei@Bücher.DE"),
            ("mei@XN--1LQS71D.jp", "mei@東京.jp"),
            ("mei@xn--r8jz45g.xn--zckzah", "mei@例え.テスト"),
            ("mei@mail.xn--mnchen-3ya.de", "mei@mail.münchen.de"),
        ])
    func punycodeDomain(ascii: String, unicode: String) throws {
        let typed = try EmailAddress(ascii)
        let written = try EmailAddress(unicode)
        #expect(typed == written)
        #expect(typed.description == written.description)
        #expect(typed.ascii.lowercased() == ascii.lowercased())
    }

    @Test(
        "an xn-- label that is not valid Punycode is refused",
        arguments: ["mei@xn--.jp", "mei@xn--a.jp", "mei@xn--99999999999999a.jp"])
    func badPunycode(text: String) {
        #expect(throws: SubscribersError.self) { try EmailAddress(text) }
    }

    @Test(
        "a domain label may not begin with a combining mark, typed in xn-- or Unicode (found by Fuzz/FuzzCSV)",
        arguments: ["dres@xn--r4-r4jz45g.jps", "dres@\u{1C34}r4\u{103E}.jps", "mei@\u{0301}a.example"])
    func labelStartsWithCombiningMark(text: String) throws {
        // Stored as Unicode, such a domain would join the '@' to its mark (one character), and the saved list
        // could no longer be read: "it has no '@'".
        let error = try #require(throws: SubscribersError.self) { try EmailAddress(text) }
        #expect(error.code == .invalidAddress)
        #expect(error.reason.contains("begins with a combining mark"))
    }

    @Test(
        "an xn-- label that stands for plain ASCII, or for another xn-- label, is refused (found by Fuzz/FuzzCSV)",
        arguments: ["a@xn--abc-.example", "a@xn--xn--r6jz-.jps", "not-an-addres@xn--xn--r6jzSSSH5jz45g-.jps"])
    func asciiPunycode(text: String) throws {
        // Stored as its decoded form, `xn--r6jz.jps`, it would be read as Punycode again and refused: the subscriber
        // imported would be lost from the saved list.
        let error = try #require(throws: SubscribersError.self) { try EmailAddress(text) }
        #expect(error.code == .invalidAddress)
        #expect(error.reason.contains("non-ASCII"))
    }

    @Test("every address accepted reads back from its own spelling as the same address")
    func readsBack() throws {
        for text in ["mei@xn--bcher-kva.de", "mei@東京.jp", "a.b@xn--r8jz45g.xn--zckzah", "x@ab\u{0301}c.example"] {
            let address = try EmailAddress(text)
            #expect(try EmailAddress(address.description) == address)
        }
    }

    @Test("the longest addresses allowed are accepted")
    func longest() throws {
        let local = String(repeating: "a", count: 64)
        let domain =
            String(repeating: "b", count: 63) + "." + String(repeating: "c", count: 63) + "."
            + String(repeating: "d", count: 61)
        let text = local + "@" + domain
        #expect(text.utf8.count == 254)
        #expect(try EmailAddress(text).description == text)
    }

    @Test("an address is stored in JSON as its string and validated when read back")
    func codable() throws {
        let address = try EmailAddress("Mei@Example.COM")
        let json = try JSONEncoder().encode([address])
        #expect(String(decoding: json, as: UTF8.self) == "[\"Mei@example.com\"]")
        #expect(try JSONDecoder().decode([EmailAddress].self, from: json) == [address])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([EmailAddress].self, from: Data("[\"a@b\"]".utf8))
        }
    }
}
