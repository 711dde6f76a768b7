import Crypto
import Foundation

/// The collected articles of a newsletter: one JSON document per article in `Digests/articles/`.
///
/// The same item seen again (same id, or same content under another id) is stored once; a
/// changed version replaces the old one; saving an unchanged article writes nothing, so
/// collecting twice leaves every file as it was.
public struct ArticleStore: Sendable {
    /// The folder holding `<id>.json` files.
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// What saving one article did.
    public enum Outcome: Sendable, Equatable {
        case added
        case updated
        case unchanged
    }

    /// Saves an article, replacing an older version with the same id.
    public func save(_ article: Article, knownHashes: inout [String: String]) throws -> Outcome {
        let file = url(for: article.id)
        if let existing = try load(file) {
            if existing.contentHash == article.contentHash { return .unchanged }
            if let old = existing.updated ?? existing.published, let new = article.updated ?? article.published,
                new < old
            {
                return .unchanged  // an older copy of what we already have
            }
            try write(article, to: file)
            knownHashes[article.contentHash] = article.id
            return .updated
        }
        if let other = knownHashes[article.contentHash], other != article.id { return .unchanged }
        try write(article, to: file)
        knownHashes[article.contentHash] = article.id
        return .added
    }

    /// Every stored article, sorted by id so runs are deterministic.
    public func loadAll() throws -> [Article] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.compactMap(load)
    }

    /// Content hash → id for every stored article, to fold copies of one item.
    public func contentIndex() throws -> [String: String] {
        var index: [String: String] = [:]
        for article in try loadAll() { index[article.contentHash] = article.id }
        return index
    }

    private func url(for id: String) -> URL { folder.appendingPathComponent("\(id).json") }

    private func load(_ file: URL) throws -> Article? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            return try Self.decoder.decode(Article.self, from: Data(contentsOf: file))
        } catch {
            throw CollectorError(.corruptStore, source: file.path, message: "cannot read stored article: \(error)")
        }
    }

    private func write(_ article: Article, to file: URL) throws {
        try AtomicFile.write(try Self.encoder.encode(article), to: file)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// A short stable id: the first 16 bytes of SHA-256, in hex.
    public static func identifier(for key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// The hash that tells two versions of an article apart.
    public static func contentHash(title: String, paragraphs: [String]) -> String {
        let digest = SHA256.hash(data: Data(([title] + paragraphs).joined(separator: "\n").utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
