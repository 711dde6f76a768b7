/// The one guess at the language of a text: the collector's `language` of an article, and the summarizer's choice of
/// stemmer and stop words. Deterministic and cheap (the opening of the text decides).
///
/// Scripts first: kana makes Japanese, hangul Korean, Han ideographs Chinese, and a text mostly in another non-Latin
/// script is not guessed. A Latin-script text is the language whose commonest short function words occur most in
/// its first words, English when the text is too short to tell or when another language's lead is slight (English
/// words such as "a" and "in" occur in the others too, and a title is short).
public enum LanguageGuess {
    /// The ISO 639-1 code of the language of `paragraphs` (the first five decide), or nil when it cannot be told.
    public static func language(of paragraphs: [String]) -> String? {
        language(of: paragraphs.prefix(5).joined(separator: "\n"))
    }

    /// The ISO 639-1 code of the language of `text` (its opening decides), or nil when it cannot be told.
    public static func language(of text: String) -> String? {
        var latin = 0, kana = 0, han = 0, hangul = 0, other = 0
        var words: [String] = []
        var word = ""
        var scalars = 0
        func endWord() {
            if !word.isEmpty, words.count < maximumWords { words.append(word) }
            word = ""
        }
        for scalar in text.unicodeScalars {
            scalars += 1
            if scalars > maximumScalars { break }
            let value = scalar.value
            switch value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F:
                if value != 0xD7 && value != 0xF7 {
                    latin += 1
                    word.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                    continue
                }
            case 0x3040...0x30FF: kana += 1
            case 0x4E00...0x9FFF: han += 1
            case 0xAC00...0xD7A3: hangul += 1
            default:
                if scalar.properties.isAlphabetic { other += 1 }
            }
            endWord()
        }
        endWord()
        let total = latin + kana + han + hangul + other
        guard total > 0 else { return nil }
        if kana > total / 10 { return "ja" }
        if hangul > total / 3 { return "ko" }
        if han > total / 3 { return "zh" }
        return latin > total / 2 ? latinLanguage(of: words) : nil
    }

    /// The first scalars of a text that are read, and the most words counted among them.
    static let maximumScalars = 2000
    static let maximumWords = 400

    /// The commonest short function words of the Latin-script languages the news comes in; English first (it
    /// wins ties).
    static let functionWords: [(code: String, words: Set<String>)] = [
        ("en", ["the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "said", "it", "by", "as"]),
        ("es", ["el", "la", "de", "que", "y", "en", "los", "las", "del", "por", "con", "una", "para", "se", "su"]),
        ("fr", ["le", "la", "les", "de", "des", "et", "est", "du", "une", "dans", "pour", "qui", "au", "sur", "pas"]),
        (
            "de",
            ["der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "ein", "eine", "auf", "im", "sich"]
        ),
        ("pt", ["o", "a", "os", "as", "de", "do", "da", "que", "e", "em", "um", "uma", "para", "com", "não"]),
        ("it", ["il", "la", "di", "che", "e", "per", "un", "una", "del", "della", "non", "sono", "con", "gli", "nel"]),
        ("id", ["yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "tidak", "dalam", "akan", "pada", "ke"]),
    ]

    /// The Latin-script language of `words` (lower-cased).
    static func latinLanguage(of words: [String]) -> String {
        guard words.count >= 8 else { return "en" }
        var hits = Array(repeating: 0, count: functionWords.count)
        for word in words {
            for (index, language) in functionWords.enumerated() where language.words.contains(word) { hits[index] += 1 }
        }
        var best = 0
        for index in hits.indices where hits[index] > hits[best] { best = index }
        // English keeps a near-tie, and a lead of a word or two: its short words ("a", "in") occur in the others.
        if best != 0, hits[best] < minimumLead || Double(hits[best]) < nearTie * Double(hits[0]) { return "en" }
        return functionWords[best].code
    }

    /// How far another language must lead English, as a ratio of their hits and in hits at the least.
    static let nearTie = 1.2
    static let minimumLead = 3
}
