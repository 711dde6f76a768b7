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
        var latin = 0
        var nonLatin = 0
        var hits: [Language: Int] = [:]
        var word = ""
        var inspected = 0
        // One reference to the shared table, not one per word (threads would contend on its count).
        let markers = StopWords.languagesByMarker
        func flush() {
            guard !word.isEmpty else { return }
            for language in markers[word] ?? [] { hits[language, default: 0] += 1 }
            word = ""
        }
        // The first few hundred letters (some eighty words) are plenty to tell languages apart.
        for scalar in text.unicodeScalars {
            inspected += 1
            if inspected > 500 { break }
            if scalar.value < 128 {
                if let lower = Tokenizer.asciiLetterOrDigitLowercased(scalar) {
                    if lower.value >= 0x61 { latin += 1 }
                    word.unicodeScalars.append(lower)
                } else {
                    flush()
                }
            } else if scalar.properties.isAlphabetic {
                if (0x00C0...0x024F).contains(scalar.value) {
                    latin += 1
                    word += scalar.properties.lowercaseMapping
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
        let best = hits.max { a, b in a.value != b.value ? a.value < b.value : a.key.rawValue > b.key.rawValue }
        guard let best, best.value > 0 else { return .english }
        // English wins ties and near-ties: its words ("a", "no") also occur elsewhere.
        if best.key != .english, Double(best.value) < 1.2 * Double(hits[.english, default: 0]) { return .english }
        return best.key
    }
}
