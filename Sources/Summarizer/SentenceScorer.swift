/// Scores the sentences of one article or story cluster; higher means more worth keeping.
///
/// Scores only rank sentences against each other within one call: their scale is the scorer's
/// own. Implementations are pure functions of the features, so summaries are deterministic.
public protocol SentenceScorer: Sendable {
    /// One score per sentence of `features`, in the same order.
    func scores(for features: SentenceFeatures) -> [Double]
}

extension SentenceScorer {
    /// Scores already-split sentences of one article with an optional title, tokenised in English.
    public func scores(for sentences: [String], title: String?) -> [Double] {
        scores(for: SentenceFeatures(sentences: sentences, titles: [title]))
    }
}

/// Scales scores so the largest is 1 (all zeros stay zeros).
func normalisedToMaximum(_ values: [Double]) -> [Double] {
    let largest = values.max() ?? 0
    guard largest > 0 else { return values.map { _ in 0 } }
    return values.map { $0 / largest }
}

/// Adds title overlap to centrality scores scaled to a maximum of 1.
func withTitleOverlap(_ scores: [Double], _ features: SentenceFeatures, weight: Double) -> [Double] {
    zip(normalisedToMaximum(scores), features.titleSimilarity).map { $0 + weight * $1 }
}

/// The first sentences first: the strong baseline on news, where the lead tells the story.
///
/// In a story cluster, each article's first sentence ranks before any article's second.
public struct LeadScorer: SentenceScorer {
    /// A lead scorer.
    public init() {}

    /// `1 / (position + 1)`, ties broken for the earlier article.
    public func scores(for features: SentenceFeatures) -> [Double] {
        (0..<features.count).map { index in
            1.0 / Double(features.positions[index] + 1) - 1e-9 * Double(features.articles[index])
        }
    }
}

/// Closeness of each sentence to the TF-IDF centroid of the whole text (Radev's centroid
/// summariser), plus overlap with the title and standfirst.
public struct CentroidScorer: SentenceScorer {
    /// How much title overlap adds to centrality scaled to at most 1.
    public var titleWeight: Double

    /// A centroid scorer with the given title weight.
    public init(titleWeight: Double = 0.3) {
        self.titleWeight = titleWeight
    }

    /// Cosine similarity with the centroid, plus title overlap.
    public func scores(for features: SentenceFeatures) -> [Double] {
        withTitleOverlap(features.centroidSimilarity(), features, weight: titleWeight)
    }
}
