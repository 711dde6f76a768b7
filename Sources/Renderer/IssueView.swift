import Composer
import Foundation
import NewsValues

/// The view model every template renders: one reader's copy of an issue, with every string cleaned, every link
/// checked and everything the templates need already worked out (they hold no logic beyond sections and loops).
///
/// Templates see the stored properties by name (swift-mustache reads them through `Mirror`), so optional values are
/// `nil` rather than empty when absent: in Mustache an empty string is still "truthy".
struct IssueView {
    var language: String
    var name: String
    var nameUppercased: String
    var tagline: String
    var periodLabel: String
    var week: String
    /// Hidden inbox preview text: the top story's headline, or the tagline.
    var preheader: String
    /// `Hello Mei,` or `Hello,`.
    var greeting: String
    var colors: ColorsView
    var topStory: StoryView?
    var quote: QuoteView?
    /// The editor's note under the masthead, when the issue has one.
    var editorsNote: NoteView?
    var sections: [SectionView]
    /// True when the reader's chosen sections have nothing this week.
    var noStories: Bool
    var footer: FooterView
    /// Plain text only: the numbered footnotes, in order.
    var links: [LinkView]
    /// No reader: the editor's preview.
    var isPreview: Bool
    /// The issue's page in the web archive ("View in your browser"), in the email only: `nil` when the theme has
    /// no `archive_url`, and on that page itself.
    var webVersionURL: String?
    /// On the archive's page of the issue: links to the archive's index and feed; `nil` in the email.
    var archive: ArchiveNavigationView?
}

struct ArchiveNavigationView {
    var indexURL: String
    var feedURL: String
}

struct ColorsView {
    var accent: String
    /// The accent lightened for dark backgrounds (dark-mode CSS).
    var accentOnDark: String
    var text: String
    var background: String
    var muted: String
}

struct SectionView {
    var id: String
    var title: String
    var titleUppercased: String
    /// `=` repeated under the upper-cased title (plain text).
    var underline: String
    var stories: [StoryView]
}

struct StoryView {
    var id: String
    var headline: String
    /// An http(s) link, or `nil` (then the headline is not linked).
    var url: String?
    /// Plain text: the footnote number of `url`.
    var footnote: Int?
    /// `Reuters · 18 Nov 2026`, or `nil` when neither is known.
    var meta: String?
    var standfirst: String?
    /// One to three key sentences.
    var summary: [String]
    /// The same sentences as one paragraph.
    var summaryText: String?
    /// `Also reported by CNA, Kyodo` or `nil`.
    var alsoReportedBy: String?
}

struct NoteView {
    /// HTML: the note as safe markup (inserted unescaped by the HTML template).
    var html: String
    /// Text and terminal: the note's paragraphs, escaped for the flavour.
    var paragraphs: [String]
}

struct QuoteView {
    var text: String
    var speaker: String
}

struct FooterView {
    var senderName: String
    var senderAddress: String
    var replyTo: String?
    var unsubscribeURL: String?
    /// The reader's preferences page, when the theme has a `preferences_url`.
    var preferencesURL: String?
}

struct LinkView {
    var number: Int
    var url: String
}

/// Which template the view model is for: decides how data strings are prepared before Mustache inserts them.
enum RenderFlavor {
    /// Mustache's own HTML escaping does the work.
    case html
    /// Inserted as is (`CONTENT_TYPE: TEXT`).
    case text
    /// Inserted into the terminal markup, so markup characters in data are backslash-escaped.
    case terminal

    /// Prepares a data string for this flavour's template.
    func escape(_ string: String) -> String {
        self == .terminal ? TerminalMarkup.escape(string) : string
    }

    /// Prepares a checked URL for this flavour's template.
    func escapeURL(_ url: String) -> String {
        self == .terminal ? TerminalMarkup.escapeURL(url) : url
    }
}

extension IssueView {
    /// At most this many summary sentences per story.
    static let maximumSummarySentences = 3

