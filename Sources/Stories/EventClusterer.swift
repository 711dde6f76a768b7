import Foundation
import NewsValues
import Summarizer

/// Groups a week's articles into events: reports of one happening together, reports of different
/// happenings apart, even when they share a topic, a country and most of their vocabulary.
///
/// How, in three steps:
/// 1. **Copies** of one report (the same wire story in two feeds, a re-headlined update) are
///    found first, by their headline or near-identical text (SimHash), and count as one report.
/// 2. Each pair of reports that share rare names or words is scored on what its headline and lede
///    say, not its whole body: the words of what happened (`actionWeight`), all the lede's words
///    (`ledeWeight`) and the names of who and where (`nameWeight`), each weighed by how rare it
///    is in the week. Reports that share no name, lie far apart in time, or where one is an
///    analysis or a roundup, need closer wording.
/// 3. Reports join in **average link** with a **complete-link floor**: two groups merge only
///    when their reports are on average at least `threshold` alike and every pair at least
///    `floor`, so a story cannot grow a chain of related-but-different events.
///
/// Deterministic, and linear in the number of articles in practice: only pairs that share at
/// least two of their rarer terms or names are compared, and copies are compared as one.
public struct EventClusterer: Sendable {
    /// The weights and limits of the pair score; the defaults were chosen by cross-validation on
    /// a labelled week (see `Benchmarks/stories`).
    public struct Parameters: Sendable, Equatable {
        /// Weight of the cosine of the headline-and-lede words that are not names.
        public var actionWeight = 0.4
        /// Weight of the cosine of all the headline-and-lede words.
        public var ledeWeight = 0.15
        /// Weight of the share of rare names in common.
        public var nameWeight = 0.15
        /// Two groups merge when their reports' mean pair score reaches this.
        public var threshold = 0.34
        /// … and no pair of their reports scores below this.
        public var floor = 0.18
        /// The score of two reports that share no name is multiplied by this.
        public var noSharedNameFactor = 0.5
        /// … of an analysis (or explainer, opinion) and another article, by this.
        public var analysisFactor = 0.75
        /// … of a roundup (podcast, video, gallery) and another article, by this.
        public var roundupFactor = 0.5
        /// Reports further apart than this (seconds) need closer wording …
        public var window: TimeInterval = 48 * 3600
        /// … their score decaying by e for each `decay` seconds beyond the window.
        public var decay: TimeInterval = 72 * 3600
        /// An announcement of a happening and a later report of it on the day it named (see
        /// `Schedule`) score at least this times the share of names they have in common; 0 leaves
        /// such pairs to the other evidence.
        public var previewWeight = 0.5
        /// Copies: SimHash signatures at most this many bits apart.
        public var copyDistance = 3
        /// Copies: the same headline, published at most this far apart.
        public var copyWindow: TimeInterval = 48 * 3600

        /// The defaults.
        public init() {}
    }

    public var parameters: Parameters
    public var tokenizer: Tokenizer
    /// Names that say where, lower case: places, and what names a country (its people, its
    /// institutions), as the composer's gazetteer knows them. An announcement and the report of
    /// its happening must share a name that is none of these, a who and not only a where: two
    /// countries' match in a city and their leaders' talks there that day are two events.
    public var placeNames: Set<String> = []

    /// A clusterer with the given parameters and tokenizer.
    public init(parameters: Parameters = Parameters(), tokenizer: Tokenizer = Tokenizer()) {
        self.parameters = parameters
        self.tokenizer = tokenizer
    }

    /// The events among `articles`, each as indices into `articles` in ascending order; events in
    /// the order of their first article. `headlines`, when given, are the cleaned headlines (desk
    /// labels and wire slugs removed) to compare instead of the articles' titles.
    public func events(in articles: [Article], headlines: [String]? = nil) -> [[Int]] {
        grouping(of: articles, headlines: headlines).events
    }

    /// A week's articles grouped into events, with how much related coverage each event has.
    public struct Grouping: Sendable {
        /// Each event's articles (indices, ascending), events in the order of their first article.
        public var events: [[Int]]
        /// For each event, how many other events of the week name its subject in their headlines
        /// (reactions, analyses, follow-ups): a sign of how much the event matters beyond its own
        /// reports (see `headlinePresence(of:profiles:)`).
        public var relatedEvents: [Int]
        /// How many distinct reports each event has, copies of one report counted once.
        public var reports: [Int]
    }

