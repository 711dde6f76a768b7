import Foundation

/// An article page reduced to its story: metadata and body paragraphs in reading order.
public struct ExtractedPage: Sendable, Equatable {
    public var title: String?
    public var standfirst: String?
    public var author: String?
    public var publisher: String?
    public var published: Date?
    public var updated: Date?
    public var canonicalURL: String?
    public var language: String?
    public var cleaned: CleanedText
}

/// Finds the story in an article web page: metadata from JSON-LD, OpenGraph and meta tags and
/// `<time>`; the body from the article element, leaving out navigation, share bars, captions,
/// newsletter boxes, related links, comments and scripts.
public struct HTMLArticleExtractor: Sendable {
    public var cleaner: TextCleaner

    public init(cleaner: TextCleaner = TextCleaner()) {
        self.cleaner = cleaner
    }

    /// Extracts the story from a saved page, `.html` or gzip-compressed `.html.gz`, of at most
    /// `maxBytes` (also after decompression). Throws a `CollectorError` naming the file.
    public func extract(contentsOf url: URL, maxBytes: Int = 20 << 20) throws -> ExtractedPage {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CollectorError(.unreadable, source: url.path, message: Collector.reason(error))
        }
        guard data.count <= maxBytes || Gzip.isCompressed(data) else {
            throw CollectorError(.tooLarge, source: url.path, message: "the file is over the \(maxBytes)-byte limit")
        }
        let page = Gzip.isCompressed(data) ? try Gzip.decompress(data, limit: maxBytes, source: url.path) : data
        return extract(
            page,
            encoding: TextEncodingCheck.metaCharset(page).flatMap { name in
                TextEncodingCheck.isKnown(name) ? name : nil
            })
    }

    /// Extracts the story from an HTML page's bytes.
    public func extract(_ data: Data, encoding: String? = nil) -> ExtractedPage {
        let document = HTMLParser.parse(data, encoding: encoding, keeping: HTMLParser.articleAttributes)
        let metadata = PageMetadata(document: document)
        var scorer = ContentScorer(document: document)
        var blocks = scorer.blocks(in: scorer.storyRoots())
        // The headline and standfirst are metadata, not body (blocks are already normalised).
        blocks.removeAll { $0 == metadata.title || $0 == metadata.standfirst }
        return ExtractedPage(
            title: metadata.title, standfirst: metadata.standfirst, author: metadata.author,
            publisher: metadata.publisher, published: metadata.published, updated: metadata.updated,
            canonicalURL: metadata.canonicalURL, language: metadata.language,
            cleaned: cleaner.clean(blocks, alreadyNormalised: true))
    }
}
