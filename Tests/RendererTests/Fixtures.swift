import Composer
import Foundation
import Renderer

/// Invented issues for the renderer's tests: Japanese and Korean text, emoji, markup-looking headlines, long URLs.
enum Fixtures {
    /// The repository root, from this file's path: `<root>/Tests/RendererTests/Fixtures.swift`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped theme's templates.
    static let themeDirectory = repositoryRoot.appendingPathComponent("Templates/decoding-asia")

    static let japaneseHeadline = "日本銀行が金利を据え置き、円相場は小動き"
    static let scriptHeadline = "Q&A: What <script> tags in Seoul's new AI law mean for \"platforms\""
    static let emojiHeadline = "🇰🇷 Korean exporters cheer chip rebound 🚀"
    static let longURL =
        "https://news.example.com/asia/southeast-asia/2026/11/18/vietnam-central-highlands-coffee-harvest-"
        + "typhoon-damage-assessment-and-export-outlook?utm_source=digest&utm_medium=email"
    static let bracketHeadline = "[Explainer] # of reasons (really) why - ASEAN ~ waits \\ on = trade"

    static func date(_ day: Int, hour: Int = 9) -> Date {
        var components = DateComponents()
        components.year = 2026
        components.month = 11
        components.day = day
        components.hour = hour
        components.timeZone = TimeZone(identifier: "UTC")
        return Calendar(identifier: .gregorian).date(from: components) ?? Date(timeIntervalSince1970: 0)
    }

    static let masthead = Masthead(
        name: "Decoding Asia", tagline: "The week in Asia, explained region by region", language: "en",
        senderName: "Decoding Asia Desk", senderAddress: "desk@decoding-asia.example",
        replyTo: "editor@decoding-asia.example",
        unsubscribeURLTemplate: "https://decoding-asia.example/unsubscribe?token={token}",
        colors: ThemeColors(accent: "#b3261e", text: "#1d1d1f", background: "#f3efe7", muted: "#6b6f76"))

    static let bojStory = Story(
        id: "boj-hold", headline: japaneseHeadline, standfirst: "The Bank of Japan kept its policy rate at 0.75%.",
        url: "https://www.nikkei.example/article/boj-holds-rates", source: "Nikkei Asia", dateline: "TOKYO",
        published: date(18),
        summary: [
            "日本銀行は18日の金融政策決定会合で、政策金利を0.75%に据え置いた。",
            "Governor Ueda said the bank would watch wage talks before moving again.",
            "The yen barely moved against the dollar after the decision.",
            "A fourth sentence the renderer must leave out.",
        ],
        alsoReportedBy: ["Reuters", "Kyodo", "NHK"], articleIDs: ["boj-hold", "boj-hold-reuters"])

    static let sections: [IssueSection] = [
        IssueSection(
            id: "china", title: "China",
            stories: [
                Story(
                    id: "cn-retail", headline: "China's retail sales grow 3.1% as Singles' Day discounts fade",
                    standfirst: nil, url: "https://www.scmp.example/economy/china-retail-sales-november?ref=a&b=c",
                    source: "South China Morning Post", dateline: "BEIJING", published: date(17),
                    summary: [
                        "Retail sales rose 3.1% from a year earlier, short of forecasts.",
                        "Economists expect more consumer subsidies before the Lunar New Year.",
                    ],
                    alsoReportedBy: ["Caixin"], articleIDs: ["cn-retail"]),
                Story(
                    id: "cn-no-link", headline: "Shenzhen opens a second cross-border rail link", standfirst: nil,
                    url: nil, source: "Xinhua", dateline: nil, published: nil,
                    summary: ["The line cuts the trip to Hong Kong's airport to 40 minutes."], alsoReportedBy: [],
                    articleIDs: ["cn-rail"]),
            ]),
        IssueSection(
            id: "korean-peninsula", title: "Korean Peninsula",
            stories: [
                Story(
                    id: "kr-ai-law", headline: scriptHeadline, standfirst: nil,
                    url: "https://www.koreaherald.example/view.php?ud=20261119&id=42", source: "The Korea Herald",
                    dateline: "SEOUL", published: date(19),
                    summary: ["The law takes effect in January & covers \"high-impact\" AI systems."],
                    alsoReportedBy: [], articleIDs: ["kr-ai-law"]),
                Story(
                    id: "kr-chips", headline: emojiHeadline, standfirst: nil,
                    url: "https://www.yonhap.example/en/chips-rebound", source: "Yonhap", dateline: nil,
                    published: date(20),
                    summary: ["반도체 수출이 3개월 연속 증가했다.", "Exports of chips rose for a third month."],
                    alsoReportedBy: ["Reuters", "Bloomberg"], articleIDs: ["kr-chips"]),
            ]),
        IssueSection(
            id: "japan", title: "Japan",
            stories: [
                bojStory,
                Story(
                    id: "jp-budget", headline: "Japan's cabinet approves ¥17 trillion extra budget", standfirst: nil,
                    url: "https://www.japantimes.example/news/2026/11/21/extra-budget/", source: "The Japan Times",
                    dateline: nil, published: date(21),
                    summary: ["The package funds energy subsidies and defence spending."], alsoReportedBy: [],
                    articleIDs: ["jp-budget"]),
            ]),
        IssueSection(
            id: "southeast-asia", title: "Southeast Asia",
            stories: [
                Story(
                    id: "vn-coffee", headline: "Vietnam's coffee harvest hit by typhoon damage in Central Highlands",
                    standfirst: nil, url: longURL, source: "VnExpress", dateline: nil, published: date(16),
                    summary: [
                        "Farmers in Dak Lak province lost up to a fifth of their crop, officials estimate, and robusta futures jumped 4% in London."
                    ],
                    alsoReportedBy: ["Reuters"], articleIDs: ["vn-coffee"]),
                Story(
                    id: "asean-explainer", headline: bracketHeadline, standfirst: nil,
                    url: "https://www.straitstimes.example/asia/asean-(trade)-explainer", source: "The Straits Times",
                    dateline: nil, published: date(22),
                    summary: ["- Members are split on tariffs; # the summit is in December."], alsoReportedBy: [],
                    articleIDs: ["asean"]),
            ]),
    ]

