import Foundation

extension Collector {
    /// The articles a feed's bytes give, read as `collect` reads a feed it was given, but from memory: no page is
    /// fetched and nothing is stored or compared with the store.
    ///
    /// For the fuzz targets in `Fuzz/` (which reach the collector's parsing without files or a network) and for
    /// tools; `collect` remains the way to gather a week.
    ///
    /// - Parameter location: the feed's URL or path, for relative links and the articles' provenance.
    /// - Returns: the feed as parsed, the articles its items make, and the warning of a feed libxml2 recovered.
    /// - Throws: ``CollectorError`` as `collect` reports it for a feed that cannot be read.
    public func articles(fromFeed data: Data, location: String) throws -> (
        feed: Feed, articles: [Article], warning: String?
    ) {
        let (feed, warning) = try FeedParser.parse(data, location: location, source: location)
        let reader = FeedItemReader(cleaner: cleaner)
        let fetchedAt = now()
        let articles = feed.items.compactMap {
            reader.article(from: $0, feed: feed, feedLocation: location, fetchedAt: fetchedAt)
        }
        return (feed, articles, warning)
    }

    /// The article an HTML page's bytes give, read as `extract` and `collect` read a page file, but from memory.
    ///
    /// For the fuzz targets in `Fuzz/` and for tools.
    ///
    /// - Parameter location: the page's URL or path, for its provenance and outlet.
    /// - Throws: ``CollectorError`` as `extract` reports it (not UTF-8 or a known encoding, no article found).
    public func article(fromPage data: Data, location: String) throws -> Article {
        let provenance = Provenance(kind: .page, location: location, fetchedAt: now())
        return try article(fromHTML: data, provenance: provenance, displayName: location)
    }
}
