/// A fixed set of lower-case ASCII words, looked up straight from UTF-8 bytes: no `String` to
/// make and no hashing, just a table indexed by length and first letter.
struct WordSet: Sendable, ExpressibleByArrayLiteral {
    /// The words' bytes, one after the other.
    private let storage: [UInt8]
    /// Where each word starts in `storage`, grouped by key (length and first byte).
    private let starts: [Int]
    /// For each key, its first index into `starts`; the next key's entry ends its range.
    private let keyStarts: [Int]
    /// The longest word's length.
    private let maximumLength: Int

    /// The set of `words`, which must be lower-case ASCII.
    init(_ words: [String]) {
        let unique = Set(words.map { Array($0.utf8) }).sorted { $0.lexicographicallyPrecedes($1) }
        assert(unique.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) } })
        let maximumLength = unique.map(\.count).max() ?? 0
        var grouped = Array(repeating: [[UInt8]](), count: (maximumLength + 1) * 128)
        for word in unique { grouped[Self.key(length: word.count, first: word[0])].append(word) }
        var storage: [UInt8] = []
        var starts: [Int] = []
        var keyStarts: [Int] = []
        for group in grouped {
            keyStarts.append(starts.count)
            for word in group {
                starts.append(storage.count)
                storage += word
            }
        }
        keyStarts.append(starts.count)
        self.storage = storage
        self.starts = starts
        self.keyStarts = keyStarts
        self.maximumLength = maximumLength
    }

    init(arrayLiteral words: String...) {
        self.init(words)
    }

    @inline(__always)
    private static func key(length: Int, first: UInt8) -> Int { length * 128 + Int(first) }

    @inline(__always)
    private static func lowercased(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte + 0x20 : byte }

    /// Whether the set holds `word` (compared byte for byte).
    func contains(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        return bytes.allSatisfy { $0 < 0x80 } && contains(lowercasing: bytes, bytes.indices)
    }

    /// Whether the set holds the text of `bytes[range]` lower-cased, as `String.lowercased()`
    /// does it: ASCII is lower-cased byte by byte, anything else through `String`.
    func contains(lowercasing bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let length = range.count
        guard length > 0 else { return false }
        if bytes[range].contains(where: { $0 >= 0x80 }) {
            // Lower-casing may change the length, and a sign may become ASCII (K, the Kelvin sign).
            let lower = Array(String(decoding: bytes[range], as: UTF8.self).lowercased().utf8)
            return lower.allSatisfy { $0 < 0x80 } && contains(lowercasing: lower, lower.indices)
        }
        guard length <= maximumLength else { return false }
        let key = Self.key(length: length, first: Self.lowercased(bytes[range.lowerBound]))
        var candidate = keyStarts[key]
        let last = keyStarts[key + 1]
        while candidate < last {
            let start = starts[candidate]
            var offset = 1
            while offset < length, storage[start + offset] == Self.lowercased(bytes[range.lowerBound + offset]) {
                offset += 1
            }
            if offset == length { return true }
            candidate += 1
        }
        return false
    }
}
