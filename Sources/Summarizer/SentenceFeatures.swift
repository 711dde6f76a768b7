import Foundation

/// The sentences of one article, or of a cluster of articles on one event, prepared once for
/// every scorer: where each stands, its terms, TF-IDF vectors and their cosine similarities.
///
/// Term weights are TF-IDF with the sentences as documents, so words every sentence shares
/// (the story's subject) count for less than the words that tell sentences apart.
public struct SentenceFeatures: Sendable {
    /// The sentences, articles one after the other, each in reading order.
    public let sentences: [String]
    /// Each sentence's position in its own article, from 0.
    public let positions: [Int]
    /// Each sentence's article, from 0.
    public let articles: [Int]
    /// How many sentences each sentence's article has.
    public let articleSentenceCounts: [Int]
    /// How many words (spaced tokens) each sentence has.
    public let wordCounts: [Int]
    /// How many content terms (stems of words that are not stop words) each sentence has.
    public let termCounts: [Int]
    /// Each sentence's cosine similarity with its article's title and standfirst (0 without one).
    public let titleSimilarity: [Double]
    /// Whether each sentence looks like page furniture rather than news: "Scroll down for video",
    /// "Click here", a byline, a photo credit.
    public let isBoilerplate: [Bool]

    /// Unique term ids of each sentence, ascending, with their counts.
    let termIDs: [[Int32]]
    let termFrequencies: [[Int32]]
    /// L2-normalised TF-IDF vectors, parallel to `termIDs`.
    let weights: [[Double]]
    /// Inverse sentence frequency of each term id.
    let inverseFrequency: [Double]
    /// Whether each term id contains a digit ("2004", "3.3bn"): figures rarely tie two
    /// sentences together the way shared words do.
    let isNumericTerm: [Bool]

    /// The number of sentences.
    public var count: Int { sentences.count }

