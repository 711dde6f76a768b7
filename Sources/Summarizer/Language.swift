/// A language the summarizer knows how to stem and which stop words to drop for.
public enum Language: String, Sendable, CaseIterable, Hashable {
    /// English (Snowball's Porter2 stemmer).
    case english
    /// Portuguese.
    case portuguese
    /// Spanish.
    case spanish
    /// French.
    case french
    /// German.
    case german
    /// Any other language: words are compared as they are, with no stemming or stop words
    /// (Chinese and Japanese text is compared by character pairs).
    case other

    /// The Snowball algorithm name for libstemmer, if Snowball has one.
    var snowballAlgorithm: String? {
        self == .other ? nil : rawValue
    }

    /// Guesses the language of `text` from how often each language's commonest words occur.
    ///
    /// Deterministic; English when nothing stands out, `.other` when most letters are not Latin.
    public static func detect(in text: String) -> Language {
        var text = text
        return text.withUTF8(detect(inUTF8:))
    }

    private static func detect(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Language {
        var latin = 0
        var nonLatin = 0
        var hits = Array(repeating: 0, count: allCases.count)
        // The word so far, packed as in `markerKeys` while it is short enough to be a marker.
        var word: UInt64 = 0
        var length = 0
        // One reference to the shared table, not one per word (threads would contend on its count).
        let markers = markerKeys
        func append(_ byte: UInt8) {
            if length < 8 { word |= UInt64(byte) << (8 * length) }
            length += 1
        }
        func flush() {
            guard length > 0 else { return }
            if length <= 8, let found = markers.keys.binarySearch(word) {
                for language in allCases where markers.languages[found] & language.bit != 0 {
                    hits[language.index] += 1
                }
            }
            word = 0
            length = 0
        }
        // The first few hundred letters (some eighty words) are plenty to tell languages apart.
        var index = 0
        var inspected = 0
        while index < bytes.count {
            inspected += 1
            if inspected > 500 { break }
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                if let lower = Tokenizer.asciiLetterOrDigitLowercased(Unicode.Scalar(byte)) {
                    if lower.value >= 0x61 { latin += 1 }
                    append(UInt8(lower.value))
                } else {
                    flush()
                }
                continue
            }
            // A multi-byte scalar (the text is valid UTF-8).
            let (decoded, length) = decodeMultiByteScalar(bytes, at: index)
            index += length
            guard let scalar = decoded else { continue }
            if scalar.properties.isAlphabetic {
                if (0x00C0...0x024F).contains(scalar.value) {
                    latin += 1
                    for byte in scalar.properties.lowercaseMapping.utf8 { append(byte) }
                } else {
                    nonLatin += 1
                    flush()
                }
            } else {
                flush()
            }
        }
        flush()
        if nonLatin > latin { return .other }
        // The most hits; on a tie, the first name in alphabetical order.
        var best: Language?
        var bestHits = 0
        for language in allCases where hits[language.index] > 0 {
            let count = hits[language.index]
            if let current = best, count < bestHits || (count == bestHits && language.rawValue > current.rawValue) {
                continue
            }
            best = language
            bestHits = count
        }
        guard let best else { return .english }
        // English wins ties and near-ties: its words ("a", "no") also occur elsewhere.
        if best != .english, Double(bestHits) < 1.2 * Double(hits[Language.english.index]) { return .english }
        return best
    }

    /// The marker words of `StopWords.languagesByMarker`, each packed into an integer (its UTF-8
    /// bytes, first byte lowest; no marker is longer than eight, nor has a zero byte), ascending,
    /// with the languages each marks as bits.
    ///
    /// Comparing bytes is comparing words: markers and the words `detect` builds (ASCII and
    /// lower-cased precomposed Latin letters) are in Unicode's composed form, where equal
    /// strings have equal bytes.
    private static let markerKeys: (keys: [UInt64], languages: [UInt8]) = {
        var bits: [UInt64: UInt8] = [:]
        for (word, languages) in StopWords.languagesByMarker {
            let bytes = Array(word.utf8)
            assert(bytes.count <= 8 && !bytes.contains(0))
            let key = bytes.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) }
            for language in languages { bits[key, default: 0] |= language.bit }
        }
        let keys = bits.keys.sorted()
        return (keys, keys.map { bits[$0, default: 0] })
    }()

    /// This language's bit in `markerKeys`.
    private var bit: UInt8 { 1 << UInt8(index) }

    /// This language's place in `allCases`.
    private var index: Int {
        switch self {
        case .english: 0
        case .portuguese: 1
        case .spanish: 2
        case .french: 3
        case .german: 4
        case .other: 5
        }
    }
}

extension [UInt64] {
    /// The index of `value` in this ascending array, or `nil`.
    fileprivate func binarySearch(_ value: UInt64) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < count && self[low] == value ? low : nil
    }
}
