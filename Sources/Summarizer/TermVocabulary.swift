/// Words to term numbers for one thread, kept across articles: a word seen before costs one
/// hash-table probe over its bytes — no `String`, no `Dictionary`, no stemming.
///
/// Terms are numbered in the order the vocabulary first meets them; `SentenceFeatures` renumbers
/// them per article in order of appearance, so what a thread has seen before never shows in
/// the output. Not `Sendable`: each thread keeps its own (see `TermExtractor.forCurrentThread`).
struct TermVocabulary {
    private struct Entry {
        var hash: UInt64
        var start: Int32
        var length: Int32
        /// The word's term number, or −1 for a word with no term (a stop word).
        var term: Int32
    }

    /// Open addressing: indices into `entries`, −1 for an empty slot; a power of two long.
    private var slots: [Int32] = []
    private var entries: [Entry] = []
    /// The words' bytes, one after the other.
    private var storage: [UInt8] = []
    /// Term numbers by term, consulted only for a word not seen before.
    private var termByName: [String: Int32] = [:]

    /// How many terms have numbers.
    var termCount: Int { termByName.count }

    /// How many words are remembered.
    var wordCount: Int { entries.count }

    /// The FNV-1a hash of a word's bytes.
    @inline(__always)
    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// The term number of a lower-cased word, or −1 when it has no term; `extractor` gives the
    /// term of a word not seen before.
    mutating func term(of word: UnsafeBufferPointer<UInt8>, extractor: TermExtractor) -> Int32 {
        let hash = Self.hash(word)
        if let known = find(word, hash: hash) { return known }
        var term: Int32 = -1
        if let name = extractor.resolve(String(decoding: word, as: UTF8.self)) {
            term = termByName[name] ?? Int32(termByName.count)
            termByName[name] = term
        }
        insert(word, hash: hash, term: term)
        return term
    }

    /// The term of a word already remembered, or `nil`.
    @inline(__always)
    private func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        guard !slots.isEmpty else { return nil }
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                storage.withUnsafeBufferPointer { storage -> Int32? in
                    let mask = slots.count - 1
                    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 32)) & mask
                    while true {
                        let index = slots[slot]
                        guard index >= 0 else { return nil }
                        let entry = entries[Int(index)]
                        if entry.hash == hash, Int(entry.length) == word.count {
                            let start = Int(entry.start)
                            var offset = 0
                            while offset < word.count, storage[start + offset] == word[offset] { offset += 1 }
                            if offset == word.count { return entry.term }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    private mutating func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, term: Int32) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        entries.append(Entry(hash: hash, start: Int32(storage.count), length: Int32(word.count), term: term))
        storage.append(contentsOf: word)
        place(Int32(entries.count - 1), hash: hash)
    }

    private mutating func place(_ index: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 32)) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = index
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: max(slots.count * 2, 4096))
        for index in entries.indices { place(Int32(index), hash: entries[index].hash) }
    }
}

/// One article's numbering of the vocabulary's terms: 0, 1, 2, … in order of first appearance.
struct ArticleTermNumbering {
    /// Each vocabulary term's number in this article, −1 if it has not appeared.
    private var localByTerm: [Int32] = []
    /// The vocabulary term of each article number.
    private(set) var terms: [Int32] = []

    /// How many terms the article has numbered.
    var count: Int { terms.count }

    /// The article's number for vocabulary term `term` (≥ 0), numbering it if it is new.
    @inline(__always)
    mutating func number(_ term: Int32, vocabularySize: Int) -> Int32 {
        if Int(term) >= localByTerm.count {
            let size = max(vocabularySize, Int(term) + 1, 2 * localByTerm.count)
            localByTerm.append(contentsOf: repeatElement(-1, count: size - localByTerm.count))
        }
        let known = localByTerm[Int(term)]
        if known >= 0 { return known }
        let local = Int32(terms.count)
        localByTerm[Int(term)] = local
        terms.append(term)
        return local
    }

    /// The article's number for vocabulary term `term`, or −1 if it has not appeared.
    @inline(__always)
    func existingNumber(_ term: Int32) -> Int32 {
        Int(term) < localByTerm.count ? localByTerm[Int(term)] : -1
    }

    /// Forgets the article's numbers, keeping the storage for the next article.
    mutating func reset() {
        for term in terms { localByTerm[Int(term)] = -1 }
        terms.removeAll(keepingCapacity: true)
    }
}
