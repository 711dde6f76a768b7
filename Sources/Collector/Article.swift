import Foundation

/// One news article as the collector stores it: clean text plus the metadata the composer needs.
///
/// Stored as one small JSON document under `Digests/articles/`. Values only flow forward from
/// here: the summariser reads `paragraphs`, the composer reads everything.
public struct Article: Codable, Sendable, Hashable, Identifiable {
    /// Stable identity: derived from the GUID, else the canonical URL, else the content.
    public var id: String
    public var title: String
    /// The one-sentence summary under the headline (the "dek").
    public var standfirst: String?
    /// The body, one paragraph per element, cleaned of captions, promos and wire markup.
    public var paragraphs: [String]
    public var author: String?
    /// Who published or supplied the story: an outlet, or an agency named in the sign-off.
    public var source: String?
    /// The place in the dateline, like "Seoul" for `[SEOUL]`.
    public var dateline: String?
    public var published: Date?
    public var updated: Date?
    /// The canonical URL of the story, when it has one.
    public var url: String?
    /// BCP 47 language tag, when known (`en`, `ja`).
    public var language: String?
    /// Where and when this copy was collected.
    public var provenance: Provenance
    /// SHA-256 (hex) of the title and body, to notice changed versions.
    public var contentHash: String

    public init(
        id: String, title: String, standfirst: String? = nil, paragraphs: [String], author: String? = nil,
        source: String? = nil, dateline: String? = nil, published: Date? = nil, updated: Date? = nil,
        url: String? = nil, language: String? = nil, provenance: Provenance, contentHash: String
    ) {
        self.id = id
        self.title = title
        self.standfirst = standfirst
        self.paragraphs = paragraphs
        self.author = author
        self.source = source
        self.dateline = dateline
        self.published = published
        self.updated = updated
        self.url = url
        self.language = language
        self.provenance = provenance
        self.contentHash = contentHash
    }

    /// The body as one text, paragraphs separated by blank lines.
    public var text: String { paragraphs.joined(separator: "\n\n") }
}

/// Where an article came from.
public struct Provenance: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case file, page, feed
    }

    public var kind: Kind
    /// The file path or URL that was read.
    public var location: String
    /// The feed's title or URL, for feed items.
    public var feed: String?
    /// The feed item's GUID, when it had one.
    public var guid: String?
    public var fetchedAt: Date

    public init(kind: Kind, location: String, feed: String? = nil, guid: String? = nil, fetchedAt: Date) {
        self.kind = kind
        self.location = location
        self.feed = feed
        self.guid = guid
        self.fetchedAt = fetchedAt
    }
}
