import Foundation
import NewsValues
import Summarizer

/// Scores pairs of reports (one per group of copies) on how likely they tell one event.
struct PairScorer {
    let profiles: [ArticleProfile]
    let parameters: EventClusterer.Parameters
    let lede: [SparseVector]
    let action: [SparseVector]
    let nameWeights: [Int32: Double]
    /// How many of a report's heaviest action terms index it for finding candidates.
    static let indexedTerms = 8
    /// How many of its rarest names.
    static let indexedNames = 8

    init(profiles: [ArticleProfile], parameters: EventClusterer.Parameters) {
        self.profiles = profiles
        self.parameters = parameters
        var termFrequency: [Int32: Int] = [:]
        var nameFrequency: [Int32: Int] = [:]
        for profile in profiles {
            for term in profile.ledeTerms.keys { termFrequency[term, default: 0] += 1 }
            for name in profile.names { nameFrequency[name, default: 0] += 1 }
        }
        let count = Double(profiles.count)
        let inverse = { (frequency: Int) in log((count + 1) / Double(frequency + 1)) + 0.1 }
        lede = profiles.map { SparseVector($0.ledeTerms) { inverse(termFrequency[$0, default: 0]) } }
        action = profiles.map { SparseVector($0.actionTerms) { inverse(termFrequency[$0, default: 0]) } }
        nameWeights = nameFrequency.mapValues(inverse)
    }

    /// The score of every pair that shares at least two index keys (rare terms or names).
    func candidatePairScores() -> [Pair: Double] {
        // Keys so common that they say little are not used to find candidates: a week's news
        // names its biggest country in every other report.
        let commonLimit = max(40, profiles.count / 20)
        var postings: [Int64: [Int]] = [:]
        var keysOf: [[Int64]] = []
        for (index, profile) in profiles.enumerated() {
            var keys = action[index].heaviest(Self.indexedTerms).map { Int64($0) }
            let names = profile.names.sorted {
                let (x, y) = (nameWeights[$0] ?? 0, nameWeights[$1] ?? 0)
                return x != y ? x > y : $0 < $1
            }
            keys += names.prefix(Self.indexedNames).map { -Int64($0) - 1 }
            keysOf.append(keys)
            for key in keys { postings[key, default: []].append(index) }
        }
        var scores: [Pair: Double] = [:]
        for (index, keys) in keysOf.enumerated() {
            var shared: [Int: Int] = [:]
            for key in keys {
                guard let list = postings[key], list.count <= commonLimit else { continue }
                for other in list where other > index { shared[other, default: 0] += 1 }
            }
            for (other, overlap) in shared where overlap >= 2 {
                scores[Pair(index, other)] = score(index, other)
            }
        }
        return scores
    }

    /// How alike two reports' headlines and ledes are, 0…1, adjusted for time, kind and names.
    func score(_ i: Int, _ j: Int) -> Double {
        let (p, q) = (profiles[i], profiles[j])
        let names = nameOverlap(p.names, q.names)
        var score =
            parameters.actionWeight * action[i].dot(action[j]) + parameters.ledeWeight * lede[i].dot(lede[j])
            + parameters.nameWeight * names
        if names == 0 { score *= parameters.noSharedNameFactor }
        if p.kind == .roundup || q.kind == .roundup {
            score *= parameters.roundupFactor
        } else if p.kind == .analysis || q.kind == .analysis {
            score *= parameters.analysisFactor
        }
        let apart = abs(p.published - q.published)
        if apart > parameters.window { score *= exp(-(apart - parameters.window) / parameters.decay) }
        return score
    }

    /// The weight of the names two reports share, over the smaller report's total: 1 when one
    /// report's names are all in the other.
    func nameOverlap(_ a: Set<Int32>, _ b: Set<Int32>) -> Double {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var shared = 0.0
        var total = 0.0
        for name in small {
            let weight = nameWeights[name] ?? 0
            total += weight
            if large.contains(name) { shared += weight }
        }
        let otherTotal = large.reduce(0.0) { $0 + (nameWeights[$1] ?? 0) }
        let denominator = min(total, otherTotal)
        return denominator > 0 ? min(1, shared / denominator) : 0
    }
}
