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
    /// Each report's names of who and where: none of a day or month, none in more than
    /// `commonLimit` reports.
    let principalNames: [Set<Int32>]
    /// Keys in more reports than this say little: a week's news names its biggest country in every
    /// other report.
    let commonLimit: Int
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
        let nameWeights = nameFrequency.mapValues(inverse)
        self.nameWeights = nameWeights
        let commonLimit = max(40, profiles.count / 20)
        self.commonLimit = commonLimit
        // The names that say who and where, for pairing an announcement with its happening: all
        // but the week's commonest and the names of days and months.
        principalNames = profiles.map { profile in
            profile.names.subtracting(profile.calendarNames).filter { nameFrequency[$0, default: 0] <= commonLimit }
        }
    }

    /// The score of every pair that shares at least two index keys (rare terms or names), and of
    /// every announcement and the report of its happening (see `isAnnouncementPair`) when
    /// `previewWeight` is above 0 or `allAnnouncements` asks for them (for the evidence).
    func candidatePairScores(allAnnouncements: Bool = false) -> [Pair: Double] {
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
        if parameters.previewWeight > 0 || allAnnouncements {
            for pair in announcementPairs() where scores[pair] == nil { scores[pair] = score(pair.a, pair.b) }
        }
        return scores
    }

    /// Every pair of a forward-looking report and a later report of a thing done on a day the
    /// first names, that share at least two of their names of who and where. Reports are found
    /// through their (day, name) pairs, so the work grows with the matches, not with the week.
    func announcementPairs() -> Set<Pair> {
        func key(_ day: Int, _ name: Int32) -> Int64 { Int64(day) << 32 | Int64(UInt32(bitPattern: name)) }
        var reportsOf: [Int64: [Int]] = [:]
        for (index, profile) in profiles.enumerated() where !profile.schedule.isForward {
            for day in profile.schedule.days {
                for name in principalNames[index] { reportsOf[key(day, name), default: []].append(index) }
            }
        }
        var pairs: Set<Pair> = []
        for (index, profile) in profiles.enumerated() where profile.schedule.isForward {
            for day in profile.schedule.days {
                var shared: [Int: Int] = [:]
                for name in principalNames[index] {
                    for other in reportsOf[key(day, name)] ?? [] { shared[other, default: 0] += 1 }
                }
                for (other, count) in shared where count >= 2 && isAnnouncementPair(index, other) {
                    pairs.insert(Pair(index, other))
                }
            }
        }
        return pairs
    }

    /// Whether one report of the pair announces a happening (a visit, a meeting, a game) on a day
    /// the other, published later, reports it was held, and the two share at least two of their
    /// names of who and where (`principalNames`), one of them a who (not in `placeNames`). A roundup is the announcement or the report of no one event.
    func isAnnouncementPair(_ i: Int, _ j: Int) -> Bool {
        let (p, q) = (profiles[i], profiles[j])
        guard p.kind != .roundup, q.kind != .roundup, p.schedule.isForward != q.schedule.isForward,
            p.schedule.isAnnouncement(of: q.schedule, published: p.published, laterPublished: q.published)
                || q.schedule.isAnnouncement(of: p.schedule, published: q.published, laterPublished: p.published)
        else { return false }
        let shared = principalNames[i].intersection(principalNames[j])
        return shared.count >= 2 && shared.contains { !p.placeNames.contains($0) && !q.placeNames.contains($0) }
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
        // An announcement and the report of its happening share who and where, not what happened:
        // their names speak for them, and the day named ties them in time.
        if parameters.previewWeight > 0, isAnnouncementPair(i, j) {
            var preview = parameters.previewWeight * names
            if p.kind == .analysis || q.kind == .analysis { preview *= parameters.analysisFactor }
            score = max(score, preview)
        }
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
