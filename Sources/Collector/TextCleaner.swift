import Foundation

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
        var result = CleanedText(paragraphs: [])
        let normalised = rawParagraphs.map(Self.normalise).filter { !$0.isEmpty }

        // Captions: a paragraph with a photo credit goes, and so does the same caption without it.
        var captions = Set<String>()
        for paragraph in normalised {
            if let caption = Self.captionText(paragraph) { captions.insert(Self.stripBullet(caption)) }
        }

        var kept: [String] = []
        for paragraph in normalised {
            if Self.captionText(paragraph) != nil { continue }
            if captions.contains(Self.stripBullet(paragraph)) { continue }
            if Self.isClutter(paragraph) { continue }
            if let date = publishedDate(in: paragraph) {
                if result.published == nil { result.published = date }
                continue
            }
            kept.append(Self.stripBullet(paragraph))
        }

        // Newsletter and feedback prompts trail the story; a "Sign up" prompt can sit anywhere.
        while let last = kept.last, Self.isPrompt(last) { kept.removeLast() }
        kept.removeAll(where: Self.isSignUpPrompt)

        if let first = kept.first, let (place, rest) = Self.splitDateline(first) {
            result.dateline = place
            kept[0] = rest
        }
        if let last = kept.last, let (rest, agency) = Self.splitSignOff(last) {
            result.signOff = agency
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
        var scalars = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace || scalar == "\u{200B}"
            if isSpace {
                if !lastWasSpace { scalars.append(" ") }
                lastWasSpace = true
                continue
            }
            // Control and format characters (but not the joiners emoji and scripts need).
            let category = scalar.properties.generalCategory
            if category == .control || (category == .format && scalar != "\u{200D}" && scalar != "\u{200C}") {
                continue
            }
            scalars.append(scalar)
            lastWasSpace = false
        }
        return String(scalars).trimmingCharacters(in: .whitespaces)
    }

    /// `[USN:ABC123 TEXT:"Seoul shares rise"]` keeps only `Seoul shares rise`.
    static func unwrapWireMarkup(_ text: String) -> String {
        guard text.contains("[USN:") || text.contains("TEXT:\"") else { return text }
        let pattern = /\[(?:USN|ID):[^\]"]*?TEXT:"([^"]*)"\]/
        return text.replacing(pattern) { String($0.output.1) }
    }

    // MARK: Paragraph kinds

    private static let bullets: Set<Character> = ["•", "·", "●", "▪"]

    static func stripBullet(_ text: String) -> String {
        guard let first = text.first, bullets.contains(first) else { return text }
        return text.dropFirst().trimmingCharacters(in: .whitespaces)
    }

    /// The caption text of a paragraph that ends in a photo credit (`… PHOTO: REUTERS`), else nil.
    static func captionText(_ paragraph: String) -> String? {
        let credit = /\s*(?:PHOTO|PHOTOS|Photo|FILE PHOTO|Picture|IMAGE)\s*:\s*[^.!?:]{1,60}$/
        guard let match = paragraph.firstMatch(of: credit) else { return nil }
        return String(paragraph[..<match.range.lowerBound]).trimmingCharacters(in: .whitespaces)
    }

    private static let clutter: Set<String> = [
        "advertisement", "advertisment", "share", "share this article", "read more", "read more:",
        "also read", "also read:", "copy link", "listen to this article", "click here", "story continues below",
        "scroll to continue", "related", "related stories", "recommended", "more stories",
    ]

    static func isClutter(_ paragraph: String) -> Bool {
        clutter.contains(paragraph.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " .:-–—")))
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
        ]
        // A short closing line with an address or link is a prompt, not the story.
        let hasAddress = paragraph.contains(/[\w.+-]+@[\w-]+\.[\w.-]+/) || lower.contains("http")
        return cues.contains(where: lower.contains) || (hasAddress && words <= 25)
    }

    static func isSignUpPrompt(_ paragraph: String) -> Bool {
        let lower = paragraph.lowercased()
        return paragraph.split(separator: " ").count <= 45 && lower.contains("sign up")
            && (lower.contains("newsletter") || lower.contains("inbox") || lower.contains("free"))
    }

    // MARK: Dates, datelines, sign-offs

    /// The date on a line like `Published Mon, Jan 5, 2026 · 09:40 PM`, or nil when the line is not one.
    func publishedDate(in paragraph: String) -> Date? {
        let line = /^(?:Published|Updated|Posted)(?: on)?:?\s+(?:[A-Z][a-z]{2},?\s+)?([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s*[·,|-]?\s*(?:at\s+)?(\d{1,2}):(\d{2})\s*([AaPp][Mm])?)?/
        guard paragraph.count < 120, let match = paragraph.firstMatch(of: line) else { return nil }
        guard let month = Self.month(String(match.output.1)), let day = Int(match.output.2),
            let year = Int(match.output.3)
        else { return nil }
        var hour = match.output.4.flatMap { Int($0) } ?? 0
        let minute = match.output.5.flatMap { Int($0) } ?? 0
        if let meridiem = match.output.6?.lowercased() {
            if meridiem == "pm" && hour < 12 { hour += 12 }
            if meridiem == "am" && hour == 12 { hour = 0 }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))
    }

    static func month(_ name: String) -> Int? {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        return months.firstIndex(of: String(name.lowercased().prefix(3))).map { $0 + 1 }
    }

    /// `[SEOUL] Chinese …`, `SEOUL — Chinese …` and `SEOUL (Reuters) - Chinese …` give ("Seoul", "Chinese …").
    static func splitDateline(_ paragraph: String) -> (String, String)? {
        let bracketed = /^\[([A-Z][A-Z .'\-]{1,40})\]\s*/
        let dashed = /^([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z .&]{2,30}\))?\s?[—–-]{1,2}\s/
        guard let match = paragraph.firstMatch(of: bracketed) ?? paragraph.firstMatch(of: dashed) else { return nil }
        let place = String(match.output.1).trimmingCharacters(in: .whitespaces)
        let words = place.lowercased().split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }
        return (words.joined(separator: " "), String(paragraph[match.range.upperBound...]))
    }

    /// `… next month. MERIDIAN WIRE` gives ("… next month.", "Meridian Wire").
    static func splitSignOff(_ paragraph: String) -> (String, String)? {
        let signOff = /(?:^|[.!?"”’])\s*([A-Z][A-Z&'\-]*(?: [A-Z][A-Z&'\-]*){0,3})$/
        guard let match = paragraph.firstMatch(of: signOff) else { return nil }
        let agency = String(match.output.1)
        // A sign-off is capitals only and not a sentence-ending acronym inside prose ("… in the U.S.").
        guard agency.count >= 2, !agency.contains(where: \.isLowercase) else { return nil }
        // Keep the sentence's own closing punctuation, which the match began with.
        let rest = String(paragraph[..<match.output.1.startIndex]).trimmingCharacters(in: .whitespaces)
        return (rest, titleCased(agency))
    }

    /// `MERIDIAN WIRE` becomes `Meridian Wire`; short acronyms like `AFP` stay as they are.
    static func titleCased(_ text: String) -> String {
        text.split(separator: " ").map { word in
            word.count <= 3 ? String(word) : word.prefix(1) + word.dropFirst().lowercased()
        }.joined(separator: " ")
    }
}
