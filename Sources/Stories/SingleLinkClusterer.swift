import Foundation
import NewsValues
import Summarizer

/// The grouping `digest` used before `EventClusterer`, kept as a baseline for the stories
/// benchmark: greedy single link over whole-text TF-IDF cosine, within one section.
///
/// Reports join when they share at least two of their heaviest terms and their whole texts are
/// at least `threshold` alike (or their SimHash signatures nearly match), published within
/// `window` of each other. Single link lets a story grow a chain of related events, and the whole
/// text makes every story on one topic look alike: the faults `EventClusterer` was written for.
public struct SingleLinkClusterer: Sendable {
    public var threshold = 0.3
    public var window: TimeInterval = 3 * 24 * 3600
    public var tokenizer: Tokenizer

    /// The baseline with its old settings.
    public init(tokenizer: Tokenizer = Tokenizer()) {
        self.tokenizer = tokenizer
    }

    static let nearDuplicateDistance = 3
    static let indexedTerms = 12

    /// The groups among `articles` (indices, ascending), comparing only articles of the same
    /// partition (a section, say).
    public func events(in articles: [Article], partitions: [String]) -> [[Int]] {
        let ordered = articles.indices.sorted {
            (articles[$0].published ?? .distantPast, articles[$0].id)
                < (articles[$1].published ?? .distantPast, articles[$1].id)
        }
        var termIDs: [String: Int32] = [:]
        let termLists = ordered.map { index in
            tokenizer.terms(of: articles[index].title + " " + articles[index].text).map { term in
                if let id = termIDs[term] { return id }
                let id = Int32(termIDs.count)
                termIDs[term] = id
                return id
            }
        }
        var documentFrequency = [Int](repeating: 0, count: termIDs.count)
        for terms in termLists {
            for term in Set(terms) { documentFrequency[Int(term)] += 1 }
        }
        let count = Double(termLists.count)
        let vectors = termLists.map { terms in
            var counts: [Int32: Double] = [:]
            for term in terms { counts[term, default: 0] += 1 }
            return SparseVector(counts) { log((count + 1) / Double(documentFrequency[Int($0)] + 1)) }
        }
        let signatures = ordered.map { articles[$0].nearDuplicateSignature }
        var clusterOf = [Int](repeating: -1, count: ordered.count)
        var clusters: [[Int]] = []
        var index: [Int32: [Int]] = [:]
        var indexedClusters: [Int32: Set<Int>] = [:]
        for current in ordered.indices {
            let published = articles[ordered[current]].published ?? .distantPast
            let keys = vectors[current].heaviest(Self.indexedTerms)
            var shared: [Int: Int] = [:]
            for key in keys {
                for other in index[key, default: []] { shared[other, default: 0] += 1 }
            }
            let matches = shared.filter { other, overlap in
                let otherDate = articles[ordered[other]].published ?? .distantPast
                return overlap >= 2 && partitions[ordered[other]] == partitions[ordered[current]]
                    && abs(otherDate.timeIntervalSince(published)) <= window
                    && (NearDuplicateSignature.distance(signatures[current], signatures[other])
                        <= Self.nearDuplicateDistance
                        || vectors[current].dot(vectors[other]) >= threshold)
            }
            if let home = matches.keys.map({ clusterOf[$0] }).min() {
                clusters[home].append(current)
                clusterOf[current] = home
            } else {
                clusterOf[current] = clusters.count
                clusters.append([current])
            }
            let home = clusterOf[current]
            for key in keys where indexedClusters[key, default: []].insert(home).inserted {
                index[key, default: []].append(current)
            }
        }
        return clusters.map { $0.map { ordered[$0] }.sorted() }.sorted { $0[0] < $1[0] }
    }
}
