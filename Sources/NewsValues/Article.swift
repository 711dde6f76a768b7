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
    /// A 64-bit SimHash of the title and body's word pairs, as 16 hex digits: stories about one
    /// event from two sources differ in few bits (see `NearDuplicateSignature.distance`).
    public var signature: String?
    /// Content hashes of versions this one replaced, so an older copy seen again is not stored.
    public var supersededHashes: [String]?

    /// Makes an article; `signature` is computed when the article is stored, if not given.
    public init(
        id: String, title: String, standfirst: String? = nil, paragraphs: [String], author: String? = nil,
        source: String? = nil, dateline: String? = nil, published: Date? = nil, updated: Date? = nil,
        url: String? = nil, language: String? = nil, provenance: Provenance, contentHash: String,
        signature: String? = nil, supersededHashes: [String]? = nil
    ) {
        self.signature = signature
        self.supersededHashes = supersededHashes
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

    /// The stored near-duplicate signature, or one computed now for articles stored without it.
    public var nearDuplicateSignature: UInt64 {
        signature.flatMap { UInt64($0, radix: 16) }
            ?? NearDuplicateSignature.simHash(title: title, paragraphs: paragraphs)
    }
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
    /// When this copy was read.
    public var fetchedAt: Date
    /// True when the body is only the feed item's summary (no full text, no fetched page).
    public var summaryOnly: Bool?

    /// Makes a provenance record.
    public init(
        kind: Kind, location: String, feed: String? = nil, guid: String? = nil, fetchedAt: Date,
        summaryOnly: Bool? = nil
    ) {
        self.kind = kind
        self.location = location
        self.feed = feed
        self.guid = guid
        self.fetchedAt = fetchedAt
        self.summaryOnly = summaryOnly
    }
}

extension Article {
    /// The longest headline stored: no real headline comes near it, and a crafted one of tens of
    /// thousands of characters would only cost every later stage time.
    public static let maximumTitleLength = 1000

    /// `title` cut to `maximumTitleLength` characters, at a space when there is one in its last
    /// fifth, with an ellipsis.
    public static func cutTitle(_ title: String) -> String {
        var cut = String(title.prefix(maximumTitleLength - 1))
        if let space = cut.lastIndex(of: " "),
            cut.distance(from: cut.startIndex, to: space) > maximumTitleLength * 4 / 5
        {
            cut = String(cut[..<space])
        }
        return cut + "…"
    }
}
