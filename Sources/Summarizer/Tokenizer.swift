import Foundation

/// Splits sentences into comparable terms: Unicode words, lower-cased, stop words dropped, each
/// reduced to its Snowball stem so "tariffs" and "tariff" count as one term.
///
/// Letters and digits of any script make words; Chinese and Japanese text, written without
/// spaces, is compared by overlapping character pairs. A `Tokenizer` is a plain value and safe
/// to share; each call makes its own stemmer, since libstemmer's are not thread-safe.
public struct Tokenizer: Sendable {
    /// The language whose stemmer and stop words are used.
    public var language: Language

    /// A tokenizer for `language` (English by default).
    public init(language: Language = .english) {
        self.language = language
    }

    /// The terms of a sentence (or any text), in order.
    public func terms(of sentence: String) -> [String] {
        TermExtractor(language: language).terms(of: sentence)
    }

    /// The terms of each sentence, sharing one stemmer and its cache: faster than one call each.
    public func terms(ofEach sentences: [String]) -> [[String]] {
        let extractor = TermExtractor(language: language)
        return sentences.map { extractor.terms(of: $0) }
    }

    /// The lower-cased form of an ASCII letter or digit, or `nil` for any other ASCII character.
    @inline(__always)
    static func asciiLetterOrDigitLowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x41...0x5A: Unicode.Scalar(scalar.value + 0x20)
        case 0x61...0x7A, 0x30...0x39: scalar
        default: nil
        }
    }

    /// Whether `scalar` belongs to a script written without spaces between words.
    @inline(__always)
    static func isUnspacedScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF,  // Hiragana, Katakana
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,  // CJK ideographs
            0x20000...0x2FA1F:
            true
        default: false
        }
    }
}

/// Does the work of a `Tokenizer` for one thread: owns a stemmer and remembers its stems.
///
/// Not `Sendable` (it owns a `SnowballStemmer`).
final class TermExtractor {
    private let stemmer: SnowballStemmer?
    private let stopWords: Set<String>
    /// Each word seen, with its term (`nil` for a stop word or a lone ASCII letter).
    private var termByWord: [String: String?] = [:]

    init(language: Language) {
        stemmer = language.snowballAlgorithm.flatMap { SnowballStemmer(algorithm: $0) }
        stopWords = StopWords.list(for: language)
    }

    /// This thread's extractor for `language`, kept between documents so words seen in earlier
    /// articles need no stemming again. Each thread has its own, so no stemmer is shared.
    static func forCurrentThread(language: Language) -> TermExtractor {
        let key = "digest.Summarizer.TermExtractor." + language.rawValue
        let dictionary = Thread.current.threadDictionary
        if let extractor = dictionary[key] as? TermExtractor {
            // Bound the memory a long batch of varied text can take.
            if extractor.termByWord.count > 200_000 { extractor.termByWord.removeAll(keepingCapacity: true) }
            return extractor
        }
        let extractor = TermExtractor(language: language)
        dictionary[key] = extractor
        return extractor
    }

    /// The terms of a sentence, in order.
    func terms(of sentence: String) -> [String] {
        var terms: [String] = []
        forEachWord(in: sentence) { word in
            if let term = term(for: String(decoding: word, as: UTF8.self)) { terms.append(term) }
        }
        return terms
    }

    /// The term a lower-cased word stands for, or `nil` if it is a stop word or a lone ASCII letter.
    func term(for word: String) -> String? {
        if let known = termByWord[word] { return known }
        var term: String?
        if word.utf8.count == 1 || stopWords.contains(word) {
            term = nil
        } else if word.unicodeScalars.contains(where: Tokenizer.isUnspacedScript) {
            term = word
        } else {
            term = stemmer?.stem(word) ?? word
        }
        termByWord[word] = term
        return term
    }

    /// Calls `body` with the UTF-8 bytes of each lower-cased word of `sentence`: runs of letters,
    /// digits and marks, and overlapping character pairs of Chinese or Japanese text.
    func forEachWord(in sentence: String, _ body: ([UInt8]) -> Void) {
        var word: [UInt8] = []
        var previousUnspaced: Unicode.Scalar?
        var unspacedRun = 0
        func flushWord() {
            guard !word.isEmpty else { return }
            body(word)
            word.removeAll(keepingCapacity: true)
        }
        func endUnspacedRun() {
            // A lone character of an unspaced script still counts as a term.
            if unspacedRun == 1, let previous = previousUnspaced { body(Array(String(previous).utf8)) }
            previousUnspaced = nil
            unspacedRun = 0
        }
        var utf8 = sentence.utf8.makeIterator()
        while let byte = utf8.next() {
            if byte < 0x80 {
                if unspacedRun > 0 { endUnspacedRun() }
                switch byte {
                case 0x41...0x5A: word.append(byte + 0x20)
                case 0x61...0x7A, 0x30...0x39: word.append(byte)
                default: flushWord()
                }
                continue
            }
            // Decode the rest of a multi-byte scalar (the string is valid UTF-8).
            var value = UInt32(byte)
            var continuation = 0
            if byte >= 0xF0 {
                value &= 0x07
                continuation = 3
            } else if byte >= 0xE0 {
                value &= 0x0F
                continuation = 2
            } else {
                value &= 0x1F
                continuation = 1
            }
            for _ in 0..<continuation {
                guard let next = utf8.next() else { break }
                value = value << 6 | UInt32(next & 0x3F)
            }
            guard let scalar = Unicode.Scalar(value) else { continue }
            if Tokenizer.isUnspacedScript(scalar) {
                flushWord()
                if let previous = previousUnspaced {
                    var pair = String(previous)
                    pair.unicodeScalars.append(scalar)
                    body(Array(pair.utf8))
                }
                previousUnspaced = scalar
                unspacedRun += 1
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
            {
                endUnspacedRun()
                word.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else {
                endUnspacedRun()
                flushWord()
            }
        }
        endUnspacedRun()
        flushWord()
    }
}
