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
        let skipped = Set(theme.settings.skipTopics.map { $0.lowercased() })
        let readable = inWeek.filter { article in
            (theme.settings.includeOtherLanguages || article.language == nil || article.language == language)
                && !Self.isFiled(article, underAnyOf: skipped)
        }
        let placed = readable.compactMap { article in classifier.section(for: article).map { (article, $0) } }

        let candidates = cluster(placed).map(candidate(from:))
        var sections: [IssueSection] = []
        var chosenCandidates: [Candidate] = []
        for section in theme.settings.sections {
            let chosen = candidates.filter { $0.section == section.id }
                .sorted(by: Self.ranksAbove)
                .prefix(theme.settings.storiesPerSection)
            guard !chosen.isEmpty else { continue }
            chosenCandidates += chosen
            // Only the stories that make the issue are summarised.
            sections.append(IssueSection(id: section.id, title: section.title, stories: chosen.map(story(from:))))
        }
        let topID = chosenCandidates.sorted(by: Self.ranksAbove).first?.lead.id
        let top = sections.lazy.flatMap(\.stories).first { $0.id == topID }
        let byID = Dictionary(readable.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let quote = QuoteFinder().quoteOfTheWeek(
            in: sections.flatMap(\.stories), articles: byID, preferring: top?.id)

        return ComposedIssue(
            themeID: theme.id, week: week.description, periodStart: period.start, periodEnd: period.end,
            periodLabel: week.label(in: theme.timeZone), composedAt: now, masthead: theme.masthead,
            topStory: top, quote: quote, sections: sections, articlesConsidered: inWeek.count,
            articlesUsed: chosenCandidates.reduce(0) { $0 + $1.articles.count })
    }

    /// Whether the article's link files it under one of `topics` (lower-cased): a folder of its
    /// path is the topic or its plural (`/sport/`, `/sports/`).
    static func isFiled(_ article: Article, underAnyOf topics: Set<String>) -> Bool {
        guard !topics.isEmpty, let link = article.url, let url = URL(string: link) else { return false }
        return url.pathComponents.dropLast().contains { folder in
            let folder = folder.lowercased()
            return topics.contains(folder) || (folder.hasSuffix("s") && topics.contains(String(folder.dropLast())))
        }
    }

    /// A story before it is chosen: its articles, section and what it ranks by.
    struct Candidate {
        /// The article the story is told from: the fullest report.
        var lead: Article
        var articles: [Article]
        var section: String
        /// Distinct outlets, the lead's first.
        var sources: [String]
        var length: Int
        var published: Date
    }

    static func ranksAbove(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.sources.count != b.sources.count { return a.sources.count > b.sources.count }
        if a.length != b.length { return a.length > b.length }
        if a.published != b.published { return a.published > b.published }
        return a.lead.id < b.lead.id
    }

    /// Articles whose SimHash signatures differ in at most this many of 64 bits are copies of one
    /// report (a wire story run by several outlets), whatever their TF-IDF similarity.
    static let nearDuplicateDistance = 3

    /// How many reports of one event its summary is drawn from, the lead's included.
    static let maximumSummaryDocuments = 5

    /// How many of an article's heaviest terms index it for finding same-event candidates.
    static let indexedTerms = 12

    /// Groups articles that report the same event: the same section, near-duplicate signatures or
    /// similar wording (TF-IDF cosine, so the words every story of the week shares count for
    /// little), published close together. Greedy single-link in publication order, so the result is deterministic.
    ///
    /// Only pairs that share at least two of their heaviest terms are compared, through an
    /// inverted index, so the work grows with the number of articles, not with its square.
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
        let signatures = ordered.map { $0.0.nearDuplicateSignature }
        let vectors = termLists.map { terms in
            TermVector(terms) { term in log((count + 1) / Double(documentFrequency[term, default: 0] + 1)) }
        }

        var clusterOf = [Int](repeating: -1, count: ordered.count)
        var clusters: [[Int]] = []
        var index: [String: [Int]] = [:]
        var indexedClusters: [String: Set<Int>] = [:]
        for current in ordered.indices {
            let published = ordered[current].0.published ?? .distantPast
            let keys = vectors[current].heaviest(Self.indexedTerms)
            var shared: [Int: Int] = [:]
            for key in keys {
                for other in index[key, default: []] { shared[other, default: 0] += 1 }
            }
            let matches = shared.filter { other, overlap in
                let otherDate = ordered[other].0.published ?? .distantPast
                return overlap >= 2 && ordered[other].1 == ordered[current].1
                    && abs(otherDate.timeIntervalSince(published)) <= sameStoryWindow
                    && (NearDuplicateSignature.distance(signatures[current], signatures[other])
                        <= Self.nearDuplicateDistance
                        || vectors[current].cosine(vectors[other]) >= sameStoryThreshold)
            }
            // Join the earliest cluster any match belongs to.
            if let home = matches.keys.map({ clusterOf[$0] }).min() {
                clusters[home].append(current)
                clusterOf[current] = home
            } else {
                clusterOf[current] = clusters.count
                clusters.append([current])
            }
            // A key already leading to this article's cluster adds nothing: copies of one report
            // would otherwise grow every list they share, and the work with their square.
            let home = clusterOf[current]
            for key in keys where indexedClusters[key, default: []].insert(home).inserted {
                index[key, default: []].append(current)
            }
        }
        return clusters.map { $0.map { ordered[$0] } }
    }

    /// A cluster as a candidate story: told from its fullest article, credited to every source.
    func candidate(from cluster: [(Article, String)]) -> Candidate {
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
        for article in [lead] + articles {
            if let source = article.source, !sources.contains(source) { sources.append(source) }
        }
        return Candidate(
            lead: lead, articles: articles, section: section, sources: sources, length: lead.text.count,
            published: lead.published ?? .distantPast)
    }

    /// The story as readers see it, with its key sentences.
    func story(from candidate: Candidate) -> Story {
        let lead = candidate.lead
        // One summary drawn from every report of the event, the lead's first, without repeats.
        // At most `maximumSummaryDocuments` reports, other outlets first: more copies of one event
        // add no facts, only work (sentence similarity grows with the square of their count).
        var seenSources: Set<String> = [lead.source ?? ""]
        let rest = candidate.articles.filter { $0.id != lead.id }
        let newOutlets = rest.filter { seenSources.insert($0.source ?? "").inserted }
        let chosenIDs = Set(newOutlets.map(\.id))
        let others = newOutlets + rest.filter { !chosenIDs.contains($0.id) }
        let documents = ([lead] + others.prefix(Self.maximumSummaryDocuments - 1)).map { article in
            SummaryDocument(
                text: article.paragraphs.joined(separator: "\n"), title: article.title, standfirst: article.standfirst)
        }
        let summary = summarizer.summarize(documents: documents, budget: .sentences(theme.settings.sentencesPerStory))
            .map(\.text)
        return Story(
            id: lead.id, headline: lead.title, standfirst: lead.standfirst, url: lead.url, source: lead.source,
            dateline: lead.dateline, published: lead.published, summary: summary,
            alsoReportedBy: candidate.sources.filter { $0 != lead.source },
            articleIDs: candidate.articles.map(\.id).sorted())
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

    /// The `count` terms with the largest weights (ties by term, so the choice is deterministic).
    func heaviest(_ count: Int) -> [String] {
        weights.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count).map(\.key)
    }

    func cosine(_ other: TermVector) -> Double {
        guard norm > 0, other.norm > 0 else { return 0 }
        let (small, large) = weights.count < other.weights.count ? (weights, other.weights) : (other.weights, weights)
        var dot = 0.0
        for (term, weight) in small { dot += weight * (large[term] ?? 0) }
        return dot / (norm * other.norm)
    }
}
