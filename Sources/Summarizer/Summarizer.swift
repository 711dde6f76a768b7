import Foundation

/// A sentence of an article, with where it stands.
public struct ScoredSentence: Sendable, Equatable {
    public var text: String
    /// Position in the article, from 0.
    public var position: Int
    public var score: Double
}

/// Scores the sentences of one document; higher means more worth keeping.
public protocol SentenceScorer: Sendable {
    func scores(for sentences: [String], title: String?) -> [Double]
}

/// The first sentences first: the strong baseline on news.
public struct LeadScorer: SentenceScorer {
    public init() {}

    public func scores(for sentences: [String], title: String?) -> [Double] {
        sentences.indices.map { 1.0 / Double($0 + 1) }
    }
}

/// Similarity of each sentence to the document's TF-IDF centroid (sentences as documents),
/// mixed with a lead prior, since news puts its key facts first, and overlap with the title.
public struct CentroidScorer: SentenceScorer {
    public var tokenizer = Tokenizer()
    /// How much the lead prior weighs against centrality, 0…1.
    public var positionWeight = 0.5

    public init() {}

    public func scores(for sentences: [String], title: String?) -> [Double] {
        let termLists = sentences.map(tokenizer.terms(of:))
        var documentFrequency: [String: Int] = [:]
        for terms in termLists {
            for term in Set(terms) { documentFrequency[term, default: 0] += 1 }
        }
        let count = Double(max(sentences.count, 1))
        func vector(_ terms: [String]) -> [String: Double] {
            var vector: [String: Double] = [:]
            for term in terms {
                let idf = log((count + 1) / Double(documentFrequency[term, default: 0] + 1)) + 1
                vector[term, default: 0] += idf
            }
            return vector
        }
        let vectors = termLists.map(vector)
        var centroid: [String: Double] = [:]
        for vector in vectors {
            for (term, weight) in vector { centroid[term, default: 0] += weight }
        }
        let titleVector = vector(title.map(tokenizer.terms(of:)) ?? [])
        return vectors.enumerated().map { index, vector in
            let centrality = cosine(vector, centroid)
            let titleOverlap = titleVector.isEmpty ? 0 : cosine(vector, titleVector)
            let lead = 1.0 / Double(index + 1).squareRoot()
            let content = 0.7 * centrality + 0.3 * titleOverlap
            // Very short fragments ("He added:") carry little.
            let lengthFactor = min(1.0, Double(termLists[index].count) / 6.0)
            return ((1 - positionWeight) * content + positionWeight * lead) * lengthFactor
        }
    }

    private func cosine(_ a: [String: Double], _ b: [String: Double]) -> Double {
        var dot = 0.0
        for (term, weight) in a { dot += weight * (b[term] ?? 0) }
        let normA = a.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let normB = b.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return normA == 0 || normB == 0 ? 0 : dot / (normA * normB)
    }
}

/// Picks an article's key sentences: segments, scores, then keeps the best few that do not
/// repeat each other, in reading order.
public struct Summarizer: Sendable {
    public var segmenter = SentenceSegmenter()
    public var scorer: any SentenceScorer
    public var tokenizer = Tokenizer()
    /// A candidate sharing more than this fraction of its terms with a kept sentence is skipped.
    public var redundancyLimit = 0.6

    public init(scorer: any SentenceScorer = CentroidScorer()) {
        self.scorer = scorer
    }

    /// The key sentences of `text` (paragraphs separated by newlines), at most `sentences` of them.
    public func summarize(_ text: String, title: String? = nil, sentences limit: Int) -> [String] {
        select(from: segmenter.sentences(in: text), title: title, limit: limit).map(\.text)
    }

    /// Scores and selects among already-split sentences.
    public func select(from sentences: [String], title: String?, limit: Int) -> [ScoredSentence] {
        guard limit > 0, !sentences.isEmpty else { return [] }
        let scores = scorer.scores(for: sentences, title: title)
        let ranked = sentences.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        var kept: [ScoredSentence] = []
        var keptTerms: [Set<String>] = []
        for index in ranked where kept.count < limit {
            let terms = Set(tokenizer.terms(of: sentences[index]))
            let repeats = keptTerms.contains { other in
                let smaller = min(terms.count, other.count)
                return smaller > 0 && Double(terms.intersection(other).count) / Double(smaller) > redundancyLimit
            }
            if repeats { continue }
            kept.append(ScoredSentence(text: sentences[index], position: index, score: scores[index]))
            keptTerms.append(terms)
        }
        return kept.sorted { $0.position < $1.position }
    }
}
