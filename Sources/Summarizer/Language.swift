import NewsValues

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

    /// The language of `text` by the one guess of the project (`NewsValues.LanguageGuess`), as far as the
    /// summarizer knows it: a language it has no stemmer for, or a text mostly in another script, is `.other`; an
    /// empty text is English.
    public static func detect(in text: String) -> Language {
        guard let code = LanguageGuess.language(of: text) else { return text.isEmpty ? .english : .other }
        return Language(code: code)
    }

    /// The language of an ISO 639-1 code (`en`, `pt`…); `.other` for a language without a stemmer here.
    public init(code: String) {
        self =
            switch code {
            case "en": .english
            case "pt": .portuguese
            case "es": .spanish
            case "fr": .french
            case "de": .german
            default: .other
            }
    }
}
