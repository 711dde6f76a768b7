import Collector
import Foundation
import Testing

@testable import Stories

@Suite("Writing a story true to its headline")
struct StoryDeskTests {
    typealias W = WeekFixture
    let desk = StoryDesk()

    @Test("the lead is the latest full report, so the headline and facts are the freshest")
    func latestLead() {
        let early = W.article(
            "toll-early", "Landslide in Nepal kills 11, dozens missing",
            [
                "A landslide buried a village in western Nepal on Monday, killing 11 people, and dozens were missing, police said.",
                "Rescuers dug through mud with their hands as rain kept helicopters grounded.",
                "The district has had twice its usual monsoon rainfall this year, officials said.",
                "Roads into the valley were blocked in several places, slowing the arrival of army teams.",
            ]
                + Array(
                    repeating: "Villagers described hearing a roar before the hillside gave way in the night.", count: 8
                ),
            hours: 20)
        let late = W.article(
            "toll-late", "Nepal landslide toll rises to 23 as search ends",
            [
                "The death toll from a landslide in western Nepal rose to 23 on Wednesday as rescuers ended their search, police said.",
                "Army teams reached the buried village after clearing the road, and recovered the last bodies from the mud.",
                "The government promised compensation to the families of the dead.",
                "Officials said 11 people had been confirmed dead on Monday, before the army arrived.",
            ] + Array(repeating: "Survivors were moved to a school in the district headquarters.", count: 8),
            hours: 68, source: "Wire Two")
        let event = Event(articles: [early, late])
        #expect(event.lead.id == "toll-late")
        let story = desk.story(of: event, sentences: 3)
        #expect(story.headline == "Nepal landslide toll rises to 23 as search ends")
        #expect(story.summary.first?.contains("rose to 23") == true)
        // The early report's figures are stale: its toll never reaches the summary.
        #expect(!story.summary.contains { $0.contains("killing 11 people") })
    }

    @Test("an earlier report's look ahead stays out of the story of what happened")
    func announcementLookAheadLeftOut() {
        let announced = W.article(
            "visit-announced", "Malaysia's foreign minister to visit Vietnam on Wednesday",
            [
                "Malaysian Foreign Minister Aziz Rahman will visit Hanoi on Wednesday, Vietnam's foreign ministry said on Monday.",
                "Aziz will discuss joint patrols against illegal fishing in the South China Sea with Prime Minister Tran Duc Minh.",
                "Malaysia and Vietnam signed a fisheries accord on illegal fishing patrols three years ago.",
            ], hours: 8)
        let held = W.article(
            "visit-held", "Vietnam and Malaysia pledge joint patrols against illegal fishing",
            [
                "Vietnam and Malaysia agreed to set up joint coast guard patrols against illegal fishing, Malaysian Foreign Minister Aziz Rahman said in Hanoi on Wednesday.",
                "The two countries also pledged to double rice shipments by next year.",
            ], hours: 58, source: "Wire Two")
        let story = desk.story(of: Event(articles: [announced, held]), sentences: 4)
        #expect(story.summary.first?.hasPrefix("Vietnam and Malaysia agreed") == true)
        #expect(!story.summary.contains { $0.contains("will discuss joint patrols") })
        // What the earlier report says was done still may be told.
        #expect(story.summary.contains { $0.contains("signed a fisheries accord") })
    }

    @Test(
        "a wire's lede carried in the standfirst opens the story, and is not printed twice; a teaser standfirst does not"
    )
    func standfirstLede() {
        let wire = W.article(
            "wire", "Vietnam raises rice export price floor",
            standfirst:
                "Vietnam raised the minimum export price for rice on Tuesday to protect farmers' incomes, the trade ministry said.",
            [
                "Exporters had asked for the change for months as prices in Asia fell.",
                "The new floor takes effect next month and will be reviewed each quarter.",
            ], hours: 30)
        let wireStory = desk.story(of: Event(articles: [wire]), sentences: 2)
        #expect(wireStory.summary.first?.hasPrefix("Vietnam raised the minimum export price") == true)
        // The summary opens with it, so it is not printed again above the summary.
        #expect(wireStory.standfirst == nil)

        let teaser = W.article(
            "teaser", "Vietnam raises rice export price floor",
            standfirst: "Rice has long been the backbone of the Mekong Delta's economy.",
            [
                "Vietnam raised the minimum export price for rice on Tuesday to protect farmers' incomes, the trade ministry said.",
                "Exporters had asked for the change for months as prices in Asia fell.",
            ], hours: 30)
        let teaserStory = desk.story(of: Event(articles: [teaser]), sentences: 2)
        #expect(teaserStory.summary.first?.hasPrefix("Vietnam raised the minimum export price") == true)
        #expect(!teaserStory.summary.contains { $0.contains("backbone") })
        // A standfirst that says something the summary does not stays above it.
        #expect(teaserStory.standfirst == "Rice has long been the backbone of the Mekong Delta's economy.")

        // A feed whose description is the lede, repeated as the body's first paragraph.
        let lede = "Vietnam raised the minimum export price for rice on Tuesday, the trade ministry said."
        let repeated = W.article(
            "repeated", "Vietnam raises rice export price floor", standfirst: lede,
            [lede, "Exporters had asked for the change for months as prices in Asia fell."], hours: 30)
        let repeatedStory = desk.story(of: Event(articles: [repeated]), sentences: 2)
        #expect(repeatedStory.summary.first == lede)
        #expect(repeatedStory.standfirst == nil)
    }

