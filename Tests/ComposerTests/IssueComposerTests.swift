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

    @Test("the desk's grouping knows the gazetteer's places, so an announcement joins its happening only on a who")
    func groupingKnowsPlaces() {
        let names = IssueComposer(theme: theme).desk.clusterer.placeNames
        #expect(["tokyo", "japan", "seoul", "australia"].allSatisfy(names.contains), "\(names.count) names")
    }

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

    /// Text folded for comparing a sentence with the article it came from: letters and digits
    /// only, lower-cased (the copy desk may straighten quotes, drop a dateline or join lines).
    static func folded(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
    }

    /// The folded text of every article a story draws on.
    func sourceText(of story: Story) -> String {
        articles.filter { story.articleIDs.contains($0.id) }
            .map {
                Self.folded(([$0.title] + ($0.standfirst.map { [$0] } ?? []) + $0.paragraphs).joined(separator: " "))
            }
            .joined(separator: " ")
    }

    @Test("each story has 1 to 3 summary sentences taken from its article, none of them noise")
    func summaries() throws {
        for story in stories {
            #expect((1...3).contains(story.summary.count), "\(story.headline)")
            let source = sourceText(of: story)
            try #require(!source.isEmpty, "\(story.headline): its articles are among those collected")
            for sentence in story.summary {
                #expect(!sentence.contains("PHOTO"))
                #expect(!sentence.localizedCaseInsensitiveContains("sign up"))
                // Every word of the sentence stands in that order in one of the story's own articles.
                #expect(
                    source.contains(Self.folded(sentence)), "\(story.headline): '\(sentence)' is not from its articles")
            }
        }
    }

    @Test("the quote of the week is quoted speech with a named speaker")
    func quote() throws {
        let quote = try #require(issue.quote)
        #expect(quote.text.count >= 40)
        #expect(quote.speaker.split(separator: " ").count >= 2)
        // The quote is a quotation in one of its story's articles, and that article names the speaker.
        let story = try #require(stories.first { $0.id == quote.storyID }, "the quote's story is in the issue")
        let sources = articles.filter { story.articleIDs.contains($0.id) }
        let quoted = Self.folded(String(quote.text.dropLast(quote.text.hasSuffix(".") ? 1 : 0)))
        let source = try #require(
            sources.first { article in article.paragraphs.contains { Self.folded($0).contains(quoted) } },
            "'\(quote.text)' is quoted in one of \(story.articleIDs)")
        let paragraph = try #require(source.paragraphs.first { Self.folded($0).contains(quoted) })
        #expect(paragraph.contains("“") || paragraph.contains("\""), "it is in quotation marks: \(paragraph)")
        let surname = try #require(quote.speaker.split(separator: ",").first?.split(separator: " ").last)
        #expect(
            source.paragraphs.contains { $0.contains(surname) }, "the article names the speaker \(quote.speaker)")
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
        _ = try folder.write("", to: "decoding-asia/2026-W47/\(IssueFolder.ledgerFileName)")
        #expect(throws: ComposerError.self) { try store.save(issue) }
    }
}
