/// Words to term numbers for one thread, kept across articles: a word seen before costs one
/// hash-table probe — no `String`, no `Dictionary`, no stemming.
///
/// A word of up to eight bytes (most words) is its own key, its bytes packed into a `UInt64`
/// (words never hold a zero byte), so finding it reads one slot and nothing else; a longer word
/// is found by its hash and its bytes, kept aside.
///
/// Terms are numbered in the order the vocabulary first meets them; `SentenceFeatures` renumbers
/// them per article in order of appearance, so what a thread has seen before never shows in
/// the output. Not `Sendable`: each thread keeps its own (see `TermExtractor.forCurrentThread`).
struct TermVocabulary {
    private struct Slot {
        /// A short word's packed bytes, or a long word's hash; 0 in an empty slot.
        var key: UInt64 = 0
        /// The word's term number, or −1 for a word with no term (a stop word).
        var term: Int32 = -1
        /// A long word's index in `longWords`; −1 for a short word or an empty slot.
        var long: Int32 = -1

        var isEmpty: Bool { key == 0 && long < 0 }
    }

    private struct LongWord {
        var start: Int
        var length: Int
    }

    /// Open addressing, a power of two long, never more than three quarters full.
    private var slots: [Slot] = []
    /// log2 of `slots.count`.
    private var slotBits = 0
    /// Words longer than eight bytes: where their bytes are in `storage`.
    private var longWords: [LongWord] = []
    private var storage: [UInt8] = []
    /// Term numbers by term, consulted only for a word not seen before.
    private var termByName: [String: Int32] = [:]

    /// How many terms have numbers.
    var termCount: Int { termByName.count }
    /// Whether each term contains a digit ("2004", "3bn"), by term number.
    private(set) var isNumeric: [Bool] = []

    /// How many words are remembered.
    private(set) var wordCount = 0

    /// The key of a word: its bytes packed, first byte lowest, if it has at most eight; else
    /// its FNV-1a hash.
    @inline(__always)
    private static func key(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        if word.count <= 8 {
            for index in 0..<word.count { key |= UInt64(word[index]) << (8 * index) }
            return key
        }
        key = 0xcbf2_9ce4_8422_2325
        for byte in word { key = (key ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return key
    }

    /// The first slot to try for `key` (Fibonacci hashing: the top bits of key × 2⁶⁴/φ).
    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
    }

    /// The term number of a lower-cased word, or −1 when it has no term; `extractor` gives the
    /// term of a word not seen before.
    mutating func term(of word: UnsafeBufferPointer<UInt8>, extractor: TermExtractor) -> Int32 {
        let key = Self.key(word)
        if let known = find(word, key: key) { return known }
        var term: Int32 = -1
        if let name = extractor.resolve(String(decoding: word, as: UTF8.self)) {
            if let known = termByName[name] {
                term = known
            } else {
                term = Int32(termByName.count)
                termByName[name] = term
                isNumeric.append(name.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            }
        }
        insert(word, key: key, term: term)
        return term
    }

    /// The term of a word already remembered, or `nil`.
    @inline(__always)
    private func find(_ word: UnsafeBufferPointer<UInt8>, key: UInt64) -> Int32? {
        guard !slots.isEmpty else { return nil }
        let isLong = word.count > 8
        return slots.withUnsafeBufferPointer { slots -> Int32? in
            let mask = slots.count - 1
            var index = home(key)
            while true {
                let slot = slots[index]
                if slot.key == key, (slot.long >= 0) == isLong {
                    if !isLong || matches(word, longWords[Int(slot.long)]) { return slot.term }
                } else if slot.isEmpty {
                    return nil
                }
                index = (index + 1) & mask
            }
        }
    }

    private func matches(_ word: UnsafeBufferPointer<UInt8>, _ long: LongWord) -> Bool {
        long.length == word.count && storage[long.start..<(long.start + long.length)].elementsEqual(word)
    }

    private mutating func insert(_ word: UnsafeBufferPointer<UInt8>, key: UInt64, term: Int32) {
        if (wordCount + 1) * 4 > slots.count * 3 { grow() }
        var slot = Slot(key: key, term: term, long: -1)
        if word.count > 8 {
            slot.long = Int32(longWords.count)
            longWords.append(LongWord(start: storage.count, length: word.count))
            storage.append(contentsOf: word)
        }
        place(slot)
        wordCount += 1
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var index = home(slot.key)
        while !slots[index].isEmpty { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func grow() {
        let old = slots
        slotBits = max(slotBits + 1, 12)
        slots = Array(repeating: Slot(), count: 1 << slotBits)
        for slot in old where !slot.isEmpty { place(slot) }
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
