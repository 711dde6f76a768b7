import CCurl
import Curl
import DigestTestSupport
import Foundation
import Testing

/// `HTTPClient` against a real HTTP server on 127.0.0.1, one server per test.
@Suite("HTTPClient against a loopback server")
struct HTTPClientTests {
    let server: LoopbackHTTPServer

    init() throws {
        server = try LoopbackHTTPServer()
    }

    private func get(_ path: String) throws -> HTTPResponse {
        try HTTPClient().get(HTTPRequest(url: server.url(path)))
    }

    private func text(_ response: HTTPResponse) -> String {
        String(decoding: response.body, as: UTF8.self)
    }

    @Test("a GET returns the status, the headers and the body")
    func plainGet() throws {
        let response = try get("/text")
        #expect(response.status == 200)
        #expect(text(response) == LoopbackHTTPServer.textBody)
        #expect(response.url == server.url("/text"))
        #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(response.header("content-length") == String(LoopbackHTTPServer.textBody.utf8.count))
        #expect(response.header("server")?.hasPrefix("digest-test-server/") == true)
        #expect(response.headers.allSatisfy { $0.name == $0.name.lowercased() && !$0.name.isEmpty })
    }

    @Test("requests carry our User-Agent and the caller's extra headers")
    func userAgentArrives() throws {
        let request = HTTPRequest(url: server.url("/echo-headers"), headers: ["X-Digest-Test: yes"])
        let lines = text(try HTTPClient().get(request)).split(separator: "\n").map(String.init)
        #expect(lines.contains("User-Agent: \(HTTPClient.userAgent)"))
        #expect(lines.contains("X-Digest-Test: yes"))
    }

    @Test("a chain of three redirects is followed, and url is where it ended")
    func redirectChain() throws {
        let response = try HTTPClient().get(HTTPRequest(url: server.url("/redirect/3"), maxRedirects: 3))
        #expect(response.status == 200)
        #expect(response.url == server.url("/text"))
        #expect(text(response) == LoopbackHTTPServer.textBody)
        #expect(response.header("location") == nil, "headers are the final response's, not a 302's")
    }