    /// Prepares already-split sentences of one article (or several, told apart by `articles`).
    ///
    /// - Parameters:
    ///   - sentences: the sentences, in reading order.
    ///   - positions: each sentence's position in its article; `0..<count` when `nil`.
    ///   - articles: each sentence's article; all 0 when `nil`.
    ///   - titles: the title and standfirst of each article, by article number.
    ///   - tokenizer: how sentences become terms.
    public init(
        sentences: [String], positions: [Int]? = nil, articles: [Int]? = nil, titles: [String?] = [],
        tokenizer: Tokenizer = Tokenizer()
    ) {
        let count = sentences.count
        let articles = articles ?? Array(repeating: 0, count: count)
        self.sentences = sentences
        self.positions = positions ?? Array(0..<count)
        self.articles = articles
        var perArticle: [Int: Int] = [:]
        for article in articles { perArticle[article, default: 0] += 1 }
        articleSentenceCounts = articles.map { perArticle[$0, default: 1] }
        wordCounts = sentences.map(Self.wordCount)
        isBoilerplate = sentences.map(Self.looksLikeBoilerplate)

        let extractor = TermExtractor.forCurrentThread(language: tokenizer.language)
        var idByTerm: [String: Int32] = [:]
        var numeric: [Bool] = []
        var idByWord = WordIDTable()
        func termList(_ text: String) -> [Int32] {
            var list: [Int32] = []
            extractor.forEachWord(in: text) { word in
                let hash = WordIDTable.hash(word)
                if let id = idByWord.find(word, hash: hash) {
                    if id >= 0 { list.append(id) }
                    return
                }
                guard let term = extractor.term(for: String(decoding: word, as: UTF8.self)) else {
                    idByWord.insert(word, hash: hash, id: -1)
                    return
                }
                let id: Int32
                if let known = idByTerm[term] {
                    id = known
                } else {
                    id = Int32(idByTerm.count)
                    idByTerm[term] = id
                    numeric.append(term.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
                }
                idByWord.insert(word, hash: hash, id: id)
                list.append(id)
            }
            return list
        }
        let termLists = sentences.map(termList)
        termCounts = termLists.map(\.count)
        var documentFrequency: [Int] = []
        var uniqueIDs: [[Int32]] = []
        var frequencies: [[Int32]] = []
        uniqueIDs.reserveCapacity(count)
        for terms in termLists {
            var counts: [Int32: Int32] = [:]
            for term in terms { counts[term, default: 0] += 1 }
            let sorted = counts.keys.sorted()
            uniqueIDs.append(sorted)
            frequencies.append(sorted.map { counts[$0, default: 0] })
            if documentFrequency.count < idByTerm.count {
                documentFrequency += Array(repeating: 0, count: idByTerm.count - documentFrequency.count)
            }
            for term in sorted { documentFrequency[Int(term)] += 1 }
        }
        let total = Double(max(count, 1))
        let idf = documentFrequency.map { log((total + 1) / (Double($0) + 1)) + 1 }
        inverseFrequency = idf
        isNumericTerm = numeric
        termIDs = uniqueIDs
        termFrequencies = frequencies
        let vectors = zip(uniqueIDs, frequencies).map { ids, counts in
            Self.normalised(zip(ids, counts).map { Double($1) * idf[Int($0)] })
        }
        weights = vectors

        // Title and standfirst: weighted with the sentences' IDF; unseen words cannot match anyway.
        let titleVectors: [Int: ([Int32], [Double])] = Dictionary(
            uniqueKeysWithValues: titles.enumerated().compactMap { article, title in
                guard let title, !title.isEmpty else { return nil }
                var counts: [Int32: Double] = [:]
                for term in extractor.terms(of: title) {
                    if let id = idByTerm[term], Int(id) < idf.count { counts[id, default: 0] += idf[Int(id)] }
                }
                let sorted = counts.keys.sorted()
                return (article, (sorted, Self.normalised(sorted.map { counts[$0, default: 0] })))
            })
        titleSimilarity = (0..<count).map { index in
            guard let (ids, titleWeights) = titleVectors[articles[index]] else { return 0 }
            return Self.sparseDot(uniqueIDs[index], vectors[index], ids, titleWeights)
        }
    }

    /// Cosine similarity of sentences `i` and `j`.
    public func similarity(_ i: Int, _ j: Int) -> Double {
        Self.sparseDot(termIDs[i], weights[i], termIDs[j], weights[j])
    }

    /// All pairwise cosine similarities; the diagonal is 0.
    public func similarityMatrix() -> [[Double]] {
        // Through an inverted index: only pairs that share a term cost anything.
        var postings = Array(repeating: [(sentence: Int, weight: Double)](), count: inverseFrequency.count)
        for sentence in 0..<count {
            for (id, weight) in zip(termIDs[sentence], weights[sentence]) {
                postings[Int(id)].append((sentence, weight))
            }
        }
        var matrix = Array(repeating: Array(repeating: 0.0, count: count), count: count)
        for list in postings where list.count > 1 {
            for a in 0..<(list.count - 1) {
                let (i, weightI) = list[a]
                for b in (a + 1)..<list.count {
                    let (j, weightJ) = list[b]
                    matrix[i][j] += weightI * weightJ
                }
            }
        }
        for i in 0..<count {
            for j in (i + 1)..<max(count, i + 1) { matrix[j][i] = matrix[i][j] }
        }
        return matrix
    }

    /// How many content terms sentences `i` and `j` share (distinct terms).
    public func sharedTermCount(_ i: Int, _ j: Int) -> Int {
        sharedCount(termIDs[i], termIDs[j])
    }

    /// The number of distinct content terms of sentence `i`.
    public func distinctTermCount(_ i: Int) -> Int { termIDs[i].count }

    /// Cosine similarity of each sentence with the sum of all sentence vectors.
    public func centroidSimilarity() -> [Double] {
        var centroid = Array(repeating: 0.0, count: inverseFrequency.count)
        for (ids, values) in zip(termIDs, weights) {
            for (id, value) in zip(ids, values) { centroid[Int(id)] += value }
        }
        let norm = centroid.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return Array(repeating: 0, count: count) }
        return zip(termIDs, weights).map { ids, values in
            var dot = 0.0
            for (id, value) in zip(ids, values) { dot += value * centroid[Int(id)] }
            return dot / norm
        }
    }

