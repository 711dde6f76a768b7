/// Splits text into sentences the way news is written.
///
/// A full stop ends a sentence unless it belongs to an abbreviation or title (`Mr.`, `U.S.`,
/// `Jan.`, `a.m.`, `Co.`), an initial, a number (`3.5`, `US$1.2`, `2.1.3`), a URL or an e-mail
/// address, a list marker, or an ellipsis inside a sentence. `?` and `!` before quoted speech's
/// attribution ("…?" he asked) do not end it either. Closing quotes and brackets after the stop
/// stay with the sentence. Lines always end a sentence.
///
/// After an abbreviation the decision rests on what it usually precedes and on the word that
/// follows: a title (`Gov.`, `Lt.`) precedes a name and never ends a sentence; `No.` and `Fig.`
/// precede a number; a time (`7 p.m.`) goes on into a zone, a weekday or `Beijing time`, and a
/// phrase that only names a time (`At 7 p.m.`) into its clause; an initial precedes the rest of a
/// name; any of them (but a title) ends a sentence before a word that commonly opens one (`The`,
/// `It`, `But`). Inline list items (`1. … 2. …`, `(a) … (b) …`, `• … • …`) start sentences of
/// their own (`ListMarkers`).
///
/// Text that is lower-cased and tokenised, as in the CNN/DailyMail test release
/// (`he said . '' the`, `-lrb- cnn -rrb-`, `` `` ``), is recognised and split too. A sentence
/// longer than `maximumLength` bytes of UTF-8 (a text with no full stops) is cut at a space.
public struct SentenceSegmenter: Sendable {
    /// The longest sentence, in bytes of UTF-8, before it is cut at the last space (or, in a
    /// script written without spaces, between two characters).
    public var maximumLength: Int

    /// A segmenter cutting sentences longer than `maximumLength` bytes.
    public init(maximumLength: Int = 1_500) {
        self.maximumLength = max(maximumLength, 20)
    }

    /// The sentences of `text`, trimmed, in order.
    public func sentences(in text: String) -> [String] {
        sentencesByParagraph(in: text).flatMap { $0 }
    }

