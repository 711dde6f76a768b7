import Foundation

/// One issue of a newsletter, composed and ready to render: saved as `digest.json` in the issue's
/// folder, and the single source of the HTML, plain-text and terminal renderings.
public struct ComposedIssue: Codable, Sendable, Equatable {
    /// The theme folder name, like `decoding-asia`.
    public var themeID: String
    /// The ISO week the issue covers, like `2026-W47`.
    public var week: String
    /// First instant of the period (inclusive) and the instant after its last (exclusive).
    public var periodStart: Date
    public var periodEnd: Date
    /// The period as readers see it, like `16–22 November 2026`.
    public var periodLabel: String
    public var composedAt: Date
    public var masthead: Masthead
    /// The lead story of the week, also listed in its section.
    public var topStory: Story?
    /// Quoted speech worth repeating, with who said it.
    public var quote: Quote?
    /// The editor's note to readers (Markdown), shown under the masthead; from `edits.yaml`.
    public var editorsNote: String?
    /// A new identifier each time the issue is saved: an editor's approval names the draft it
    /// approves, so any later recompose or edit withdraws it.
    public var revision: String?
    /// The sections in theme order; a section with no stories is left out.
    public var sections: [IssueSection]
    /// How many collected articles fell in the period, and how many the issue uses.
    public var articlesConsidered: Int
    public var articlesUsed: Int

    /// How many stories the sections hold.
    public var storyCount: Int { sections.reduce(0) { $0 + $1.stories.count } }

    public init(
        themeID: String, week: String, periodStart: Date, periodEnd: Date, periodLabel: String, composedAt: Date,
        masthead: Masthead, topStory: Story?, quote: Quote?, sections: [IssueSection], articlesConsidered: Int,
        articlesUsed: Int
    ) {
        self.themeID = themeID
        self.week = week
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.periodLabel = periodLabel
        self.composedAt = composedAt
        self.masthead = masthead
        self.topStory = topStory
        self.quote = quote
        self.sections = sections
        self.articlesConsidered = articlesConsidered
        self.articlesUsed = articlesUsed
    }
}

/// The newsletter's identity as printed on every rendering.
public struct Masthead: Codable, Sendable, Equatable {
    public var name: String
    public var tagline: String
    /// BCP 47 language of the issue (`lang` in HTML).
    public var language: String
    public var senderName: String
    public var senderAddress: String
    public var replyTo: String?
    /// The list-unsubscribe URL with a `{token}` placeholder for each reader's token.
    public var unsubscribeURLTemplate: String
    public var colors: ThemeColors
    /// The theme's time zone (an IANA name), in which dates are shown.
    public var timeZone: String
    /// The issue's web page with a `{week}` placeholder (the theme's `archive_url`), for the email's "View in your
    /// browser" link; absent when the theme has none, and in issues composed before it was recorded.
    public var archiveURLTemplate: String?
    /// A reader's preferences page with a `{token}` placeholder (the theme's `preferences_url`), linked next to
    /// "Unsubscribe"; absent when the theme has none, and in issues composed before it was recorded.
    public var preferencesURLTemplate: String?

    public init(
        name: String, tagline: String, language: String, senderName: String, senderAddress: String,
        replyTo: String?, unsubscribeURLTemplate: String, colors: ThemeColors, timeZone: String = "UTC",
        archiveURLTemplate: String? = nil, preferencesURLTemplate: String? = nil
    ) {
        self.preferencesURLTemplate = preferencesURLTemplate
        self.timeZone = timeZone
        self.archiveURLTemplate = archiveURLTemplate
        self.name = name
        self.tagline = tagline
        self.language = language
        self.senderName = senderName
        self.senderAddress = senderAddress
        self.replyTo = replyTo
        self.unsubscribeURLTemplate = unsubscribeURLTemplate
        self.colors = colors
    }
}

/// A theme's colours, as `#rrggbb`.
public struct ThemeColors: Codable, Sendable, Equatable {
    /// Masthead, section rules and links.
    public var accent: String
    /// Body text.
    public var text: String
    /// Page background outside the 600 px column.
    public var background: String
    /// Secondary text: dates, sources.
    public var muted: String

    public init(accent: String, text: String, background: String, muted: String) {
        self.accent = accent
        self.text = text
        self.background = background
        self.muted = muted
    }
}

/// One regional section of an issue.
public struct IssueSection: Codable, Sendable, Equatable, Identifiable {
    /// The theme's section id, like `korean-peninsula`.
    public var id: String
    public var title: String
    public var stories: [Story]

    public init(id: String, title: String, stories: [Story]) {
        self.id = id
        self.title = title
        self.stories = stories
    }
}

/// One story: an event as told by one or more articles, in its key sentences.
public struct Story: Codable, Sendable, Equatable, Identifiable {
    /// The id of the article the story is told from.
    public var id: String
    public var headline: String
    public var standfirst: String?
    /// The article's link, when it has one.
    public var url: String?
    /// The outlet or agency the story is credited to.
    public var source: String?
    public var dateline: String?
    public var published: Date?
    /// The key sentences, in reading order.
    public var summary: [String]
    /// Other outlets that reported the same event.
    public var alsoReportedBy: [String]
    /// Every collected article the story draws on.
    public var articleIDs: [String]
    /// How much the story's event weighed in the week when it was chosen (see `Salience`), so an
    /// editor can see why it made the issue; absent in issues composed before it was recorded.
    public var salience: Double?

    public init(
        id: String, headline: String, standfirst: String?, url: String?, source: String?, dateline: String?,
        published: Date?, summary: [String], alsoReportedBy: [String], articleIDs: [String], salience: Double? = nil
    ) {
        self.id = id
        self.headline = headline
        self.standfirst = standfirst
        self.url = url
        self.source = source
        self.dateline = dateline
        self.published = published
        self.summary = summary
        self.alsoReportedBy = alsoReportedBy
        self.articleIDs = articleIDs
        self.salience = salience
    }
}

/// Quoted speech with its speaker.
public struct Quote: Codable, Sendable, Equatable {
    public var text: String
    /// Who said it, as the article identifies them: "Ana Reyes, a teacher at a village school",
    /// "Finance Minister Ana Reyes".
    public var speaker: String
    /// The story the quote comes from.
    public var storyID: String

    public init(text: String, speaker: String, storyID: String) {
        self.text = text
        self.speaker = speaker
        self.storyID = storyID
    }
}
