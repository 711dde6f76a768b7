import Foundation
import NewsValues
import Summarizer

/// The editorial desk: turns a week's articles into events and each chosen event into a story
/// whose headline and sentences tell that event, the latest facts first, in clean copy.
///
/// The composer decides the week, the theme and the sections; the desk decides what is one
/// story, which report tells it, how stories rank and what each says.
public struct StoryDesk: Sendable {
    public var clusterer: EventClusterer
    public var summarizer: Summarizer
    /// Cleans headlines and sentences: desk labels, wire slugs, datelines, spacing, cut-off tails.
    public var copyDesk = CopyDesk()
    /// Weighs events against each other: coverage, time in the news, what kind of piece.
    public var salienceModel = Salience()

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
        let headlines = articles.map { copyDesk.headline($0.title, source: $0.source).text }
        let grouping = clusterer.grouping(of: articles, headlines: headlines)
        return grouping.events.indices.map { index in
            Event(
                articles: grouping.events[index].map { articles[$0] }, reports: grouping.reports[index],
                relatedEvents: grouping.relatedEvents[index])
        }
    }

    /// How much an event weighs in the week (see `Salience`).
    public func salience(of event: Event) -> Double { salienceModel.of(event) }

    /// Whether event `a` ranks above `b`: the more salient, then the more outlets, then the more
    /// recent, then by id so the order is total.
    public func ranksAbove(_ a: Event, _ b: Event) -> Bool {
        Self.ranks(a, salience(of: a), above: b, salience(of: b))
    }

    /// `events`, the most salient first (as `ranksAbove`), each event weighed once.
    public func ranked(_ events: [Event]) -> [Event] {
        events.map { (event: $0, salience: salience(of: $0)) }
            .sorted { Self.ranks($0.event, $0.salience, above: $1.event, $1.salience) }
            .map(\.event)
    }

    private static func ranks(_ a: Event, _ sa: Double, above b: Event, _ sb: Double) -> Bool {
        if sa != sb { return sa > sb }
        if a.sources.count != b.sources.count { return a.sources.count > b.sources.count }
        if a.lastPublished != b.lastPublished { return a.lastPublished > b.lastPublished }
        return a.lead.id < b.lead.id
    }

    /// The story of `event` in `sentences` key sentences.
    public func story(of event: Event, sentences: Int) -> EditedStory {
        let lead = event.lead
        let headline = copyDesk.headline(lead.title, source: lead.source).text
        let summary = summary(of: event, headline: headline, sentences: sentences)
        // A standfirst the summary already opens with (a feed's description is often the lede) is not
        // printed twice.
        let standfirst = lead.standfirst.flatMap { copyDesk.wholeSentences($0) }.map(copyDesk.sentence)
            .flatMap { $0.isEmpty || opens(summary, with: $0) ? nil : $0 }
        return EditedStory(
            id: lead.id, headline: headline, standfirst: standfirst, url: lead.url, source: lead.source,
            dateline: lead.dateline, published: lead.published, summary: summary,
            alsoReportedBy: event.sources.filter { $0 != lead.source },
            articleIDs: event.articles.map(\.id).sorted())
    }

    /// The lead's sentences first (its standfirst, when the body does not repeat it, as the lede),
    /// then other reports' that bear on the headline, without figures gone stale or an earlier
    /// report's look ahead; scored and
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
        // Copies of a report already used (its headline, or nearly its text) add nothing.
        var usedHeadlines: Set<String> = [ProfileBuilder.key(of: headline)]
        var usedSignatures: [UInt64] = [lead.nearDuplicateSignature]
        let distinct = rest.filter { article in
            let signature = article.nearDuplicateSignature
            guard
                usedHeadlines.insert(
                    ProfileBuilder.key(of: copyDesk.headline(article.title, source: article.source).text)
                ).inserted,
                !usedSignatures.contains(where: { NearDuplicateSignature.distance($0, signature) <= 3 })
            else { return false }
            usedSignatures.append(signature)
            return true
        }
        let newOutlets = distinct.filter { seenSources.insert($0.source ?? "").inserted }
        let newIDs = Set(newOutlets.map(\.id))
        let others = Array(
            (newOutlets + distinct.filter { !newIDs.contains($0.id) }).prefix(maximumSummaryDocuments - 1))

        let tokenizer = summarizer.tokenizer
        let headlineTerms = Set(tokenizer.terms(of: headline + " " + (lead.standfirst ?? "")))
        var sentences: [String] = []
        var positions: [Int] = []
        var articles: [Int] = []
        var titles: [String?] = []
        for (number, article) in ([lead] + others).enumerated() {
            let isLead = number == 0
            var split = articleSentences(
                article, headline: isLead ? headline : copyDesk.headline(article.title, source: article.source).text)
            if !isLead {
                // Every report of an event opens with the same news in its own words: once the
                // lead's lede is there, another report's lede only says it again.
                if !sentences.isEmpty { split = Array(split.dropFirst()) }
                let stale = leadTime.timeIntervalSince(article.published ?? .distantPast) > staleFigures
                let earlier = (article.published ?? .distantPast) < leadTime
                split = split.filter { sentence in
                    if stale && sentence.contains(where: \.isNumber) { return false }
                    // An earlier report's look ahead ("will receive him on Thursday") is stale once
                    // the lead reports the happening.
                    if earlier && Schedule.isForward([sentence]) { return false }
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
        // The lede says what happened: it always opens the story, and nothing repeats it.
        if let lede = sentences.first, articles.first == 0, chosen.first != lede {
            let ledeTerms = Set(tokenizer.terms(of: lede))
            chosen =
                [lede]
                + chosen.filter { sentence in
                    let terms = Set(tokenizer.terms(of: sentence))
                    let smaller = min(terms.count, ledeTerms.count)
                    return sentence != lede
                        && (smaller == 0
                            || Double(terms.intersection(ledeTerms).count) / Double(smaller)
                                <= summarizer.redundancyLimit)
                }.prefix(limit - 1)
        }
        return chosen
    }

    /// An article's sentences in reading order, cleaned: its standfirst first when it is whole and
    /// tells the headline's event better than the body's opening (wire feeds carry the lede in the
    /// description and start the body at the second paragraph; other outlets put a teaser or
    /// background there), a publisher's cut-off tail dropped, datelines, desk labels and loose
    /// spacing removed.
    func articleSentences(_ article: Article, headline: String) -> [String] {
        var paragraphs = article.paragraphs.map { copyDesk.repairingRunTogether($0) }
        let isCutOff = article.provenance.summaryOnly == true || Event.wordCount(article) < Event.fullReportWords
        if isCutOff, let last = paragraphs.last {
            // A feed's description is often cut mid-sentence: keep only its whole sentences.
            if let whole = copyDesk.wholeSentences(last) {
                paragraphs[paragraphs.count - 1] = whole
            } else {
                paragraphs.removeLast()
            }
        }
        if let standfirst = article.standfirst.flatMap({ copyDesk.wholeSentences($0) }),
            !opens(paragraphs, with: standfirst),
            tellsHeadline(standfirst, better: paragraphs.first ?? "", headline: headline)
        {
            paragraphs.insert(standfirst, at: 0)
        }
        let text = paragraphs.joined(separator: "\n")
        // The columnist's voice is told by English words ("I", "my"): only articles that say they are English.
        let isEnglish = article.language?.lowercased().hasPrefix("en") == true
        var kept: [String] = []
        var count = 0
        for paragraph in summarizer.segmenter.sentencesByParagraph(in: text) {
            guard count < summarizer.maximumSentences else { break }
            // A quotation over several sentences: those between its marks carry none of their own. Each
            // paragraph starts outside one (a quotation that runs on opens again with a mark of its own).
            var insideQuote = false
            for raw in paragraph where count < summarizer.maximumSentences {
                count += 1
                let wasInside = insideQuote
                insideQuote = Self.quoteOpen(after: raw, wasOpen: insideQuote)
                let sentence = copyDesk.sentence(raw)
                guard !sentence.isEmpty, !CopyDesk.hasEmailAddress(sentence) else { continue }
                if isEnglish, !wasInside, CopyDesk.isColumnistsVoice(sentence) { continue }
                kept.append(sentence)
            }
        }
        return kept
    }

    /// Whether a quotation is open after `sentence`, given whether one was open before it: curly marks open and
    /// close; a straight double mark opens where a word starts (after a space, a bracket or at the start) and
    /// closes anywhere else.
    static func quoteOpen(after sentence: String, wasOpen: Bool) -> Bool {
        var open = wasOpen
        var previous: Character = " "
        for character in sentence {
            switch character {
            case "\u{201C}": open = true
            case "\u{201D}": open = false
            case "\"": open = previous.isWhitespace || "([—–-".contains(previous)
            default: break
            }
            previous = character
        }
        return open
    }

    /// Whether `standfirst`'s first sentence shares more of the headline's terms than the body's.
    private func tellsHeadline(_ standfirst: String, better opening: String, headline: String) -> Bool {
        let tokenizer = summarizer.tokenizer
        let headlineTerms = Set(tokenizer.terms(of: headline))
        func overlap(_ text: String) -> Int {
            let first = summarizer.segmenter.sentences(in: text).first ?? text
            return Set(tokenizer.terms(of: first)).intersection(headlineTerms).count
        }
        return overlap(standfirst) > overlap(opening)
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
