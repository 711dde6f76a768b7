import Collector
import DigestTestSupport
import Foundation
import Testing

@testable import Composer

@Suite("Composing the sample week")
struct IssueComposerTests {
    let theme: Theme
    let articles: [Article]
    let issue: ComposedIssue

    init() throws {
        theme = try Theme.load(id: "decoding-asia", templates: PackageRoot.url.appendingPathComponent("Templates"))
        let folder = try TemporaryDirectory()
        let collector = Collector(
            store: ArticleStore(folder: folder.url(for: "articles")), cleaner: TextCleaner(timeZone: theme.timeZone))
        // Keep the folder alive through the collection: ARC may end it after its last use.
        let report = withExtendedLifetime(folder) {
            collector.collect([PackageRoot.url.appendingPathComponent("Digests/sample-week").path])
        }
        #expect(report.failures.isEmpty, "\(report.failures)")
        articles = report.added
        issue = try IssueComposer(theme: theme).compose(
            articles, week: try #require(ISOWeek("2026-W47")), now: Date(timeIntervalSince1970: 0))
    }

    var stories: [Story] { issue.sections.flatMap(\.stories) }

    @Test("every section of the theme that has news gets its stories, within the cap")
    func sections() {
        #expect(
            issue.sections.map(\.id) == [
                "china", "korean-peninsula", "japan", "southeast-asia", "south-asia", "regional",
            ])
        #expect(
            issue.sections.allSatisfy { !$0.stories.isEmpty && $0.stories.count <= theme.settings.storiesPerSection })
        #expect(issue.articlesConsidered == 15)
    }

    @Test("stories land in the right section")
    func placement() {
        func section(of headlineStart: String) -> String? {
            issue.sections.first { $0.stories.contains { $0.headline.hasPrefix(headlineStart) } }?.id
        }
        #expect(section(of: "Taiwan") == "china")
        #expect(section(of: "Hong Kong") == "china")
        #expect(section(of: "North Korea") == "korean-peninsula")
        #expect(section(of: "Japan") == "japan")
        #expect(section(of: "Bank Indonesia") == "southeast-asia")
        #expect(section(of: "Sri Lanka") == "south-asia")
        #expect(section(of: "ASEAN+3") == "regional")
    }

    @Test("a story outside Asia and an article outside the week are left out")
    func leftOut() {
        #expect(!stories.contains { $0.headline.contains("Chile") })
        #expect(!stories.contains { $0.headline.contains("Thailand") })
    }

    @Test("a story filed under a topic the theme skips (…/sport/…) is left out; without the skip it runs")
    func skippedTopic() throws {
        let published = try #require(ISOWeek("2026-W47")).interval(in: theme.timeZone).start + 3 * 86_400
        let paragraphs = [
            "Japan beat South Korea 5-3 in Tokyo on Thursday to win the Asian baseball championship for a "
                + "third straight time, with two home runs from its young catcher.",
            "The Japanese side came back from three runs down in the sixth inning before a crowd of 42,000 "
                + "at the Tokyo Dome, and its manager said the squad would rest before the winter tour.",
        ]
        let sport = Article(
            id: "sport-japan-baseball", title: "Japan beat South Korea to retain Asian baseball title",
            paragraphs: paragraphs, source: "Kestrel News Service", published: published,
            url: "https://kestrel.example/Sports/baseball/japan-retain-asian-title", language: "en",
            provenance: Provenance(kind: .page, location: "https://kestrel.example/", fetchedAt: published),
            contentHash: "sport-japan-baseball")
        var roomy = theme
        roomy.settings.storiesPerSection = 20
        #expect(theme.settings.skipTopics.contains("sport"))
        let week = try #require(ISOWeek("2026-W47"))
        let skipping = try IssueComposer(theme: roomy).compose(articles + [sport], week: week, now: published)
        #expect(!skipping.sections.flatMap(\.stories).contains { $0.headline.contains("baseball") })
        roomy.settings.skipTopics = []
        let keeping = try IssueComposer(theme: roomy).compose(articles + [sport], week: week, now: published)
        #expect(keeping.sections.flatMap(\.stories).contains { $0.headline.contains("baseball") })
    }

    @Test("a link's folders name its topic; words in the slug or the host do not")
    func topicFolders() {
        func filed(_ url: String) -> Bool {
            let article = Article(
                id: url, title: "t", paragraphs: ["p"], url: url,
                provenance: Provenance(kind: .page, location: url, fetchedAt: Date(timeIntervalSince1970: 0)),
                contentHash: url)
            return IssueComposer.isFiled(article, underAnyOf: ["sport", "lifestyle"])
        }
        #expect(filed("https://www.channelnewsasia.com/sport/williams-sisters-beaten-6325336"))
        #expect(filed("https://www.reuters.com/sports/tennis/osaka-wins-2026-08-20/"))
        #expect(filed("https://news.example/Lifestyle/food/noodles"))
        #expect(!filed("https://www.channelnewsasia.com/business/sport-funding-cut-6325337"))
        #expect(!filed("https://sport.example/asia/japan-gdp"))
        #expect(!filed("https://news.example/asia/sport"))
    }

    @Test("two outlets' reports of one event become one story, credited to both")
    func clustering() throws {
        let korea = try #require(issue.sections.first { $0.id == "korean-peninsula" })
        let rateStories = korea.stories.filter { $0.headline.contains("rate") }
        #expect(rateStories.count == 1)
        let story = try #require(rateStories.first)
        #expect(story.articleIDs.count == 2)
        #expect(!story.alsoReportedBy.isEmpty)
        #expect(issue.topStory?.id == story.id)
        #expect(Set(stories.map(\.id)).count == stories.count)
    }

    @Test("each story has 1 to 3 summary sentences taken from its article, none of them noise")
    func summaries() {
        for story in stories {
            #expect((1...3).contains(story.summary.count), "\(story.headline)")
            for sentence in story.summary {
                #expect(!sentence.contains("PHOTO"))
                #expect(!sentence.localizedCaseInsensitiveContains("sign up"))
            }
        }
    }

    @Test("the quote of the week is quoted speech with a named speaker")
    func quote() throws {
        let quote = try #require(issue.quote)
        #expect(quote.text.count >= 40)
        #expect(quote.speaker.split(separator: " ").count >= 2)
        let source = try #require(
            articles.first { $0.id == quote.storyID || issue.topStory?.articleIDs.contains($0.id) == true })
        #expect(!source.paragraphs.isEmpty)
    }

    @Test("a week with no articles is a clear error")
    func emptyWeek() throws {
        #expect {
            try IssueComposer(theme: theme).compose(articles, week: try #require(ISOWeek("2026-W30")), now: Date())
        } throws: { error in
            "\(error)".contains("no articles published in 2026-W30")
        }
    }

    @Test("a saved issue round-trips with a new revision each save, and one that has started sending is never replaced")
    func store() throws {
        let folder = try TemporaryDirectory()
        let store = IssueStore(digests: folder.url)
        let file = try store.save(issue)
        #expect(file.path.hasSuffix("decoding-asia/2026-W47/digest.json"))
        var loaded = try store.load(theme: "decoding-asia", week: "2026-W47")
        let revision = try #require(loaded.revision)
        loaded.revision = nil
        #expect(loaded == issue)
        _ = try store.save(issue)
        #expect(try store.load(theme: "decoding-asia", week: "2026-W47").revision != revision)
        _ = try folder.write("", to: "decoding-asia/2026-W47/\(IssueStore.ledgerName)")
        #expect(throws: ComposerError.self) { try store.save(issue) }
    }
}