    @Test("a chain longer than maxRedirects fails")
    func redirectChainTooLong() throws {
        let error = try #require(throws: CurlError.self) {
            try HTTPClient().get(HTTPRequest(url: self.server.url("/redirect/3"), maxRedirects: 2))
        }
        #expect(error.code == .transfer(Int(CURLE_TOO_MANY_REDIRECTS.rawValue)))
    }

    @Test("a redirect loop fails with curl's own words about the redirect limit")
    func redirectLoop() throws {
        let url = server.url("/loop")
        let error = try #require(throws: CurlError.self) {
            try HTTPClient().get(HTTPRequest(url: url, maxRedirects: 5))
        }
        #expect(error.code == .transfer(Int(CURLE_TOO_MANY_REDIRECTS.rawValue)))
        #expect(error.message.contains("Maximum (5) redirects followed"), "\(error)")
        #expect(error.description.contains(url))
    }

    @Test("a redirect to file:// is refused")
    func redirectToFileRefused() throws {
        let error = try #require(throws: CurlError.self) { try self.get("/redirect-to-file") }
        #expect(error.code == .transfer(Int(CURLE_UNSUPPORTED_PROTOCOL.rawValue)), "\(error)")
    }

    @Test("a gzip-encoded body arrives decoded")
    func gzipDecoded() throws {
        let response = try get("/gzip")
        #expect(response.status == 200)
        #expect(response.header("content-encoding") == "gzip", "the request must offer gzip")
        let wireSize = try #require(response.header("content-length").flatMap { Int($0) })
        #expect(wireSize < LoopbackHTTPServer.gzipText.utf8.count / 4, "the body really was compressed")
        #expect(text(response) == LoopbackHTTPServer.gzipText)
    }

    @Test("an HTTP error status comes back as a response, not an error", arguments: [404, 410, 500, 503])
    func errorStatusIsAResponse(code: Int) throws {
        let response = try get("/status/\(code)")
        #expect(response.status == code)
        #expect(text(response) == "status \(code)\n")
    }

    @Test("a conditional GET with the ETag gets 304 the second time")
    func conditionalGetWithETag() throws {
        let client = try HTTPClient()
        let url = server.url("/etag")
        let first = try client.get(HTTPRequest(url: url))
        #expect(first.status == 200)
        #expect(text(first) == LoopbackHTTPServer.textBody)
        let etag = try #require(first.header("etag"))
        #expect(etag == LoopbackHTTPServer.etag)
        #expect(first.header("last-modified") == LoopbackHTTPServer.lastModified)

        let second = try client.get(HTTPRequest(url: url, etag: etag))
        #expect(second.status == 304)
        #expect(second.body.isEmpty)
        #expect(second.header("etag") == etag)

        let stale = try client.get(HTTPRequest(url: url, etag: "\"an-older-version\""))
        #expect(stale.status == 200)
        #expect(text(stale) == LoopbackHTTPServer.textBody)
    }

    @Test("a conditional GET with Last-Modified alone gets 304 too")
    func conditionalGetWithLastModified() throws {
        let client = try HTTPClient()
        let first = try client.get(HTTPRequest(url: server.url("/feed.xml")))
        #expect(first.status == 200)
        #expect(text(first).contains("<rss version=\"2.0\""))
        let lastModified = try #require(first.header("last-modified"))

        let second = try client.get(HTTPRequest(url: server.url("/feed.xml"), lastModified: lastModified))
        #expect(second.status == 304)
        #expect(second.body.isEmpty)
    }

    @Test("a total timeout stops a slow server with curl's timeout message")
    func totalTimeout() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let error = try #require(throws: CurlError.self) {
            try HTTPClient().get(
                HTTPRequest(url: self.server.url("/slow?seconds=3"), totalTimeout: .milliseconds(300)))
        }
        let elapsed = clock.now - started
        #expect(error.code == .transfer(Int(CURLE_OPERATION_TIMEDOUT.rawValue)))
        #expect(error.message.contains("timed out after"), "\(error)")
        // The server answers only after 3 s: returning sooner means the timeout fired.
        #expect(elapsed < .seconds(3))
    }

    @Test("a timeout shorter than a millisecond still times out, rather than meaning none")
    func subMillisecondTimeout() throws {
        let error = try #require(throws: CurlError.self) {
            try HTTPClient().get(
                HTTPRequest(url: self.server.url("/slow?seconds=3"), totalTimeout: .microseconds(500)))
        }
        #expect(error.code == .transfer(Int(CURLE_OPERATION_TIMEDOUT.rawValue)), "\(error)")
    }

    @Test("a body larger than the cap, announced by Content-Length, is refused")
    func bodyOverCapWithLength() throws {
        let error = try #require(throws: CurlError.self) {
            try HTTPClient().get(HTTPRequest(url: self.server.url("/big?bytes=200000"), maxBodyBytes: 1000))
        }
        #expect(error.code == .bodyTooLarge(limit: 1000))
        #expect(error.message.contains("1000"))
    }

    @Test("a body that never ends is cut off at the cap")
    func endlessBodyHitsCap() throws {
        let request = HTTPRequest(
            url: server.url("/stream-forever"), totalTimeout: .seconds(60), maxBodyBytes: 100_000)
        let error = try #require(throws: CurlError.self) { try HTTPClient().get(request) }
        #expect(error.code == .bodyTooLarge(limit: 100_000), "\(error)")
    }

    @Test("a body exactly at the cap is accepted whole; one byte more is not")
    func bodyAtCap() throws {
        let client = try HTTPClient()
        let exact = try client.get(HTTPRequest(url: server.url("/big?bytes=1000"), maxBodyBytes: 1000))
        #expect(exact.status == 200)
        #expect(exact.body.count == 1000)
        #expect(throws: CurlError.self) {
            try client.get(HTTPRequest(url: self.server.url("/big?bytes=1001"), maxBodyBytes: 1000))
        }
    }

    @Test("one client serves twenty GETs in a row over one kept-alive connection")
    func twentySequentialGets() throws {
        let client = try HTTPClient()
        var clientPorts: Set<String> = []
        for index in 0..<20 {
            switch index % 3 {
            case 0:
                let response = try client.get(HTTPRequest(url: server.url("/connection")))
                #expect(response.status == 200)
                clientPorts.insert(text(response))
            case 1:
                let response = try client.get(HTTPRequest(url: server.url("/text")))
                #expect(response.status == 200)
                #expect(text(response) == LoopbackHTTPServer.textBody)
            default:
                let response = try client.get(HTTPRequest(url: server.url("/status/404")))
                #expect(response.status == 404)
            }
        }
        #expect(clientPorts.count == 1, "the connection was reopened: \(clientPorts)")
    }

    @Test("one request's headers and limits do not leak into the next")
    func optionsDoNotLeak() throws {
        let client = try HTTPClient()
        let first = HTTPRequest(
            url: server.url("/echo-headers"), headers: ["X-Only-Once: 1"], etag: "\"e\"", maxBodyBytes: 100_000)
        #expect(text(try client.get(first)).contains("X-Only-Once: 1"))
        _ = try #require(throws: CurlError.self) {
            try client.get(HTTPRequest(url: self.server.url("/big?bytes=5000"), maxBodyBytes: 10))
        }

        let second = try client.get(HTTPRequest(url: server.url("/echo-headers")))
        #expect(!text(second).contains("X-Only-Once"))
        #expect(!text(second).contains("If-None-Match"))
        let big = try client.get(HTTPRequest(url: server.url("/big?bytes=5000")))
        #expect(big.body.count == 5000)
    }

    @Test("a URL that is not http or https is refused", arguments: ["file:///etc/hostname", "smtp://127.0.0.1:1/"])
    func nonWebURLRefused(url: String) throws {
        let error = try #require(throws: CurlError.self) { try HTTPClient().get(HTTPRequest(url: url)) }
        #expect(error.code == .transfer(Int(CURLE_UNSUPPORTED_PROTOCOL.rawValue)), "\(error)")
    }
}
