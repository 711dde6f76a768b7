import Foundation
import NewsValues

/// One happening as the week's articles report it: every report of it, and the one its story is
/// told from.
public struct Event: Sendable {
    /// Every report of the event, oldest first.
    public var articles: [Article]
    /// The report the story is told from: the latest full report (the freshest facts, the outcome
    /// rather than the expectation), an analysis only when the event has no report.
    public var lead: Article
    /// Distinct outlets, the lead's first.
    public var sources: [String]
    /// How many distinct reports it has, copies of one report counted once.
    public var reports: Int
    /// How many other events of the week bear on it (see `EventClusterer.Grouping`).
    public var relatedEvents: Int
    /// The first and the last report's publication.
    public var firstPublished: Date
    public var lastPublished: Date

    /// An event of `articles` (at least one); `reports` counts them without copies (all of them
    /// when not given).
    public init(articles: [Article], reports: Int? = nil, relatedEvents: Int = 0) {
        precondition(!articles.isEmpty, "an event has at least one article")
        let ordered = articles.sorted {
            ($0.published ?? .distantPast, $0.id) < ($1.published ?? .distantPast, $1.id)
        }
        self.articles = ordered
        lead = Self.lead(of: ordered)
        var sources: [String] = []
        for article in [lead] + ordered {
            if let source = article.source, !sources.contains(source) { sources.append(source) }
        }
        self.sources = sources
        self.reports = reports ?? ordered.count
        self.relatedEvents = relatedEvents
        firstPublished = ordered.first?.published ?? .distantPast
        lastPublished = ordered.last?.published ?? .distantPast
    }

    /// Fewer words than this in the body makes a report a brief: a lead only when the event has
    /// no fuller one.
    static let fullReportWords = 120

    /// The latest report with a full body; else the latest report; an analysis only when there
    /// is nothing else. On equal times, the longer.
    static func lead(of articles: [Article]) -> Article {
        let kinds = articles.map { ArticleKind.of(title: $0.title, url: $0.url) }
        let reports = articles.indices.filter { kinds[$0] == .report }
        let pool = reports.isEmpty ? Array(articles.indices) : reports
        let full = pool.filter { wordCount(articles[$0]) >= fullReportWords }
        let candidates = full.isEmpty ? pool : full
        let best = candidates.max { a, b in
            let (x, y) = (articles[a], articles[b])
            let (dx, dy) = (x.published ?? .distantPast, y.published ?? .distantPast)
            if dx != dy { return dx < dy }
            if x.text.count != y.text.count { return x.text.count < y.text.count }
            return x.id > y.id
        }
        return articles[best ?? 0]
    }

    static func wordCount(_ article: Article) -> Int {
        article.paragraphs.reduce(0) { $0 + $1.split(separator: " ").count }
    }
}
