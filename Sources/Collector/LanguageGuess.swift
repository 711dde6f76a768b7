import Foundation

/// A rough guess at the language of a text from its scripts, for the composer's language rule.
enum LanguageGuess {
    static func language(of paragraphs: [String]) -> String? {
        var latin = 0, kana = 0, han = 0, hangul = 0
        for scalar in paragraphs.prefix(5).joined().unicodeScalars.prefix(2000) {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            case 0x3040...0x30FF: kana += 1
            case 0x4E00...0x9FFF: han += 1
            case 0xAC00...0xD7A3: hangul += 1
            default: break
            }
        }
        let total = latin + kana + han + hangul
        guard total > 0 else { return nil }
        if kana > total / 10 { return "ja" }
        if hangul > total / 3 { return "ko" }
        if han > total / 3 { return "zh" }
        return latin > total / 2 ? latinLanguage(of: paragraphs) : nil
    }

    /// The commonest short function words of the Latin-script languages the news comes in.
    private static let functionWords: [(String, Set<Substring>)] = [
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

    /// The Latin-script language whose function words are commonest in the first words; English
    /// when the text is too short to tell.
    static func latinLanguage(of paragraphs: [String]) -> String {
        let words = paragraphs.prefix(5).joined(separator: " ").lowercased()
            .split(whereSeparator: { !$0.isLetter }).prefix(400)
        guard words.count >= 8 else { return "en" }
        var best = ("en", 0)
        for (language, set) in functionWords {
            let hits = words.reduce(0) { $0 + (set.contains($1) ? 1 : 0) }
            if hits > best.1 { best = (language, hits) }
        }
        return best.0
    }
}
