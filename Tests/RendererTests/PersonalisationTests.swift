import Composer
import Foundation
import Testing

@testable import Renderer

@Suite("Personalised copies")
struct PersonalisationTests {
    static let mei = Reader(
        email: "mei@example.com", name: "Mei", sections: ["korean-peninsula", "Southeast Asia"],
        unsubscribeURL: "https://decoding-asia.example/unsubscribe?token=abc123")

    @Test("a reader gets only the sections they chose, by id or title, and is greeted by name")
    func chosenSections() throws {
        let renderer = try Fixtures.renderer()
        let html = try renderer.html(Fixtures.issue(), for: Self.mei)
        #expect(html.contains("Hello Mei,"))
        #expect(html.contains(">Korean Peninsula</h2>"))
        #expect(html.contains(">Southeast Asia</h2>"))
        #expect(!html.contains(">China</h2>"))
        #expect(!html.contains(">Japan</h2>"))
        #expect(!html.contains("retail sales"))
        // The top story (Japan) goes with its section; so does nothing else of Japan's.
        #expect(!html.contains(Fixtures.japaneseHeadline))
        #expect(!html.contains("Top story"))
        // The quote comes from a Korean story, which stays.
        #expect(html.contains("Quote of the week"))
        #expect(html.contains("https://decoding-asia.example/unsubscribe?token=abc123"))
        #expect(!html.contains("Preview:"))

        let text = try renderer.text(Fixtures.issue(), for: Self.mei)
        #expect(text.contains("Hello Mei,"))
        #expect(text.contains("KOREAN PENINSULA"))
        #expect(!text.contains("\nJAPAN\n"))
        #expect(text.contains("Unsubscribe: https://decoding-asia.example/unsubscribe?token=abc123"))

        let terminal = try renderer.terminal(Fixtures.issue(), for: Self.mei, options: .plain(width: 80))
        #expect(terminal.contains("Hello Mei,"))
        #expect(!terminal.contains("Japan"))
    }

    @Test("the top story stays when its section is chosen, and is not listed twice")
    func topStoryKept() throws {
        let reader = Reader(email: "ken@example.com", name: "  ", sections: ["JAPAN"])
        let html = try Fixtures.renderer().html(Fixtures.issue(), for: reader)
        #expect(html.contains("Hello,"))
        #expect(html.contains("Top story"))
        #expect(html.components(separatedBy: Fixtures.japaneseHeadline).count == 3)  // preheader + top block
        #expect(html.contains(">Japan</h2>"))
        #expect(html.contains("extra budget"))
        #expect(!html.contains("Quote of the week"))  // its story is in a section Ken did not choose
    }

    @Test("without a reader (editor's preview) every section shows and the unsubscribe line is a placeholder")
    func preview() throws {
        let renderer = try Fixtures.renderer()
        let html = try renderer.html(Fixtures.issue(), for: nil)
        #expect(html.contains("Hello,"))
        for title in ["China", "Korean Peninsula", "Japan", "Southeast Asia"] {
            #expect(html.contains(">\(title)</h2>"))
        }
        #expect(!html.contains("Unsubscribe</a>"))
        #expect(html.contains("Preview: each reader"))
        let text = try renderer.text(Fixtures.issue(), for: nil)
        #expect(!text.contains("Unsubscribe:"))
        #expect(text.contains("(Preview: each reader's copy ends with their own unsubscribe link.)"))
    }

    @Test("a reader whose sections have nothing this week is told so")
    func nothingChosen() throws {
        let reader = Reader(email: "x@example.com", name: "Xu", sections: ["south-asia"])
        let html = try Fixtures.renderer().html(Fixtures.issue(), for: reader)
        #expect(html.contains("Nothing in your sections this week."))
        #expect(!html.contains("</h2>"))
    }
}
