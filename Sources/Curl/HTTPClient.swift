import CCurl
import Foundation

/// A request (a GET unless it carries a body to POST) and the limits it runs under.
public struct HTTPRequest: Sendable {
    /// An `http` or `https` URL; others are refused, also as a redirect target.
    public var url: String
    /// A body to send with POST, and its `Content-Type`; nil for a GET.
    public var body: Data?
    public var contentType: String?
    /// Whether redirects are followed (up to `maxRedirects`); when false a 3xx answer is returned as it is.
    public var followsRedirects: Bool
    /// Extra request headers, as `Name: value` lines.
    public var headers: [String]
    /// Sent as `If-None-Match` for a conditional GET.
    public var etag: String?
    /// Sent as `If-Modified-Since` for a conditional GET (an HTTP date, as the server gave it).
    public var lastModified: String?
    /// The longest wait for a connection.
    public var connectTimeout: Duration
    /// The longest the whole transfer may take, redirects included.
    public var totalTimeout: Duration
    /// How many redirects are followed before the request fails.
    public var maxRedirects: Int
    /// The largest body accepted, in bytes.
    public var maxBodyBytes: Int

    /// Makes a GET request with the defaults the collector uses: 10 s to connect, 30 s in all,
    /// 5 redirects, a 20 MiB body.
    public init(
        url: String, headers: [String] = [], etag: String? = nil, lastModified: String? = nil,
        connectTimeout: Duration = .seconds(10), totalTimeout: Duration = .seconds(30), maxRedirects: Int = 5,
        maxBodyBytes: Int = 20 << 20, followsRedirects: Bool = true
    ) {
        self.url = url
        self.body = nil
        self.contentType = nil
        self.followsRedirects = followsRedirects
        self.headers = headers
        self.etag = etag
        self.lastModified = lastModified
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxRedirects = maxRedirects
        self.maxBodyBytes = maxBodyBytes
    }
}

/// What a server answered.
public struct HTTPResponse: Sendable {
    /// The HTTP status of the final response (after redirects).
    public var status: Int
    /// Header fields of the final response, names lower-cased, in the order received.
    public var headers: [(name: String, value: String)]
    /// The body, already decompressed when the server sent gzip or deflate.
    public var body: Data
    /// The URL after redirects.
    public var url: String

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first(where: { $0.name == wanted })?.value
    }
}

/// Fetches URLs with libcurl over one reused easy handle, so connections stay open between
/// requests to the same host. Not `Sendable`: make one per thread.
public final class HTTPClient {
    /// Sent as `User-Agent` on every request.
    public static let userAgent = "digest/0.1 (newsletter digest composer; +https://example.org/digest)"

    private let easy: EasyHandle

    /// Makes a client with its own libcurl handle. With `addresses`, every connection (redirects included) must go
    /// to an address the policy allows, else the request fails with ``CurlError/Code-swift.enum/refusedAddress``;
    /// `AddressPolicy.publicOnly` keeps a fetch off loopback, private and link-local networks.
    public init(addresses: AddressPolicy? = nil) throws {
        easy = try EasyHandle(addressPolicy: addresses)
    }

    /// Performs a GET. Any status comes back as a response; transport failures, timeouts and
    /// oversized bodies throw `CurlError`.
    public func get(_ request: HTTPRequest) throws -> HTTPResponse {
        var request = request
        request.body = nil
        return try perform(request)
    }

    /// Performs a POST of `body` (with `contentType`, default `application/x-www-form-urlencoded`); otherwise as
    /// `get`.
    public func post(_ request: HTTPRequest, body: Data, contentType: String? = nil) throws -> HTTPResponse {
        var request = request
        request.body = body
        request.contentType = contentType ?? "application/x-www-form-urlencoded"
        return try perform(request)
    }

    /// Performs the request: a POST when it has a body, else a GET.
    public func perform(_ request: HTTPRequest) throws -> HTTPResponse {
        try easy.reset()
        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_USERAGENT, HTTPClient.userAgent)
        try easy.set(CURLOPT_FOLLOWLOCATION, request.followsRedirects ? 1 : 0)
        try easy.set(CURLOPT_MAXREDIRS, request.maxRedirects)
        try easy.set(CURLOPT_ACCEPT_ENCODING, "")  // every encoding libcurl can decode
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeout.curlMilliseconds)
        try easy.set(CURLOPT_TIMEOUT_MS, request.totalTimeout.curlMilliseconds)
        try easy.set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(request.maxBodyBytes))
        // Only web protocols, also after a redirect: a feed must not send us to file:// or smtp://.
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_NOPROXY, HTTPClient.hostsWithoutProxy)
        var headers = request.headers
        if let etag = request.etag { headers.append("If-None-Match: \(etag)") }
        if let lastModified = request.lastModified { headers.append("If-Modified-Since: \(lastModified)") }
        if let body = request.body {
            // The body goes through the read callback, its length declared (no chunked encoding).
            try easy.set(CURLOPT_POST, 1)
            try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(body.count))
            headers.append("Content-Type: \(request.contentType ?? "application/x-www-form-urlencoded")")
            // No `Expect: 100-continue` round trip for a small form.
            headers.append("Expect:")
        }
        if !headers.isEmpty { try easy.set(CURLOPT_HTTPHEADER, list: headers) }

        let result: EasyHandle.Result
        do {
            result = try easy.perform(upload: request.body ?? Data(), bodyLimit: request.maxBodyBytes)
        } catch let error as CurlError where error.code == .transfer(Int(CURLE_FILESIZE_EXCEEDED.rawValue)) {
            // The server declared a Content-Length over the cap before sending anything.
            throw CurlError(
                code: .bodyTooLarge(limit: request.maxBodyBytes), url: request.url,
                message: "response is larger than the \(request.maxBodyBytes)-byte limit")
        }
        return HTTPResponse(
            status: result.responseCode,
            headers: result.headerLines.dropFirst().compactMap(HTTPClient.parseHeader),
            body: result.body,
            url: result.effectiveURL)
    }

    /// Loopback hosts never go through a proxy that the environment names (`http_proxy`), so a
    /// local server, the tests' among them, is always reached directly. Setting `CURLOPT_NOPROXY`
    /// replaces libcurl's reading of `no_proxy`/`NO_PROXY`, so the user's list is kept in it.
    static let hostsWithoutProxy: String = {
        let environment = ProcessInfo.processInfo.environment
        let listed = (environment["no_proxy"] ?? environment["NO_PROXY"] ?? "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if listed.contains("*") { return "*" }
        return (["localhost", "127.0.0.1", "::1"] + listed).joined(separator: ",")
    }()

    private static func parseHeader(_ line: String) -> (name: String, value: String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (name, value)
    }
}

/// Writes bytes to a URL that accepts uploads (`file://`, and the same path the SMTP sender uses).
public enum Upload {
    /// Uploads `data` to `url`, creating or replacing the file for `file://` URLs.
    public static func put(_ data: Data, to url: String) throws {
        let easy = try EasyHandle()
        try easy.set(CURLOPT_URL, url)
        try easy.set(CURLOPT_UPLOAD, 1)
        try easy.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(data.count))
        _ = try easy.perform(upload: data)
    }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Milliseconds for a libcurl timeout option, where 0 means "no timeout": a positive duration
    /// under 1 ms becomes 1 ms rather than switching the timeout off.
    var curlMilliseconds: Int {
        guard self > .zero else { return 0 }
        return Int(clamping: Swift.max(milliseconds, 1))
    }
}
