import Foundation
import Testing

@testable import Collector

/// Feeds with bad parts: what is kept, what is named.
@Suite("Feeds with bad parts keep what can be read and name the rest")
struct FeedHardeningTests {
    @Test("malformed Atom keeps the entries complete before the error and drops the one it cuts short")
    func atomPrefix() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Tide Desk</title>
            <entry><id>tide-1</id><title>Spring tides arrive</title><link href="https://tide.example/1"/></entry>
            <entry><id>tide-2</id><title>Neap tides follow</title><link href="https://tide.example/2"/></entry>
            <entry><id>tide-3</id><title>Storm surge warning <b>today</title></entry>
            </feed>
            """
        let (feed, warning) = try FeedParser.parse(Data(xml.utf8), source: "tide.xml")
        #expect(feed.items.map(\.guid) == ["tide-1", "tide-2"])
        let text = try #require(warning)
        #expect(text.hasPrefix("malformed XML, line 4:"), "\(text)")
        #expect(text.hasSuffix("kept the 2 complete items before the error, nothing after it"), "\(text)")
    }

    @Test("an RSS feed whose first item is broken gives no items and an error, not a guessed item")
    func brokenFirstItem() throws {
        let xml = "<rss version=\"2.0\"><channel><title>T</title><item><title>A & B</title></item></channel></rss>"
        let error = try #require(throws: CollectorError.self) { try FeedParser.parse(Data(xml.utf8), source: "t.xml") }
        #expect(error.code == .malformed)
        #expect(error.message.contains("no complete item before it, nothing read"), "\(error)")
    }

    @Test("after an undeclared entity, a real error still cuts the feed: only items ended before it are kept")
    func entityThenError() throws {
        let xml = """
            <rss version="2.0"><channel><title>T</title>
            <item><title>Rates&nbsp;hold</title><guid>t-1</guid></item>
            <item><title>Second</title><guid>t-2</guid></item>
            <item><title>Third</title><guid>t-3</guid>
            <description>Bold <b>text</description></item>
            <item><title>Fourth</title><guid>t-4</guid></item>
            </channel></rss>
            """
        let (feed, warning) = try FeedParser.parse(Data(xml.utf8), source: "t.xml")
        #expect(feed.items.map(\.guid) == ["t-1", "t-2"])
        #expect(feed.items.first?.title == "Rates&nbsp;hold")
        let text = try #require(warning)
        #expect(text.hasPrefix("malformed XML, line 5: Opening and ending tag mismatch"), "\(text)")
        #expect(text.hasSuffix("kept the 2 complete items before the error, nothing after it"), "\(text)")
    }

    @Test("an undeclared entity is still read past, the whole feed kept")
    func undeclaredEntity() throws {
        let xml = """
            <rss version="2.0"><channel><title>T</title>
            <item><title>Rates&nbsp;hold</title><guid>t-1</guid></item><item><title>Two</title><guid>t-2</guid></item>
            </channel></rss>
            """
        let (feed, warning) = try FeedParser.parse(Data(xml.utf8), source: "t.xml")
        #expect(warning == nil)
        #expect(feed.items.count == 2)
    }

    static func jsonFeed(_ items: String, extra: String = "") -> Data {
        Data(
            #"{"version": "https://jsonfeed.org/version/1.1", "title": "Quay Desk"\#(extra), "items": \#(items)}"#.utf8)
    }

    @Test("each bad JSON Feed item is named by index and field; the good ones are kept")
    func jsonItems() throws {
        let items = """
            [{"id": "q1", "title": "Good one", "content_text": "Text."}, 5, "x",
             {"id": "q4", "title": ["a"]}, {"id": true}, {"id": 7, "title": "Numbered", "authors": [{"name": 3}]},
             {"id": "q7", "title": "Second good", "url": null, "authors": [{"name": "Mei"}]}]
            """
        let (feed, warning) = try FeedParser.parse(Self.jsonFeed(items), source: "q.json")
        #expect(feed.items.map(\.guid) == ["q1", "q7"])
        #expect(feed.items.last?.author == "Mei")
        let text = try #require(warning)
        for part in [
            "items[1]: expected an item (an object), found a number (5)",
            "items[2]: expected an item (an object), found text ('x')", "items[3].title: expected text, found a list",
            "items[4].id: expected text, found true", "items[5].authors[0].name: expected text, found a number (3)",
            "; 5 items left out, the other 2 items kept",
        ] {
            #expect(text.contains(part), "\(part) in \(text)")
        }
    }

    @Test(
        "a JSON Feed of the wrong shape is an error naming the field",
        arguments: [
            (#""x""#, "", "items: expected a list of items, found text ('x')"),
            ("[]", #", "home_page_url": 5"#, "home_page_url: expected text, found a number (5)"),
            ("[]", #", "author": "Mei""#, "author: expected an author (an object), found text ('Mei')"),
            ("[5]", "", "items[0]: expected an item (an object), found a number (5); no item read"),
        ])
    func jsonShape(items: String, extra: String, message: String) throws {
        let error = try #require(throws: CollectorError.self) {
            try FeedParser.parse(Self.jsonFeed(items, extra: extra), source: "q.json")
        }
        #expect(error.code == .malformed)
        #expect(error.message == message)
    }

    @Test("a JSON Feed without items is an error; malformed JSON names its line and column")
    func jsonMissingAndMalformed() throws {
        let missing = try #require(throws: CollectorError.self) {
            try FeedParser.parse(Data(#"{"version": "https://jsonfeed.org/version/1"}"#.utf8), source: "q.json")
        }
        #expect(missing.message == "items: missing (a feed lists items)")
        let malformed = try #require(throws: CollectorError.self) {
            try FeedParser.parse(
                Data("{\"version\": \"https://jsonfeed.org/version/1\",\n\"items\": [1,,]}".utf8), source: "q.json")
        }
        #expect(
            malformed.message.hasPrefix("malformed JSON, line 2, column 13 (byte 58): invalid value"), "\(malformed)")
    }
}
