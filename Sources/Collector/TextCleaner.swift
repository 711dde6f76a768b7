import Foundation
import NewsValues

/// What cleaning found out about an article besides its clean paragraphs.
public struct CleanedText: Sendable, Equatable {
    public var paragraphs: [String]
    /// The place named in a leading dateline (`[SEOUL]` becomes "Seoul").
    public var dateline: String?
    /// An agency or outlet named in a sign-off at the end of the body (`… BLOOMBERG`).
    public var signOff: String?
    /// The date on a `Published …` line, read in the cleaner's time zone.
    public var published: Date?
}

/// Removes the noise that scraped and pasted news carries, paragraph by paragraph.
///
/// It knows the shapes seen in real copy: photo captions (often twice, once with a `PHOTO:`
/// credit), `Published …` lines, bracketed datelines, agency sign-offs in capitals, newsletter
/// and feedback prompts after the story, page clutter ("Advertisement", "Share"), wire markup
/// like `[USN:… TEXT:"…"]`, entities escaped twice, non-breaking spaces and control characters.
public struct TextCleaner: Sendable {
    /// The zone for dates printed without one (a `Published …` line).
    public var timeZone: TimeZone

    public init(timeZone: TimeZone = TimeZone(identifier: "Asia/Singapore") ?? .gmt) {
        self.timeZone = timeZone
    }

    /// Cleans the paragraphs of one article body.
    public func clean(_ rawParagraphs: [String]) -> CleanedText {
        clean(rawParagraphs, alreadyNormalised: false)
    }

    /// Cleans paragraphs; `alreadyNormalised` skips `normalise` for text that went through it.
    func clean(_ rawParagraphs: [String], alreadyNormalised: Bool) -> CleanedText {
        var result = CleanedText(paragraphs: [])
        let normalised = (alreadyNormalised ? rawParagraphs : rawParagraphs.map(Self.normalise)).filter { !$0.isEmpty }
            .map(Self.withoutHeadCaptions)

        // Captions: a paragraph with a photo credit goes, and so does the same caption without it.
        let captionTexts = normalised.map(Self.captionText)
        var captions = Set<String>()
        for caption in captionTexts {
            if let caption { captions.insert(Self.stripBullet(caption)) }
        }

        var kept: [String] = []
        for (paragraph, caption) in zip(normalised, captionTexts) {
            if caption != nil { continue }
            if captions.contains(Self.stripBullet(paragraph)) { continue }
            if Self.isClutter(paragraph) || Self.isTimestamp(paragraph) { continue }
            if let date = publishedDate(in: paragraph) {
                if result.published == nil { result.published = date }
                continue
            }
            if let agency = Self.sourceLine(paragraph) {
                if result.signOff == nil { result.signOff = agency }
                continue
            }
            kept.append(Self.stripBullet(paragraph))
        }

        // Newsletter and feedback prompts trail the story; a "Sign up" prompt can sit anywhere.
        var trailing = 0
        while trailing < 4, let last = kept.last, Self.isPrompt(last) {
            kept.removeLast()
            trailing += 1
        }
        kept.removeAll(where: Self.isSignUpPrompt)
        kept = Self.withoutRepeatedFooter(kept)

        // `Aug 20 : Fan groups …`: a wire date without a place.
        if let first = kept.first, let match = first.prefixMatch(of: Self.bareDatePattern) {
            kept[0] = String(first[match.range.upperBound...])
        }
        if let first = kept.first, let (place, rest) = Self.splitDateline(first) {
            result.dateline = place
            kept[0] = rest
        } else if let first = kept.first, let (place, agency, rest) = Self.splitJapaneseDateline(first) {
            result.dateline = place
            if result.signOff == nil { result.signOff = agency }
            kept[0] = rest
        }
        if result.signOff == nil, let last = kept.last, let (rest, agency) = Self.splitSignOff(last) {
            // A wire desk's section label left at the end ("CONTEXT-NEWS") goes, but names nobody.
            if !Self.isSectionLabel(agency) { result.signOff = agency }
            if rest.isEmpty { kept.removeLast() } else { kept[kept.count - 1] = rest }
        }
        result.paragraphs = kept.filter { !$0.isEmpty }
        return result
    }

    // MARK: Characters

