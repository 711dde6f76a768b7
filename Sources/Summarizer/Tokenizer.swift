/// Splits sentences into comparable terms: lower-cased words, stop words dropped, and a light
/// suffix-stripping stem so "tariffs" and "tariff" count as one term.
public struct Tokenizer: Sendable {
    public init() {}

    /// The terms of a sentence, in order.
    public func terms(of sentence: String) -> [String] {
        var terms: [String] = []
        var current = ""
        for char in sentence.lowercased() {
            if char.isLetter || char.isNumber {
                current.append(char)
            } else if !current.isEmpty {
                appendTerm(current, to: &terms)
                current = ""
            }
        }
        if !current.isEmpty { appendTerm(current, to: &terms) }
        return terms
    }

    private func appendTerm(_ word: String, to terms: inout [String]) {
        guard word.count > 1 || !word.allSatisfy(\.isASCII), !Self.stopWords.contains(word) else { return }
        terms.append(Self.stem(word))
    }

    /// A small, conservative English suffix stripper (plurals, -ing, -ed, -ly).
    static func stem(_ word: String) -> String {
        guard word.count > 4, word.allSatisfy(\.isASCII) else { return word }
        for (suffix, replacement) in [("ies", "y"), ("sses", "ss"), ("ing", ""), ("edly", ""), ("ed", ""), ("ly", ""), ("s", "")] {
            if word.hasSuffix(suffix), !(suffix == "s" && word.hasSuffix("ss")) {
                let stem = String(word.dropLast(suffix.count)) + replacement
                if stem.count >= 3 { return stem }
            }
        }
        return word
    }

    static let stopWords: Set<String> = [
        "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before", "being",
        "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his",
        "how", "i", "if", "in", "into", "is", "it", "its", "last", "more", "most", "mr", "ms", "new", "no", "not",
        "of", "on", "one", "or", "other", "our", "out", "over", "said", "says", "she", "so", "some", "than", "that",
        "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "told", "two", "up", "was",
        "we", "were", "what", "when", "which", "while", "who", "will", "with", "would", "year", "you",
    ]
}
