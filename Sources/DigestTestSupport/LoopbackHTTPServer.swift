import Foundation

/// A real HTTP/1.1 server on 127.0.0.1 for tests: `Servers/http_server.py`, on a port of its own.
///
/// Each test starts its own, so tests run in parallel. It never connects anywhere itself; its
/// redirects are relative paths on itself, or (`/redirect-to-port`) another port of 127.0.0.1. Routes
/// (GET and HEAD):
///
/// - `/text`: 200, `textBody` as `text/plain; charset=utf-8`.
/// - `/feed.xml`: a small RSS 2.0 feed (three items, one with `content:encoded`), with `feedETag`
///   and `lastModified`, answering 304 to a matching conditional GET.
/// - `/redirect/N`: N hops of 302, then `/text`; with `?to=/PATH`, then that path on this server.
/// - `/gzip-feed.xml`: the `/feed.xml` feed, gzip-encoded when the request allows gzip.
/// - `/loop`: 302 to itself, forever.
/// - `/redirect-to-file`: 302 to `file:///etc/hostname`, which a web client must refuse.
/// - `/redirect-to-port?port=P&to=/PATH`: 302 to `http://127.0.0.1:P/PATH`, another server on loopback.
/// - `/gzip`: `gzipText`, gzip-encoded with `Content-Encoding: gzip` only when the request's
///   `Accept-Encoding` allows gzip.
/// - `/etag`: `textBody` with `etag` and `lastModified`; 304 when `If-None-Match` matches (or,
///   without it, when `If-Modified-Since` is not before `lastModified`).
/// - `/slow?seconds=S`: sleeps S seconds (0...60), then answers like `/text`.
/// - `/big?bytes=N`: N bytes (up to 1 GiB) with a `Content-Length`.
/// - `/stream-forever`: a chunked body that never completes (it gives up after 256 MiB or two
///   minutes without sending the last chunk), for size caps.
/// - `/status/CODE`: that status (200...599) with the body `status CODE\n`.
/// - `/echo-headers`: the request's headers as `Name: value` lines.
/// - `/connection`: the client's port number, so a test can tell a reused connection.
/// - `/files/PATH`: a file under the folder given as `serving`, when one was.
public final class LoopbackHTTPServer: Sendable {
    /// The body of `/text`, `/etag` and `/slow`.
    public static let textBody = "Hello from the digest test server.\n"
    /// The body of `/gzip` once decoded: 200 numbered lines that compress well.
    public static let gzipText = (0..<200).map { index in
        let number = String(index)
        return "Line \(String(repeating: "0", count: 3 - number.count))\(number) of a body that compresses well.\n"
    }.joined()
    /// The `ETag` of `/etag`.
    public static let etag = "\"digest-etag-v1\""
    /// The `ETag` of `/feed.xml`.
    public static let feedETag = "\"digest-feed-v1\""
    /// The `Last-Modified` of `/etag` and `/feed.xml`.
    public static let lastModified = "Mon, 05 Jan 2026 09:40:00 GMT"

    /// The port the server listens on.
    public var port: Int { process.port }
    /// `http://127.0.0.1:<port>`, without a trailing slash.
    public let baseURL: String

    private let process: LoopbackServerProcess

    /// Starts a server and waits until it listens. With `serving`, files under that folder are
    /// served at `/files/<relative path>`.
    public init(serving folder: URL? = nil) throws {
        let arguments = folder.map { ["--root", $0.path] } ?? []
        process = try LoopbackServerProcess(scriptName: "http_server.py", arguments: arguments)
        baseURL = "http://127.0.0.1:\(process.port)"
    }

    /// The absolute URL of `path` on this server; `path` starts with `/`.
    public func url(_ path: String) -> String {
        baseURL + path
    }

    /// What the server wrote to stderr (Python tracebacks, if a route failed).
    public var log: String { process.log }

    /// Stops the server. Calling it again, or letting the server deinitialise, does nothing more.
    public func stop() {
        process.stop()
    }
}
