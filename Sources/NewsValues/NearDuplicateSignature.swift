import Foundation

/// SimHash signatures for finding the same story told by two sources.
///
/// Each feature (a pair of neighbouring words, lower-cased; for Chinese, Japanese and Korean
/// text, a pair of neighbouring characters) is hashed to 64 bits with FNV-1a; every bit of the
/// signature is the sign of the features' votes. Texts that share most of their word pairs get
/// signatures a few bits apart, so the composer can compare stories in constant time.
public enum NearDuplicateSignature {
    /// The signature of an article's title and body.
    public static func simHash(title: String, paragraphs: [String]) -> UInt64 {
        var votes = [Int](repeating: 0, count: 64)
        var previous: Substring?
        var count = 0
        func add(_ feature: String) {
            let hash = fnv1a(feature)
            for bit in 0..<64 { votes[bit] += (hash >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
            count += 1
        }
        for token in tokens(of: ([title] + paragraphs).joined(separator: " ")) {
            if let previous { add(previous + " " + token) }
            previous = token
        }
        if count == 0, let only = previous { add(String(only)) }
        var signature: UInt64 = 0
        for bit in 0..<64 where votes[bit] > 0 { signature |= 1 << UInt64(bit) }
        return signature
    }

    /// The signature of an article's title and body as 16 lower-case hex digits.
    public static func simHash(title: String, paragraphs: [String]) -> String {
        let value: UInt64 = simHash(title: title, paragraphs: paragraphs)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The number of differing bits: 0 for the same text, about 32 for unrelated ones; a few
    /// (≤ 10) for near duplicates.
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    /// Lower-cased words; ideographs, kana and hangul one character at a time.
    static func tokens(of text: String) -> [Substring] {
        var tokens: [Substring] = []
        let lowered = text.lowercased()
        var start: String.Index?
        var index = lowered.startIndex
        while index < lowered.endIndex {
            let character = lowered[index]
            let next = lowered.index(after: index)
            if isCJK(character) {
                if let begin = start { tokens.append(lowered[begin..<index]) }
                start = nil
                tokens.append(lowered[index..<next])
            } else if character.isLetter || character.isNumber {
                if start == nil { start = index }
            } else if let begin = start {
                tokens.append(lowered[begin..<index])
                start = nil
            }
            index = next
        }
        if let begin = start { tokens.append(lowered[begin...]) }
        return tokens
    }

    private static func isCJK(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF: return true
        default: return false
        }
    }

    private static func fnv1a<S: StringProtocol>(_ text: S) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
