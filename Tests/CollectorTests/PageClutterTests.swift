import Foundation
import Testing

@testable import Collector

/// Clutter in the full text some sites put in their feeds, in invented lines of the same shape.
@Suite("Page clutter in scraped full text")
struct PageClutterTests {
    @Test(
        "date-and-time lines are dropped",
        arguments: [
            "18 Nov 2026 02:16PM", "18 Nov 2026 02:16PM (Updated: 18 Nov 2026 02:28PM)", "Nov 18, 2026, 9:05 a.m.",
            "Updated: 18 Nov 2026 14:16",
        ])
    func timestamps(line: String) {
        #expect(TextCleaner.isTimestamp(line))
    }

    @Test("a sentence that starts with a date is kept")
    func sentenceWithDate() {
        #expect(!TextCleaner.isTimestamp("18 Nov 2026 was the day the harbour reopened to ferries."))
    }

    @Test(
        "photo credits after a caption mark it as a caption",
        arguments: [
            "Boats wait at the northern pier on Nov 2, 2026. REUTERS/Jane Roe",
            "A ferry crosses the bay at dawn. (Photo: Harbour Wire/John Doe)",
            "FILE PHOTO: A ferry crosses the bay at dawn.",
            "Fans wave flags at the stadium. Mandatory Credit: Sam Lee-Example Images",
        ])
    func captions(line: String) {
        #expect(TextCleaner.captionText(line) != nil)
    }

    @Test("wire datelines with a date and a colon, or a colon alone, are metadata")
    func colonDatelines() throws {
        let dated = try #require(TextCleaner.splitDateline("PORTVILLE, Nov 18 : Ferry fares will fall."))
        #expect(dated.0 == "Portville" && dated.1 == "Ferry fares will fall.")
        let plain = try #require(TextCleaner.splitDateline("KUALA LUMPUR: Ferry fares will fall."))
        #expect(plain.0 == "Kuala Lumpur")
        #expect(TextCleaner.splitDateline("US: Ferry fares will fall.") == nil)
    }

    @Test("a run of short labels inside a story is a widget and goes; a short list stays")
    func widgetRuns() {
        let story = "Ferry fares across the bay will fall by a fifth from March."
        let widget = ["Puzzles", "Word Hunt", "Find the word, one letter at a time", "Grid Game", "Show More"]
        #expect(FeedItemReader.dropWidgetRuns([story] + widget + [story]) == [story, story])
        #expect(
            FeedItemReader.dropWidgetRuns([story, "Route A", "Route B", story]) == [story, "Route A", "Route B", story])
    }

    @Test("share bars, app prompts and section labels in a feed's full text go")
    func furniture() {
        let cleaned = TextCleaner().clean([
            "Share", "WhatsApp", "Bookmark", "Set Harbour Wire as your preferred source on Google",
            "Ferry fares across the bay will fall by a fifth from March.", "Show Less",
            "Source: Harbour Wire/ab",
        ])
        #expect(cleaned.paragraphs == ["Ferry fares across the bay will fall by a fifth from March."])
        #expect(cleaned.signOff == "Harbour Wire")
    }

    @Test("a desk's section label ending the story goes, and is not taken for the source")
    func trailingSectionLabel() {
        let cleaned = TextCleaner().clean([
            "The trusts split ownership from management in 2022.",
            "The board named a search committee on Thursday.\nCONTEXT-NEWS",
        ])
        #expect(cleaned.paragraphs.last == "The board named a search committee on Thursday.")
        #expect(cleaned.signOff == nil)
        #expect(TextCleaner().clean(["Ferry fares will fall. HARBOUR WIRE"]).signOff == "Harbour Wire")
    }
}
