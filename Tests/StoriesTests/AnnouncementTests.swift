import Collector
import Foundation
import Testing

@testable import Stories

@Suite("An announced happening and the report of it")
struct AnnouncementTests {
    typealias W = WeekFixture

    func groups(_ articles: [Article], clusterer: EventClusterer = EventClusterer()) -> Set<Set<String>> {
        Set(clusterer.events(in: articles).map { Set($0.map { articles[$0].id }) })
    }

    func together(_ ids: Set<String>, in groups: Set<Set<String>>) -> Bool {
        groups.contains { ids.isSubset(of: $0) }
    }

    /// The clusterer without the announcement evidence.
    static let withoutAnnouncements: EventClusterer = {
        var parameters = EventClusterer.Parameters()
        parameters.previewWeight = 0
        return EventClusterer(parameters: parameters)
    }()

    // A visit announced on Monday for Wednesday, and what was agreed there on Wednesday: the same
    // who and where, none of the same words of what happened.
    static let announced = W.article(
        "visit-announced", "Malaysia's foreign minister to visit Vietnam on Wednesday",
        [
            "Malaysian Foreign Minister Aziz Rahman will visit Hanoi on Wednesday, Vietnam's foreign ministry said on Monday, his first trip to the country since taking office.",
            "Aziz will meet Prime Minister Tran Duc Minh to discuss fishing disputes and rice trade.",
        ], hours: 8)
    static let held = W.article(
        "visit-held", "Vietnam and Malaysia pledge joint patrols against illegal fishing",
        [
            "Vietnam and Malaysia agreed to set up joint coast guard patrols against illegal fishing, Malaysian Foreign Minister Aziz Rahman said in Hanoi on Wednesday after talks with Prime Minister Tran Duc Minh.",
            "The two countries also pledged to double rice shipments by next year.",
        ], hours: 58, source: "Wire Two")

    @Test("a visit announced and then held is one story")
    func announcedThenHeld() {
        let articles = W.background + [Self.announced, Self.held]
        #expect(together(["visit-announced", "visit-held"], in: groups(articles)))
        // The words of what happened alone do not join them.
        #expect(
            !together(["visit-announced", "visit-held"], in: groups(articles, clusterer: Self.withoutAnnouncements)))
    }

    @Test("the same minister's visit to the same capital three weeks later is another story")
    func anotherVisitWeeksLater() {
        let later = W.article(
            "visit-again", "Vietnam and Malaysia sign maritime boundary accord",
            [
                "Vietnam and Malaysia signed an accord on their maritime boundary, Malaysian Foreign Minister Aziz Rahman said in Hanoi on Wednesday after talks with Prime Minister Tran Duc Minh.",
                "The accord settles a claim over waters rich in fish and gas.",
            ], hours: 58 + 21 * 24, source: "Wire Two")
        // Alone with the announcement: the days it named, not the names, keep them apart.
        #expect(groups(W.background + [Self.announced, later]).contains(["visit-again"]))
        let found = groups(W.background + [Self.announced, Self.held, later])
        #expect(together(["visit-announced", "visit-held"], in: found))
        #expect(found.contains(["visit-again"]))
    }

    @Test("a game previewed and then played is one story; the team named for it is another")
    func previewThenGame() {
        let named = W.article(
            "team-named", "Fiji name unchanged side for Samoa test",
            [
                "Fiji have named an unchanged starting side for Saturday's test against Samoa in Suva, where Captain Waisea Nayacalevu will lead the backs after a shoulder injury.",
                "Coach Mick Byrne said the side had earned another chance.",
            ], hours: 81)
        let preview = W.article(
            "game-preview", "Fiji aim to extend unbeaten home run against Samoa",
            [
                "Fiji will look to extend their unbeaten home run when they host Samoa in Suva on Saturday, with Captain Waisea Nayacalevu back to lead the backs.",
                "Samoa have lost their last four tests away from Apia.",
            ], hours: 106, source: "Wire Two")
        let played = W.article(
            "game-played", "Fiji run in four tries to beat Samoa 31-12",
            [
                "Fiji scored four tries to beat Samoa 31-12 in their Pacific Nations Cup test in Suva on Saturday, with Captain Waisea Nayacalevu crossing twice.",
                "Samoa led 12-7 at half-time before tiring in the heat.",
            ], hours: 138)
        let articles = W.background + [named, preview, played]
        let found = groups(articles)
        #expect(together(["game-preview", "game-played"], in: found))
        #expect(found.contains(["team-named"]))
        #expect(!together(["game-preview", "game-played"], in: groups(articles, clusterer: Self.withoutAnnouncements)))
    }

    @Test("two countries' match announced in a city, and their leaders' talks there that day: two stories")
    func matchAndTalksOnOneDay() {
        let match = W.article(
            "match-ahead", "Japan and Australia to meet in Tokyo qualifier",
            [
                "Japan will host Australia in Tokyo on Thursday in a qualifier both sides need to win.",
                "The winner tops the group.",
            ], hours: 8)
        let talks = W.article(
            "leaders-talks", "Japan and Australia agree to deepen defence ties",
            [
                "Japan and Australia agreed to deepen defence ties and share more intelligence, Prime Minister Sanae Takaichi said after talks with Australian Prime Minister Anthony Albanese in Tokyo on Thursday.",
                "The two leaders also discussed critical minerals supply.",
            ], hours: 84, source: "Wire Two")
        let articles = W.background + [match, talks]
        // They share only where (the two countries, the city): the composer's gazetteer names those places.
        var clusterer = EventClusterer()
        clusterer.placeNames = ["japan", "australia", "australian", "tokyo"]
        #expect(!together(["match-ahead", "leaders-talks"], in: groups(articles, clusterer: clusterer)))
        // Without knowing the places, the shared names and the day named would join them.
        #expect(together(["match-ahead", "leaders-talks"], in: groups(articles)))
        // A who in common (the visit's minister) still joins an announcement and its happening.
        var visit = clusterer
        visit.placeNames.formUnion(["hanoi", "vietnam", "malaysia", "malaysian"])
        #expect(
            together(
                ["visit-announced", "visit-held"],
                in: groups(W.background + [Self.announced, Self.held], clusterer: visit)))
    }

    @Test("a report looks ahead when the first tense of its lede is the future")
    func forwardLooking() {
        let published = W.monday.timeIntervalSinceReferenceDate + 8 * 3600
        let visit = Schedule.of(
            lede: "The minister will visit Hanoi on Wednesday, the ministry said on Monday.", published: published)
        #expect(visit.isForward)
        #expect(visit.days == [Schedule.day(of: published) + 2])
        // A team named for a match reports its own happening: "have named" comes first.
        #expect(!Schedule.of(lede: "Fiji have named a side for Saturday's test.", published: published).isForward)
        // "Will" as a name is no tense.
        #expect(
            !Schedule.of(lede: "Winger Will Jordan returned from injury on Monday.", published: published).isForward)
        // The fixture's Monday is August 24.
        let range = Schedule.of(lede: "He is set to visit Seoul from August 26 to 27.", published: published)
        #expect(range.days == [Schedule.day(of: published) + 2, Schedule.day(of: published) + 3])
    }
}