    @Test("another report's sentences are used only when they bear on the headline's event")
    func relevantSentencesOnly() {
        let lead = W.article(
            "port-lead", "Typhoon shuts Hong Kong port and schools",
            [
                "Hong Kong shut its container port and closed schools on Thursday as a typhoon brought winds of up to 150 km an hour, the observatory said.",
                "More than 300 flights were cancelled at the airport.",
            ] + Array(repeating: "Shops in the city centre stayed shuttered through the afternoon.", count: 12),
            hours: 80)
        let other = W.article(
            "port-other", "Typhoon forces Hong Kong to close port, schools",
            [
                "A typhoon forced Hong Kong to close its port and schools on Thursday, with gusts above 150 km an hour.",
                "Separately, the city's stock exchange reported record turnover in its derivatives market last month.",
            ], hours: 79, source: "Wire Two")
        let story = desk.story(of: Event(articles: [lead, other]), sentences: 4)
        #expect(!story.summary.contains { $0.contains("derivatives") })
        #expect(story.summary.first?.hasPrefix("Hong Kong shut its container port") == true)
    }

    @Test("another outlet's lede, the same news in other words, is not told twice")
    func otherLedeOnce() {
        let lead = W.article(
            "rate-lead", "Bank of Thailand cuts rate to 1.5 per cent",
            [
                "The Bank of Thailand cut its policy rate by a quarter point to 1.5 per cent on Wednesday, its second cut this year, citing weak exports.",
                "Two of the seven committee members voted to hold.",
            ] + Array(repeating: "Economists expect one more cut before the end of the year.", count: 12),
            hours: 50)
        let other = W.article(
            "rate-other", "Thai central bank lowers policy rate to 1.50%",
            [
                "Thailand's central bank lowered its key interest rate by 25 basis points to 1.50% on Wednesday as exports slowed.",
                "The committee said the baht's strength had weighed on the Thai economy and its exporters.",
            ], hours: 49, source: "Wire Two")
        let story = desk.story(of: Event(articles: [lead, other]), sentences: 3)
        #expect(story.summary.first?.hasPrefix("The Bank of Thailand cut") == true)
        #expect(!story.summary.contains { $0.hasPrefix("Thailand's central bank lowered") })
    }

    @Test("copies of one report give its sentences once")
    func copiesOnce() {
        let paragraphs = [
            "Cambodia and Thailand agreed on Friday to reopen two border crossings closed since a clash in June, their foreign ministers said.",
            "Traders on both sides had lost millions in cross-border sales.",
        ]
        let first = W.article("copy-1", "Cambodia, Thailand to reopen border crossings", paragraphs, hours: 100)
        var second = W.article(
            "copy-2", "Cambodia, Thailand to reopen border crossings", paragraphs, hours: 104, source: "Wire Two")
        second.paragraphs[0] = second.paragraphs[0].replacingOccurrences(of: "on Friday", with: "on Friday (Aug 28)")
        let story = desk.story(of: Event(articles: [first, second]), sentences: 3)
        #expect(story.summary.filter { $0.contains("agreed on Friday") }.count == 1)
    }

    @Test("salience: outlets and reports count, the headlines that name the event count, a feature counts less")
    func ranking() {
        let single = W.article(
            "one", "Seoul names ex-minister as envoy", ["Seoul named a former minister as envoy on Tuesday."], hours: 5)
        let named = Event(articles: [single], reports: 1, relatedEvents: 4)
        // One outlet (1.5), one report (log2 2 = 1), named in four other headlines (4 × 0.75), dated.
        #expect(desk.salience(of: named) == 5.5)
        // The news editors rank first (here justice) weighs half as much again.
        let jailed = W.article(
            "one-b", "Seoul court jails ex-minister", ["A Seoul court jailed a former minister on Tuesday."], hours: 5)
        #expect(desk.salience(of: Event(articles: [jailed], reports: 1, relatedEvents: 4)) == 8.25)
        let alone = Event(
            articles: [
                W.article("two-a", "Thai baht firms", ["The baht firmed on Tuesday."], hours: 6),
                W.article("two-b", "Thai baht firms", ["The baht firmed on Tuesday."], hours: 7),
            ], reports: 1, relatedEvents: 0)
        #expect(desk.ranksAbove(named, alone))
        #expect(!desk.ranksAbove(alone, named))
        // Three outlets outweigh the headlines that name a single report.
        let outlets = Event(
            articles: ["Wire One", "Wire Two", "Wire Three"].enumerated().map { index, source in
                W.article(
                    "three-\(index)", "Floods shut Jakarta schools", ["Floods closed schools in Jakarta on Monday."],
                    hours: 6 + Double(index), source: source)
            }, reports: 3)
        #expect(desk.ranksAbove(outlets, named))
        // The same coverage, but a feature with no time peg: it ranks below the dated report.
        let feature = Event(
            articles: [
                W.article(
                    "four", "Seoul's retirees reckon with a lost decade",
                    ["It was meant to be a comfortable old age for a generation of savers."], hours: 5)
            ], reports: 1, relatedEvents: 4)
        #expect(desk.salience(of: feature) < desk.salience(of: named))
        #expect(desk.ranksAbove(named, feature))
    }

