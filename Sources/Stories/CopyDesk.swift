import Foundation
import Summarizer

/// Cleans the copy a newsletter prints, so that no headline or summary sentence keeps the
/// wire's or the desk's noise.
///
/// - `headline(_:source:)`: desk labels (`Analysis:`, `Opinion |`, `Watch:`), wire slugs and
///   tags (`UPDATE 2-`, `AFRICA-FX-`, `CHINA-TAIWAN/ `) and outlet tags (` - Reuters`) off, the
///   label returned.
/// - `repairingRunTogether(_:)`: a paragraph whose sentences or paragraphs lost what separated
///   them (`…on Tuesday.The ministry`, `…on FridayThe move`, a crosshead in capitals run into the
///   paragraph after it) given back its breaks, for the sentence splitter.
/// - `wholeSentences(_:)`: a feed's text cut off mid-sentence (`…killing at least 16 people and…`)
///   down to its whole sentences.
/// - `sentence(_:)`: one sentence without a dateline (`SEOUL, Aug 20 (Reuters) - `), a crosshead,
///   a wire's lead-in to the story's details (`Here are some details: `) or stray spaces (`97 , as`).
///
/// Pure and quick: no I/O and no regular expressions, a pass or two over each string's scalars,
/// so it can run on every headline and summary sentence of a week. Each rule strips only what it
/// recognises, the way wires and newspapers write; what it does not recognise stays.
public struct CopyDesk: Sendable {
    /// The copy's language (a BCP 47 tag: `en`, `fr`, `de-CH`), when known. French keeps its space
    /// before `:`, `;`, `!` and `?`; languages that join words with a hyphen (German
    /// `ZEW-Barometer`) keep a short capitalised word before a hyphen at the head of a headline.
    public var language: String?
    /// Outlets whose name is stripped from the end of a headline (` - Reuters`, ` | CNA`),
    /// lower-cased.
    public var outlets: Set<String>

    /// A copy desk for copy in `language` (English rules when `nil`).
    public init(language: String? = nil, outlets: Set<String> = CopyDesk.knownOutlets) {
        self.language = language
        self.outlets = outlets
    }

    let segmenter = SentenceSegmenter()

    // MARK: - Sentences

    /// `sentence` as a newsletter prints it: without a leading dateline (`SEOUL, Aug 20
    /// (Reuters) - `, `SHANGHAI/BEIJING: `, `ZANDVOORT, Netherlands, Aug 21 : `, `[SEOUL] `), a
    /// crosshead in capitals run into it (`IRAN HAS FACED SANCTIONS In a message…`) or a list
    /// bullet, with its spacing tidied (`tidyingSpaces(_:)`).
    ///
    /// A wire's lead-in to the story's details (`Here are some details: • The company…`, `Below are details
    /// from the bank's statement released on Monday: The card…, the bank said.`) goes too, when a sentence
    /// follows it (see `leadInRemoved(_:)`), and so does an explainer's sentence that only presents what follows
    /// (`Here's a look at how ties have evolved.`, see `isPresentation(_:)`).
    ///
    /// Empty when the sentence is only a crosshead (`WHY HAVE YIELDS BEEN RISING?`), a lead-in or a presenting
    /// sentence, so callers
    /// can drop it. A sentence's own subject stays: `US: …`, `NATO: …` and `Washington - the
    /// city - …` are not datelines.
    public func sentence(_ sentence: String) -> String {
        var text = Substring(sentence)
        while let first = text.first, first.isWhitespace || first == "\u{2022}" || first == "\u{25AA}" {
            text = text.dropFirst()
        }
        var cleaned = SentenceSegmenter.removingDateline(from: String(text))
        if let rest = leadInRemoved(cleaned) { cleaned = rest }
        let scalars = Array(cleaned.unicodeScalars)
        if let start = Self.crossheadEnd(in: scalars) {
            cleaned = String(String.UnicodeScalarView(scalars[start...]))
        } else if Self.isCrosshead(scalars) {
            return ""
        }
        return tidyingSpaces(cleaned)
    }