    /// Builds one reader's view of the issue (all sections when `reader` is `nil`), or with `archiveLinks` the
    /// view of the issue's page in the web archive (no reader, no preview note, no link to itself).
    init(issue: ComposedIssue, reader: Reader?, flavor: RenderFlavor, archiveLinks: ArchiveLinks? = nil) {
        let escape = flavor.escape
        let masthead = issue.masthead
        let zone = TimeZone(identifier: masthead.timeZone) ?? .gmt

        // Personalisation: keep the chosen sections, and the top story and quote only if their section stays.
        let chosen = Set(
            (reader?.sections ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter {
                !$0.isEmpty
            })
        let keptSections =
            chosen.isEmpty
            ? issue.sections
            : issue.sections.filter { chosen.contains($0.id.lowercased()) || chosen.contains($0.title.lowercased()) }
        let allStoryIDs = Set(issue.sections.flatMap { $0.stories.map(\.id) })
        let keptStoryIDs = Set(keptSections.flatMap { $0.stories.map(\.id) })
        func isKept(_ storyID: String) -> Bool {
            keptStoryIDs.contains(storyID) || !allStoryIDs.contains(storyID)
        }
        let top = issue.topStory.flatMap { isKept($0.id) ? $0 : nil }

        var footnotes = Footnotes()
        let topView = top.map { StoryView(story: $0, flavor: flavor, timeZone: zone, footnotes: &footnotes) }
        var sectionViews: [SectionView] = []
        for section in keptSections {
            // The top story has its own block; listing it again under its section would repeat it.
            let stories = section.stories.filter { $0.id != top?.id }
            guard !stories.isEmpty else { continue }
            let title = Clean.text(section.title)
            let upper = title.uppercased()
            sectionViews.append(
                SectionView(
                    id: section.id,
                    title: escape(title),
                    titleUppercased: escape(upper),
                    underline: String(repeating: "=", count: min(max(DisplayWidth.of(upper), 3), 72)),
                    stories: stories.map { StoryView(story: $0, flavor: flavor, timeZone: zone, footnotes: &footnotes) }
                ))
        }

        let name = Clean.text(masthead.name)
        let tagline = Clean.text(masthead.tagline)
        let readerName = reader?.name.map(Clean.text) ?? ""
        let unsubscribe = reader?.unsubscribeURL.flatMap(Clean.url)
        let preferences = reader?.preferencesURL.flatMap(Clean.url)

        self.language = Clean.languageTag(masthead.language)
        self.name = escape(name)
        self.nameUppercased = escape(name.uppercased())
        self.tagline = escape(tagline)
        self.periodLabel = escape(Clean.text(issue.periodLabel))
        self.week = escape(Clean.text(issue.week))
        self.preheader = escape(top.map { Clean.text($0.headline) } ?? tagline)
        self.greeting = escape(readerName.isEmpty ? "Hello," : "Hello \(readerName),")
        self.colors = ColorsView(masthead.colors)
        self.topStory = topView
        self.quote = issue.quote.flatMap { quote in
            let text = Clean.text(quote.text).trimmingCharacters(in: CharacterSet(charactersIn: "\"“”「」 "))
            guard isKept(quote.storyID), !text.isEmpty else { return nil }
            return QuoteView(text: escape(text), speaker: escape(Clean.text(quote.speaker)))
        }
        self.editorsNote = issue.editorsNote.flatMap { note in
            let paragraphs = EditorsNote.paragraphs(note).map(Clean.text).filter { !$0.isEmpty }
            guard !paragraphs.isEmpty else { return nil }
            return NoteView(
                html: flavor == .html ? EditorsNote.html(note, accent: masthead.colors.accent) : "",
                paragraphs: paragraphs.map(escape))
        }
        self.sections = sectionViews
        self.noStories = topView == nil && sectionViews.isEmpty
        self.footer = FooterView(
            senderName: escape(Clean.text(masthead.senderName)),
            senderAddress: escape(Clean.text(masthead.senderAddress)),
            replyTo: masthead.replyTo.map(Clean.text).flatMap { $0.isEmpty ? nil : escape($0) },
            unsubscribeURL: unsubscribe.map(flavor.escapeURL),
            preferencesURL: preferences.map(flavor.escapeURL)
        )
        self.links = footnotes.links
        self.isPreview = reader == nil && archiveLinks == nil
        if let archiveLinks {
            self.webVersionURL = nil
            self.archive = ArchiveNavigationView(
                indexURL: flavor.escapeURL(archiveLinks.index), feedURL: flavor.escapeURL(archiveLinks.feed))
        } else {
            let week = issue.week.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? issue.week
            self.webVersionURL = masthead.archiveURLTemplate
                .map { $0.replacingOccurrences(of: "{week}", with: week) }
                .flatMap(Clean.url)
                .map(flavor.escapeURL)
            self.archive = nil
        }
    }
}

extension StoryView {
    init(story: Story, flavor: RenderFlavor, timeZone: TimeZone, footnotes: inout Footnotes) {
        let escape = flavor.escape
        let url = story.url.flatMap(Clean.url)
        var meta: [String] = []
        if let source = story.source.map(Clean.text), !source.isEmpty {
            meta.append(source)
        }
        if let published = story.published {
            meta.append(Clean.date(published, in: timeZone))
        }
        let sentences = story.summary.map(Clean.text).filter { !$0.isEmpty }.prefix(IssueView.maximumSummarySentences)
        let others = story.alsoReportedBy.map(Clean.text).filter { !$0.isEmpty }
        let standfirst = story.standfirst.map(Clean.text) ?? ""

        self.id = story.id
        self.headline = escape(Clean.text(story.headline))
        self.url = url.map(flavor.escapeURL)
        self.footnote = url.map { footnotes.number(for: $0) }
        self.meta = meta.isEmpty ? nil : escape(meta.joined(separator: " · "))
        self.standfirst = standfirst.isEmpty ? nil : escape(standfirst)
        self.summary = sentences.map(escape)
        self.summaryText = sentences.isEmpty ? nil : escape(Clean.joinSentences(Array(sentences)))
        self.alsoReportedBy =
            others.isEmpty ? nil : escape("Also reported by \(others.joined(separator: ", "))")
    }
}

/// Numbers links in reading order; the same URL keeps its first number.
struct Footnotes {
    private(set) var links: [LinkView] = []
    private var numbers: [String: Int] = [:]