    /// The sentences of each non-empty line (paragraph) of `text`.
    public func sentencesByParagraph(in text: String) -> [[String]] {
        let caseless = Self.isCaseless(text)
        var bytes = Array(text.utf8)
        bytes.append(0x0A)
        var result: [[String]] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            // (The line feed appended last stops the skipping before the end.)
            index = Self.skipPlainASCII(in: bytes, from: index, to: bytes.count, avoiding: 0x0A, 0x0D, 0x0A)
            let byte = bytes[index]
            defer { index += 1 }
            // Line feed, carriage return, and U+2028/U+2029 (E2 80 A8/A9) end a paragraph.
            let isBreak =
                byte == 0x0A || byte == 0x0D
                || (byte == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9))
            guard isBreak else { continue }
            if index > start {
                var sentences: [String] = []
                // Each inline list item is split on its own.
                var itemStart = start
                for itemEnd in ListMarkers.starts(in: bytes, from: start, to: index) + [index] {
                    var splitter = Splitter(
                        bytes: bytes, start: itemStart, end: itemEnd, caseless: caseless, maximumLength: maximumLength
                    )
                    splitter.endsBeforeListItem = itemEnd < index
                    splitter.split(into: &sentences)
                    itemStart = itemEnd
                }
                if !sentences.isEmpty { result.append(sentences) }
            }
            start = byte == 0xE2 ? index + 3 : index + 1
        }
        return result
    }

    /// The sentence with a leading news dateline removed: `LONDON (Reuters) - `, `(CNN)`,
    /// `nairobi , kenya ( cnn ) `, `-lrb- cnn -rrb- -- `, `WASHINGTON — `, `[SEOUL] `,
    /// `SHANGHAI/BEIJING: `, `ZANDVOORT, Netherlands, Aug 21 : `, `［東京 １８日 ロイター］ - `.
    /// The sentence as it was when it has none (`US: …` and `NATO: …` are subjects, not places),
    /// or when nothing would be left.
    public static func removingDateline(from sentence: String) -> String {
        let prefix = sentence.unicodeScalars.prefix(200)
        let scalars = Array(prefix)
        guard let contentStart = Dateline.end(in: scalars, string: String(prefix)), contentStart < scalars.count
        else { return sentence }
        let rest = String(sentence.unicodeScalars.dropFirst(contentStart))
        guard rest.unicodeScalars.contains(where: \.isAlphabetic) else { return sentence }
        return rest
    }
    /// The first index from `index` on that may hold `a`, `b`, `c` or a byte beyond ASCII,
    /// skipping eight bytes at a time that certainly do not, and stopping short of `end`.
    @inline(__always)
    static func skipPlainASCII(
        in bytes: [UInt8], from index: Int, to end: Int, avoiding a: UInt8, _ b: UInt8, _ c: UInt8
    ) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            let ones: UInt64 = 0x0101_0101_0101_0101
            let high: UInt64 = 0x8080_8080_8080_8080
            // A zero byte in `v` sets that byte's high bit in `(v - ones) & ~v & high` (and only
            // a zero byte sets any).
            @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & high != 0 }
            var index = index
            while index + 8 <= min(end, buffer.count) {
                let word = UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if word & high != 0 || hasZeroByte(word ^ (UInt64(a) &* ones))
                    || hasZeroByte(word ^ (UInt64(b) &* ones))
                    || hasZeroByte(word ^ (UInt64(c) &* ones))
                {
                    break
                }
                index += 8
            }
            return index
        }
    }

    // MARK: - Character classes

    @inline(__always)
    static func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "!", "?", "\u{2026}", "\u{3002}", "\u{FF01}", "\u{FF1F}", "\u{FF0E}", "\u{203C}", "\u{2049}":
            true
        default: false
        }
    }

    @inline(__always)
    static func isCJKTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\u{3002}", "\u{FF01}", "\u{FF1F}", "\u{FF0E}": true
        default: false
        }
    }

    @inline(__always)
    static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "\u{201D}", "\u{2019}", ")", "]", "}", "\u{BB}", "\u{300D}", "\u{300F}", "\u{FF09}",
            "\u{3011}":
            true
        default: false
        }
    }

    @inline(__always)
    static func isOpener(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "\u{201C}", "\u{2018}", "(", "[", "{", "\u{AB}", "\u{300C}", "\u{300E}", "\u{FF08}",
            "\u{3010}":
            true
        default: false
        }
    }

    /// Text with lower-case letters and no upper-case ones: the CNN/DailyMail test release.
    static func isCaseless(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var lower = false
            var index = 0
            while index < bytes.count {
                // Eight ASCII bytes at a time: each byte plus 0x3F reaches 0x80 from "A" on, plus
                // 0x25 from "[" on; plus 0x1F from "a" on, plus 0x05 from "{" on. No carries:
                // every byte is below 0x80.
                while index + 8 <= bytes.count {
                    let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    guard word & 0x8080_8080_8080_8080 == 0 else { break }
                    let high: UInt64 = 0x8080_8080_8080_8080
                    let ones: UInt64 = 0x0101_0101_0101_0101
                    if (word &+ 0x3F &* ones) & ~(word &+ 0x25 &* ones) & high != 0 { return false }
                    if (word &+ 0x1F &* ones) & ~(word &+ 0x05 &* ones) & high != 0 { lower = true }
                    index += 8
                }
                guard index < bytes.count else { break }
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte &- 0x41 < 26 { return false }
                    if byte &- 0x61 < 26 { lower = true }
                    index += 1
                    continue
                }
                // A multi-byte scalar (the text is valid UTF-8).
                let (decoded, length) = decodeMultiByteScalar(bytes, at: index)
                index += length
                guard let scalar = decoded else { continue }
                if scalar.properties.isUppercase { return false }
                if scalar.properties.isLowercase { lower = true }
            }
            return lower
        }
    }

    // MARK: - Word lists (lower-case, without the final stop)

    /// Titles and words that never end a sentence before a name or number.
    static let titles: WordSet = [
        "mr", "mrs", "ms", "mx", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "cmdr",
        "adm", "maj", "cpl", "pvt", "rev", "hon", "pres", "supt", "insp", "det", "messrs", "mmes", "sr", "sra",
        "srta", "dra", "exmo", "vs", "v", "e.g", "i.e", "cf", "viz", "approx", "ca", "brig", "cdr", "lieut",
        "gov't", "amb", "atty", "fr", "mlle", "mme",
    ]

    /// Abbreviations that come before a number: `Jan. 5`, `No. 10`, `Fig. 3`.
    static let beforeNumbers: WordSet = [
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tue", "tues", "thu",
        "thur", "thurs", "no", "nos", "nr", "fig", "figs", "vol", "vols", "p", "pp", "art", "sec", "ch",
    ]

    static let timeAbbreviations: WordSet = ["a.m", "p.m"]

    /// Words that follow a time without starting a sentence: `3 p.m. Friday`, `9 a.m. GMT`.
    static let wordsAfterTimes: WordSet = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "gmt", "utc", "et", "est",
        "edt", "pt", "pst", "pdt", "ct", "cst", "bst", "cet", "jst", "kst", "sgt", "hkt", "ist", "wib",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "aest", "aedt", "awst",
        "nzst", "nzdt", "ict", "pht", "pkt", "npt", "myt", "wita", "wit", "msk", "cest", "hst", "akst", "akdt",
        "mst", "mdt", "edt", "eastern", "pacific", "central", "mountain", "noon", "midnight",
    ]

    /// The words a phrase that only names a time opens with: `At`, `Shortly (after)`, `By`.
    static let timePhraseOpenings: WordSet = [
        "at", "on", "by", "around", "about", "from", "until", "till", "before", "after", "since", "shortly",
        "just", "soon", "early", "late", "later", "earlier", "in", "between", "some", "roughly", "approximately",
        "nearly", "almost", "past", "this", "yesterday", "today", "tonight", "tomorrow", "then", "overnight",
    ]

    /// Words of a phrase that only names a time: `At 7 p.m.`, `Shortly after 9 a.m. on Monday`.
    static let timePhraseWords: WordSet = [
        "at", "on", "by", "around", "about", "from", "until", "till", "to", "before", "after", "since", "shortly",
        "just", "soon", "early", "late", "later", "earlier", "in", "the", "of", "between", "and", "some",
        "roughly", "approximately", "nearly", "almost", "past", "midnight", "noon", "morning", "afternoon",
        "evening", "night", "today", "tonight", "yesterday", "tomorrow", "this", "last", "next", "local", "time",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
        "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan",
        "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m", "am", "pm",
        "o'clock", "hrs", "gmt", "utc", "et", "then", "dawn", "dusk", "sunrise", "sunset", "overnight",
    ]

    /// Abbreviations that often end a sentence.
    static let sentenceFinalAbbreviations: WordSet = ["etc", "al"]

    /// Other abbreviations: a sentence ends after one only before a common sentence opening.
    static let abbreviations: WordSet = [
        "co", "corp", "inc", "ltd", "bhd", "plc", "llc", "pte", "tbk", "dept", "univ", "assn", "bros", "jr",
        "est", "ave", "blvd", "rd", "hwy", "govt", "intl", "natl", "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c",
        // Places: `St. Paul's` and `Mt. Fuji`, but also `on Temple St.` at the end of a sentence.
        "st", "mt", "ft", "sq", "ln", "dist",
    ]

    static let sentenceStarters: WordSet = [
        "the", "a", "an", "it", "he", "she", "they", "we", "i", "you", "this", "that", "these", "those", "but",
        "and", "in", "on", "at", "for", "as", "if", "its", "it's", "his", "her", "their", "there", "while", "when",
        "after", "before", "since", "however", "meanwhile", "so", "then", "now", "also",
        "police", "officials", "according", "one", "two", "some", "many", "most", "all", "both", "what", "who",
        "why", "how", "yet", "still", "here", "my", "our", "your", "mr", "mrs", "ms", "dr", "shares", "prices",
        "analysts", "other", "no", "not", "with", "by", "from", "under", "despite", "although", "though",
    ]

    /// More words that open sentences, but are as common inside one: a sign only with a capital.
    static let capitalisedSentenceStarters: WordSet = [
        "each", "every", "neither", "none", "nobody", "few", "several", "where", "which", "because", "instead",
        "yes", "only", "even", "earlier", "later", "today", "yesterday", "did", "does", "is", "was", "were",
        "are", "has", "had", "to", "more", "much", "such", "thus", "again", "nor", "or", "unlike", "like",
        "among", "during", "until", "once", "whether",
    ]

    static let reportingVerbs: WordSet = [
        "said", "says", "asked", "asks", "added", "adds", "told", "tells", "wrote", "writes", "explained",
        "shouted", "replied", "insisted", "continued", "cried", "exclaimed", "wondered", "recalled", "noted",
    ]

    static let pronouns: WordSet = ["he", "she", "they", "i", "we", "it", "you"]
}

extension Unicode.Scalar {
    /// White space, with a fast path for ASCII (the Unicode property lookup is slow).
    @inline(__always)
    var isSpace: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }

    /// An upper-case letter, with a fast path for ASCII.
    @inline(__always)
    var isUpper: Bool {
        if value < 0x80 { return (0x41...0x5A).contains(value) }
        return properties.isUppercase
    }

    /// A letter (Unicode's Alphabetic property), with a fast path for ASCII.
    @inline(__always)
    var isAlphabetic: Bool {
        if value < 0x80 { return (value | 0x20) &- 0x61 < 26 }
        return properties.isAlphabetic
    }

    /// A lower-case letter, with a fast path for ASCII.
    @inline(__always)
    var isLower: Bool {
        if value < 0x80 { return (0x61...0x7A).contains(value) }
        return properties.isLowercase
    }
}
