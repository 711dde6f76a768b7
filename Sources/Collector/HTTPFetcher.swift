import Curl
import Foundation

/// Fetches article pages over HTTP(S) with libcurl and extracts them.
final class HTTPFetcher {
    private let client: HTTPClient

    init() throws {
        client = try HTTPClient()
    }

    func article(at url: String, reader: Collector) throws -> Article {
        let response: HTTPResponse
        do {
            response = try client.get(HTTPRequest(url: url, maxBodyBytes: reader.maxBytes))
        } catch let error as CurlError {
            throw CollectorError(.fetchFailed, source: url, message: error.message)
        }
        guard (200..<300).contains(response.status) else {
            throw CollectorError(.fetchFailed, source: url, message: "the server answered HTTP \(response.status)")
        }
        let charset = response.header("content-type").flatMap(Self.charset)
        let provenance = Provenance(kind: .page, location: response.url, fetchedAt: reader.now())
        return try reader.article(fromHTML: response.body, provenance: provenance, displayName: url, encoding: charset)
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
