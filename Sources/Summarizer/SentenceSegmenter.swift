import Foundation

/// Splits text into sentences the way news is written.
///
/// A full stop ends a sentence unless it belongs to an abbreviation or title (`Mr.`, `U.S.`,
/// `Jan.`, `a.m.`), an initial, a number (`3.5`, `US$1.2`), a URL or an e-mail address, or an
/// ellipsis inside a sentence. Closing quotes and brackets after the stop stay with the sentence.
/// Paragraph breaks always end a sentence.
public struct SentenceSegmenter: Sendable {
    public init() {}

    /// Words that take a full stop without ending the sentence, lower-cased, without the stop.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm",
        "gov", "sen", "rep", "rev", "hon", "pres", "supt", "insp", "det", "messrs", "mmes",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "co", "corp", "inc", "ltd", "bhd", "plc", "llc", "dept", "univ", "assn", "bros", "no", "nos", "vol",
        "vs", "v", "etc", "e.g", "i.e", "cf", "approx", "est", "fig", "al", "ave", "blvd", "rd",
        "a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "s.k", "n.k",
    ]

    /// The sentences of `text`, trimmed, in order.
    public func sentences(in text: String) -> [String] {
        var result: [String] = []
        for paragraph in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" }) {
            result += sentences(inParagraph: Array(paragraph))
        }
        return result
    }

    private static let closers: Set<Character> = ["\"", "'", "”", "’", ")", "]", "»", "」", "』"]
    private static let terminators: Set<Character> = [".", "!", "?", "。", "！", "？"]

    private func sentences(inParagraph chars: [Character]) -> [String] {
        var sentences: [String] = []
        var start = 0
        var index = 0
        while index < chars.count {
            let char = chars[index]
            guard Self.terminators.contains(char) else {
                index += 1
                continue
            }
            // Take the whole run of terminators ("?!", "...") and any closing quotes or brackets.
            var end = index + 1
            while end < chars.count, Self.terminators.contains(chars[end]) || chars[end] == "…" { end += 1 }
            while end < chars.count, Self.closers.contains(chars[end]) { end += 1 }
            if isBoundary(chars, stop: index, after: end) {
                append(chars[start..<end], to: &sentences)
                start = end
            }
            index = end
        }
        append(chars[start..<chars.count], to: &sentences)
        return sentences
    }

    private func append(_ slice: ArraySlice<Character>, to sentences: inout [String]) {
        let sentence = String(slice).trimmingCharacters(in: .whitespacesAndNewlines)
        if !sentence.isEmpty { sentences.append(sentence) }
    }

    /// Whether the terminator at `stop` (its run ending before `after`) ends the sentence.
    private func isBoundary(_ chars: [Character], stop: Int, after: Int) -> Bool {
        // CJK full stops end a sentence with or without a following space.
        if chars[stop] == "。" || chars[stop] == "！" || chars[stop] == "？" { return true }
        guard after < chars.count else { return true }
        // A sentence ends before a space (or a dash/quote starting the next), never mid-token: 3.5, e-mail.com.
        guard chars[after].isWhitespace else { return false }
        var next = after
        while next < chars.count, chars[next].isWhitespace { next += 1 }
        guard next < chars.count else { return true }
        let nextChar = chars[next]

        // Tokenised text ("the yen fell . the nikkei rose .") puts the stop after a space.
        if stop > 0, chars[stop - 1].isWhitespace { return true }
        if chars[stop] == "." {
            // The word the stop belongs to.
            var wordStart = stop
            while wordStart > 0, !chars[wordStart - 1].isWhitespace, !"(\"“‘'[".contains(chars[wordStart - 1]) {
                wordStart -= 1
            }
            let word = String(chars[wordStart..<stop]).lowercased()
            let bare = word.trimmingCharacters(in: .punctuationCharacters)
            // Ellipsis followed by lower case continues the sentence.
            if after - stop >= 3 || (stop > 0 && chars[stop - 1] == ".") {
                return !nextChar.isLowercase
            }
            if Self.abbreviations.contains(bare) || Self.abbreviations.contains(word) {
                // "in the U.S. The …": an abbreviation can end a sentence when a capitalised,
                // non-name-like word follows; titles (Mr., Dr.) never do.
                let titles: Set<String> = ["mr", "mrs", "ms", "dr", "prof", "st", "gen", "gov", "sen", "rep", "lt", "col",
                    "capt", "no", "vs", "v", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                    "nov", "dec", "co", "e.g", "i.e"]
                if titles.contains(bare) { return false }
                return nextChar.isUppercase && Self.isCommonSentenceStart(chars, from: next)
            }
            // A single initial: "J. Smith".
            if word.count == 1, word.first?.isLetter == true { return false }
            // Dotted acronyms not in the list ("N.Y.") behave like abbreviations.
            if word.contains("."), word.allSatisfy({ $0.isLetter || $0 == "." }), word.count <= 6 {
                return nextChar.isUppercase && Self.isCommonSentenceStart(chars, from: next)
            }
        }
        // Lower case after a stop usually means the sentence goes on ("… said Mr. Tan. he" is rare);
        // but lower-cased corpora put a sentence after it, so accept lower case after a plain word.
        if nextChar.isLowercase {
            return chars[stop] == "." && stop > 0 && chars[stop - 1].isLetter
        }
        return true
    }

    /// Words that often open a sentence: after an abbreviation, one of these means a new sentence.
    private static let sentenceStarters: Set<String> = [
        "the", "a", "an", "it", "he", "she", "they", "we", "i", "this", "that", "these", "those", "but", "and",
        "in", "on", "at", "for", "as", "if", "its", "his", "her", "their", "there", "while", "when", "after",
        "before", "since", "officials", "analysts", "shares", "prices", "however", "meanwhile", "last", "earlier",
    ]

    private static func isCommonSentenceStart(_ chars: [Character], from index: Int) -> Bool {
        var end = index
        while end < chars.count, chars[end].isLetter { end += 1 }
        return sentenceStarters.contains(String(chars[index..<end]).lowercased())
    }
}