    /// The events among `articles`, their related coverage and their distinct reports.
    public func grouping(of articles: [Article], headlines: [String]? = nil) -> Grouping {
        guard !articles.isEmpty else { return Grouping(events: [], relatedEvents: [], reports: []) }
        let profiles = profiles(of: articles, headlines: headlines)
        let units = copyGroups(profiles)
        // Each group of copies is compared through one member: the one with the fullest lede.
        let representatives = units.map { members in
            members.max { profiles[$0].ledeTerms.count < profiles[$1].ledeTerms.count } ?? members[0]
        }
        let scorer = PairScorer(profiles: representatives.map { profiles[$0] }, parameters: parameters)
        let scores = scorer.candidatePairScores()
        let merged = Self.averageLink(
            unitCount: units.count, scores: scores, threshold: parameters.threshold, floor: parameters.floor
        )
        .sorted { units[$0.min() ?? 0].min() ?? 0 < units[$1.min() ?? 0].min() ?? 0 }
        var eventOfUnit = [Int](repeating: 0, count: units.count)
        for (event, group) in merged.enumerated() {
            for unit in group { eventOfUnit[unit] = event }
        }
        let events = merged.map { group in group.flatMap { units[$0] }.sorted() }
        return Grouping(
            events: events, relatedEvents: Self.headlinePresence(of: events, profiles: profiles),
            reports: merged.map(\.count))
    }

    /// A name in more of the week's headlines than this share is the beat (a country, a market),
    /// not the subject of one story.
    public static let subjectShare = 0.01

    /// For each event, how many other events' headlines name its subject: the names of who and what
    /// in its own headlines that are specific to a few stories of the week (at most `subjectShare` of
    /// the headlines). A launch that draws reactions, estimates and explainers is named again and
    /// again; a feature no one else followed is not. Names of where (`placeNames`) do not count: a
    /// country's name in other headlines says the country is in the news, not this event ("Indian
    /// shares dip" and "Indian rupee futures" do not make a deputy governor's speech a big story).
    static func headlinePresence(of events: [[Int]], profiles: [ArticleProfile]) -> [Int] {
        // Where each run of one to four headline words stands: names are looked up as such runs.
        var headlinesWith: [String: [Int]] = [:]
        for (index, profile) in profiles.enumerated() {
            let words = profile.titleKey.split(separator: " ")
            var runs: Set<String> = []
            for start in words.indices {
                for length in 1...4 where start + length <= words.count {
                    runs.insert(words[start..<(start + length)].joined(separator: " "))
                }
            }
            for run in runs { headlinesWith[run, default: []].append(index) }
        }
        var eventOf = [Int](repeating: 0, count: profiles.count)
        for (event, members) in events.enumerated() {
            for member in members { eventOf[member] = event }
        }
        let limit = max(3, Int((subjectShare * Double(profiles.count)).rounded()))
        return events.indices.map { event in
            var others: Set<Int> = []
            var seen: Set<String> = []
            for member in events[event] {
                for name in profiles[member].subjectKeys where seen.insert(name).inserted {
                    // A name of the event's own headline, and not one every other headline has.
                    guard let headlines = headlinesWith[name], headlines.count <= limit,
                        headlines.contains(where: { eventOf[$0] == event })
                    else { continue }
                    for headline in headlines where eventOf[headline] != event { others.insert(eventOf[headline]) }
                }
            }
            return others.count
        }
    }

    /// What the pair score is made of, for every candidate pair: for tuning the parameters
    /// (`stories-probe --pairs`, the stories benchmark's) without rerunning the profile and index work.
    public struct PairEvidence: Sendable {
        /// The two groups of copies (article indices), each through its representative.
        public var first: [Int]
        public var second: [Int]
        public var actionSimilarity: Double
        public var ledeSimilarity: Double
        public var nameOverlap: Double
        public var firstKind: ArticleKind
        public var secondKind: ArticleKind
        /// Seconds between the two representatives.
        public var apart: TimeInterval
        /// Whether one announces a happening the other reports (`Schedule`): `nil` when not, else
        /// whether the pair is compared without that (shares two index keys).
        public var announcement: Bool?
        /// The score under the current parameters.
        public var score: Double
    }

