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
    /// Each word seen by `terms(of:)`, with its term (`nil` for a stop word or a lone ASCII letter).
    private var termByWord: [String: String?] = [:]
    /// The thread's vocabulary for `SentenceFeatures`, lent out for one article at a time.
    private var workspace = TermWorkspace()

    init(language: Language) {
        stemmer = language.snowballAlgorithm.flatMap { SnowballStemmer(algorithm: $0) }
        stopWords = StopWords.list(for: language)
    }

    private static let threadKeys = Dictionary(
        uniqueKeysWithValues: Language.allCases.map { ($0, "digest.Summarizer.TermExtractor." + $0.rawValue) })

    /// This thread's extractor for `language`, kept between documents so words seen in earlier
    /// articles need no stemming again. Each thread has its own, so no stemmer is shared.
    static func forCurrentThread(language: Language) -> TermExtractor {
        let key = threadKeys[language] ?? language.rawValue
        let dictionary = Thread.current.threadDictionary
        if let extractor = dictionary[key] as? TermExtractor {
            // Bound the memory a long batch of varied text can take.
            if extractor.termByWord.count > 200_000 { extractor.termByWord.removeAll(keepingCapacity: true) }
            if extractor.workspace.vocabulary.wordCount > 200_000 { extractor.workspace = TermWorkspace() }
            return extractor
        }
        let extractor = TermExtractor(language: language)
        dictionary[key] = extractor
        return extractor
    }

    /// Takes the thread's vocabulary for one article; give it back with `returnWorkspace(_:)`.
    /// (Moved out, so the hot loop works on a local value: no exclusivity checks, no copies.)
    func borrowWorkspace() -> TermWorkspace {
        var taken = TermWorkspace()
        swap(&taken, &workspace)
        return taken
    }

    /// Gives back what `borrowWorkspace()` took (reset its numbering first, while the caller's
    /// copy is the only one: resetting here would copy its arrays).
    func returnWorkspace(_ returned: TermWorkspace) {
        workspace = returned
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
        let term = resolve(word)
        termByWord[word] = term
        return term
    }

    /// `term(for:)` without the cache.
    func resolve(_ word: String) -> String? {
        if word.utf8.count == 1 || stopWords.contains(word) { return nil }
        if word.unicodeScalars.contains(where: Tokenizer.isUnspacedScript) { return word }
        return stemmer?.stem(word) ?? word
    }

    /// Calls `body` with the UTF-8 bytes of each lower-cased word of `sentence`: runs of letters,
    /// digits and marks, and overlapping character pairs of Chinese or Japanese text. The bytes
    /// are valid only during the call.
    func forEachWord(in sentence: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withoutActuallyEscaping(body) { body in
            var visitor = ClosureWordVisitor(body: body)
            forEachWord(in: sentence, &visitor)
        }
    }

    /// `forEachWord(in:_:)` calling a visitor: generic, so the caller's work is inlined.
    func forEachWord<Visitor: WordVisitor>(in sentence: String, _ visitor: inout Visitor) {
        var sentence = sentence
        sentence.withUTF8 { bytes in
            // Lower-casing at most doubles a scalar's UTF-8 (İ, 2 bytes, becomes i̇, 3 bytes).
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * bytes.count + 8) { word in
                Self.forEachWord(in: bytes, buffer: word, &visitor)
            }
        }
    }

    /// `forEachWord(in:_:)` over the bytes of a sentence, building words in `word`.
    private static func forEachWord<Visitor: WordVisitor>(
        in bytes: UnsafeBufferPointer<UInt8>, buffer word: UnsafeMutableBufferPointer<UInt8>,
        _ visitor: inout Visitor
    ) {
        var length = 0
        var previousUnspaced: Unicode.Scalar?
        var unspacedRun = 0
        @inline(__always) func flushWord() {
            guard length > 0 else { return }
            visitor.visit(UnsafeBufferPointer(rebasing: word[0..<length]))
            length = 0
        }
        func emit(_ text: String) {
            var text = text
            text.withUTF8 { visitor.visit($0) }
        }
        func endUnspacedRun() {
            // A lone character of an unspaced script still counts as a term.
            if unspacedRun == 1, let previous = previousUnspaced { emit(String(previous)) }
            previousUnspaced = nil
            unspacedRun = 0
        }
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            index += 1
            if byte < 0x80 {
                if unspacedRun > 0 { endUnspacedRun() }
                switch byte {
                case 0x41...0x5A:
                    word[length] = byte + 0x20
                    length += 1
                case 0x61...0x7A, 0x30...0x39:
                    word[length] = byte
                    length += 1
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
                guard index < end else { break }
                value = value << 6 | UInt32(bytes[index] & 0x3F)
                index += 1
            }
            guard let scalar = Unicode.Scalar(value) else { continue }
            if Tokenizer.isUnspacedScript(scalar) {
                flushWord()
                if let previous = previousUnspaced {
                    var pair = String(previous)
                    pair.unicodeScalars.append(scalar)
                    emit(pair)
                }
                previousUnspaced = scalar
                unspacedRun += 1
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
            {
                endUnspacedRun()
                let lower = scalar.properties.lowercaseMapping.utf8
                guard length + lower.count <= word.count else { continue }  // never: see the capacity
                for byte in lower {
                    word[length] = byte
                    length += 1
                }
            } else {
                endUnspacedRun()
                flushWord()
            }
        }
        endUnspacedRun()
        flushWord()
    }
}

/// A thread's vocabulary with the numbering of the article being prepared.
struct TermWorkspace {
    var vocabulary = TermVocabulary()
    var numbering = ArticleTermNumbering()
}

/// Receives the words `TermExtractor.forEachWord(in:_:)` finds, as lower-cased UTF-8 valid only
/// during the call.
protocol WordVisitor {
    mutating func visit(_ word: UnsafeBufferPointer<UInt8>)
}

/// A closure as a `WordVisitor`.
private struct ClosureWordVisitor: WordVisitor {
    let body: (UnsafeBufferPointer<UInt8>) -> Void

    func visit(_ word: UnsafeBufferPointer<UInt8>) { body(word) }
}

/// The scalar whose UTF-8 starts with the lead byte (0xC0 or above) at `index` of valid UTF-8,
/// and how many bytes it takes; `nil` for a value that is no scalar. A sequence cut short by the
/// end of `bytes` is read as far as it goes.
@inline(__always)
func decodeMultiByteScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar?, Int) {
    let byte = bytes[index]
    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
    var value = UInt32(byte) & (0xFF >> (length + 1))
    for offset in 1..<length where index + offset < bytes.count {
        value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
    }
    return (Unicode.Scalar(value), length)
}