    /// Whether `sentence` is the writer speaking, not reporting: a question they ask (`What does a good
    /// succession plan look like?`) or a line in the first person (`Growing up there, it was hard for me not
    /// to…`), a column's devices, which a summary of the news does not print. English words; the caller
    /// asks only of English articles, and of sentences outside a quotation that runs over several
    /// (`StoryDesk`). A sentence with quotation marks, straight single ones included (`'I will not resign,'
    /// she said`), is someone's words; `stage I`, `World War I` and `I-95` are not the writer.
    static func isColumnistsVoice(_ sentence: String) -> Bool {
        guard !sentence.contains(where: { "\"\u{201C}\u{201D}\u{2018}".contains($0) }), !sentence.hasPrefix("'"),
            !sentence.contains(",' "), !sentence.contains(" '")
        else { return false }
        if sentence.hasSuffix("?") { return true }
        // Words as the spaces give them, their punctuation trimmed: `imi.gov.my` is an address, not `my`.
        let words = sentence.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }
        for (index, word) in words.enumerated() {
            if word == "me" || word == "my" { return true }
            // The pronoun goes on with a word in lower case (`I have`); a numeral follows a noun (`stage I`,
            // `World War I`); `I Stockholm` is another language's preposition.
            guard ["I", "I'm", "I\u{2019}m", "I've", "I\u{2019}ve"].contains(word) else { continue }
            let before = index > 0 ? words[index - 1].lowercased() : ""
            let after = index + 1 < words.count ? words[index + 1] : ""
            if word == "I", after.first?.isLowercase != true { continue }
            if index > 0, words[index - 1].first?.isUppercase == true || numeralNouns.contains(before) { continue }
            return true
        }
        return false
    }

    /// Nouns a Roman numeral follows (`stage I`, `phase I`, `type I`).
    static let numeralNouns: Set<String> = [
        "stage", "phase", "type", "class", "grade", "level", "part", "chapter", "category", "war", "division",
        "tier", "title", "schedule", "article", "appendix", "act", "volume", "book", "season", "series",
    ]

    /// Whether `sentence` is a contact line (`Write to me at desk@example.com`, `Send tips to …`): an e-mail
    /// address with words that ask the reader to write. An address in the news (`The scam mails came from
    /// support@bank.example, police said.`) stays.
    static func hasEmailAddress(_ sentence: String) -> Bool {
        guard sentence.contains("@") else { return false }
        let hasAddress = sentence.split(separator: " ").contains { word in
            let parts = word.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && parts[1].first?.isLetter == true
        }
        let lower = sentence.lowercased()
        return hasAddress && contactWords.contains(where: lower.contains)
    }

    /// What a contact line asks.
    static let contactWords = [
        "write to", "email me", "e-mail me", "contact me", "contact us", "reach me", "reach us", "send tips",
        "tips to", "feedback", "get in touch", "drop me", "drop us", "by emailing", "by e-mailing", "tell us",
    ]

    /// The openings of an English lead-in: the words that present what comes after a colon.
    static let leadInOpenings = [
        "below are ", "below is ", "following are ", "following is ", "the following are ", "the following is ",
        "here are ", "here is ", "here's ", "here\u{2019}s ", "listed below are ",
    ]

    /// What a lead-in the desk drops presents: the story's own details, never a list of names or someone's text.
    static let leadInSubjects = ["detail", "highlight", "key point", "what we know", "what to know", "more on"]

    /// Words that make a lead-in name a source (`…from the bank's statement:`): what follows it is dropped
    /// only when it says whose it is.
    static let leadInSources = [
        " from ", "statement", "text", "excerpt", "transcript", "remarks", "speech", "letter", "report",
    ]

    /// What an explainer's sentence that only presents what follows shows (`Here's a look at how ties have
    /// evolved.`, `Here is a timeline of the dispute.`): it says nothing of the story.
    static let presentations = [
        "a look at ", "a timeline ", "a factbox ", "a closer look ", "some facts ", "some key facts ",
        "what we know", "what you need to know", "a guide to ", "an explainer ",
    ]

    /// Whether `sentence`, which opens with a lead-in's words, is a sentence of its own that only presents
    /// what follows (``presentations``): ended by a stop, at most 20 words, no colon, no figure.
    static func isPresentation(_ sentence: String) -> Bool {
        // After a colon come the facts (the lead-in rule's to take); a figure is a fact (`… the crash that
        // killed 179 people`).
        guard sentence.hasSuffix("."), !sentence.contains(": "), !sentence.contains(where: \.isNumber),
            sentence.split(separator: " ").count <= 20
        else { return false }
        let lower = sentence.lowercased()
        guard let opening = leadInOpenings.first(where: lower.hasPrefix) else { return false }
        let shown = lower.dropFirst(opening.count)
        return presentations.contains(where: { shown.hasPrefix($0) })
    }

    /// Attributions that let a sentence stand without the lead-in that named its source.
    static let attributions = [" said", " says", " according to", " told ", " added", " announced"]

    /// `sentence` after its lead-in (`Here are some details: `, `Below are details from the bank's
    /// statement released on Monday: `): what follows the lead-in's colon (and a bullet), when the lead-in
    /// presents the story's details (``leadInSubjects``), comes before any other sentence, and what follows
    /// is a sentence of its own (a capital, or a quote and a capital, opens it; six words or more) that says
    /// whose it is when the lead-in named a source; empty when nothing follows. Nil otherwise: a list of
    /// names (`Here are the winners: Samsung, LG…`), someone's text (`Following is the junta's statement:
    /// The vote was rigged`), a colon that continues its sentence (`Here is the point: the bank…`), a time
    /// (`the 3:40 a.m. quake`). English copy only; the colon must come within 30 words.
    func leadInRemoved(_ sentence: String) -> String? {
        guard language.map({ $0.lowercased().hasPrefix("en") }) ?? true else { return nil }
        let head = sentence.prefix(20).lowercased()
        guard Self.leadInOpenings.contains(where: head.hasPrefix) else { return nil }
        if Self.isPresentation(sentence) { return "" }
        // The colon ends the lead-in only when a space or the end follows it (not `3:40`, `10:00`).
        guard
            let colon = sentence.indices.first(where: { index in
                sentence[index] == ":" && sentence[sentence.index(after: index)...].first.map(\.isWhitespace) ?? true
            })
        else { return nil }
        let leadIn = sentence[..<colon].lowercased()
        guard leadIn.split(separator: " ").count <= 30, Self.leadInSubjects.contains(where: leadIn.contains),
            !leadIn.contains(". "), !leadIn.contains("? "), !leadIn.contains("! ")
        else { return nil }
        var rest = sentence[sentence.index(after: colon)...].drop(while: \.isWhitespace)
        // A list's first item may come with its bullet: `Here are some details: • The company…`.
        if let bullet = rest.first, "\u{2022}\u{25AA}-\u{2013}*".contains(bullet),
            rest.dropFirst().first?.isWhitespace == true
        {
            rest = rest.dropFirst().drop(while: \.isWhitespace)
        }
        if rest.isEmpty { return "" }
        guard let first = rest.drop(while: { "\"'\u{201C}\u{2018}".contains($0) }).first, first.isUppercase,
            rest.split(separator: " ").count >= 6
        else { return nil }
        if Self.leadInSources.contains(where: leadIn.contains) {
            let lowered = rest.lowercased()
            guard Self.attributions.contains(where: lowered.contains) else { return nil }
        }
        return String(rest)
    }

    /// `text` with its spacing as print has it: one space between words; none before `,` `.` `;`
    /// `:` `!` `?` `)` `]` `”` (French keeps its space before `:` `;` `!` `?`); none after `(` `[`
    /// `“` or an opening straight quote (when the text's straight quotes pair up); none between a
    /// figure and `%` in English; no spaces at the ends of lines. A lone no-break space stays
    /// (`10 km`); a time's `10 : 30` and an ellipsis' spaces stay.
    public func tidyingSpaces(_ text: String) -> String {
        guard Self.mayNeedTidying(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        // A straight quote after a figure is an inch mark (`a 22" screen`), not a quotation mark.
        var quotes = 0
        for (index, scalar) in scalars.enumerated() where scalar == "\"" {
            if index == 0 || !Self.isDigit(scalars[index - 1]) { quotes += 1 }
        }
        let rules = SpacingRules(
            french: languageCode == "fr", english: languageCode == "en" || languageCode.isEmpty,
            quotesPair: quotes % 2 == 0)
        var quotesSeen = 0
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(scalars.count)
        var previous: Unicode.Scalar?
        var afterInch = false
        var space: Unicode.Scalar?
        var spaces = 0
        for (index, scalar) in scalars.enumerated() {
            if Self.isHorizontalSpace(scalar) {
                space = scalar
                spaces += 1
                continue
            }
            if scalar == "\n" || scalar == "\r" {
                spaces = 0
            } else if spaces > 0, let space {
                if let previous,
                    rules.keepsSpace(
                        between: previous, and: index, in: scalars, quotesSeen: quotesSeen,
                        afterQuote: previous == "\"" && !afterInch)
                {
                    // A lone no-break or thin space is the writer's choice; anything else is one space.
                    output.append(spaces == 1 && space != "\t" ? space : " ")
                }
                spaces = 0
            }
            if scalar == "\"" {
                afterInch = previous.map(Self.isDigit) ?? false
                if !afterInch { quotesSeen += 1 }
            }
            output.append(scalar)
            previous = scalar
        }
        return String(String.UnicodeScalarView(output))
    }

    /// What `tidyingSpaces(_:)` keeps, for one text.
    struct SpacingRules {
        let french: Bool
        let english: Bool
        /// Whether the text's straight double quotes pair up, so that odd ones open and even ones
        /// close.
        let quotesPair: Bool

        /// Whether the space between `previous` (already written, `quotesSeen` straight quotes
        /// so far; `afterQuote` when `previous` is one, not an inch mark) and `scalars[index]`
        /// stays.
        func keepsSpace(
            between previous: Unicode.Scalar, and index: Int, in scalars: [Unicode.Scalar], quotesSeen: Int,
            afterQuote: Bool
        ) -> Bool {
            if previous == "\n" || previous == "\r" { return false }
            let next = scalars[index]
            // After an opening bracket or quote.
            if previous == "(" || previous == "[" || previous == "{" || previous == "\u{201C}" { return false }
            if afterQuote, quotesPair, quotesSeen % 2 == 1, next != "\"" { return false }
            let endsWord = CopyDesk.isWordEnd(previous)
            switch next {
            case ",":
                return !endsWord
            case ".":
                // `X .` ends a sentence; `rose to .5`, `ASP .NET` and ` ...` are something else.
                let after: Unicode.Scalar = index + 1 < scalars.count ? scalars[index + 1] : " "
                return !(endsWord && (CopyDesk.isHorizontalSpace(after) || CopyDesk.isCloser(after) || after == "\n"))
            case ";", "!", "?":
                return french || !endsWord
            case ":":
                if french || !endsWord { return true }
                // `10 : 30`
                if CopyDesk.isDigit(previous), let digit = scalars[(index + 1)...].first(where: { $0 != " " }) {
                    return CopyDesk.isDigit(digit)
                }
                return false
            case ")", "]", "}", "\u{201D}":
                return false
            case "\"":
                return !(quotesPair && quotesSeen % 2 == 1)
            case "%":
                return !(english && CopyDesk.isDigit(previous))
            default:
                return true
            }
        }
    }

    /// Whether `text` may have a space to tidy: a quick look at its bytes, so that the many texts
    /// with none cost little. Errs towards yes.
    static func mayNeedTidying(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return false }
            // Spaces at the ends (a no-break or thin one begins with 0xC2 or 0xE2, ends with 0xA0, 0x89 or 0xAF).
            if first == 0x20 || first == 0x09 || first == 0xC2 || first == 0xE2 { return true }
            if last == 0x20 || last == 0x09 || last == 0xA0 || last == 0x89 || last == 0xAF { return true }
            var previous: UInt8 = 0
            for index in bytes.indices {
                let byte = bytes[index]
                defer { previous = byte }
                switch byte {
                case 0x09:
                    return true
                case 0x20:
                    // After an opening bracket, a straight quote, a line break or another space.
                    switch previous {
                    case 0x20, 0x28, 0x5B, 0x7B, 0x22, 0x0A, 0x0D, 0x9C, 0xA0, 0x89, 0xAF: return true
                    default: break
                    }
                    // Before punctuation, a quote, a line break, or a scalar beyond ASCII.
                    switch bytes[index + 1 < bytes.count ? index + 1 : index] {
                    case 0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x7D, 0x25, 0x22, 0x0A, 0x0D, 0xC2, 0xE2, 0xE3:
                        return true
                    default: break
                    }
                case 0xC2 where previous == 0xA0:
                    // Two no-break spaces.
                    return true
                case 0xA0 where previous == 0xC2:
                    // A no-break space before punctuation.
                    if index + 1 < bytes.count,
                        [0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x25].contains(bytes[index + 1])
                    {
                        return true
                    }
                default:
                    break
                }
            }
            return false
        }
    }

    // MARK: - Whole sentences

    /// The whole sentences of a text a publisher may have cut off (a feed's description, a
    /// standfirst, a summary-only body): the text up to the end of its last whole sentence, or
    /// `nil` when it has none.
    ///
    /// A sentence is whole when it ends in `.`, `!` or `?` (or `。`, `！`, `？`), possibly followed by
    /// closing quotes and brackets, and not in an ellipsis (`...`, `…`, `[…]`) or a title or month
    /// that a name or a day must follow (`Mr.`, `Aug.`); `… in the U.S.` is whole. So a text
    /// ending in ` and`, a comma, a colon, `…` or a word cut in half loses that last piece. Run-
    /// together sentences are separated first (`repairingRunTogether(_:)`), so that a cut-off
    /// sentence joined to a whole one does not take the whole one with it.
    public func wholeSentences(_ text: String) -> String? {
        let repaired = repairingRunTogether(text)
        var paragraphs = segmenter.sentencesByParagraph(in: repaired)
        while let last = paragraphs.last?.last, !Self.isWhole(last) {
            paragraphs[paragraphs.count - 1].removeLast()
            if paragraphs[paragraphs.count - 1].isEmpty { paragraphs.removeLast() }
        }
        guard !paragraphs.isEmpty else { return nil }
        // Cut the text after the last whole sentence, keeping its own spacing and line breaks (the
        // segmenter gives its sentences as they are in the text, only trimmed).
        var rest = repaired[...]
        for sentence in paragraphs.joined() {
            guard let range = rest.range(of: sentence) else {
                return paragraphs.map { $0.joined(separator: " ") }.joined(separator: "\n")
            }
            rest = rest[range.upperBound...]
        }
        return String(repaired[..<rest.startIndex])
    }

    /// Whether `sentence` ends as a whole sentence does.
    static func isWhole(_ sentence: String) -> Bool {
        var scalars = Array(sentence.unicodeScalars)
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        // `[…]`, `[...]`, `(…)`: the publisher's mark of a cut.
        if let last = scalars.last, last == "]" || last == ")" {
            let inside = scalars.dropLast().reversed().prefix { $0 == "." || $0 == "\u{2026}" }
            if !inside.isEmpty, scalars.count > inside.count + 1 {
                let open = scalars[scalars.count - inside.count - 2]
                if open == "[" || open == "(" { return false }
            }
        }
        while let last = scalars.last, isCloser(last) { scalars.removeLast() }
        guard let last = scalars.last else { return false }
        switch last {
        case "!", "?", "\u{3002}", "\u{FF01}", "\u{FF1F}", "\u{203C}", "\u{2049}":
            return true
        case ".", "\u{FF0E}":
            guard scalars.count >= 2 else { return false }
            if scalars[scalars.count - 2] == "." { return false }
            // The word the stop ends: a title or a month abbreviated wants what follows.
            let word = String(
                String.UnicodeScalarView(
                    scalars.dropLast().reversed().prefix { isLetter($0) || $0 == "." }.reversed()))
            guard let initial = word.unicodeScalars.first else { return true }
            if isUpper(initial) {
                if word.contains("."), dottedAbbreviations.contains(word.lowercased()) {
                    // `… living in the U.S.` ends; `…, while U.S.` was cut before its noun.
                    let before = scalars.dropLast(word.unicodeScalars.count + 1).split(separator: " ").last
                    return !clauseOpeners.contains(before.map { String(String.UnicodeScalarView($0)) } ?? "")
                }
                return !unfinishedCapitalised.contains(word.lowercased())
            }
            return !unfinishedLower.contains(word)
        default:
            return false
        }
    }

    /// Abbreviations, capitalised, that a name or a day follows: a sentence does not end on them.
    static let unfinishedCapitalised: Set<String> = [
        "mr", "mrs", "ms", "mx", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "cmdr",
        "adm", "maj", "cpl", "pvt", "rev", "hon", "pres", "supt", "insp", "det", "messrs", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "fig", "vol",
    ]

    /// Words that open a clause: a cut text ending `while U.S.` lost the noun after the
    /// abbreviation.
    static let clauseOpeners: Set<String> = [
        "while", "but", "as", "because", "although", "though", "whereas", "when", "after", "before", "since", "if",
        "unless", "than", "whether", "where", "which", "that",
    ]

    /// Abbreviations in lower case that something must follow.
    static let unfinishedLower: Set<String> = ["vs", "v", "e.g", "i.e", "cf", "approx", "ca", "pp", "viz"]
}
