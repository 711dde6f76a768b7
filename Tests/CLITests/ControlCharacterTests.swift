import DigestTestSupport
import Foundation
import Testing

@Suite("Control characters from input never reach the terminal")
struct ControlCharacterTests {
    static let escape = "\u{1B}]52;c;aGVsbG8=\u{07}"

    @Test("a feed title with an OSC 52 sequence is printed by collect without it")
    func feedTitle() throws {
        let copy = try NewsletterCopy()
        let feed = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "Wire\(Self.escape.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined())",
             "items": [{"id": "a1", "title": "Port reopens", "date_published": "2026-11-18T03:00:00Z",
                        "content_text": "The port reopened on Wednesday after a three-day closure, officials said."}]}
            """
        let file = try copy.folder.write(feed, to: "feed.json")
        let result = try copy.run(["collect", file.path, "--verbose"])
        #expect(result.succeeded, "\(result)")
        #expect(!result.stdout.contains("\u{1B}") && !result.stderr.contains("\u{1B}"), "\(result)")
        #expect(!result.stdout.contains("\u{07}"))
        #expect(result.stdout.contains("]52;c;aGVsbG8="), "the title is shown, its escape made harmless")
    }

    @Test("summarize --split prints a text's sentences without its escape sequences")
    func splitSentences() throws {
        let copy = try NewsletterCopy()
        let file = try copy.folder.write(
            "The vote was held on Monday.\(Self.escape) Results come on Friday.\u{1B}[2J", to: "text.txt")
        let result = try copy.run(["summarize", "--split", file.path])
        #expect(result.succeeded, "\(result)")
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{07}"), "\(result)")
    }

    @Test("a --source with a control character is refused")
    func source() throws {
        let copy = try NewsletterCopy()
        let result = try copy.run(["subscribers", "add", "new@example.com", "--source", "x\u{1B}[31m"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("--source: 'x?[31m' contains a control character"), "\(result)")
    }
}
