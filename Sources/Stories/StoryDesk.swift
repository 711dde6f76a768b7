import Collector
import Foundation
import Summarizer

/// The editorial desk: turns a week's articles into events and each chosen event into a story
/// whose headline and sentences tell that event, the latest facts first, in clean copy.
///
/// The composer decides the week, the theme and the sections; the desk decides what is one
/// story, which report tells it, how stories rank and what each says.
public struct StoryDesk: Sendable {
    public var clusterer: EventClusterer
    public var summarizer: Summarizer

    /// How many reports of one event a story's summary is drawn from, the lead's included.
    public var maximumSummaryDocuments = 4
    /// Sentences of an earlier report that carry figures are not used when the lead is at least
    /// this much later: a toll, a price or a count moves on, and the lead has the latest.
    public var staleFigures: TimeInterval = 6 * 3600

    /// A desk using `summarizer` for the key sentences.
    public init(summarizer: Summarizer = Summarizer(), clusterer: EventClusterer? = nil) {
        self.summarizer = summarizer
        self.clusterer = clusterer ?? EventClusterer(tokenizer: summarizer.tokenizer)
    }

    /// The events among `articles`, in the order of their first report.
    public func events(in articles: [Article]) -> [Event] {
        let headlines = articles.map { copyHeadline($0.title).text }
        return clusterer.events(in: articles, headlines: headlines).map { group in
            Event(articles: group.map { articles[$0] })
        }
    }

    /// Whether event `a` ranks above `b`: more outlets, then more distinct reports, then a fuller
    /// lead, then the more recent, then by id so the order is total.
    public static func ranksAbove(_ a: Event, _ b: Event) -> Bool {
        if a.sources.count != b.sources.count { return a.sources.count > b.sources.count }
        if a.articles.count != b.articles.count { return a.articles.count > b.articles.count }
        let (la, lb) = (a.lead.text.count, b.lead.text.count)
        if la != lb { return la > lb }
        if a.lastPublished != b.lastPublished { return a.lastPublished > b.lastPublished }
        return a.lead.id < b.lead.id
    }

    /// The story of `event` in `sentences` key sentences.
    public func story(of event: Event, sentences: Int) -> EditedStory {
        let lead = event.lead
        let headline = copyHeadline(lead.title).text
        let summary = summary(of: event, headline: headline, sentences: sentences)
        let standfirst = lead.standfirst.flatMap { copyWholeSentences($0) }.map(copySentence)
        return EditedStory(
            id: lead.id, headline: headline, standfirst: standfirst, url: lead.url, source: lead.source,
            dateline: lead.dateline, published: lead.published, summary: summary,
            alsoReportedBy: event.sources.filter { $0 != lead.source },
            articleIDs: event.articles.map(\.id).sorted())
    }

    /// The lead's sentences first (its standfirst, when the body does not repeat it, as the lede),
    /// then other reports' that bear on the headline, without figures gone stale; scored and
    /// chosen by the summarizer, the lede always kept.
    func summary(of event: Event, headline: String, sentences limit: Int) -> [String] {
        guard limit > 0 else { return [] }
        let lead = event.lead
        let leadTime = lead.published ?? .distantPast
        // Other outlets first, then the latest: more copies of one report add no facts.
        var seenSources: Set<String> = [lead.source ?? ""]
        let rest = event.articles.filter { $0.id != lead.id }.sorted {
            ($0.published ?? .distantPast, $0.id) > ($1.published ?? .distantPast, $1.id)
        }
        let newOutlets = rest.filter { seenSources.insert($0.source ?? "").inserted }
        let newIDs = Set(newOutlets.map(\.id))
        let others = Array((newOutlets + rest.filter { !newIDs.contains($0.id) }).prefix(maximumSummaryDocuments - 1))

        let tokenizer = summarizer.tokenizer
        let headlineTerms = Set(tokenizer.terms(of: headline + " " + (lead.standfirst ?? "")))
        var sentences: [String] = []
        var positions: [Int] = []
        var articles: [Int] = []
        var titles: [String?] = []
        for (number, article) in ([lead] + others).enumerated() {
            let isLead = number == 0
            var split = articleSentences(article)
            if !isLead {
                let stale = leadTime.timeIntervalSince(article.published ?? .distantPast) > staleFigures
                split = split.filter { sentence in
                    if stale && sentence.contains(where: \.isNumber) { return false }
                    // A sentence of another report is used only when it bears on the headline's event.
                    let terms = Set(tokenizer.terms(of: sentence))
                    return terms.intersection(headlineTerms).count >= 2
                }
            }
            guard !split.isEmpty else { continue }
            let document = titles.count
            titles.append(article.title + " " + (article.standfirst ?? ""))
            sentences += split
            positions += split.indices
            articles += Array(repeating: document, count: split.count)
        }
        guard !sentences.isEmpty else { return [] }
        let features = SentenceFeatures(
            sentences: sentences, positions: positions, articles: articles, titles: titles, tokenizer: tokenizer)
        var chosen = summarizer.select(from: features, budget: .sentences(limit)).map(\.text)
        // The lede says what happened: it always opens the story.
        if let lede = sentences.first, articles.first == 0, !chosen.contains(lede) {
            chosen = [lede] + chosen.prefix(limit - 1)
        } else if let lede = sentences.first, let index = chosen.firstIndex(of: lede), index > 0 {
            chosen.remove(at: index)
            chosen.insert(lede, at: 0)
        }
        return chosen
    }

    /// An article's sentences in reading order, cleaned: its standfirst first when it is whole
    /// and the body does not open with it, a publisher's cut-off tail dropped, datelines, desk
    /// labels and loose spacing removed.
    func articleSentences(_ article: Article) -> [String] {
        var paragraphs = article.paragraphs.map { copyRunTogether($0) }
        let isCutOff = article.provenance.summaryOnly == true || Event.wordCount(article) < Event.fullReportWords
        if isCutOff, let last = paragraphs.last {
            // A feed's description is often cut mid-sentence: keep only its whole sentences.
            if let whole = copyWholeSentences(last) {
                paragraphs[paragraphs.count - 1] = whole
            } else {
                paragraphs.removeLast()
            }
        }
        if let standfirst = article.standfirst.flatMap({ copyWholeSentences($0) }),
            !opens(paragraphs, with: standfirst)
        {
            paragraphs.insert(standfirst, at: 0)
        }
        let text = paragraphs.joined(separator: "\n")
        return summarizer.segmenter.sentences(in: text)
            .prefix(summarizer.maximumSentences)
            .map(copySentence)
            .filter { !$0.isEmpty }
    }

    /// Whether the body's opening already says what `standfirst` says (most of its terms).
    private func opens(_ paragraphs: [String], with standfirst: String) -> Bool {
        let tokenizer = summarizer.tokenizer
        let terms = Set(tokenizer.terms(of: standfirst))
        guard !terms.isEmpty else { return true }
        let opening = Set(tokenizer.terms(of: paragraphs.prefix(2).joined(separator: " ")))
        return Double(terms.intersection(opening).count) / Double(terms.count) >= 0.6
    }
}

/// A story as the desk wrote it: the headline and key sentences of one event, credited.
public struct EditedStory: Sendable, Equatable {
    /// The id of the lead article.
    public var id: String
    public var headline: String
    public var standfirst: String?
    public var url: String?
    public var source: String?
    public var dateline: String?
    public var published: Date?
    /// The key sentences, the lede first.
    public var summary: [String]
    /// Other outlets that reported the event.
    public var alsoReportedBy: [String]
    /// Every article of the event, by id.
    public var articleIDs: [String]
}
