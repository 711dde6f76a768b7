/// How long a summary may be.
public enum SummaryBudget: Sendable, Hashable {
    /// At most this many sentences.
    case sentences(Int)
    /// At most this many words (a single over-long best sentence is cut to fit, ending in "…").
    case words(Int)
}

/// One article to summarise, alone or with others on the same event.
public struct SummaryDocument: Sendable, Hashable {
    /// The body: paragraphs separated by newlines.
    public var text: String
    /// The headline, if known.
    public var title: String?
    /// The standfirst (dek), if known.
    public var standfirst: String?

    /// An article with its optional headline and standfirst.
    public init(text: String, title: String? = nil, standfirst: String? = nil) {
        self.text = text
        self.title = title
        self.standfirst = standfirst
    }
}

/// A sentence chosen for a summary, with where it came from.
public struct ScoredSentence: Sendable, Equatable {
    /// The sentence as it appears in the summary (a leading dateline removed).
    public var text: String
    /// Position in its article, from 0.
    public var position: Int
    /// Its article's index in the documents summarised, from 0.
    public var article: Int
    /// The scorer's score, scaled to 0…1 within the summarised text.
    public var score: Double

    /// A scored sentence.
    public init(text: String, position: Int, article: Int = 0, score: Double) {
        self.text = text
        self.position = position
        self.article = article
        self.score = score
    }
}

/// The scoring algorithms `digest summarize --algorithm` offers.
public enum SummarizerAlgorithm: String, Sendable, CaseIterable {
    /// The first sentences.
    case lead
    /// Closeness to the TF-IDF centroid.
    case centroid
    /// LexRank graph centrality.
    case lexrank
    /// TextRank graph centrality (summa's similarity).
    case textrank
    /// Position-aware directed centrality with a lead prior (PacSum-style), a quarter of TextRank mixed in.
    case pacsum

    /// The algorithm that measured best on news (see `Benchmarks/summarize`).
    public static let best = SummarizerAlgorithm.pacsum

    /// A scorer for this algorithm with its default settings.
    public var scorer: any SentenceScorer {
        switch self {
        case .lead: LeadScorer()
        case .centroid: CentroidScorer()
        case .lexrank: LexRankScorer()
        case .textrank: TextRankScorer()
        case .pacsum: PositionAwareScorer()
        }
    }
}

/// Picks an article's key sentences: segments, scores, then keeps the best few that do not
/// repeat each other (maximal marginal relevance), in reading order.
///
/// A value type with no shared state: one `Summarizer` can summarise on many threads at once.
/// The same input always gives the same summary.
public struct Summarizer: Sendable {
    /// How text is split into sentences.
    public var segmenter = SentenceSegmenter()
    /// How sentences are ranked.
    public var scorer: any SentenceScorer
    /// How sentences become terms when the language is not detected (and for callers' own use).
    public var tokenizer = Tokenizer()
    /// Whether each text's language picks its stemmer and stop words (else `tokenizer`'s).
    public var detectsLanguage = true
    /// MMR's weight on novelty against score, 0…1: 0 keeps the top scores whatever they repeat.
    public var diversity = 0.3
    /// A candidate sharing more than this fraction of its distinct terms with a kept sentence
    /// (of the smaller sentence's terms) is never kept.
    public var redundancyLimit = 0.6
    /// Whether a dateline (`LONDON (Reuters) -`, `(CNN)`, `SHANGHAI/BEIJING:`) opening a paragraph is
    /// left out of the summary.
    public var removesDatelines = true
    /// Sentences with fewer words than this ("He added:") are kept only if nothing else is left.
    public var minimumWords = 5
    /// Only the first this-many sentences of each article are considered, which bounds the work
    /// on a huge text; news puts what matters first.
    public var maximumSentences = 400

    /// A summarizer with the given scorer (the best measured one by default).
    public init(scorer: any SentenceScorer = SummarizerAlgorithm.best.scorer) {
        self.scorer = scorer
    }

    /// A summarizer with the named algorithm's scorer.
    public init(algorithm: SummarizerAlgorithm) {
        self.init(scorer: algorithm.scorer)
    }

    /// The key sentences of `text` (paragraphs separated by newlines), at most `sentences` of them.
    public func summarize(_ text: String, title: String? = nil, sentences limit: Int) -> [String] {
        summarize(text, title: title, budget: .sentences(limit))
    }

    /// The key sentences of `text` within `budget`, in reading order.
    public func summarize(
        _ text: String, title: String? = nil, standfirst: String? = nil, budget: SummaryBudget
    ) -> [String] {
        summarize(documents: [SummaryDocument(text: text, title: title, standfirst: standfirst)], budget: budget)
            .map(\.text)
    }

