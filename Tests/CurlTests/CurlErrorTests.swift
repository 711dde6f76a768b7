import CCurl
import Curl
import DigestTestSupport
import Foundation
import Testing

@Suite("CurlError")
struct CurlErrorTests {
    @Test("connecting to a closed loopback port names the URL and curl's reason")
    func connectionRefused() throws {
        let url = "http://127.0.0.1:\(try LoopbackPort.unused())/feed.xml"
        let error = try #require(throws: CurlError.self) {
            try HTTPClient().get(HTTPRequest(url: url, connectTimeout: .seconds(5)))
        }
        #expect(error.code == .transfer(Int(CURLE_COULDNT_CONNECT.rawValue)))
        #expect(error.description.hasPrefix(url))
        #expect(
            error.description.contains("Failed to connect") || error.description.contains("Couldn't connect"),
            "\(error)")
    }

    @Test("a password in the URL never reaches the error")
    func passwordRedactedInError() throws {
        let port = try LoopbackPort.unused()
        let url = "http://reader:hunter2@127.0.0.1:\(port)/feed.xml"
        let error = try #require(throws: CurlError.self) {
            try HTTPClient().get(HTTPRequest(url: url, connectTimeout: .seconds(5)))
        }
        #expect(error.url == "http://reader@127.0.0.1:\(port)/feed.xml")
        #expect(!error.description.contains("hunter2"), "\(error)")
        #expect(!String(reflecting: error).contains("hunter2"))
    }

    @Test(
        "redacting removes the password and nothing else",
        arguments: [
            ("smtp://user:secret@mail.example.org:587", "smtp://user@mail.example.org:587"),
            ("smtps://me%40example.org:p%40ss@127.0.0.1/", "smtps://me%40example.org@127.0.0.1/"),
            ("http://u:p@ss@127.0.0.1/x", "http://u@127.0.0.1/x"),
            ("http://user:@127.0.0.1/", "http://user@127.0.0.1/"),
            ("http://127.0.0.1:8080/path?q=a:b@c", "http://127.0.0.1:8080/path?q=a:b@c"),
            ("http://user@127.0.0.1/", "http://user@127.0.0.1/"),
            ("file:///tmp/out.bin", "file:///tmp/out.bin"),
            ("", ""),
        ])
    func redacting(url: String, expected: String) {
        #expect(CurlError.redacting(url) == expected)
        #expect(CurlError(code: .setup, url: url, message: "m").url == expected)
    }
}
