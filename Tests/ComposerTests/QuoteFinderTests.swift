import Collector
import Foundation
import Testing

@testable import Composer

/// The quote of the week names who the speaker is, as the article says it. Every sentence here is
/// invented.
@Suite("The quote of the week and its speaker")
struct QuoteFinderTests {
    func article(id: String = "a1", _ paragraphs: [String]) -> Article {
        Article(
            id: id, title: "Ferry fares fall on the bay", paragraphs: paragraphs,
            provenance: Provenance(kind: .file, location: id + ".txt", fetchedAt: Date(timeIntervalSince1970: 0)),
            contentHash: id)
    }

    func speaker(_ paragraphs: [String]) -> String? {
        QuoteFinder().quote(in: article(paragraphs))?.speaker
    }

    @Test("a speaker the article does not identify is not chosen: the next quote is")
    func unidentifiedSpeaker() throws {
        let found = try #require(
            QuoteFinder().quote(
                in: article([
                    "“The ferries have never been this full in the last week of August,” said Ana Reyes.",
                    "“Fares should stay where they are for the rest of the year,” said Ben Okafor, a ticket clerk at the northern pier.",
                ])))
        #expect(found.text == "Fares should stay where they are for the rest of the year.")
        #expect(found.speaker == "Ben Okafor, a ticket clerk at the northern pier")
    }

    @Test(
        "a bare surname with no full name, or a clause that says nothing of the speaker, identifies nobody",
        arguments: [
            ["“The ferries have never been this full in the last week of August,” Reyes said."],
            [
                "“The ferries have never been this full in the last week of August,” said Ana Reyes, adding that fares would fall."
            ],
            [
                "In a statement, Ana Reyes said the pier would open.",
                "“The ferries have never been this full in the last week of August,” Ana Reyes said.",
            ],
            ["“The ferries have never been this full in the last week of August,” she said."],
            [
                "“The ferries have never been this full in the last week of August,” said Ana Reyes, a day after the vote."
            ],
        ])
    func unidentified(paragraphs: [String]) {
        #expect(speaker(paragraphs) == nil)
    }

    @Test("a role after the name in the quote's sentence is carried, cut at its closing comma")
    func roleAfterName() {
        #expect(
            speaker([
                "“The ferries have never been this full in the last week of August,” said Ana Reyes, a teacher at a village school, on Monday."
            ]) == "Ana Reyes, a teacher at a village school")
        #expect(
            speaker([
                "“The ferries have never been this full in the last week of August,” Ana Reyes, the harbour master, said."
            ]) == "Ana Reyes, the harbour master")
        #expect(
            speaker([
                "“The ferries have never been this full in the last week of August,” said Ana Reyes, 45, a fisherman."
            ])
                == "Ana Reyes, 45, a fisherman")
    }

    @Test("a long role is kept short: before a relative clause, then before its place")
    func longRole() {
        #expect(
            speaker([
                "“The ferries have never been this full in the last week of August,” said Ana Reyes, a senior researcher at the harbour authority's coastal transport office in Portville who has studied the routes for twenty years."
            ]) == "Ana Reyes, a senior researcher at the harbour authority's coastal transport office")
        #expect(
            speaker([
                "“The ferries have never been this full in the last week of August,” said Ana Reyes, a visiting research fellow at the Department of Coastal Studies at Portville Harbour College."
            ]) == "Ana Reyes, a visiting research fellow at the Department of Coastal Studies")
    }

    @Test("a role given at the name's first mention elsewhere in the article is carried")
    func roleAtFirstMention() {
        #expect(
            speaker([
                "Ana Reyes, the town's mayor, opened the new pier on Monday.",
                "The pier cost more than planned and opened a year late.",
                "“The ferries have never been this full in the last week of August,” Reyes said.",
            ]) == "Ana Reyes, the town's mayor")
        #expect(
            speaker([
                "The town's mayor, Ana Reyes, opened the new pier on Monday.",
                "“The ferries have never been this full in the last week of August,” said Ana Reyes.",
            ]) == "Ana Reyes, the town's mayor")
    }

    @Test("a title or role before the name is carried")
    func titleBeforeName() {
        #expect(
            speaker([
                "“The ferries have never been this full in the last week of August,” said Finance Minister Ana Reyes."
            ])
                == "Finance Minister Ana Reyes")
        #expect(
            speaker([
                "Police questioned YouTuber Jeon Min-seo on Tuesday over a video filmed on the harbour wall.",
                "“I never thought a video of the tide would bring the police to my door,” Jeon said.",
            ]) == "YouTuber Jeon Min-seo")
        #expect(
            speaker([
                "“The ferries have never been this full in the last week of August,” said opposition lawmaker Ana Reyes."
            ]) == "Opposition lawmaker Ana Reyes")
    }

    @Test("the quote of the week moves on to the story's next article when the first names nobody")
    func nextArticle() throws {
        let first = article(
            id: "a1", ["“The ferries have never been this full in the last week of August,” Reyes said."])
        let second = article(
            id: "a2",
            [
                "“We will add two crossings a day from March onwards,” said Ben Okafor, who runs the ferry company."
            ])
        let story = Story(
            id: "a1", headline: "Ferry fares fall", standfirst: nil, url: nil, source: nil, dateline: nil,
            published: nil, summary: [], alsoReportedBy: [], articleIDs: ["a1", "a2"])
        let quote = try #require(
            QuoteFinder().quoteOfTheWeek(in: [story], articles: ["a1": first, "a2": second], preferring: nil))
        #expect(quote.speaker == "Ben Okafor, who runs the ferry company")
        #expect(quote.storyID == "a1")
    }
}
