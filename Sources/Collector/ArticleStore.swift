import Crypto
import Foundation
import Storage

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

    /// What the store knows about its articles, to fold copies of one item: content hash → id
    /// and canonical link → id.
    public struct Index: Sendable {
        /// Content hash (also of replaced versions) → id.
        public var byHash: [String: String] = [:]
        /// Canonical link → id.
        public var byLink: [String: String] = [:]

        /// An empty index.
        public init() {}

        mutating func add(_ article: Article) {
            byHash[article.contentHash] = article.id
            for old in article.supersededHashes ?? [] where byHash[old] == nil { byHash[old] = article.id }
            if let url = article.url { byLink[ArticleStore.canonicalLink(url)] = article.id }
        }
    }

    /// Saves an article, replacing an older version with the same id.
    public func save(_ article: Article, knownHashes: inout [String: String]) throws -> Outcome {
        var index = Index()
        index.byHash = knownHashes
        let outcome = try save(article, index: &index)
        knownHashes = index.byHash
        return outcome
    }

    /// Saves an article once: the same id, or failing that the same canonical link, is the same
    /// item (a changed version replaces it, an older version seen again changes nothing); the same
    /// content under another id is a copy and is not stored again.
    public func save(_ article: Article, index: inout Index) throws -> Outcome {
        var article = article
        if article.signature == nil {
            article.signature = NearDuplicateSignature.simHash(title: article.title, paragraphs: article.paragraphs)
        }
        var existing = try load(url(for: article.id))
        if existing == nil, let link = article.url, let other = index.byLink[Self.canonicalLink(link)],
            other != article.id, let stored = try load(url(for: other))
        {
            // The same page under another GUID: it is the stored item.
            existing = stored
            article.id = other
        }
        if let existing {
            if existing.contentHash == article.contentHash { return .unchanged }
            if existing.supersededHashes?.contains(article.contentHash) == true { return .unchanged }
            if let old = existing.updated ?? existing.published, let new = article.updated ?? article.published,
                new < old
            {
                return .unchanged  // an older copy of what we already have
            }
            article.supersededHashes = Array(((existing.supersededHashes ?? []) + [existing.contentHash]).suffix(32))
            try write(article, to: url(for: article.id))
            index.add(article)
            return .updated
        }
        if let other = index.byHash[article.contentHash], other != article.id { return .unchanged }
        try write(article, to: url(for: article.id))
        index.add(article)
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
        try index().byHash
    }

    /// The hashes and links of every stored article.
    public func index() throws -> Index {
        var index = Index()
        for article in try loadAll() { index.add(article) }
        return index
    }

    /// A link reduced to what identifies the page: lower-case scheme and host, no fragment, no
    /// `utm_*` tracking parameters, no trailing slash.
    public static func canonicalLink(_ link: String) -> String {
        Article.canonicalLink(link)
    }

    /// True when an article with this id is stored.
    public func contains(id: String) -> Bool {
        FileManager.default.fileExists(atPath: url(for: id).path)
    }

    /// The stored article with this id, or nil (also when it cannot be read).
    public func article(id: String) -> Article? {
        (try? load(url(for: id))) ?? nil
    }

    private func url(for id: String) -> URL { folder.appendingPathComponent("\(id).json") }

    private func load(_ file: URL) throws -> Article? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw CollectorError(
                .corruptStore, source: file.path, message: "cannot read stored article: \(Collector.reason(error))")
        }
        do {
            return try StoredJSON.decoder.decode(Article.self, from: data)
        } catch {
            throw CollectorError(
                .corruptStore, source: file.path,
                message: "cannot read stored article: \(StoredJSON.describe(error, in: data))")
        }
    }

    private func write(_ article: Article, to file: URL) throws {
        do {
            try AtomicFile.write(try StoredJSON.encoder.encode(article), to: file)
        } catch let failure as AtomicFile.Failure {
            throw CollectorError(.storeFailed, source: failure.path, message: failure.description)
        }
    }

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