    /// Space-separated tokens with a letter or digit in them (so " . " and "--" are no words).
    static func wordCount(_ sentence: String) -> Int {
        var count = 0
        var inWord = false
        var counted = false
        for byte in sentence.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                inWord = false
                counted = false
                continue
            }
            inWord = true
            let isWordByte =
                byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
            if inWord, !counted, isWordByte {
                count += 1
                counted = true
            }
        }
        return count
    }

    // MARK: - Vectors

    private static func normalised(_ values: [Double]) -> [Double] {
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm == 0 ? values : values.map { $0 / norm }
    }

    static func sparseDot(_ a: [Int32], _ aWeights: [Double], _ b: [Int32], _ bWeights: [Double]) -> Double {
        var x = 0
        var y = 0
        var sum = 0.0
        while x < a.count, y < b.count {
            if a[x] == b[y] {
                sum += aWeights[x] * bWeights[y]
                x += 1
                y += 1
            } else if a[x] < b[y] {
                x += 1
            } else {
                y += 1
            }
        }
        return sum
    }

    // MARK: - Page furniture

    private static let boilerplateMarkers = [
        "scroll down for", "click here", "read more", "sign up", "subscribe to", "follow us", "follow @",
        "share this", "photo:", "photograph:", "image:", "picture:", "published:", "updated:", "last updated",
        "all rights reserved", "copyright", "newsletter", "download the app", "watch the video",
        "related articles", "advertisement", "©",
    ]

    private static let boilerplateMarkerBytes = boilerplateMarkers.map { Array($0.utf8) }

    /// For each byte, the markers starting with it: one table look-up per byte of the sentence.
    private static let markersByFirstByte: [[[UInt8]]] = {
        var table = Array(repeating: [[UInt8]](), count: 256)
        for marker in boilerplateMarkerBytes {
            if let first = marker.first { table[Int(first)].append(marker) }
        }
        return table
    }()

    static func looksLikeBoilerplate(_ sentence: String) -> Bool {
        // Page furniture is short; a long sentence is news whatever words it contains.
        guard sentence.utf8.count <= 120 else { return false }
        // Lower-cased bytes, " :" folded to ":" (tokenised text), searched without Foundation.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sentence.utf8.count)
        for byte in sentence.utf8 {
            if byte == UInt8(ascii: ":"), bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        let table = markersByFirstByte
        for index in bytes.indices {
            for marker in table[Int(bytes[index])] where bytes.count - index >= marker.count {
                if bytes[index..<(index + marker.count)].elementsEqual(marker) { return true }
            }
        }
        // A byline: "By Jane Smith ." or "by . daily mail reporter".
        if bytes.starts(with: Array("by ".utf8)), bytes.count(where: { $0 == UInt8(ascii: " ") }) <= 6 { return true }
        return false
    }

}

/// Word bytes to term ids (−1 for a word with no term): open addressing over FNV-1a hashes, so a
/// word seen before costs no `String` and no SipHash.
struct WordIDTable {
    private struct Entry {
        var start: Int
        var length: Int
        var hash: Int
        var id: Int32
    }

    private var slots = Array(repeating: Int32(-1), count: 512)
    private var entries: [Entry] = []
    private var storage: [UInt8] = []

    static func hash(_ bytes: [UInt8]) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    func find(_ word: [UInt8], hash: Int) -> Int32? {
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let index = slots[slot]
            guard index >= 0 else { return nil }
            let entry = entries[Int(index)]
            if entry.hash == hash, entry.length == word.count,
                storage[entry.start..<(entry.start + entry.length)].elementsEqual(word)
            {
                return entry.id
            }
            slot = (slot + 1) & mask
        }
    }

    mutating func insert(_ word: [UInt8], hash: Int, id: Int32) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        entries.append(Entry(start: storage.count, length: word.count, hash: hash, id: id))
        storage.append(contentsOf: word)
        place(Int32(entries.count - 1), hash: hash)
    }

    private mutating func place(_ index: Int32, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = index
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for (index, entry) in entries.enumerated() { place(Int32(index), hash: entry.hash) }
    }
}
