import Collector
import DigestTestSupport
import Foundation
import Stories
import Testing

@testable import Composer

/// Where stories go and which pieces stay out: places read in context, fluff left out by its form,
/// sections that take their most salient stories from more than one country.
@Suite("Placing stories and leaving out fluff")
struct PlacementTests {
    let classifier: RegionClassifier

    init() throws {
        let theme = try Theme.load(
            id: "decoding-asia", templates: PackageRoot.url.appendingPathComponent("Templates"))
        classifier = RegionClassifier(sections: theme.settings.sections)
    }

    static func article(
        _ title: String, _ paragraphs: [String], standfirst: String? = nil, dateline: String? = nil,
        url: String = "https://news.example/world/item", id: String = "a"
    ) -> Article {
        Article(
            id: id, title: title, standfirst: standfirst, paragraphs: paragraphs, source: "Wire One",
            dateline: dateline, published: Date(timeIntervalSince1970: 1_787_000_000), url: url, language: "en",
            provenance: Provenance(kind: .feed, location: "fixture", fetchedAt: Date(timeIntervalSince1970: 0)),
            contentHash: id)
    }

    @Test("a family name that is also a place does not place the story there")
    func familyName() {
        let story = Self.article(
            "Gulf ruler Sheikh Nasser al-Sabah dies at 91",
            [
                "Sheikh Nasser al-Sabah, who led the emirate for two decades, died on Sunday, the royal court said.",
                "Mourners gathered at the palace as flags flew at half mast across the country.",
            ])
        #expect(classifier.placement(of: story) == nil)
        // The same name, said as the place, with the country to confirm it.
        let place = Self.article(
            "Floods cut roads in Sabah as rains lash Malaysian Borneo",
            ["Floods cut several roads in Sabah on Sunday, Malaysia's disaster agency said."])
        #expect(classifier.placement(of: place)?.section == "southeast-asia")
    }

    @Test("a border or an origin named in passing does not move a story")
    func passingMention() {
        let clash = Self.article(
            "Clashes leave five dead in north-east India",
            [
                "Five people were killed on Tuesday in clashes between armed groups in a hill district near the "
                    + "India-Myanmar border, police said.",
                "Hundreds of families fled from Myanmar last year and live in camps along the border with Myanmar.",
                "Troops patrol the Myanmar border day and night, and the Myanmar border crossings stay shut.",
            ])
        let placed = classifier.placement(of: clash)
        #expect(placed?.section == "south-asia")
        #expect(placed?.country == "IN")
        let visit = Self.article(
            "Canberra hosts trade talks as delegation from Tokyo arrives",
            ["A delegation from Tokyo arrived in Canberra on Monday for two days of trade talks with Australia."])
        #expect(classifier.placement(of: visit) == nil)
    }

    @Test("a story with no place of the region where news says where is not about the region")
    func openingDecides() {
        let story = Self.article(
            "Central bank holds rates as inflation cools",
            [
                "The central bank in Ottawa held its key rate at 3% on Wednesday as inflation cooled for a third month.",
                "Analysts compared the decision with recent moves in Japan and South Korea.",
                "Exports to China and India rose in the quarter.",
            ])
        #expect(classifier.placement(of: story) == nil)
        let dated = Self.article(
            "Central bank holds rates as inflation cools",
            ["The central bank held its key rate at 2.5% on Wednesday as inflation cooled for a third month."],
            dateline: "JAKARTA")
        #expect(classifier.placement(of: dated)?.section == "southeast-asia")
    }

    @Test("galleries, videos, quizzes and lists of searches are left out by their form; news is not")
    func leaveOut() {
        let rules = LeaveOut.standard
        let body = [String](
            repeating: "Lanterns lit the old town on Saturday as crowds filled the river banks.", count: 3)
        #expect(rules.reason(toLeaveOut: Self.article("In pictures: Lantern festival lights up Hoi An", body)) != nil)
        #expect(rules.reason(toLeaveOut: Self.article("Watch: Crowds throng the lantern festival", body)) != nil)
        #expect(rules.reason(toLeaveOut: Self.article("Take our quiz on the week's news", body)) != nil)
        #expect(
            rules.reason(toLeaveOut: Self.article("What Singapore searched for most: trending searches", body)) != nil)
        #expect(
            rules.reason(
                toLeaveOut: Self.article(
                    "Lantern festival draws record crowds", body, url: "https://n.example/videos/1"))
                != nil)
        #expect(rules.reason(toLeaveOut: Self.article("Lantern festival draws record crowds", ["Crowds came."])) != nil)
        // News whose headline only shares a word with a label stays.
        #expect(rules.reason(toLeaveOut: Self.article("Watchdog fines bank over lantern festival loans", body)) == nil)
        #expect(rules.reason(toLeaveOut: Self.article("Lantern festival draws record crowds", body)) == nil)
    }

    @Test("a section takes a story from a second country when one is close enough in salience")
    func secondCountry() {
        func event(_ id: String, hours: Double) -> Event {
            Event(articles: [
                Self.article("Story \(id)", ["A report on Monday."], id: id)
            ])
        }
        let events = ["jp1", "jp2", "jp3", "kr1"].map { event($0, hours: 0) }
        let countries = ["jp1": "JP", "jp2": "JP", "jp3": "JP", "kr1": "KR"]
        let salience = ["jp1": 6.0, "jp2": 5.0, "jp3": 4.0, "kr1": 2.5]
        let chosen = IssueComposer.choose(
            from: events, count: 3, country: { countries[$0.lead.id] }, salience: { salience[$0.lead.id] ?? 0 })
        #expect(chosen.map(\.lead.id) == ["jp1", "jp2", "kr1"])
        // Too far below: the section keeps its three most salient.
        let weak = IssueComposer.choose(
            from: events, count: 3, country: { countries[$0.lead.id] },
            salience: { $0.lead.id == "kr1" ? 1.0 : salience[$0.lead.id] ?? 0 })
        #expect(weak.map(\.lead.id) == ["jp1", "jp2", "jp3"])
    }
}
