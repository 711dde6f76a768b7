import Foundation

/// LexRank (Erkan and Radev, 2004): PageRank over the graph of sentences whose TF-IDF cosine
/// similarity passes a threshold, edges weighted by similarity, plus title overlap.
public struct LexRankScorer: SentenceScorer {
    /// Similarities at or below this are no edge.
    public var threshold: Double
    /// PageRank's damping factor.
    public var damping: Double
    /// How much title overlap adds to centrality scaled to at most 1.
    public var titleWeight: Double

    /// A LexRank scorer.
    public init(threshold: Double = 0.1, damping: Double = 0.85, titleWeight: Double = 0) {
        self.threshold = threshold
        self.damping = damping
        self.titleWeight = titleWeight
    }

    /// Stationary PageRank of each sentence, plus title overlap.
    public func scores(for features: SentenceFeatures) -> [Double] {
        var matrix = features.similarities()
        for index in matrix.indices where matrix[index] <= threshold { matrix[index] = 0 }
        return withTitleOverlap(
            pageRank(matrix, count: features.count, damping: damping), features, weight: titleWeight)
    }
}

/// TextRank (Mihalcea and Tarau, 2004), with summa's similarity: PageRank over sentences linked
/// by shared terms, `|shared| / (log |a| + log |b|)` where `|a|` counts the sentence's content
/// words. Figures ("2004", "$3.3bn") are left out of the links: two sentences quoting numbers
/// are rarely about the same thing. A sentence's rank is then weighed by its length in words
/// (stop words too) relative to the article's average, `(length / mean) ^ lengthWeight`: of two
/// equally central sentences the fuller one tells the reader more. A little title overlap is
/// added: the headline names the story, so of two near-equal sentences the one about the
/// headline's subject goes first.
public struct TextRankScorer: SentenceScorer {
    /// PageRank's damping factor.
    public var damping: Double
    /// The exponent of the relative-length factor; 0 ranks by centrality alone.
    public var lengthWeight: Double
    /// How much title overlap adds to centrality scaled to at most 1.
    public var titleWeight: Double

    /// A TextRank scorer.
    public init(damping: Double = 0.85, lengthWeight: Double = 0.2, titleWeight: Double = 0.1) {
        self.damping = damping
        self.lengthWeight = lengthWeight
        self.titleWeight = titleWeight
    }

    /// Stationary PageRank of each sentence weighed by length, plus title overlap.
    public func scores(for features: SentenceFeatures) -> [Double] {
        let count = features.count
        // How many words each sentence's terms stand for, figures left out as in the links.
        let lengths = (0..<count).map { index in
            zip(features.termIDs[index], features.termFrequencies[index]).reduce(0) { sum, term in
                features.isNumericTerm[Int(term.0)] ? sum : sum + Int(term.1)
            }
        }
        let logLengths = lengths.map { $0 > 0 ? log(Double($0)) : 0 }
        var matrix = Array(repeating: 0.0, count: count * count)
        for i in 0..<count where lengths[i] > 0 {
            for j in (i + 1)..<count where lengths[j] > 0 {
                let denominator = logLengths[i] + logLengths[j]
                guard denominator > 0 else { continue }
                let value = Double(features.sharedTermCount(i, j, countingFigures: false)) / denominator
                matrix[i * count + j] = value
                matrix[j * count + i] = value
            }
        }
        let rank = pageRank(matrix, count: count, damping: damping)
        let scaled = normalisedToMaximum(rank)
        // Length in the words a reader reads, stop words included: they carry who did what to whom.
        let words = (0..<count).filter { lengths[$0] > 0 }.map { features.wordCounts[$0] }
        let mean = words.isEmpty ? 1 : Double(max(words.reduce(0, +), 1)) / Double(words.count)
        let weighed = (0..<count).map { index in
            scaled[index] * pow(Double(max(features.wordCounts[index], 1)) / mean, lengthWeight)
        }
        return withTitleOverlap(weighed, features, weight: titleWeight)
    }
}

/// Position-aware centrality in the spirit of PacSum (Zheng and Lapata, 2019).
///
/// News states its point first and spends the rest of the article developing it, so a key
/// sentence is one that the sentences *after* it echo. Each sentence's centrality counts its
/// similarity to following sentences with `forwardWeight` and to preceding ones with
/// `backwardWeight` (negative: echoing what came before marks a supporting sentence), over edges
/// above a threshold at `threshold` of the way from the smallest to the largest similarity.
/// A lead prior and title overlap are added to the centrality scaled to at most 1. Across the
/// articles of a cluster, similarity counts as agreement, in both directions.
///
/// TextRank's undirected, length-weighed centrality is then mixed in at `textRankWeight` (both
/// scores shifted and scaled to 0…1 first): among sentences the lead prior leaves close, the one
/// the whole article keeps returning to, and the fuller one, goes first. On the dev sets of
/// `Benchmarks/summarize` the mix scored above the position-aware score alone on all three.
public struct PositionAwareScorer: SentenceScorer {
    /// Where between the smallest and the largest similarity an edge starts to count, 0…1.
    public var threshold: Double
    /// Weight of similarity to later sentences.
    public var forwardWeight: Double
    /// Weight of similarity to earlier sentences.
    public var backwardWeight: Double
    /// Weight of the lead prior `1 / (position + 1)`.
    public var leadWeight: Double
    /// How much title overlap adds.
    public var titleWeight: Double
    /// How much TextRank's score adds, relative to this scorer's own (both scaled to 0…1).
    public var textRankWeight: Double