    /// The sample issue: top story in Japan, a quote from the Korean AI law story.
    static func issue(sections: [IssueSection] = Fixtures.sections) -> ComposedIssue {
        ComposedIssue(
            themeID: "decoding-asia", week: "2026-W47", periodStart: date(16, hour: 0), periodEnd: date(23, hour: 0),
            periodLabel: "16–22 November 2026", composedAt: date(23), masthead: masthead, topStory: bojStory,
            quote: Quote(
                text: "\"We will not let Q&A sessions replace real oversight.\"", speaker: "Kim Min-ji, lawmaker",
                storyID: "kr-ai-law"),
            sections: sections, articlesConsidered: 120, articlesUsed: 9)
    }

    /// A full-size issue: 25 stories over five sections, three long summary sentences each.
    static func largeIssue() -> ComposedIssue {
        let regions = ["China", "Korean Peninsula", "Japan", "Southeast Asia", "South Asia"]
        var storyNumber = 0
        let sections = regions.map { region in
            IssueSection(
                id: region.lowercased().replacingOccurrences(of: " ", with: "-"), title: region,
                stories: (0..<5).map { _ in
                    storyNumber += 1
                    return Story(
                        id: "story-\(storyNumber)",
                        headline: "\(region) story \(storyNumber): ministers meet as markets weigh the outlook",
                        standfirst: nil,
                        url: "https://news.example.com/\(region.lowercased().replacingOccurrences(of: " ", with: "-"))/"
                            + "2026/11/18/story-\(storyNumber)-ministers-meet-markets-weigh-outlook",
                        source: "Example Wire", dateline: nil, published: date(18),
                        summary: [
                            "Officials from across the region met on Tuesday to discuss trade, energy and the outlook for growth next year.",
                            "Analysts said the talks were unlikely to produce a breakthrough before the end of the year, given divisions.",
                            "Markets were little changed after the meeting, with the regional stock index closing flat on the day.",
                        ],
                        alsoReportedBy: ["Reuters", "Bloomberg", "Nikkei Asia"], articleIDs: ["story-\(storyNumber)"])
                })
        }
        var issue = issue(sections: sections)
        issue.topStory = sections[2].stories[0]
        issue.quote = Quote(text: "We are ready to act.", speaker: "A finance minister", storyID: "story-11")
        return issue
    }

    /// Every story URL in the sample issue.
    static var storyURLs: [String] {
        sections.flatMap { $0.stories.compactMap(\.url) }
    }

    static func renderer() throws -> IssueRenderer {
        try IssueRenderer(themeDirectory: themeDirectory)
    }
}

/// Columns a line takes, counted independently of `DisplayWidth`: CJK, Hangul, fullwidth forms and emoji count 2,
/// combining marks and joiners 0, everything else 1. Good enough for the fixtures' text.
func independentColumns(_ line: String) -> Int {
    var total = 0
    for character in line {
        let values = character.unicodeScalars.map(\.value)
        guard let first = values.first else { continue }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
            0xF900...0xFAFF, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F1E6...0x1F1FF, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
            0x1F900...0x1F9FF,
        ]
        if wide.contains(where: { $0.contains(first) }) {
            total += 2
        } else if (0x0300...0x036F).contains(first) || first == 0x200D || (0xFE00...0xFE0F).contains(first) {
            total += 0
        } else {
            total += 1
        }
    }
    return total
}
