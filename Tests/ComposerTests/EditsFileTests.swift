import DigestTestSupport
import Foundation
import Testing

@testable import Composer

@Suite("The edits file's header and its list of the draft's stories")
struct EditsFileTests {
    let newsletter = NewsletterFolder(root: PackageRoot.url)

    @Test("the edits file keeps the editor's lines and replaces the list of the draft's stories")
    func storyList() throws {
        let theme = try newsletter.theme(named: nil)
        let story = Story(
            id: "a1", headline: "First\nline", standfirst: nil, url: nil, source: nil, dateline: nil, published: nil,
            summary: [], alsoReportedBy: [], articleIDs: ["a1", "a2"])
        var issue = ComposedIssue(
            themeID: theme.id, week: "2026-W47", periodStart: Date(), periodEnd: Date(), periodLabel: "",
            composedAt: Date(), masthead: theme.masthead, topStory: story, quote: nil,
            sections: [IssueSection(id: "japan", title: "Japan", stories: [story])], articlesConsidered: 2,
            articlesUsed: 2)
        let header = EditorsEdits.header(theme: theme, week: ISOWeek(year: 2026, week: 47))
        #expect(header.hasPrefix("# The editor's edits for Decoding Asia, 2026-W47."))
        let first = EditorsEdits.withStoryList(header + "top: a1\n\n\n", issue: issue)
        #expect(first.contains("top: a1\n\n" + EditorsEdits.storyListMarker + "\n# top story: a1  First line\n"))
        #expect(first.contains("# section japan (Japan):\n#   a1  First line\n#     also: a2\n"))
        #expect(first.hasSuffix("# Other stories of the week: `digest events --week 2026-W47 --all`\n"))
        issue.sections = []
        let second = EditorsEdits.withStoryList(first, issue: issue)
        #expect(!second.contains("section japan"))
        #expect(second.components(separatedBy: EditorsEdits.storyListMarker).count == 2)
        #expect(second.hasPrefix(header + "top: a1\n"))
    }
}
