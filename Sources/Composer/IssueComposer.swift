import Collector
import Foundation
import Summarizer

/// Turns a week of collected articles into a themed issue: picks the week's articles, places each
/// in a section, folds reports of one event into one story, ranks, caps and summarises.
public struct IssueComposer: Sendable {
    public var theme: Theme
    public var summarizer: Summarizer
    public var classifier: RegionClassifier
    /// Articles whose term vectors are at least this similar (cosine) tell the same story.
    public var sameStoryThreshold = 0.3
    /// Reports of one event are at most this far apart.
    public var sameStoryWindow: TimeInterval = 3 * 24 * 3600

    public init(theme: Theme, summarizer: Summarizer = Summarizer()) {
        self.theme = theme
        self.summarizer = summarizer
        self.classifier = RegionClassifier(sections: theme.settings.sections)
    }

    /// Composes the issue for `week` from every article given (those outside the week are ignored).
    public func compose(_ articles: [Article], week: ISOWeek, now: Date) throws -> ComposedIssue {
        let period = week.interval(in: theme.timeZone)
        let inWeek = articles.filter { article in
            guard let published = article.published else { return false }
            return period.start <= published && published < period.end
        }
        guard !inWeek.isEmpty else {
            throw ComposerError(
                .emptyWeek,
                "no articles published in \(week) (\(week.label(in: theme.timeZone)), \(theme.timeZone.identifier)); "
                    + "\(articles.count) collected in all — collect that week's news first")
        }
        let language = theme.settings.language
        let readable = inWeek.filter { article in
            theme.settings.includeOtherLanguages || article.language == nil || article.language == language
        }
        let placed = readable.compactMap { article in classifier.section(for: article).map { (article, $0) } }

        let stories = cluster(placed).map(story(from:))
        var sections: [IssueSection] = []
        var usedArticles = 0
        for section in theme.settings.sections {
            let chosen = stories.filter { $0.section == section.id }
                .sorted(by: Self.ranksAbove)
                .prefix(theme.settings.storiesPerSection)
            guard !chosen.isEmpty else { continue }
            usedArticles += chosen.reduce(0) { $0 + $1.story.articleIDs.count }
            sections.append(IssueSection(id: section.id, title: section.title, stories: chosen.map(\.story)))
        }
        let top = stories.filter { candidate in sections.contains { $0.stories.contains(candidate.story) } }
            .sorted(by: Self.ranksAbove).first
        let quote = QuoteFinder().quoteOfTheWeek(
            in: sections.flatMap(\.stories), articles: Dictionary(uniqueKeysWithValues: readable.map { ($0.id, $0) }),
            preferring: top?.story.id)

        return ComposedIssue(
            themeID: theme.id, week: week.description, periodStart: period.start, periodEnd: period.end,
            periodLabel: week.label(in: theme.timeZone), composedAt: now, masthead: theme.masthead,
            topStory: top?.story, quote: quote, sections: sections, articlesConsidered: inWeek.count,
            articlesUsed: usedArticles)
    }

    /// A story before it is placed: its section and what it ranks by.
    struct Candidate {
        var story: Story
        var section: String
        var sourceCount: Int
        var length: Int
        var published: Date
    }

    static func ranksAbove(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.sourceCount != b.sourceCount { return a.sourceCount > b.sourceCount }
        if a.length != b.length { return a.length > b.length }
        if a.published != b.published { return a.published > b.published }
        return a.story.id < b.story.id
    }

    /// Groups articles that report the same event: the same section, similar wording (TF-IDF
    /// cosine, so the words every story of the week shares count for little), published close
    /// together. Greedy single-link in publication order, so the result is deterministic.
    func cluster(_ placed: [(Article, String)]) -> [[(Article, String)]] {
        let ordered = placed.sorted {
            ($0.0.published ?? .distantPast, $0.0.id) < ($1.0.published ?? .distantPast, $1.0.id)
        }
        let termLists = ordered.map { summarizer.tokenizer.terms(of: $0.0.title + " " + $0.0.text) }
        var documentFrequency: [String: Int] = [:]
        for terms in termLists {
            for term in Set(terms) { documentFrequency[term, default: 0] += 1 }
        }
        let count = Double(termLists.count)
        let vectors = termLists.map { terms in
            TermVector(terms) { term in log((count + 1) / Double(documentFrequency[term, default: 0] + 1)) }
        }
        var clusters: [[Int]] = []
        for index in ordered.indices {
            let published = ordered[index].0.published ?? .distantPast
            let home = clusters.firstIndex { members in
                members.contains { other in
                    let otherDate = ordered[other].0.published ?? .distantPast
                    return ordered[other].1 == ordered[index].1
                        && abs(otherDate.timeIntervalSince(published)) <= sameStoryWindow
                        && vectors[index].cosine(vectors[other]) >= sameStoryThreshold
                }
            }
            if let home { clusters[home].append(index) } else { clusters.append([index]) }
        }
        return clusters.map { $0.map { ordered[$0] } }
    }

    /// One story from a cluster: told from its fullest article, credited to every source.
    func story(from cluster: [(Article, String)]) -> Candidate {
        let articles = cluster.map(\.0)
        let lead =
            articles.max { a, b in
                a.text.count != b.text.count ? a.text.count < b.text.count : a.id > b.id
            } ?? articles[0]
        // The section most of the cluster's articles were placed in (the lead's on a tie).
        var votes: [String: Int] = [:]
        for (_, section) in cluster { votes[section, default: 0] += 1 }
        let leadSection = cluster.first { $0.0.id == lead.id }?.1 ?? cluster[0].1
        let section =
            votes.max { a, b in
                a.value != b.value ? a.value < b.value : (a.key != leadSection && b.key == leadSection)
            }?.key ?? leadSection

        var sources: [String] = []
        for article in [lead] + articles where article.id != lead.id || sources.isEmpty {
            if let source = article.source, !sources.contains(source) { sources.append(source) }
        }
        let summary = summarizer.summarize(
            lead.paragraphs.joined(separator: "\n"), title: lead.title, sentences: theme.settings.sentencesPerStory)
        let story = Story(
            id: lead.id, headline: lead.title, standfirst: lead.standfirst, url: lead.url, source: lead.source,
            dateline: lead.dateline, published: lead.published, summary: summary,
            alsoReportedBy: sources.filter { $0 != lead.source }, articleIDs: articles.map(\.id).sorted())
        return Candidate(
            story: story, section: section, sourceCount: max(sources.count, 1), length: lead.text.count,
            published: lead.published ?? .distantPast)
    }
}

/// Weighted term counts of a text, for comparing two articles.
struct TermVector {
    let weights: [String: Double]
    let norm: Double

    init(_ terms: [String], weight: (String) -> Double = { _ in 1 }) {
        var counts: [String: Double] = [:]
        for term in terms { counts[term, default: 0] += 1 }
        var weights: [String: Double] = [:]
        for (term, count) in counts { weights[term] = count * weight(term) }
        self.weights = weights
        norm = weights.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    func cosine(_ other: TermVector) -> Double {
        guard norm > 0, other.norm > 0 else { return 0 }
        let (small, large) = weights.count < other.weights.count ? (weights, other.weights) : (other.weights, weights)
        var dot = 0.0
        for (term, weight) in small { dot += weight * (large[term] ?? 0) }
        return dot / (norm * other.norm)
    }
}