    /// One summary of several articles on the same event, drawn from all of them without saying
    /// the same thing twice. Sentences come in document order, each article's in reading order;
    /// put the fullest or most trusted article first, since the lead prior favours it on ties.
    public func summarize(documents: [SummaryDocument], budget: SummaryBudget) -> [ScoredSentence] {
        var sentences: [String] = []
        var positions: [Int] = []
        var articles: [Int] = []
        for (article, document) in documents.enumerated() {
            // A dateline opens the first paragraph, or the second when a photo caption was left
            // before it, or a later one in a wire roundup: each paragraph's first sentence may have one.
            var split: [String] = []
            for paragraph in segmenter.sentencesByParagraph(in: document.text) {
                guard split.count < maximumSentences else { break }
                var sentences = Array(paragraph.prefix(maximumSentences - split.count))
                if removesDatelines {
                    sentences[0] = SentenceSegmenter.removingDateline(from: sentences[0])
                }
                split += sentences
            }
            sentences += split
            positions += split.indices
            articles += Array(repeating: article, count: split.count)
        }
        guard !sentences.isEmpty else { return [] }
        var tokenizer = self.tokenizer
        if detectsLanguage {
            tokenizer = Tokenizer(language: Language.detect(in: documents.first?.text ?? ""))
        }
        let titles = documents.map { document -> String? in
            let parts = [document.title, document.standfirst].compactMap { $0 }
            return parts.isEmpty ? nil : parts.joined(separator: " ")
        }
        let features = SentenceFeatures(
            sentences: sentences, positions: positions, articles: articles, titles: titles, tokenizer: tokenizer)
        return select(from: features, budget: budget)
    }

    /// Scores and selects among already-split sentences of one article.
    public func select(from sentences: [String], title: String?, limit: Int) -> [ScoredSentence] {
        select(
            from: SentenceFeatures(sentences: sentences, titles: [title], tokenizer: tokenizer),
            budget: .sentences(limit))
    }

    /// Scores prepared sentences and keeps the best that fit `budget` without repeating each other.
    public func select(from features: SentenceFeatures, budget: SummaryBudget) -> [ScoredSentence] {
        let count = features.count
        switch budget {
        case .sentences(let limit) where limit <= 0: return []
        case .words(let limit) where limit <= 0: return []
        default: break
        }
        guard count > 0 else { return [] }
        let raw = scorer.scores(for: features)
        let scores = Self.scaledToUnitRange(raw.count == count ? raw : Array(repeating: 0, count: count))

        // Page furniture and fragments only when nothing else is left.
        let substantial = (0..<count).filter {
            !features.isBoilerplate[$0] && features.wordCounts[$0] >= minimumWords
        }
        let nonEmpty = (0..<count).filter { features.wordCounts[$0] > 0 }
        let candidates = !substantial.isEmpty ? substantial : !nonEmpty.isEmpty ? nonEmpty : Array(0..<count)

        var kept: [Int] = []
        // Kept or rejected: no longer a candidate.
        var isDecided = Array(repeating: false, count: count)
        // Each candidate's largest similarity to a kept sentence (0 while none is kept).
        var closest = Array(repeating: 0.0, count: count)
        var words = 0
        while true {
            if case .sentences(let limit) = budget, kept.count >= limit { break }
            var best: Int?
            var bestValue = -Double.infinity
            for index in candidates where !isDecided[index] {
                let value = (1 - diversity) * scores[index] - diversity * closest[index]
                if value > bestValue {
                    bestValue = value
                    best = index
                }
            }
            guard let index = best else { break }
            isDecided[index] = true
            if repeatsKept(index, kept, features) { continue }
            if case .words(let limit) = budget, words + features.wordCounts[index] > limit { continue }
            kept.append(index)
            words += features.wordCounts[index]
            for other in candidates where !isDecided[other] {
                closest[other] = max(closest[other], features.similarity(other, index))
            }
        }
        if kept.isEmpty, case .words(let limit) = budget {
            // Nothing fits: the best sentence, cut to the budget.
            let index = candidates.max { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 > $1 } ?? 0
            let cut = features.sentences[index].split(separator: " ").prefix(limit).joined(separator: " ")
            return [
                ScoredSentence(
                    text: cut + "…", position: features.positions[index],
                    article: features.articles[index], score: scores[index])
            ]
        }
        return kept.sorted().map { index in
            ScoredSentence(
                text: features.sentences[index], position: features.positions[index],
                article: features.articles[index], score: scores[index])
        }
    }

    /// Whether sentence `index` mostly repeats the terms of a kept sentence.
    private func repeatsKept(_ index: Int, _ kept: [Int], _ features: SentenceFeatures) -> Bool {
        let size = features.distinctTermCount(index)
        return kept.contains { other in
            let smaller = min(size, features.distinctTermCount(other))
            guard smaller > 0 else { return false }
            return Double(features.sharedTermCount(index, other)) / Double(smaller) > redundancyLimit
        }
    }

    private static func scaledToUnitRange(_ values: [Double]) -> [Double] {
        let finite = values.map { $0.isFinite ? $0 : 0 }
        guard let low = finite.min(), let high = finite.max(), high > low else { return finite.map { _ in 1 } }
        return finite.map { ($0 - low) / (high - low) }
    }
}
