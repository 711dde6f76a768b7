import Foundation
import Testing

@testable import Collector

/// A story shaped like one a reader copied from a news site; the words are our own.
private let copiedArticle = """
    Ferry operators in Busan add night crossings as tourist numbers climb

    Two operators will run late sailings to Fukuoka from December, the port authority said.

        • Passengers queue at the international ferry terminal in Busan on a busy Friday evening.
        • Passengers queue at the international ferry terminal in Busan on a busy Friday evening. PHOTO: HARBOUR LENS
        Published Tue, Nov 17, 2026 · 09:05 PM

        [BUSAN] Two ferry operators will add night crossings between Busan and Fukuoka from December, the city's port authority said on Tuesday, as visitor numbers in both directions hit a record.

        The extra sailings leave Busan at 11 p.m. and arrive before breakfast, said Mr. Park Tae-sung, a port official.

        "We had travellers sleeping in the terminal because the last boat was full," he said. "That should not happen again."

        Fares for the night crossing start at 89,000 won. SOUTHPORT NEWS

        The Harbour Brief: the region's shipping news in your inbox every morning. Sign up here, it is free.

        Got a story tip or spotted a mistake? Write to desk@southport.example
    """

@Suite("Cleaning copied and scraped text")
struct TextCleanerTests {
    let reader = PlainTextReader(cleaner: TextCleaner(timeZone: TimeZone(identifier: "Asia/Singapore")!))

    @Test("a copied article keeps its story and loses captions, credits, promos and prompts")
    func copiedArticleIsCleaned() throws {
        let parsed = try #require(reader.parse(copiedArticle))
        #expect(parsed.title == "Ferry operators in Busan add night crossings as tourist numbers climb")
        #expect(
            parsed.standfirst
                == "Two operators will run late sailings to Fukuoka from December, the port authority said.")
        #expect(parsed.cleaned.dateline == "Busan")
        #expect(parsed.cleaned.signOff == "Southport News")
        let body = parsed.cleaned.paragraphs
        #expect(body.count == 4)
        #expect(body.first?.hasPrefix("Two ferry operators will add night crossings") == true)
        #expect(body.last == "Fares for the night crossing start at 89,000 won.")
        let text = body.joined(separator: "\n")
        for noise in ["PHOTO", "Passengers queue", "Published", "[BUSAN]", "Sign up", "story tip", "SOUTHPORT NEWS"] {
            #expect(!text.contains(noise), "body still contains \(noise)")
        }
    }

    @Test("the Published line gives the date in the cleaner's time zone")
    func publishedLineGivesDate() throws {
        let parsed = try #require(reader.parse(copiedArticle))
        let published = try #require(parsed.cleaned.published)
        // 09:05 PM in Singapore (UTC+8) is 13:05 UTC.
        #expect(published == DateParsing.date(from: "2026-11-17T13:05:00Z"))
    }

    @Test(
        "datelines in their common forms",
        arguments: [
            ("[SEOUL] Shares rose.", "Seoul", "Shares rose."),
            ("NEW DELHI — The rupee fell.", "New Delhi", "The rupee fell."),
            ("TOKYO (Kestrel) - Exports slowed.", "Tokyo", "Exports slowed."),
            ("HANOI, Nov 21 – Lawmakers voted.", "Hanoi", "Lawmakers voted."),
        ])
    func datelines(paragraph: String, place: String, rest: String) throws {
        let (foundPlace, foundRest) = try #require(TextCleaner.splitDateline(paragraph))
        #expect(foundPlace == place)
        #expect(foundRest == rest)
    }

    @Test(
        "an ordinary opening sentence is not a dateline",
        arguments: ["The BOJ held rates.", "A NEW era began - slowly."])
    func notDatelines(paragraph: String) {
        #expect(TextCleaner.splitDateline(paragraph) == nil)
    }

    @Test("a sign-off needs capitals after the last sentence; an acronym ending prose is not one")
    func signOffs() {
        #expect(TextCleaner.splitSignOff("Talks resume in March. AFP")?.1 == "AFP")
        #expect(TextCleaner.splitSignOff("Talks resume in March. MERIDIAN WIRE")?.1 == "Meridian Wire")
        #expect(TextCleaner.splitSignOff("The plant will export to the U.S.") == nil)
        #expect(TextCleaner.splitSignOff("Shares fell in Seoul.") == nil)
        #expect(TextCleaner.isSectionLabel("Context-news"))
        #expect(TextCleaner.isSectionLabel("FACTBOX"))
        #expect(!TextCleaner.isSectionLabel("Meridian Wire"))
        #expect(!TextCleaner.isSectionLabel("AFP"))
    }

    @Test("wire markup keeps its text, entities escaped twice are decoded, odd spaces fold")
    func characterLevelCleaning() {
        #expect(
            TextCleaner.normalise(#"Stocks [USN:KBN3X0 TEXT:"rallied in Tokyo"] today"#)
                == "Stocks rallied in Tokyo today")
        #expect(TextCleaner.normalise("Japan&amp;rsquo;s exports") == "Japan\u{2019}s exports")
        #expect(TextCleaner.normalise("A\u{00A0}B\u{0007}C  \t D") == "A BC D")
        #expect(TextCleaner.normalise("R&D and AT&T") == "R&D and AT&T")
    }

    @Test("page clutter lines are dropped")
    func clutter() {
        let cleaned = TextCleaner().clean([
            "Advertisement", "Rates were held.", "Share", "Read more:", "Growth slowed.",
        ])
        #expect(cleaned.paragraphs == ["Rates were held.", "Growth slowed."])
    }
}
