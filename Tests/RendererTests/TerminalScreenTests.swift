import Composer
import Foundation
import Testing

@testable import Renderer

@Suite("What preview prints: the chosen rendering, and text made safe for a terminal")
struct TerminalScreenTests {
    @Test("control characters but tab become ?, C1 and DEL too; other text is kept")
    func printable() {
        #expect(Terminal.printable("a\tb") == "a\tb")
        #expect(Terminal.printable("x\u{1B}]52;c;AAAA\u{07}y") == "x?]52;c;AAAA?y")
        #expect(Terminal.printable("\u{7F}\u{9B}\u{A0}é") == "??\u{A0}é")
        #expect(Terminal.printable("line\nnext"[...]) == "line?next")
    }

    @Test("render gives each format as its own method does; the terminal one wrapped and styled as asked")
    func render() throws {
        let renderer = try Fixtures.renderer()
        let issue = Fixtures.issue()
        #expect(
            try renderer.render(issue, as: .html, for: nil, width: 80, styled: false) == renderer.html(issue, for: nil))
        #expect(
            try renderer.render(issue, as: .text, for: nil, width: 80, styled: false) == renderer.text(issue, for: nil))
        let plain = try renderer.render(issue, as: .terminal, for: nil, width: 50, styled: false)
        #expect(
            plain
                == (try renderer.terminal(
                    issue, for: nil, options: TerminalOptions(width: 50, color: false, hyperlinks: false))))
        #expect(!plain.contains("\u{1B}"))
        #expect(try renderer.render(issue, as: .terminal, for: nil, width: 50, styled: true).contains("\u{1B}["))
    }
}