    /// Decodes leftover entities, unwraps wire markup, folds odd spaces and drops control characters.
    public static func normalise(_ text: String) -> String {
        var text = HTMLEntities.decode(text)
        text = unwrapWireMarkup(text)
        // Built as UTF-8 bytes: appending to a String scalar by scalar was the slow part on long pages.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            // ASCII is decided without Unicode property lookups.
            if scalar.value < 0x80 {
                if scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) {
                    if !lastWasSpace { bytes.append(0x20) }
                    lastWasSpace = true
                } else if scalar.value >= 0x20 && scalar.value != 0x7F {
                    bytes.append(UInt8(scalar.value))
                    lastWasSpace = false
                }
                continue
            }
            // Letters and punctuation of the common scripts are neither space, control nor format
            // characters: no need to look their properties up.
            if Self.plainRanges.contains(where: { $0.contains(scalar.value) }) {
                UTF8.encode(scalar) { bytes.append($0) }
                lastWasSpace = false
                continue
            }
            let isSpace = scalar.properties.isWhitespace || scalar == "\u{200B}"
            if isSpace {
                if !lastWasSpace { bytes.append(0x20) }
                lastWasSpace = true
                continue
            }
            // Control and format characters (but not the joiners emoji and scripts need).
            let category = scalar.properties.generalCategory
            if category == .control || (category == .format && scalar != "\u{200D}" && scalar != "\u{200C}") {
                continue
            }
            UTF8.encode(scalar) { bytes.append($0) }
            lastWasSpace = false
        }
        if bytes.last == 0x20 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Ranges of letters and punctuation with no space, control or format character among them:
    /// Latin, Greek, Cyrillic, Thai, dashes and quotes, CJK punctuation, kana and ideographs, Hangul.
    private static let plainRanges: [ClosedRange<UInt32>] = [
        0x00C0...0x02AF, 0x0370...0x03FF, 0x0400...0x052F, 0x0E00...0x0E7F, 0x2010...0x2027, 0x3001...0x9FFF,
        0xAC00...0xD7A3,
    ]

    /// `[USN:ABC123 TEXT:"Seoul shares rise"]` keeps only `Seoul shares rise`.
    /// The quoted text may itself be quoted (`TEXT:""fully offensive""`): the inner quotes stay.
    static func unwrapWireMarkup(_ text: String) -> String {
        guard text.includes("[USN:") || text.includes("[ID:") else { return text }
        var result = text.replacing(Self.quotedPattern) { String($0.output.1) }
        // A reference without text is dropped whole.
        if result.includes("[USN:") || result.includes("[ID:") {
            result = result.replacing(/\s?\[(?:USN|ID):[^\]]*\]/, with: "")
        }
        return result
    }

    // MARK: Paragraph kinds

    private static let bullets: Set<Character> = ["•", "·", "●", "▪"]

    static func stripBullet(_ text: String) -> String {
        if text.hasPrefix("* ") { return String(text.dropFirst(2)) }
        guard let first = text.first, bullets.contains(first) else { return text }
        return text.dropFirst().trimmingCharacters(in: .whitespaces)
    }

    /// The caption text of a paragraph that ends in a photo credit (`… PHOTO: REUTERS`), else nil.
    static func captionText(_ paragraph: String) -> String? {
        // `FILE PHOTO: A view of …` opens a caption.
        if paragraph.hasPrefix("FILE PHOTO:") || paragraph.hasPrefix("File photo:") {
            return String(paragraph.dropFirst(11)).trimmingCharacters(in: .whitespaces)
        }
        // Found by hand rather than by one regex over the whole paragraph: this runs on every
        // paragraph, and an end-anchored regex retried at each position is quadratic.
        let utf8 = paragraph.utf8
        // Only the last 250 bytes can hold the credit's colon: the search starts there.
        if let colon = utf8.suffix(250).lastIndex(of: UInt8(ascii: ":")),
            paragraph.distance(from: colon, to: paragraph.endIndex) <= 62
        {
            let tail = paragraph[paragraph.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            var head = paragraph[..<colon]
            while head.last == " " { head.removeLast() }
            if !tail.isEmpty, !tail.contains(where: { ".!?".contains($0) }),
                let word = creditWords.first(where: { head.hasSuffix($0) })
            {
                var start = head.index(head.endIndex, offsetBy: -word.count)
                let before = start > head.startIndex ? head[head.index(before: start)] : " "
                if !before.isLetter {
                    if before == "(" { start = head.index(before: start) }
                    return String(paragraph[..<start]).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        // `… on Jul 9. REUTERS/Dado Ruvic/Illustration`: an agency and a photographer's name.
        guard utf8.count < 1600, utf8.suffix(45).contains(UInt8(ascii: "/")) else { return nil }
        let tail = paragraph.suffix(90)
        guard let match = tail.firstMatch(of: agencyCredit) else { return nil }
        let cut = paragraph.index(
            paragraph.endIndex, offsetBy: -tail.distance(from: match.range.lowerBound, to: tail.endIndex))
        return String(paragraph[..<cut]).trimmingCharacters(in: .whitespaces)
    }

    /// Words that introduce a photo credit, longest first.
    private static let creditWords = [
        "Mandatory Credit", "FILE PHOTO", "File photo", "Photo credit", "PHOTOS", "Photos", "PHOTO", "Photo",
        "Picture", "IMAGE", "Image", "Credit",
    ]

    nonisolated(unsafe) private static let agencyCredit =
        /\s*\(?(?:REUTERS|AFP|AP|EPA|Reuters|Bloomberg|Getty Images|ANTARA FOTO|XINHUA|Yonhap)\s*\/\s*[A-Z][\w.'\- ]{1,40}(?:\/[\w ]{1,20}){0,3}\)?\s*$/

    private static let clutter: Set<String> = [
        "advertisement", "advertisment", "share", "share this article", "read more", "read more:",
        "also read", "also read:", "copy link", "listen to this article", "click here", "story continues below",
        "scroll to continue", "related", "related stories", "recommended", "more stories", "bookmark",
        "whatsapp", "telegram", "facebook", "twitter", "x", "email", "linkedin", "reddit", "print", "copy",
        "share on facebook", "share on twitter", "share on x", "share on whatsapp", "fast", "subscribe here",
        "download here", "join here", "content is loading...", "content is loading", "expand to read the full story",
        "also worth reading", "top stories", "trending", "most read", "listen", "save", "comments", "show more",
        "show less", "load more", "newsletter", "newsletters",
    ]

    /// Closing furniture that starts a page's footer: everything from here on is not the story.
    static func isTrailerStart(_ paragraph: String) -> Bool {
        // Every paragraph of a feed item comes here: a long one is not a label, and is not lowered.
        guard paragraph.utf8.count <= 40 else { return false }
        let lower = paragraph.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " .:-–—"))
        return trailerStarts.contains(lower)
    }

    private static let trailerStarts: Set<String> = [
        "related topics", "also worth reading", "more from this section", "topics", "tags", "read next",
        "further reading",
    ]

    /// `Source: Reuters/fs/ec` or `Source: AGENCIES` gives the agency; nil for any other line.
    static func sourceLine(_ paragraph: String) -> String? {
        // Prefixes first: counting a long paragraph's characters walks all of it.
        guard paragraph.hasPrefix("Source:") || paragraph.hasPrefix("SOURCE:"), paragraph.count <= 60 else {
            return nil
        }
        let rest = paragraph.dropFirst(7).trimmingCharacters(in: .whitespaces)
        guard let name = rest.split(separator: "/").first?.trimmingCharacters(in: .whitespaces), !name.isEmpty,
            name.split(separator: " ").count <= 4
        else { return nil }
        return name == name.uppercased() && name.count > 3 ? titleCased(name) : name
    }

    /// A paragraph that is only a date and time, like `18 Aug 2026 02:16PM (Updated: 18 Aug 2026 02:28PM)`.
    static func isTimestamp(_ paragraph: String) -> Bool {
        guard paragraph.utf8.count <= 360, paragraph.count <= 90, let first = paragraph.first else { return false }
        // `(Updated: 18 Aug 2026 03:12AM)` on a line of its own, under the first time.
        if first == "(" { return paragraph.wholeMatch(of: Self.updatedStampPattern) != nil }
        guard first.isNumber || first.isUppercase else { return false }
        return paragraph.wholeMatch(of: Self.stampPattern) != nil
    }

    static func isClutter(_ paragraph: String) -> Bool {
        // Cheap length checks first: this runs on every paragraph of every page.
        let bytes = paragraph.utf8.count
        guard bytes <= 400 else { return false }
        if bytes <= 48,
            clutter.contains(paragraph.lowercased().trimmingCharacters(in: clutterTrim))
        {
            return true
        }
        return isFurniturePrompt(paragraph)
    }

    private static let clutterTrim = CharacterSet(charactersIn: " .:-–—")

    /// Site furniture that can sit anywhere in a scraped body: "set us as your preferred source",
    /// "read a summary on our app", "click here to return to …".
    static func isFurniturePrompt(_ paragraph: String) -> Bool {
        guard paragraph.utf8.count <= 300, wordCount(paragraph) <= 25
        else { return false }
        let lower = paragraph.lowercased()
        let cues = [
            "preferred source", "trusted source", "give it a try", "click here to", "tap here to",
            "read a summary of this", "bite-sized news", "sign up for our", "get our pick of", "download the app",
            "get the app", "join our channel", "whatsapp alerts", "notifications for breaking", "follow us on",
            "listen to this article", "this article is more than", "story continues below", "subscribe to",
            "automated curation of our",
        ]
        return cues.contains(where: { lower.includes($0) })
    }

    /// Words split at spaces (as `split(separator: " ").count`), counted on the bytes.
    static func wordCount(_ text: String) -> Int {
        var words = 0
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            if byte != 0x20 && previous == 0x20 { words += 1 }
            previous = byte
        }
        return words
    }

    /// Newsletter, subscription and feedback prompts.
    static func isPrompt(_ paragraph: String) -> Bool {
        let lower = paragraph.lowercased()
        let words = paragraph.split(separator: " ").count
        guard words <= 45 else { return false }
        let cues = [
            "sign up", "subscribe", "newsletter", "in your inbox", "to your inbox", "feedback", "story tip",
            "spotted an error", "write to us", "tell us what you think", "follow us on", "download our app",
            "your thoughts", "how are we doing", "get in touch", "contact us", "let us know", "news tip",
            "preferred source", "trusted source", "give it a try", "click here", "tap here", "read a summary of this",
            "get the app", "download the app", "join our channel", "get whatsapp alerts", "notifications for breaking",
        ]
        // A short closing line with an address or link is a prompt, not the story.
        let hasAddress =
            (paragraph.utf8.contains(UInt8(ascii: "@")) && paragraph.contains(Self.addressPattern))
            || lower.includes("http")
        return cues.contains(where: { lower.includes($0) }) || (hasAddress && words <= 25)
    }

    static func isSignUpPrompt(_ paragraph: String) -> Bool {
        guard paragraph.utf8.count <= 400, paragraph.includes("ign up") || paragraph.includes("IGN UP") else {
            return false
        }
        let lower = paragraph.lowercased()
        return paragraph.split(separator: " ").count <= 45 && lower.includes("sign up")
            && (lower.includes("newsletter") || lower.includes("inbox") || lower.includes("free"))
    }

    // MARK: Dates, datelines, sign-offs

    /// The date on a line like `Published Mon, Jan 5, 2026 · 09:40 PM`, or nil when the line is not one.
    func publishedDate(in paragraph: String) -> Date? {
        guard paragraph.utf8.count < 480, paragraph.count < 120,
            paragraph.hasPrefix("Published") || paragraph.hasPrefix("Updated")
                || paragraph.hasPrefix("Posted"), let match = paragraph.prefixMatch(of: Self.linePattern)
        else { return nil }
        guard let month = CivilDate.month(named: match.output.1), let day = Int(match.output.2),
            let year = Int(match.output.3)
        else { return nil }
        var hour = match.output.4.flatMap { Int($0) } ?? 0
        let minute = match.output.5.flatMap { Int($0) } ?? 0
        if let meridiem = match.output.6?.lowercased() {
            if meridiem == "pm" && hour < 12 { hour += 12 }
            if meridiem == "am" && hour == 12 { hour = 0 }
        }
        return HumanDate.moment(year: year, month: month, day: day, hour: hour, minute: minute, in: timeZone)
    }

    /// `[SEOUL] Chinese …`, `SEOUL — Chinese …` and `SEOUL (Reuters) - Chinese …` give ("Seoul", "Chinese …").
    static func splitDateline(_ paragraph: String) -> (String, String)? {
        // Also `STOCKHOLM, Aug 18 : Klarna …`, and `KUALA LUMPUR: Malaysian …` (capitals and a colon,
        // at least four letters so that `US:` stays).
        guard let first = paragraph.first, first == "[" || first.isUppercase else { return nil }
        guard
            let match = paragraph.prefixMatch(of: Self.bracketedPattern) ?? paragraph.prefixMatch(
                of: Self.dashedPattern)
                ?? paragraph.prefixMatch(of: Self.datedColonPattern) ?? paragraph.prefixMatch(of: Self.colonPattern)
        else { return nil }
        let place = String(match.output.1).trimmingCharacters(in: .whitespaces)
        let words = place.lowercased().split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }
        return (words.joined(separator: " "), String(paragraph[match.range.upperBound...]))
    }

    /// `[クアラルンプール １８日 ロイター] - …` gives ("クアラルンプール", "ロイター", "…").
    static func splitJapaneseDateline(_ paragraph: String) -> (String, String, String)? {
        guard paragraph.hasPrefix("［") || paragraph.hasPrefix("[") else { return nil }
        guard let match = paragraph.prefixMatch(of: Self.japaneseDatelinePattern) else { return nil }
        return (String(match.output.1), String(match.output.2), String(paragraph[match.range.upperBound...]))
    }

    /// `… next month. MERIDIAN WIRE` gives ("… next month.", "Meridian Wire").
    static func splitSignOff(_ paragraph: String) -> (String, String)? {
        // A sign-off ends in a capital letter; most paragraphs end in punctuation and stop here.
        guard let last = paragraph.last, last.isUppercase, let match = paragraph.firstMatch(of: Self.signOffPattern)
        else {
            return nil
        }
        let agency = String(match.output.1)
        // A sign-off is capitals only and not a sentence-ending acronym inside prose ("… in the U.S.").
        guard agency.count >= 2, !agency.contains(where: \.isLowercase) else { return nil }
        // Keep the sentence's own closing punctuation, which the match began with.
        let rest = String(paragraph[..<match.output.1.startIndex]).trimmingCharacters(in: .whitespaces)
        return (rest, titleCased(agency))
    }

    /// Whether a capitalised line ending a story is a wire desk's section label (Breakingviews'
    /// "CONTEXT NEWS", "FACTBOX", "ANALYSIS") rather than the name of an agency. `label` is as
    /// `splitSignOff` gives it, title-cased.
    static func isSectionLabel(_ label: String) -> Bool {
        let words = label.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" })
        return !words.isEmpty && words.allSatisfy { sectionLabelWords.contains(String($0)) }
    }

    private static let sectionLabelWords: Set<String> = [
        "context", "news", "background", "factbox", "analysis", "explainer", "exclusive", "graphic", "graphics",
        "breakingviews", "update", "corrected", "refiled", "photo", "photos", "video", "related", "more",
    ]

    /// `MERIDIAN WIRE` becomes `Meridian Wire`; short acronyms like `AFP` stay as they are.
    static func titleCased(_ text: String) -> String {
        text.split(separator: " ").map { word in
            word.count <= 3 ? String(word) : word.prefix(1) + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }

    // Regexes are compiled once: a literal inside a function is parsed again on every call.
    nonisolated(unsafe) private static let addressPattern = /[\w.+-]+@[\w-]+\.[\w.-]+/
    nonisolated(unsafe) private static let bareDatePattern = /[A-Z][a-z]{2} \d{1,2} : (?=\S)/
    nonisolated(unsafe) private static let quotedPattern =
        /\[(?:USN|ID):[^\]\s"]*\s*TEXT:"(.*?)"\]/
    nonisolated(unsafe) private static let stampPattern =
        /^(?:(?:Updated|Published|Posted):?\s*)?(?:\d{1,2} [A-Z][a-z]{2,8},? \d{4}|[A-Z][a-z]{2,8} \d{1,2},? \d{4})(?:,?\s*(?:at\s*)?\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?\s*(?:\(Updated:[^)]*\))?$/
    nonisolated(unsafe) private static let updatedStampPattern =
        /^\((?:Updated|Published|Posted):?\s*(?:\d{1,2} [A-Z][a-z]{2,8},? \d{4}|[A-Z][a-z]{2,8} \d{1,2},? \d{4})[^()]{0,24}\)$/
    nonisolated(unsafe) private static let linePattern =
        /^(?:Published|Updated|Posted)(?: on)?:?\s+(?:[A-Z][a-z]{2},?\s+)?([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s*[·,|-]?\s*(?:at\s+)?(\d{1,2}):(\d{2})\s*([AaPp][Mm])?)?/
    nonisolated(unsafe) private static let bracketedPattern =
        /^\[([A-Z][A-Z .'\-]{1,40})\]\s*/
    nonisolated(unsafe) private static let dashedPattern =
        /^([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z .&]{2,30}\))?\s?[—–-]{1,2}\s/
    nonisolated(unsafe) private static let datedColonPattern =
        /^([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}),? [A-Z][a-z]{2,8}\.? \d{1,2}\s?:\s/
    nonisolated(unsafe) private static let colonPattern =
        /^([A-Z][A-Z.'\-]{3,}(?: [A-Z][A-Z.'\-]+){0,3}):\s(?=[A-Z"“‘])/
    nonisolated(unsafe) private static let japaneseDatelinePattern =
        /^[\[［]\s*(\S{1,20})\s+[0-9０-９]{1,2}日\s+(\S{1,20})\s*[\]］]\s*[-‐－—–]?\s*/
    nonisolated(unsafe) private static let signOffPattern =
        /(?:^|[.!?"”’])\s*([A-Z][A-Z&'\-]*(?: [A-Z][A-Z&'\-]*){0,3})$/
}