    mutating func number(for url: String) -> Int {
        if let existing = numbers[url] {
            return existing
        }
        let number = links.count + 1
        numbers[url] = number
        links.append(LinkView(number: number, url: url))
        return number
    }
}

extension ColorsView {
    static let fallback = ThemeColors(accent: "#a4262c", text: "#1f2328", background: "#f2efe9", muted: "#6a6f76")

    init(_ colors: ThemeColors) {
        let accent = Clean.hexColor(colors.accent) ?? Self.fallback.accent
        self.accent = accent
        self.accentOnDark = RGB(hex: accent).map { $0.readableOnDark.hex } ?? accent
        self.text = Clean.hexColor(colors.text) ?? Self.fallback.text
        self.background = Clean.hexColor(colors.background) ?? Self.fallback.background
        self.muted = Clean.hexColor(colors.muted) ?? Self.fallback.muted
    }
}

/// A 24-bit colour, with the WCAG measures the renderings and the web pages use to keep text
/// readable.
public struct RGB: Equatable, Sendable {
    public var red: Int
    public var green: Int
    public var blue: Int

    public static let white = RGB(red: 255, green: 255, blue: 255)

    /// Parses `#rgb` or `#rrggbb`.
    public init?(hex: String) {
        var digits = hex.trimmingCharacters(in: .whitespaces)
        guard digits.hasPrefix("#") else { return nil }
        digits.removeFirst()
        if digits.count == 3 {
            digits = digits.map { "\($0)\($0)" }.joined()
        }
        guard digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = Int(digits, radix: 16) else {
            return nil
        }
        self.red = (value >> 16) & 0xFF
        self.green = (value >> 8) & 0xFF
        self.blue = value & 0xFF
    }

