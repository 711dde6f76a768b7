import Curl
import Foundation
import Storage

/// How the collector behaves on the network.
public struct HTTPPolicy: Sendable {
    /// The longest wait for a connection.
    public var connectTimeout: Duration = .seconds(10)
    /// The longest one transfer may take, redirects included.
    public var totalTimeout: Duration = .seconds(30)
    /// Redirects followed before a fetch fails.
    public var maxRedirects = 5
    /// The least time between two requests to one host.
    public var politenessDelay: Duration = .seconds(1)
    /// Waits; injected so tests need not sleep.
    public var sleep: @Sendable (Duration) -> Void = { duration in
        let (seconds, attoseconds) = duration.components
        let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        if microseconds > 0 { usleep(useconds_t(clamping: microseconds)) }
    }
    /// Where the ETag and Last-Modified of each URL are kept, so collecting again costs a 304;
    /// nil keeps no validators.
    public var validatorFile: URL?
    /// Whether feeds and pages may be fetched from loopback, private, link-local and other non-public addresses
    /// (`--allow-private-hosts`). Off by default: a feed's item link to `http://127.0.0.1/…` or the cloud metadata
    /// address must not become an article mailed to every reader. The address checked is the one connected to, on
    /// every redirect (see `AddressPolicy`).
    public var allowsPrivateHosts = false

    /// The defaults: 10 s to connect, 30 s in all, 5 redirects, 1 s between requests to a host.
    public init(validatorFile: URL? = nil) {
        self.validatorFile = validatorFile
    }
}

/// The validators a server gave for each URL, kept in one small JSON file written atomically.
struct HTTPValidatorCache {
    struct Entry: Codable, Equatable {
        var etag: String?
        var lastModified: String?
    }

    let file: URL?
    private(set) var entries: [String: Entry] = [:]
    private var changed = false

    init(file: URL?) {
        self.file = file
        guard let file, let data = try? Data(contentsOf: file),
            let decoded = try? JSONDecoder().decode([String: Entry].self, from: data)
        else { return }  // a missing or damaged cache only costs full fetches
        entries = decoded
    }

    func entry(for url: String) -> Entry? { entries[url] }

    mutating func remember(_ response: HTTPResponse, for url: String) {
        let entry = Entry(etag: response.header("etag"), lastModified: response.header("last-modified"))
        guard entry.etag != nil || entry.lastModified != nil else { return }
        if entries[url] != entry {
            entries[url] = entry
            changed = true
        }
    }

    mutating func save() throws {
        guard changed, let file else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try AtomicFile.write(try encoder.encode(entries), to: file)
        } catch let failure as AtomicFile.Failure {
            throw CollectorError(.storeFailed, source: failure.path, message: failure.description)
        }
        changed = false
    }
}

/// Fetches feeds and pages over HTTP(S) with libcurl: bounded redirects, timeouts, a size cap,
/// gzip, our User-Agent, conditional GET from remembered validators, and a delay between
/// requests to one host. Not `Sendable`: one per collect run.
final class HTTPFetcher {
    /// What a fetch brought.
    enum Outcome {
        /// The server said the copy we have is current (304).
        case notModified
        /// A 2xx response.
        case fetched(HTTPResponse)
    }

    private let client: HTTPClient
    private let policy: HTTPPolicy
    private let maxBytes: Int
    private let now: @Sendable () -> Date
    private var cache: HTTPValidatorCache
    private var lastRequest: [String: Date] = [:]

    init(policy: HTTPPolicy, maxBytes: Int, now: @escaping @Sendable () -> Date) throws {
        client = try HTTPClient(addresses: policy.allowsPrivateHosts ? nil : .publicOnly)
        self.policy = policy
        self.maxBytes = maxBytes
        self.now = now
        cache = HTTPValidatorCache(file: policy.validatorFile)
    }

    /// GETs `url`, conditionally when `conditional` and validators are known. Any failure throws
    /// a `CollectorError` naming the URL.
    func fetch(_ url: String, conditional: Bool) throws -> Outcome {
        waitForHost(of: url)
        let known = conditional ? cache.entry(for: url) : nil
        let request = HTTPRequest(
            url: url,
            headers: [
                "Accept: application/rss+xml, application/atom+xml, application/feed+json, text/html;q=0.9, */*;q=0.5"
            ],
            etag: known?.etag, lastModified: known?.lastModified, connectTimeout: policy.connectTimeout,
            totalTimeout: policy.totalTimeout, maxRedirects: policy.maxRedirects, maxBodyBytes: maxBytes)
        let response: HTTPResponse
        do {
            response = try client.get(request)
        } catch let error as CurlError {
            switch error.code {
            case .bodyTooLarge:
                throw CollectorError(.tooLarge, source: url, message: error.message)
            case .refusedAddress:
                throw CollectorError(
                    .refusedAddress, source: url,
                    message: error.message + " (private, loopback and link-local hosts are fetched only when named "
                        + "with --allow-private-hosts, or 'allow_private_hosts: true' in the theme)")
            default:
                throw CollectorError(.fetchFailed, source: url, message: error.message)
            }
        }
        if response.status == 304 { return .notModified }
        guard (200..<300).contains(response.status) else {
            throw CollectorError(.fetchFailed, source: url, message: "the server answered HTTP \(response.status)")
        }
        return .fetched(response)
    }

    /// Keeps the response's validators for the next run (call once its items are stored).
    func remember(_ response: HTTPResponse, for url: String) {
        cache.remember(response, for: url)
    }

    /// Writes the validators file if it changed.
    func saveValidators() throws {
        try cache.save()
    }

    private func waitForHost(of url: String) {
        let host = URLComponents(string: url)?.host?.lowercased() ?? url
        let current = now()
        if let last = lastRequest[host] {
            let elapsed = current.timeIntervalSince(last)
            let delay =
                Double(policy.politenessDelay.components.seconds)
                + Double(policy.politenessDelay.components.attoseconds) / 1e18
            if elapsed < delay { policy.sleep(.milliseconds(Int64((delay - max(elapsed, 0)) * 1000))) }
        }
        lastRequest[host] = now()
    }

    /// `text/html; charset=Shift_JIS` gives `Shift_JIS`.
    static func charset(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            }
        }
        return nil
    }
}