    /// The groups of copies among `articles` and the evidence for every candidate pair of them
    /// (see `events(in:headlines:)`).
    public func evidence(in articles: [Article], headlines: [String]? = nil) -> (
        copies: [[Int]], pairs: [PairEvidence]
    ) {
        guard !articles.isEmpty else { return ([], []) }
        let profiles = profiles(of: articles, headlines: headlines)
        let units = copyGroups(profiles)
        let representatives = units.map { members in
            members.max { profiles[$0].ledeTerms.count < profiles[$1].ledeTerms.count } ?? members[0]
        }
        let unitProfiles = representatives.map { profiles[$0] }
        let scorer = PairScorer(profiles: unitProfiles, parameters: parameters)
        var plain = parameters
        plain.previewWeight = 0
        let compared = PairScorer(profiles: unitProfiles, parameters: plain).candidatePairScores()
        let announcements = scorer.announcementPairs()
        let pairs = scorer.candidatePairScores(allAnnouncements: true).keys.sorted { ($0.a, $0.b) < ($1.a, $1.b) }.map {
            pair in
            let (p, q) = (unitProfiles[pair.a], unitProfiles[pair.b])
            return PairEvidence(
                first: units[pair.a], second: units[pair.b],
                actionSimilarity: scorer.action[pair.a].dot(scorer.action[pair.b]),
                ledeSimilarity: scorer.lede[pair.a].dot(scorer.lede[pair.b]),
                nameOverlap: scorer.nameOverlap(p.names, q.names), firstKind: p.kind, secondKind: q.kind,
                apart: abs(p.published - q.published),
                announcement: announcements.contains(pair) ? compared[pair] != nil : nil,
                score: scorer.score(pair.a, pair.b))
        }
        return (units, pairs)
    }

    func profiles(of articles: [Article], headlines: [String]?) -> [ArticleProfile] {
        let headlines = headlines ?? articles.map(\.title)
        var builder = ProfileBuilder(tokenizer: tokenizer)
        builder.placeKeys = Set(placeNames.map(ProfileBuilder.key(of:)))
        builder.learnNames(from: articles, headlines: headlines)
        return articles.indices.map { builder.profile(of: articles[$0], headline: headlines[$0]) }
    }

