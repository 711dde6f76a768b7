import Foundation
import Subscribers
import Testing

@testable import WebServer

@Suite("Form bodies")
struct FormDataTests {
    @Test("urlencoded fields are decoded: + is a space, %XX a byte")
    func urlEncoded() {
        let form = FormData(urlEncoded: "List-Unsubscribe=One-Click&name=Mei+Tan&city=S%C3%A3o%20Paulo&empty=&=x")
        #expect(form["List-Unsubscribe"] == "One-Click")
        #expect(form["name"] == "Mei Tan")
        #expect(form["city"] == "São Paulo")
        #expect(form["empty"] == "")
        #expect(form["missing"] == nil)
    }

    @Test("multipart/form-data parts are read by name, quoted boundary and all")
    func multipart() {
        let body = Array(
            ("preamble\r\n--b0und\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click"
                + "\r\n--b0und\r\nContent-Disposition: form-data; name=\"note\"\r\nContent-Type: text/plain\r\n\r\n"
                + "two\r\nlines\r\n--b0und--\r\n").utf8)
        let form = FormData(body: body, contentType: "multipart/form-data; boundary=\"b0und\"")
        #expect(form?["List-Unsubscribe"] == "One-Click")
        #expect(form?["note"] == "two\r\nlines")
    }

    @Test(
        "a broken multipart body or an unknown type is no form",
        arguments: [
            ("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nno end"),
            ("multipart/form-data", "--b\r\n\r\nx\r\n--b--"),
            ("application/json", "{\"List-Unsubscribe\":\"One-Click\"}"),
        ])
    func notAForm(contentType: String, body: String) {
        #expect(FormData(body: Array(body.utf8), contentType: contentType) == nil)
    }

    @Test("form tokens are bound to their subject and expire")
    func formTokens() {
        let tokens = FormToken(secret: .init("s"))
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        let token = tokens.issue(purpose: "unsubscribe", subject: "abc", now: now)
        #expect(tokens.check(token, purpose: "unsubscribe", subject: "abc", now: now) == .valid)
        #expect(tokens.check(token, purpose: "unsubscribe", subject: "abd", now: now) == .invalid)
        #expect(tokens.check(token, purpose: "preferences", subject: "abc", now: now) == .invalid)
        #expect(tokens.check(token, purpose: "unsubscribe", subject: "abc", now: now + 86_401) == .expired)
        #expect(
            FormToken(secret: .init("t")).check(token, purpose: "unsubscribe", subject: "abc", now: now) == .invalid)
        #expect(tokens.check("x.y.z", purpose: "unsubscribe", subject: "abc", now: now) == .invalid)
    }
}
