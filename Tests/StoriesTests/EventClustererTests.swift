import Collector
import Foundation
import Testing

@testable import Stories

@Suite("Grouping reports into events")
struct EventClustererTests {
    typealias W = WeekFixture

    /// The groups of `articles` as sets of ids, the single reports included.
    func groups(_ articles: [Article], clusterer: EventClusterer = EventClusterer()) -> Set<Set<String>> {
        Set(clusterer.events(in: articles).map { Set($0.map { articles[$0].id }) })
    }

    func together(_ ids: Set<String>, in groups: Set<Set<String>>) -> Bool {
        groups.contains { ids.isSubset(of: $0) }
    }

    // Three events that share a country, actors and vocabulary, and a fourth report of the first
    // in other words: the launch is one story, the reaction and the estimate are their own.
    static let launch = W.article(
        "launch-a", "North Korea fires ten ballistic missiles as allied drills end",
        [
            "North Korea launched ten ballistic missiles off its east coast on Thursday, South Korea's military said, as joint exercises with the United States drew to a close.",
            "The missiles flew about 350 km before falling into the sea, the Joint Chiefs of Staff said.",
            "Japan said none landed inside its exclusive economic zone.",
        ], hours: 76)
    static let launchRetold = W.article(
        "launch-b", "North Korea fires salvo of 10 missiles into the sea",
        [
            "North Korea fired a salvo of 10 ballistic missiles into the sea on Thursday, South Korea's Joint Chiefs of Staff said, hours before the allies wrapped up their annual drills.",
            "Tokyo said the missiles fell outside its waters and lodged a protest through diplomatic channels.",
        ], hours: 78, source: "Wire Two")
    static let reaction = W.article(
        "china-warns", "China urges South Korea not to take sides, blames Washington for tensions",
        [
            "China's foreign minister urged South Korea on Thursday not to side with the United States, blaming Washington's policy for tensions on the Korean peninsula.",
            "He made the remarks in a meeting with South Korea's national security adviser in Beijing.",
        ], hours: 80)
    static let estimate = W.article(
        "warheads", "South Korea says North may hold up to 120 nuclear warheads",
        [
            "South Korea's defence minister said on Thursday that North Korea may hold as many as 120 nuclear warheads, far more than earlier estimates.",
            "The minister told parliament the North had expanded its uranium enrichment.",
        ], hours: 75, source: "Wire Two")
    static let explainer = W.article(
        "alliance-explainer", "How has the alliance between Seoul and Washington changed?",
        [
            "The United States and South Korea have staged joint military drills for decades, and North Korea has often answered them with missile launches.",
            "Under the current US administration, the allies have scaled back some exercises and argued over the cost of stationing troops.",
            "South Korea's president has called for a stronger self-defence capability.",
        ], hours: 74, url: "https://news.example/world/asia-pacific/alliance-explainer")

    @Test("reports of one event in different words are one story; its reaction and a same-day estimate are not")
    func sameTopicDifferentEvents() {
        let articles = W.background + [Self.launch, Self.launchRetold, Self.reaction, Self.estimate, Self.explainer]
        let found = groups(articles)
        #expect(together(["launch-a", "launch-b"], in: found))
        #expect(found.contains(["china-warns"]))
        #expect(found.contains(["warheads"]))
    }

    @Test("an explainer of the topic stays apart from the event it explains")
    func explainerApart() {
        let articles = W.background + [Self.launch, Self.launchRetold, Self.explainer]
        #expect(groups(articles).contains(["alliance-explainer"]))
    }

    @Test("a chained trio of related events stays three stories")
    func chainedTrio() {
        // Each is close to the next (a school attack; drills after it; a shooting at a school
        // elsewhere), but the first and the last are far apart: single link would chain them.
        let attack = W.article(
            "attack", "Teenager charged over deadly stabbing at Bangkok school",
            [
                "Thai police on Monday charged a 15-year-old student with murder over a knife attack at a Bangkok secondary school that killed a teacher last week.",
                "The boy will be held at a juvenile detention centre while prosecutors prepare the case.",
            ], hours: 10)
        let drills = W.article(
            "drills", "Thai schools hold lockdown drills after deadly attack",
            [
                "Schools across Thailand held lockdown drills on Wednesday after a deadly attack at a Bangkok school last week, as the education ministry ordered new security rules.",
                "Students practised hiding in classrooms while police officers played the part of an intruder.",
            ], hours: 56, source: "Wire Two")
        let shooting = W.article(
            "shooting", "Student opens fire at Manila school, killing classmate",
            [
                "A student opened fire at a school in Manila on Tuesday, killing a classmate and wounding a teacher before turning the gun on himself, Philippine police said.",
                "Officials said the student had streamed the attack online and that schools would tighten security.",
            ], hours: 34)
        let found = groups(W.background + [attack, drills, shooting])
        #expect(found.contains(["attack"]))
        #expect(found.contains(["drills"]))
        #expect(found.contains(["shooting"]))
    }

    @Test("two short feed items on one event are one story")
    func shortItemsMerge() {
        let first = W.article(
            "brief-a", "Floods kill 12 in northern Vietnam",
            [
                "Floods and landslides killed 12 people in Vietnam's northern Lao Cai province on Monday, officials said."
            ],
            hours: 14, summaryOnly: true)
        let second = W.article(
            "brief-b", "Twelve dead as floods hit Vietnam's Lao Cai",
            [
                "At least twelve people died when floods and landslides struck Lao Cai province in northern Vietnam, state media said."
            ],
            hours: 16, source: "Wire Two", summaryOnly: true)
        #expect(together(["brief-a", "brief-b"], in: groups(W.background + [first, second])))
    }

