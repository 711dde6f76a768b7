import Composer
import Foundation
import Renderer

/// An invented issue for the template target: every optional part present (a top story, a quote, an editor's note,
/// a story without a link), so a template can reach every name the renderer gives it.
public enum SampleIssue {
    /// Two sections of invented stories.
    public static let issue: ComposedIssue = {
        func story(_ id: String, _ headline: String, url: String?, summary: [String]) -> Story {
            Story(
                id: id, headline: headline, standfirst: url == nil ? nil : "A standfirst written for the fuzzer.",
                url: url, source: "The Fuzz Gazette", dateline: url == nil ? nil : "SEOUL",
                published: url == nil ? nil : Fuzz.now.addingTimeInterval(-86_400), summary: summary,
                alsoReportedBy: url == nil ? [] : ["Wire One", "Wire Two"], articleIDs: [id], salience: 2.5)
        }
        let lead = story(
            "lead", "Port authority opens a <second> terminal & a \"quiet\" berth",
            url: "https://news.example/ports/2026/11/terminal?a=1&b=2",
            summary: ["The terminal handles twice the boxes of the first.", "Ships wait half as long, officials say."])
        let sections = [
            IssueSection(
                id: "northeast", title: "Northeast Asia",
                stories: [
                    lead,
                    story("rail", "港湾鉄道が開業 — a long headline to wrap", url: nil, summary: ["One sentence."]),
                ]),
            IssueSection(
                id: "southeast", title: "Southeast Asia",
                stories: [
                    story(
                        "rates", "Central bank holds rates 🙂", url: "https://news.example/rates",
                        summary: ["Rates stay at 4%.", "A second, longer sentence about the bank's outlook."])
                ]),
        ]
        let masthead = Masthead(
            name: "Fuzz Weekly", tagline: "Invented news for a fuzzer", language: "en", senderName: "Fuzz Desk",
            senderAddress: "desk@fuzz.example", replyTo: "editor@fuzz.example",
            unsubscribeURLTemplate: "https://fuzz.example/unsubscribe?token={token}",
            colors: ThemeColors(accent: "#a4262c", text: "#1d1d1f", background: "#f3efe7", muted: "#6b6f76"),
            timeZone: "Asia/Seoul", archiveURLTemplate: "https://fuzz.example/archive/{week}",
            preferencesURLTemplate: "https://fuzz.example/preferences?token={token}")
        var issue = ComposedIssue(
            themeID: "fuzz", week: "2026-W48", periodStart: Fuzz.now.addingTimeInterval(-7 * 86_400),
            periodEnd: Fuzz.now, periodLabel: "23–29 November 2026", composedAt: Fuzz.now, masthead: masthead,
            topStory: lead,
            quote: Quote(text: "We built it for the next ten years.", speaker: "A port official", storyID: "lead"),
            sections: sections, articlesConsidered: 12, articlesUsed: 3)
        issue.editorsNote = "A **short** note with a [link](https://fuzz.example/about)."
        issue.revision = "fuzz-1"
        return issue
    }()

    /// A reader with a name, one section and both links.
    public static let reader = Reader(
        email: "reader@fuzz.example", name: "Min-ji", sections: ["northeast"],
        unsubscribeURL: "https://fuzz.example/unsubscribe?token=abc",
        preferencesURL: "https://fuzz.example/preferences?token=abc")
}
