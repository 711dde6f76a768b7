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
    /// Whether each term id contains a digit ("2004", "3bn"): figures rarely tie two sentences
    /// together the way shared words do.
    let isNumericTerm: [Bool]
    /// Each sentence's terms as a bit set, `termSetWords` words a sentence, so two sentences'
    /// shared terms are counted a word at a time; empty when an article has too many terms.
    let termSets: [UInt64]
    let termSetWords: Int
    /// The figures among the terms, as one bit set of `termSetWords` words (empty without sets).
    let figureSet: [UInt64]

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
        articleSentenceCounts = Self.sentenceCounts(of: articles)
        wordCounts = sentences.map(Self.wordCount)
        isBoilerplate = sentences.map(Self.looksLikeBoilerplate)

        // Each sentence's terms, numbered 0, 1, 2, … in order of first appearance.
        let extractor = TermExtractor.forCurrentThread(language: tokenizer.language)
        var collector = TermCollector(workspace: extractor.borrowWorkspace(), extractor: extractor)
        var termEnds: [Int] = []
        termEnds.reserveCapacity(count)
        for sentence in sentences {
            extractor.forEachWord(in: sentence, &collector)
            termEnds.append(collector.terms.count)
        }
        let allTerms = collector.terms
        let termTotal = collector.workspace.numbering.count
        let vocabularyIsNumeric = collector.workspace.vocabulary.isNumeric
        isNumericTerm = collector.workspace.numbering.terms.map { vocabularyIsNumeric[Int($0)] }
        var termCounts: [Int] = []
        termCounts.reserveCapacity(count)
        var documentFrequency = Array(repeating: 0, count: termTotal)
        var uniqueIDs: [[Int32]] = []
        var frequencies: [[Int32]] = []
        uniqueIDs.reserveCapacity(count)
        frequencies.reserveCapacity(count)
        var occurrences = Array(repeating: Int32(0), count: termTotal)
        var termStart = 0
        for termEnd in termEnds {
            termCounts.append(termEnd - termStart)
            var unique: [Int32] = []
            unique.reserveCapacity(termEnd - termStart)
            for term in allTerms[termStart..<termEnd] {
                if occurrences[Int(term)] == 0 { unique.append(term) }
                occurrences[Int(term)] += 1
            }
            unique.sort()
            var counts: [Int32] = []
            counts.reserveCapacity(unique.count)
            for term in unique {
                counts.append(occurrences[Int(term)])
                occurrences[Int(term)] = 0
                documentFrequency[Int(term)] += 1
            }
            uniqueIDs.append(unique)
            frequencies.append(counts)
            termStart = termEnd
        }
        self.termCounts = termCounts
        let total = Double(max(count, 1))
        let idf = documentFrequency.map { log((total + 1) / (Double($0) + 1)) + 1 }
        inverseFrequency = idf
        termIDs = uniqueIDs
        termFrequencies = frequencies
        (termSets, termSetWords) = Self.makeTermSets(of: uniqueIDs, termCount: termTotal)
        var figureSet = Array(repeating: UInt64(0), count: termSetWords)
        if termSetWords > 0 {
            for (id, isNumeric) in isNumericTerm.enumerated() where isNumeric {
                figureSet[id >> 6] |= 1 << UInt64(id & 63)
            }
        }
        self.figureSet = figureSet
        let vectors = zip(uniqueIDs, frequencies).map { ids, counts in
            Self.normalised(zip(ids, counts).map { Double($1) * idf[Int($0)] })
        }
        weights = vectors

        // Title and standfirst: weighted with the sentences' IDF; unseen words cannot match anyway.
        var titleVectors: [([Int32], [Double])?] = Array(repeating: nil, count: titles.count)
        var titleWeights = Array(repeating: 0.0, count: termTotal)
        collector.numbersNewTerms = false
        for (article, title) in titles.enumerated() {
            guard let title, !title.isEmpty else { continue }
            collector.terms = []
            extractor.forEachWord(in: title, &collector)
            var ids: [Int32] = []
            for id in collector.terms {
                if titleWeights[Int(id)] == 0 { ids.append(id) }
                titleWeights[Int(id)] += idf[Int(id)]
            }
            ids.sort()
            let values = ids.map { titleWeights[Int($0)] }
            for id in ids { titleWeights[Int(id)] = 0 }
            titleVectors[article] = (ids, Self.normalised(values))
        }
        collector.workspace.numbering.reset()
        extractor.returnWorkspace(collector.workspace)
        titleSimilarity = (0..<count).map { index in
            let article = articles[index]
            guard article >= 0, article < titleVectors.count, let (ids, titleWeights) = titleVectors[article] else {
                return 0
            }
            return Self.sparseDot(uniqueIDs[index], vectors[index], ids, titleWeights)
        }
    }

    /// The bit sets of `SentenceFeatures.termSets`, or none when a set would take more than
    /// sixteen words (a merge of the sorted ids is then as quick).
    private static func makeTermSets(of ids: [[Int32]], termCount: Int) -> ([UInt64], Int) {
        let words = (termCount + 63) / 64
        guard words <= 16 else { return ([], 0) }
        var sets = Array(repeating: UInt64(0), count: ids.count * words)
        sets.withUnsafeMutableBufferPointer { sets in
            for sentence in ids.indices {
                let base = sentence * words
                for term in ids[sentence] {
                    let term = Int(truncatingIfNeeded: UInt32(bitPattern: term))  // ids are ≥ 0
                    sets[base + term >> 6] |= 1 << UInt64(term & 63)
                }
            }
        }
        return (sets, words)
    }

    /// How many sentences each sentence's article has.
    private static func sentenceCounts(of articles: [Int]) -> [Int] {
        if articles.allSatisfy({ $0 >= 0 && $0 < articles.count }) {
            var perArticle = Array(repeating: 0, count: articles.count)
            for article in articles { perArticle[article] += 1 }
            return articles.map { perArticle[$0] }
        }
        var perArticle: [Int: Int] = [:]
        for article in articles { perArticle[article, default: 0] += 1 }
        return articles.map { perArticle[$0, default: 1] }
    }

    /// Cosine similarity of sentences `i` and `j`.
    public func similarity(_ i: Int, _ j: Int) -> Double {
        Self.sparseDot(termIDs[i], weights[i], termIDs[j], weights[j])
    }

    /// All pairwise cosine similarities, row after row (`similarities()[i * count + j]`); the
    /// diagonal is 0. Each is the same number `similarity(i, j)` gives.
    func similarities() -> [Double] {
        // Through an inverted index: only pairs that share a term cost anything. Postings are
        // laid out flat, term after term, each term's sentences in order.
        let termTotal = inverseFrequency.count
        var postingStarts = Array(repeating: 0, count: termTotal + 1)
        for ids in termIDs {
            for id in ids { postingStarts[Int(id) + 1] += 1 }
        }
        for term in 0..<termTotal { postingStarts[term + 1] += postingStarts[term] }
        var postingSentences = Array(repeating: 0, count: postingStarts[termTotal])
        var postingWeights = Array(repeating: 0.0, count: postingStarts[termTotal])
        var next = postingStarts
        for sentence in 0..<count {
            for (id, weight) in zip(termIDs[sentence], weights[sentence]) {
                postingSentences[next[Int(id)]] = sentence
                postingWeights[next[Int(id)]] = weight
                next[Int(id)] += 1
            }
        }
        var matrix = Array(repeating: 0.0, count: count * count)
        for term in 0..<termTotal {
            let first = postingStarts[term]
            let last = postingStarts[term + 1]
            guard last - first > 1 else { continue }
            for a in first..<(last - 1) {
                let row = postingSentences[a] * count
                let weightI = postingWeights[a]
                for b in (a + 1)..<last {
                    matrix[row + postingSentences[b]] += weightI * postingWeights[b]
                }
            }
        }
        for i in 0..<count {
            for j in (i + 1)..<max(count, i + 1) { matrix[j * count + i] = matrix[i * count + j] }
        }
        return matrix
    }

    /// How many content terms sentences `i` and `j` share (distinct terms); figures ("2004",
    /// "3bn") are left out unless `countingFigures`.
    public func sharedTermCount(_ i: Int, _ j: Int, countingFigures: Bool = true) -> Int {
        if termSetWords > 0 {
            precondition(i >= 0 && i < count && j >= 0 && j < count, "sentence index out of range")
            return termSets.withUnsafeBufferPointer { sets in
                figureSet.withUnsafeBufferPointer { figures in
                    var shared = 0
                    for word in 0..<termSetWords {
                        var both = sets[i * termSetWords + word] & sets[j * termSetWords + word]
                        if !countingFigures { both &= ~figures[word] }
                        shared += both.nonzeroBitCount
                    }
                    return shared
                }
            }
        }
        return Self.sharedCount(termIDs[i], termIDs[j], skipping: countingFigures ? nil : isNumericTerm)
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
        var sentence = sentence
        return sentence.withUTF8 { bytes in
            var count = 0
            var counted = false
            for byte in bytes {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                    counted = false
                } else if !counted, byte >= 0x80 || byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26 {
                    count += 1
                    counted = true
                }
            }
            return count
        }
    }

    // MARK: - Vectors

    private static func normalised(_ values: [Double]) -> [Double] {
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm == 0 ? values : values.map { $0 / norm }
    }

    /// How many ids two ascending id lists share, not counting the ids `skipping` marks.
    static func sharedCount(_ a: [Int32], _ b: [Int32], skipping: [Bool]? = nil) -> Int {
        var x = 0
        var y = 0
        var shared = 0
        while x < a.count, y < b.count {
            if a[x] == b[y] {
                if skipping?[Int(a[x])] != true { shared += 1 }
                x += 1
                y += 1
            } else if a[x] < b[y] {
                x += 1
            } else {
                y += 1
            }
        }
        return shared
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

    /// The markers' bytes, one after the other, with for each byte value the markers that start
    /// with it (ranges into `starts`), and a bit for each pair of bytes a marker starts with:
    /// most places in a sentence are ruled out by one bit.
    private struct MarkerTable {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var byFirstByte = Array(repeating: 0..<0, count: 256)
        var firstPairs = Array(repeating: UInt64(0), count: 65536 / 64)

        init(_ markers: [String]) {
            for marker in markers.map({ Array($0.utf8) }).sorted(by: { $0[0] < $1[0] }) {
                let first = Int(marker[0])
                if byFirstByte[first].isEmpty { byFirstByte[first] = starts.count..<starts.count }
                starts.append(bytes.count)
                bytes += marker
                byFirstByte[first] = byFirstByte[first].lowerBound..<starts.count
                let pair = first << 8 | Int(marker[1])  // every marker has two bytes or more
                firstPairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
            starts.append(bytes.count)
        }
    }

    private static let markerTable = MarkerTable(boilerplateMarkers)

    static func looksLikeBoilerplate(_ sentence: String) -> Bool {
        // Page furniture is short; a long sentence is news whatever words it contains.
        guard sentence.utf8.count <= 120 else { return false }
        var sentence = sentence
        let table = markerTable
        return sentence.withUTF8 { source in
            // Lower-cased bytes, " :" folded to ":" (tokenised text), searched without Foundation.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: source.count) { buffer in
                var count = 0
                var spaces = 0
                for byte in source {
                    if byte == UInt8(ascii: ":"), count > 0, buffer[count - 1] == UInt8(ascii: " ") { count -= 1 }
                    buffer[count] = byte &- 0x41 < 26 ? byte + 0x20 : byte
                    count += 1
                }
                for index in 0..<count {
                    if buffer[index] == UInt8(ascii: " ") { spaces += 1 }
                    guard index + 1 < count else { continue }
                    let pair = Int(buffer[index]) << 8 | Int(buffer[index + 1])
                    guard table.firstPairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { continue }
                    for marker in table.byFirstByte[Int(buffer[index])] {
                        let start = table.starts[marker]
                        let length = table.starts[marker + 1] - start
                        guard count - index >= length else { continue }
                        var offset = 1
                        while offset < length, buffer[index + offset] == table.bytes[start + offset] { offset += 1 }
                        if offset == length { return true }
                    }
                }
                // A byline: "By Jane Smith ." or "by . daily mail reporter".
                return count >= 3 && buffer[0] == UInt8(ascii: "b") && buffer[1] == UInt8(ascii: "y")
                    && buffer[2] == UInt8(ascii: " ") && spaces <= 6
            }
        }
    }
}

/// Numbers the terms of an article's words as `TermExtractor.forEachWord(in:_:)` finds them.
private struct TermCollector: WordVisitor {
    var workspace: TermWorkspace
    let extractor: TermExtractor
    /// The article's numbers of the terms found, in order.
    var terms: [Int32] = []
    /// Whether a term not yet in the article gets a number (else it is skipped).
    var numbersNewTerms = true

    mutating func visit(_ word: UnsafeBufferPointer<UInt8>) {
        let term = workspace.vocabulary.term(of: word, extractor: extractor)
        guard term >= 0 else { return }
        if numbersNewTerms {
            terms.append(workspace.numbering.number(term, vocabularySize: workspace.vocabulary.termCount))
        } else {
            let number = workspace.numbering.existingNumber(term)
            if number >= 0 { terms.append(number) }
        }
    }
}
