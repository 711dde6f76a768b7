import Collector
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

    @Test("compose applies the folder's edits file; the draft for the list falls back to no edits when it is broken")
    func composeWithEdits() throws {
        let theme = try newsletter.theme(named: nil)
        let directory = try TemporaryDirectory()
        let collector = Collector(
            store: ArticleStore(folder: directory.url(for: "articles")), cleaner: TextCleaner(timeZone: theme.timeZone))
        let articles = collector.collect([PackageRoot.url.appendingPathComponent("Digests/sample-week").path]).added
        let week = ISOWeek(year: 2026, week: 47)
        let folder = IssueFolder(digests: directory.url, theme: theme.id, week: week.description)
        let composer = IssueComposer(theme: theme)
        let now = Date(timeIntervalSince1970: 0)
        let plain = try composer.compose(articles, week: week, now: now, editsIn: folder)
        #expect(plain.edits.isEmpty)
        let dropped = try #require(plain.issue.sections.first?.stories.first?.id)
        _ = try directory.write("drop: [\(dropped)]\n", to: "\(theme.id)/\(week)/edits.yaml")
        let edited = try composer.compose(articles, week: week, now: now, editsIn: folder)
        #expect(!edited.edits.isEmpty)
        #expect(!edited.issue.sections.flatMap(\.stories).contains { $0.id == dropped })
        #expect(try composer.draft(articles, week: week, now: now, editsIn: folder) == edited.issue)
        _ = try directory.write("drop: [no-such-article]\n", to: "\(theme.id)/\(week)/edits.yaml")
        #expect(throws: ComposerError.self) { try composer.compose(articles, week: week, now: now, editsIn: folder) }
        #expect(try composer.draft(articles, week: week, now: now, editsIn: folder) == plain.issue)
    }

    @Test("an issue that has started sending refuses changes, saying which")
    func locked() throws {
        let directory = try TemporaryDirectory()
        let folder = IssueFolder(digests: directory.url, theme: "decoding-asia", week: "2026-W47")
        try folder.checkNotStartedSending("edits are refused")
        _ = try directory.write("", to: "decoding-asia/2026-W47/\(IssueFolder.ledgerFileName)")
        do {
            try folder.checkNotStartedSending("edits are refused")
            Issue.record("an issue that has started sending must refuse edits")
        } catch {
            #expect(error.code == .issueLocked)
            #expect(
                error.message
                    == "\(folder.url.path): this issue has started sending (delivery.ledger exists); edits are refused")
        }
    }
}

/// `EditorsEdits.openInEditor`: the editor `digest edit` runs, by the variables a shell user sets.
@Suite("The editor digest edit opens")
struct EditorLaunchTests {
    @Test("VISUAL wins over EDITOR, an editor's arguments are split, and a failing editor is an error naming it")
    func launch() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("edits file.yaml")
        try Data("top: a1\n".utf8).write(to: file)
        try EditorsEdits.openInEditor(file, environment: ["EDITOR": "sed -i s/a1/e1/"])
        #expect(try String(contentsOf: file, encoding: .utf8) == "top: e1\n")
        try EditorsEdits.openInEditor(file, environment: ["VISUAL": "sed -i s/e1/v1/", "EDITOR": "false"])
        #expect(try String(contentsOf: file, encoding: .utf8) == "top: v1\n")
        let error = try #require(throws: ComposerError.self) {
            try EditorsEdits.openInEditor(file, environment: ["VISUAL": "", "EDITOR": "false"])
        }
        #expect(error.code == .editorFailed)
        #expect(error.message == "the editor 'false' exited with status 1; \(file.path) was not applied")
    }
}