    /// A position-aware centrality scorer.
    public init(
        threshold: Double = 0.3, forwardWeight: Double = 1, backwardWeight: Double = -0.5,
        leadWeight: Double = 3, titleWeight: Double = 0.3, textRankWeight: Double = 0.25
    ) {
        self.threshold = threshold
        self.forwardWeight = forwardWeight
        self.backwardWeight = backwardWeight
        self.leadWeight = leadWeight
        self.titleWeight = titleWeight
        self.textRankWeight = textRankWeight
    }

    /// Directed centrality plus lead prior plus title overlap, mixed with TextRank.
    public func scores(for features: SentenceFeatures) -> [Double] {
        let count = features.count
        guard count > 1 else { return Array(repeating: 1, count: count) }
        let similarities = features.similarities()
        let articles = features.articles
        let positions = features.positions
        var centrality = Array(repeating: 0.0, count: count)
        similarities.withUnsafeBufferPointer { matrix in
            var smallest = Double.infinity
            var largest = -Double.infinity
            for i in 0..<count {
                for j in 0..<count where i != j {
                    smallest = min(smallest, matrix[i * count + j])
                    largest = max(largest, matrix[i * count + j])
                }
            }
            let cut = smallest + threshold * (largest - smallest)
            for i in 0..<count {
                var sum = 0.0
                for j in 0..<count where j != i {
                    let edge = matrix[i * count + j] - cut
                    guard edge > 0 else { continue }
                    if articles[i] != articles[j] {
                        sum += forwardWeight * edge
                    } else if positions[j] > positions[i] {
                        sum += forwardWeight * edge
                    } else {
                        sum += backwardWeight * edge
                    }
                }
                centrality[i] = sum
            }
        }
        // Shift so the least central sentence scores 0, then scale to at most 1.
        let scaled = shiftedToZero(centrality)
        let own = (0..<count).map { index in
            scaled[index] + leadWeight / Double(features.positions[index] + 1)
                + titleWeight * features.titleSimilarity[index]
        }
        guard textRankWeight != 0 else { return own }
        let textRank = shiftedToZero(TextRankScorer().scores(for: features))
        return zip(shiftedToZero(own), textRank).map { $0 + textRankWeight * $1 }
    }
}

/// Scores shifted so the least is 0, then scaled so the largest is 1.
func shiftedToZero(_ values: [Double]) -> [Double] {
    let least = values.min() ?? 0
    return normalisedToMaximum(values.map { $0 - least })
}

/// Weighted PageRank by power iteration over a `count × count` matrix laid out row after row;
/// rows are out-links. Deterministic.
func pageRank(_ matrix: [Double], count: Int, damping: Double, iterations: Int = 100) -> [Double] {
    guard count > 0 else { return [] }
    // Each row's positive entries, in order: the only ones that pass rank on.
    var outWeights = Array(repeating: 0.0, count: count)
    var linkStarts = [0]
    var targets: [Int] = []
    var values: [Double] = []
    linkStarts.reserveCapacity(count + 1)
    for i in 0..<count {
        var sum = 0.0
        for j in 0..<count {
            let value = matrix[i * count + j]
            sum += value
            if value > 0 {
                targets.append(j)
                values.append(value)
            }
        }
        outWeights[i] = sum
        linkStarts.append(targets.count)
    }
    var rank = Array(repeating: 1.0 / Double(count), count: count)
    var next = rank
    for _ in 0..<iterations {
        for j in 0..<count { next[j] = (1 - damping) / Double(count) }
        var dangling = 0.0
        for i in 0..<count {
            guard outWeights[i] > 0 else {
                dangling += rank[i]
                continue
            }
            let share = damping * rank[i] / outWeights[i]
            for link in linkStarts[i]..<linkStarts[i + 1] { next[targets[link]] += share * values[link] }
        }
        // A sentence linked to nothing spreads its rank evenly.
        let spread = damping * dangling / Double(count)
        var change = 0.0
        for j in 0..<count {
            next[j] += spread
            change += abs(next[j] - rank[j])
        }
        swap(&rank, &next)
        if change < 1e-7 { break }
    }
    return rank
}