    /// Copies of one report, as groups of article indices (every article in exactly one group).
    func copyGroups(_ profiles: [ArticleProfile]) -> [[Int]] {
        var parent = Array(profiles.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }
        func join(_ a: Int, _ b: Int) {
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        // The same headline, close in time.
        var byTitle: [String: [Int]] = [:]
        for (index, profile) in profiles.enumerated() where !profile.titleKey.isEmpty {
            byTitle[profile.titleKey, default: []].append(index)
        }
        for group in byTitle.values where group.count > 1 {
            let ordered = group.sorted { profiles[$0].published < profiles[$1].published }
            for (a, b) in zip(ordered, ordered.dropFirst())
            where profiles[b].published - profiles[a].published <= parameters.copyWindow {
                join(a, b)
            }
        }
        // Near-identical text: signatures within `copyDistance` bits agree on at least one of
        // four 16-bit bands when the distance is at most 3, so only band-mates are compared.
        if parameters.copyDistance > 0 {
            for band in 0..<4 {
                var buckets: [UInt64: [Int]] = [:]
                for (index, profile) in profiles.enumerated() {
                    buckets[(profile.signature >> UInt64(16 * band)) & 0xFFFF, default: []].append(index)
                }
                for bucket in buckets.values where bucket.count > 1 {
                    // Members already joined need no comparison; compare each with the first of
                    // each distinct group seen in the bucket.
                    var heads: [Int] = []
                    for index in bucket {
                        var matched = false
                        for head in heads where root(head) == root(index) {
                            matched = true
                            break
                        }
                        if matched { continue }
                        for head in heads
                        where NearDuplicateSignature.distance(profiles[head].signature, profiles[index].signature)
                            <= parameters.copyDistance
                            && abs(profiles[head].published - profiles[index].published) <= parameters.copyWindow
                        {
                            join(head, index)
                            matched = true
                            break
                        }
                        if !matched { heads.append(index) }
                    }
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        for index in profiles.indices { groups[root(index), default: []].append(index) }
        return groups.keys.sorted().map { groups[$0]! }
    }

    /// Average-link agglomeration with a complete-link floor over a sparse graph of pair scores
    /// (a missing pair scores 0): repeatedly merges the two groups with the highest mean pair
    /// score, as long as it reaches `threshold` and every pair between them reaches `floor`.
    static func averageLink(unitCount: Int, scores: [Pair: Double], threshold: Double, floor: Double) -> [[Int]] {
        struct Link {
            var sum: Double
            var minimum: Double
            var count: Int
        }
        var members: [[Int]] = (0..<unitCount).map { [$0] }
        var alive = [Bool](repeating: true, count: unitCount)
        var links: [[Int: Link]] = Array(repeating: [:], count: unitCount)
        for (pair, score) in scores where score >= floor {
            links[pair.a][pair.b] = Link(sum: score, minimum: score, count: 1)
            links[pair.b][pair.a] = Link(sum: score, minimum: score, count: 1)
        }
        func mergeable(_ a: Int, _ b: Int, _ link: Link) -> Double? {
            let pairs = members[a].count * members[b].count
            guard link.count == pairs, link.minimum >= floor else { return nil }
            let mean = link.sum / Double(pairs)
            return mean >= threshold ? mean : nil
        }
        // Candidate merges, best first; an entry is stale when either group has changed since.
        var version = [Int](repeating: 0, count: unitCount)
        var queue: [(score: Double, a: Int, b: Int, versionA: Int, versionB: Int)] = []
        for a in 0..<unitCount {
            for (b, link) in links[a] where a < b {
                if let score = mergeable(a, b, link) { queue.append((score, a, b, 0, 0)) }
            }
        }
        var heap = MergeHeap(queue)
        while let best = heap.pop() {
            let (a, b) = (best.a, best.b)
            guard alive[a], alive[b], version[a] == best.versionA, version[b] == best.versionB else { continue }
            // Merge b into a.
            members[a] += members[b]
            alive[b] = false
            version[a] += 1
            var combined = links[a]
            combined[b] = nil
            for (other, link) in links[b] where other != a {
                if let existing = combined[other] {
                    combined[other] = Link(
                        sum: existing.sum + link.sum, minimum: min(existing.minimum, link.minimum),
                        count: existing.count + link.count)
                } else {
                    combined[other] = link
                }
            }
            links[b] = [:]
            links[a] = combined
            for (other, link) in combined {
                links[other][b] = nil
                links[other][a] = link
                if let score = mergeable(a, other, link) {
                    let (x, y) = a < other ? (a, other) : (other, a)
                    heap.push((score, x, y, version[x], version[y]))
                }
            }
        }
        return (0..<unitCount).filter { alive[$0] }.map { members[$0].sorted() }
    }
}

/// Two unit indices, the smaller first.
struct Pair: Hashable {
    var a: Int
    var b: Int
    init(_ x: Int, _ y: Int) {
        (a, b) = x < y ? (x, y) : (y, x)
    }
}

/// A binary max-heap of candidate merges, ordered by score, then by the smaller pair for
/// determinism.
struct MergeHeap {
    typealias Entry = (score: Double, a: Int, b: Int, versionA: Int, versionB: Int)
    private var entries: [Entry] = []

    init(_ entries: [Entry]) {
        for entry in entries { push(entry) }
    }

    private static func above(_ x: Entry, _ y: Entry) -> Bool {
        if x.score != y.score { return x.score > y.score }
        return (x.a, x.b) < (y.a, y.b)
    }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.above(entries[child], entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Entry? {
        guard let top = entries.first else { return nil }
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var best = parent
                if left < entries.count, Self.above(entries[left], entries[best]) { best = left }
                if right < entries.count, Self.above(entries[right], entries[best]) { best = right }
                if best == parent { break }
                entries.swapAt(parent, best)
                parent = best
            }
        }
        return top
    }
}