    @Test("copies of one report are one story, and a rerun headline a week later is not a copy")
    func copies() {
        let text = [
            "The central bank of the Philippines held its policy rate at 5.5 per cent on Thursday, as expected, citing easing inflation."
        ]
        let first = W.article("copy-a", "Philippine central bank holds rates", text, hours: 80)
        let second = W.article("copy-b", "Philippine central bank holds rates", text, hours: 81, source: "Wire Two")
        let found = groups(W.background + [first, second])
        #expect(together(["copy-a", "copy-b"], in: found))
        let clusterer = EventClusterer()
        var builder = ProfileBuilder(tokenizer: clusterer.tokenizer)
        let later = W.article(
            "copy-c", "Philippine central bank holds rates", ["A different meeting."], hours: 80 + 24 * 30)
        let profiles = [first, later].map { builder.profile(of: $0, headline: $0.title) }
        #expect(clusterer.copyGroups(profiles).count == 2)
    }

    @Test("grouping is deterministic whatever the order of the articles")
    func deterministic() {
        let articles = W.background + [Self.launch, Self.launchRetold, Self.reaction, Self.estimate, Self.explainer]
        #expect(groups(articles) == groups(articles.reversed()))
    }

    @Test("average link with a floor: a group merges only when every pair is close enough")
    func completeLinkFloor() {
        // 0–1 and 1–2 are close, 0–2 never compared (a missing pair scores 0).
        let chained = EventClusterer.averageLink(
            unitCount: 3, scores: [Pair(0, 1): 0.9, Pair(1, 2): 0.9], threshold: 0.3, floor: 0.1)
        #expect(chained.count == 2)
        let close = EventClusterer.averageLink(
            unitCount: 3, scores: [Pair(0, 1): 0.9, Pair(1, 2): 0.9, Pair(0, 2): 0.5], threshold: 0.3, floor: 0.1)
        #expect(close == [[0, 1, 2]])
    }

    @Test(
        "other headlines that name an event's who count as its related coverage; those that name only its where do not")
    func headlinePresence() throws {
        var clusterer = EventClusterer()
        clusterer.placeNames = ["bangladesh", "bangladeshi", "dhaka", "australia"]
        let elected = W.article(
            "elected", "Bangladesh elects ruling party veteran Alamgir as president",
            [
                "Bangladesh's parliament on Wednesday elected Mohammad Alamgir, a veteran of the ruling party, as the country's president, the speaker said.",
                "Alamgir, 74, was the only candidate after the opposition boycotted the vote.",
            ], hours: 50)
        let opposition = W.article(
            "opposition", "Opposition shuns Alamgir's first address to parliament",
            [
                "Opposition lawmakers walked out of parliament on Saturday as President Mohammad Alamgir gave his first address.",
                "They called the session unlawful and vowed street protests next month.",
            ], hours: 120, source: "Wire Two")
        let cricket = W.article(
            "cricket", "Bangladesh bowled out for 64 in second test against Australia",
            [
                "Bangladesh were bowled out for 64 on the first morning of the second test in Darwin on Saturday, their lowest total against Australia.",
                "Mitchell Starc took five wickets in his first four overs.",
            ], hours: 118)
        let exports = W.article(
            "exports", "Bangladeshi garment exports rise 8% in July",
            [
                "Garment exports from Bangladesh rose 8 per cent in July from a year earlier, the export promotion bureau in Dhaka said on Monday.",
                "Orders from European buyers picked up after a weak spring.",
            ], hours: 30)
        let articles = W.background + [elected, opposition, cricket, exports]
        let grouping = clusterer.grouping(of: articles)
        let index = try #require(articles.firstIndex { $0.id == "elected" })
        let event = try #require(grouping.events.firstIndex { $0 == [index] }, "the election is a story of its own")
        // The opposition's walk-out names the new president: related coverage. The test match and the
        // export figures only name the country.
        #expect(grouping.relatedEvents[event] == 1)
    }

    @Test("names: capitalised runs, not a capital that only starts a sentence")
    func names() {
        let phrases = NamedPhrases(isFunctionWord: { ["the", "in", "of", "on", "after"].contains($0) })
        let names = phrases.names(
            in: "Residents of the city waited. The Bank of Japan met in Tokyo on Monday after Kim Jong Un's visit.")
        #expect(names.contains("bank of japan"))
        #expect(names.contains("tokyo"))
        #expect(names.contains("kim jong un"))
        #expect(names.contains("kim"))
        #expect(!names.contains("residents"))
        #expect(!names.contains("the"))
    }

    @Test("an article's kind comes from its headline's form, its desk label or its link's folder")
    func kinds() {
        #expect(ArticleKind.of(title: "How has the alliance changed?", url: nil) == .analysis)
        #expect(ArticleKind.of(title: "Analysis:Yen traders eye the franc", url: nil) == .analysis)
        #expect(ArticleKind.of(title: "Why rice prices keep falling", url: nil) == .analysis)
        #expect(ArticleKind.of(title: "Floods kill 12", url: "https://news.example/opinion/floods") == .analysis)
        #expect(ArticleKind.of(title: "Floods kill 12", url: "https://news.example/podcasts/floods") == .roundup)
        #expect(ArticleKind.of(title: "Floods kill 12 in Vietnam", url: "https://news.example/asia/floods") == .report)
    }
}
