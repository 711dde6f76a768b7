import Composer
import Foundation
import Testing

@testable import Renderer

@Suite("The editor's note")
struct EditorsNoteTests {
    static let note = """
        **A word from the desk.** This week we follow the [central banks](https://example.com/banks) \
        and *one* election.

        - Next week: the budget
        - Write to us at [the desk](mailto:desk@example.com)

        Typed markup stays text: <script>alert(1)</script> and a [bad link](javascript:alert(1)).
        """

    func issue() -> ComposedIssue {
        var issue = Fixtures.issue()
        issue.editorsNote = Self.note
        return issue
    }

    @Test("the note is under the masthead in the HTML, with its emphasis and web links, and nothing injected")
    func html() throws {
        let html = try Fixtures.renderer().html(issue(), for: nil)
        let note = try #require(html.range(of: "A word from the desk."))
        let top = try #require(html.range(of: "Top story"))
        #expect(note.lowerBound < top.lowerBound)
        #expect(html.contains("<strong>A word from the desk.</strong>"))
        #expect(html.contains(#"href="https://example.com/banks">central banks</a>"#))
        #expect(html.contains(#"href="mailto:desk@example.com">the desk</a>"#))
        #expect(html.contains("<li>Next week: the budget</li>"))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("bad link"))
        // Without a note there is no empty box.
        #expect(!(try Fixtures.renderer().html(Fixtures.issue(), for: nil)).contains("da-note"))
    }

    @Test("the plain-text part and the terminal show the note as paragraphs, links written out")
    func textAndTerminal() throws {
        let renderer = try Fixtures.renderer()
        for output in [
            try renderer.text(issue(), for: nil),
            try renderer.terminal(issue(), for: nil, options: .plain(width: 100)),
        ] {
            let flat = output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(
                flat.contains("A word from the desk. This week we follow the central banks (https://example.com/banks)")
            )
            #expect(flat.contains("- Next week: the budget"))
            #expect(!flat.contains("**"))
            let note = try #require(flat.range(of: "A word from the desk."))
            let top = try #require(flat.range(of: "TOP STORY") ?? flat.range(of: "Top story"))
            #expect(note.lowerBound < top.lowerBound)
        }
    }
}