    public init(red: Int, green: Int, blue: Int) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public var hex: String {
        "#" + [red, green, blue].map { String(format: "%02x", $0) }.joined()
    }

    /// Relative luminance, 0 (black) to 1 (white), per WCAG.
    public var luminance: Double {
        func channel(_ value: Int) -> Double {
            let c = Double(value) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    /// WCAG contrast ratio, 1 to 21.
    public func contrast(with other: RGB) -> Double {
        let (light, dark) = luminance > other.luminance ? (luminance, other.luminance) : (other.luminance, luminance)
        return (light + 0.05) / (dark + 0.05)
    }

    /// This colour mixed towards white, a step at a time, until its contrast with `background`
    /// reaches `ratio`.
    public func lightened(toContrast ratio: Double, with background: RGB) -> RGB {
        var color = self
        var steps = 0
        while color.contrast(with: background) < ratio, steps < 12 {
            color = RGB(
                red: color.red + (255 - color.red) / 4, green: color.green + (255 - color.green) / 4,
                blue: color.blue + (255 - color.blue) / 4)
            steps += 1
        }
        return color
    }

    /// This colour mixed towards white until it reads on a near-black background.
    var readableOnDark: RGB {
        var color = self
        var step = 0
        while color.luminance < 0.25, step < 10 {
            color = RGB(
                red: color.red + (255 - color.red) / 4,
                green: color.green + (255 - color.green) / 4,
                blue: color.blue + (255 - color.blue) / 4)
            step += 1
        }
        return color
    }
}

/// Cleans strings from the composed issue before any template sees them.
enum Clean {
    /// One line: whitespace runs (newlines and tabs included) become one space, control characters go (an ESC in
    /// an article must never reach a terminal), ends trimmed.
    static func text(_ string: String) -> String {
        var output = ""
        output.reserveCapacity(string.utf8.count)
        var pendingSpace = false
        for scalar in string.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            // Bidi overrides and isolates could reorder what the terminal shows around them.
            if scalar.properties.generalCategory == .control || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value)
            {
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            output.unicodeScalars.append(scalar)
        }
        return output
    }

    /// The link if it is an absolute `http`, `https` or `mailto` URL with nothing unprintable in it; anything else
    /// (`javascript:`, relative paths, junk) is dropped so a headline is simply not linked.
    static func url(_ string: String) -> String? {
        let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty,
            !trimmed.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || $0.properties.generalCategory == .control
            })
        else { return nil }
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") else {
            return nil
        }
        return trimmed
    }

    /// `#rrggbb` (lower-cased, expanded from `#rgb`) or `nil` when it is not a hex colour.
    static func hexColor(_ string: String) -> String? {
        RGB(hex: string)?.hex
    }

    /// A BCP 47 tag made only of letters, digits and hyphens, or `en`.
    static func languageTag(_ string: String) -> String {
        let trimmed = string.trimmingCharacters(in: .whitespaces)
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        let valid =
            !trimmed.isEmpty && trimmed.count <= 35 && trimmed.unicodeScalars.allSatisfy { allowed.contains($0) }
        return valid ? trimmed : "en"
    }

    /// `18 Nov 2026`, in the theme's time zone.
    static func date(_ date: Date, in zone: TimeZone) -> String {
        HumanDate.dayMonthYear(date, in: zone)
    }

    /// Sentences as one paragraph: a space between them, none after a sentence that ends in CJK punctuation.
    static func joinSentences(_ sentences: [String]) -> String {
        var output = ""
        for sentence in sentences {
            if let last = output.last, DisplayWidth.of(last) < 2 {
                output += " "
            }
            output += sentence
        }
        return output
    }
}