    @Test("a column's own voice and contact line stay out of a story's sentences; another language keeps its own")
    func columnistsVoiceLeftOut() {
        let column = W.article(
            "column", "Busan's ferries face a test of succession",
            [
                "Harbour Line's chairman said on Monday he would step down next year after two decades in charge.",
                "What does a good succession plan look like? Write to me at desk@news.example",
                "Growing up in Busan, it was hard for me not to love the ferries.",
                "The board will name a committee to find his successor, the company said.",
            ], hours: 30)
        let sentences = desk.articleSentences(column, headline: column.title)
        #expect(sentences.count == 2)
        // The middle of a quotation over three sentences carries no mark of its own: it is someone's words.
        let quoted = W.article(
            "quoted", "Ferry passengers stranded in Busan",
            [
                "\"We waited all night. I had no idea the last boat was full. Nobody told us,\" a passenger said on Monday."
            ], hours: 32)
        #expect(desk.articleSentences(quoted, headline: quoted.title).count == 3)
        // A quotation that runs on into the next paragraph opens again there; the paragraph after is the writer's.
        let runOn = W.article(
            "run-on", "Ferry passengers stranded in Busan overnight",
            [
                "\"We waited all night. I had no idea the last boat was full.",
                "\"Nobody told us anything,\" a passenger said on Monday.",
                "Growing up in Busan, it was hard for me not to love the ferries.",
            ], hours: 33)
        let runOnSentences = desk.articleSentences(runOn, headline: runOn.title)
        #expect(runOnSentences.count == 3)
        #expect(runOnSentences.contains("I had no idea the last boat was full."))
        #expect(!runOnSentences.contains { $0.contains(" me ") })
        #expect(!sentences.contains { $0.contains("?") || $0.contains("@") || $0.contains(" me ") })
        // In Swedish "I" opens a place ("I Stockholm" is "In Stockholm"): not the writer's voice.
        var swedish = W.article(
            "sv", "Hamnen öppnar ny terminal",
            ["I Stockholm öppnade hamnen en ny terminal på tisdagen, sade bolaget."], hours: 31)
        swedish.language = "sv"
        #expect(desk.articleSentences(swedish, headline: swedish.title).count == 1)
    }

    @Test("hard news in a headline: power changing hands, a ship lost, a shooting; not sport's and markets' verbs")
    func newsValueWords() {
        let salience = Salience()
        for headline in [
            "Bangladesh elects ruling party veteran Alamgir as president", "New Thai premier sworn in",
            "Boat capsized in Mekong",
            "Student live-streamed fatal school shooting", "Two bombings hit Quetta", "Aid workers kidnapped",
            "Ferry capsizes off Sulawesi with 40 aboard", "Cargo ship sinks off eastern India", "Ferry sank near Cebu",
            "Typhoon weakens to tropical storm off Okinawa", "Leader threatens to bomb rebel ports",
        ] {
            #expect(salience.carriesNewsValue(headline), "\(headline)")
        }
        for headline in [
            "Samsung selects supplier for new chip line", "Yen holds steady before data",
            "Sinking feeling for tourism as visitors stay away", "Japan sink Australia to reach final",
            "Melbourne Storm beat Broncos", "Arsenal end title drought", "Shares sink as oil climbs",
        ] {
            #expect(!salience.carriesNewsValue(headline), "\(headline)")
        }
    }

    @Test("a lede dates its news: weekdays, dates, today; a feature's scene does not")
    func newsPeg() {
        #expect(NewsPeg.isDated("Manila's mayor resigned on Wednesday after a week of protests."))
        #expect(NewsPeg.isDated("Thai schools held drills on Wednesday (Aug 19) across the country."))
        #expect(NewsPeg.isDated("Exports rose 4% in July, the ministry said on August 14."))
        #expect(!NewsPeg.isDated("It was meant to be a comfortable old age for a generation of savers."))
        #expect(!NewsPeg.isDated("Officials may 21 times have said so, but nobody believes it."))
    }
}
