import Collector
import DigestTestSupport
import Foundation
import Testing

@testable import Composer

/// The editor's `edits.yaml`, applied by every compose of the week: the sample week's draft, then
/// each kind of edit on it.
@Suite("The editor's edits")
struct EditsTests {
    let composer: IssueComposer
    let articles: [Article]
    let week = ISOWeek("2026-W47")!
    let draft: ComposedIssue

    init() throws {
        let theme = try Theme.load(id: "decoding-asia", templates: PackageRoot.url.appendingPathComponent("Templates"))
        composer = IssueComposer(theme: theme)
        let folder = try TemporaryDirectory()
        let collector = Collector(
            store: ArticleStore(folder: folder.url(for: "articles")), cleaner: TextCleaner(timeZone: theme.timeZone))
        let report = withExtendedLifetime(folder) {
            collector.collect([PackageRoot.url.appendingPathComponent("Digests/sample-week").path])
        }
        articles = report.added
        draft = try composer.compose(articles, week: week, now: Date(timeIntervalSince1970: 0))
    }

    func compose(_ yaml: String) throws -> ComposedIssue {
        let edits = try EditorsEdits.parse(yaml, file: "edits.yaml")
        return try composer.compose(
            articles, week: week, now: Date(timeIntervalSince1970: 0), edits: edits, editsFile: "edits.yaml")
    }

    func story(_ words: String, in issue: ComposedIssue) -> Story? {
        issue.sections.flatMap(\.stories).first { $0.headline.contains(words) }
    }

    func section(of id: String, in issue: ComposedIssue) -> String? {
        issue.sections.first { $0.stories.contains { $0.id == id } }?.id
    }

    @Test("a dropped story leaves the issue, and stays out when the week is composed again")
    func drop() throws {
        let target = try #require(story("Sri Lanka", in: draft))
        let yaml = "drop: [\(target.id)]\n"
        for _ in 0..<2 {
            let issue = try compose(yaml)
            #expect(story("Sri Lanka", in: issue) == nil)
            #expect(story("India's trade deficit", in: issue) != nil)
        }
    }

    @Test("a pinned story goes to the section named, and leads it")
    func pin() throws {
        let target = try #require(story("India's trade deficit", in: draft))
        #expect(section(of: target.id, in: draft) == "south-asia")
        let issue = try compose("pin:\n  - {story: \(target.id), section: regional}\n")
        #expect(section(of: target.id, in: issue) == "regional")
        #expect(issue.sections.first { $0.id == "regional" }?.stories.first?.id == target.id)
    }

    @Test("a story is rewritten, the top story and the quote are the editor's, the note is kept")
    func rewriteTopQuoteNote() throws {
        let target = try #require(story("Vietnam", in: draft))
        #expect(draft.topStory?.id != target.id)
        // Named by another article id than the lead would work too; here by the lead's link.
        let link = try #require(target.url)
        let yaml = """
            note: |
              **Welcome** to the week.
            top: \(link)
            quote: {text: "We will grow.", speaker: "A planner, in Hanoi", story: \(target.id)}
            stories:
              \(target.id):
                headline: Vietnam sets its sights on 10% growth
                summary:
                  - The editor's first sentence.
                  - The editor's second sentence.
            """
        let issue = try compose(yaml)
        let rewritten = try #require(issue.sections.flatMap(\.stories).first { $0.id == target.id })
        #expect(rewritten.headline == "Vietnam sets its sights on 10% growth")
        #expect(rewritten.summary == ["The editor's first sentence.", "The editor's second sentence."])
        #expect(issue.topStory?.id == target.id)
        #expect(issue.topStory?.headline == "Vietnam sets its sights on 10% growth")
        #expect(issue.quote == Quote(text: "We will grow.", speaker: "A planner, in Hanoi", storyID: target.id))
        #expect(issue.editorsNote == "**Welcome** to the week.")
    }

    @Test("an unknown article, section or field, or broken YAML, is one error naming the file and line")
    func errors() throws {
        let target = try #require(draft.sections.first?.stories.first)
        let cases: [(yaml: String, expected: String)] = [
            ("note: hello\ndrop:\n  - 0123456789abcdef\n", "edits.yaml, line 3: no article '0123456789abcdef'"),
            ("pin:\n  - story: \(target.id)\n    section: europe\n", "edits.yaml, line 3: no section 'europe'"),
            ("note: hi\nheadline: x\n", "edits.yaml, line 2: unknown field 'headline'"),
            ("top: [unclosed\n", "edits.yaml: line 2"),
            ("stories:\n  \(target.id):\n    title: x\n", "edits.yaml, line 3: unknown field 'title'"),
            ("drop: [\(target.id)]\ntop: \(target.id)\n", "edits.yaml, line 2: the story of"),
        ]
        for item in cases {
            let error = #expect(throws: ComposerError.self) { try compose(item.yaml) }
            #expect(error?.code == .invalidEdits)
            #expect(error?.message.hasPrefix(item.expected) == true, "\(error?.message ?? "no error")")
        }
    }
}
