import Composer
import Foundation
import Testing

@testable import Renderer

@Suite("Terminal preview")
struct TerminalRenderingTests {
    static let widths = [40, 60, 80, 120]
    static let styles = [
        TerminalOptions(color: true, hyperlinks: true), TerminalOptions(color: true, hyperlinks: false),
        TerminalOptions(color: false, hyperlinks: false),
    ]

    @Test("no line is wider than the terminal, at any width and style", arguments: widths, styles)
    func width(width: Int, style: TerminalOptions) throws {
        var options = style
        options.width = width
        let output = try Fixtures.renderer().terminal(Fixtures.issue(), for: nil, options: options)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count > 20)
        for line in lines {
            let visible = DisplayWidth.strippingEscapes(line)
            // Only a URL too long for any line may be wider: alone, whole, so it still works when copied.
            if isLoneURL(visible) { continue }
            #expect(DisplayWidth.of(visible) <= width, "\(DisplayWidth.of(visible)) > \(width): \(visible)")
            #expect(independentColumns(visible) <= width, "independently too wide: \(visible)")
        }
        if !style.hyperlinks || !style.color {
            let url = "<https://www.nikkei.example/article/boj-holds-rates>"
            #expect(lines.contains { DisplayWidth.strippingEscapes($0).contains(url) }, "the link is on one line")
        }
        // The CJK headline is there, whole once the wrapping is undone.
        let joined = lines.map { DisplayWidth.strippingEscapes($0).trimmingCharacters(in: .whitespaces) }.joined()
        #expect(joined.contains(Fixtures.japaneseHeadline))
    }

    @Test("the CJK headline really takes two columns a character", arguments: [40, 60])
    func cjkColumns(width: Int) throws {
        let output = try Fixtures.renderer().terminal(Fixtures.issue(), for: nil, options: .plain(width: width))
        let lines = output.split(separator: "\n").map(String.init)
        let headline = try #require(lines.first { $0.hasPrefix("日本銀行") })
        // 20 characters are 40 columns: at width 40 they just fit on one line, never more than 20 on a line.
        #expect(headline.count <= width / 2)
        #expect(independentColumns(headline) == headline.count * 2)
    }

    @Test("section rules span the full width", arguments: widths)
    func rules(width: Int) throws {
        let output = try Fixtures.renderer().terminal(Fixtures.issue(), for: nil, options: .plain(width: width))
        let lines = output.split(separator: "\n").map(String.init)
        let heading = try #require(lines.firstIndex(of: "Korean Peninsula"))
        #expect(lines[heading + 1] == String(repeating: "─", count: width))
    }

    @Test("without colour there is no escape byte at all", arguments: widths)
    func noColor(width: Int) throws {
        let options = TerminalOptions(width: width, color: false, hyperlinks: true)
        let output = try Fixtures.renderer().terminal(Fixtures.issue(), for: nil, options: options)
        #expect(!output.contains("\u{1B}"))
        let unwrapped = output.replacingOccurrences(of: "\n", with: "")
        #expect(unwrapped.contains("<https://www.nikkei.example/article/boj-holds-rates>"))
    }

    @Test("OSC 8 hyperlinks when asked, bold headlines and the theme's accent in 24-bit colour")
    func hyperlinks() throws {
        let output = try Fixtures.renderer().terminal(
            Fixtures.issue(), for: nil, options: TerminalOptions(width: 100, color: true, hyperlinks: true))
        #expect(output.contains("\u{1B}]8;;https://www.nikkei.example/article/boj-holds-rates\u{1B}\\"))
        #expect(output.contains("\u{1B}]8;;\u{1B}\\"))
        #expect(!output.contains("<https://www.nikkei.example"))
        #expect(output.contains("38;2;179;38;30"))  // #b3261e
        #expect(output.contains("\u{1B}[0;1m"))  // bold headline
        #expect(output.contains("\u{1B}[0;3m"))  // italic quote
        #expect(output.contains("\u{1B}[0;2m"))  // dim meta
        // Every line closes what it opened.
        for line in output.split(separator: "\n") where line.contains("\u{1B}[") {
            #expect(line.hasSuffix("\u{1B}[0m"))
        }
    }

    @Test("with colour but no hyperlinks, links fall back to text <url>")
    func fallback() throws {
        let output = try Fixtures.renderer().terminal(
            Fixtures.issue(), for: nil, options: TerminalOptions(width: 100, color: true, hyperlinks: false))
        #expect(!output.contains("\u{1B}]8;;"))
        #expect(output.contains("<https://www.nikkei.example/article/boj-holds-rates>"))
    }

    @Test("markup characters in data stay text, and the URL with parentheses survives")
    func markupInData() throws {
        let output = try Fixtures.renderer().terminal(Fixtures.issue(), for: nil, options: .plain(width: 200))
        #expect(
            output.contains(
                Fixtures.bracketHeadline + " <https://www.straitstimes.example/asia/asean-%28trade%29-explainer>"))
        #expect(output.contains("\n- Members are split on tariffs; # the summit is in December.\n"))
        #expect(output.contains("Q&A: What <script> tags"))
    }

    @Test("a width below the minimum is refused")
    func tooNarrow() throws {
        let renderer = try Fixtures.renderer()
        #expect(throws: RenderError.self) {
            try renderer.terminal(Fixtures.issue(), for: nil, options: .plain(width: 10))
        }
    }

    @Test("escape bytes inside article text never reach the terminal")
    func hostileText() throws {
        var issue = Fixtures.issue()
        issue.sections[0].stories[0].headline = "Bad \u{1B}]0;pwned\u{07}title \u{1B}[31mred"
        let output = try Fixtures.renderer().terminal(issue, for: nil, options: .plain(width: 80))
        #expect(!output.contains("\u{1B}"))
        #expect(!output.contains("\u{07}"))
    }
}

/// Whether a terminal line is one URL and nothing else (`<https://…>`).
func isLoneURL(_ line: String) -> Bool {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    return trimmed.contains("://") && !trimmed.contains(" ")
}
