import Composer
import Foundation
import Testing

@testable import Renderer

@Suite("Plain-text email")
struct PlainTextRenderingTests {
    /// Lines over 72 columns are allowed only when they are a lone URL longer than that.
    static func overlongLines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { line in
            guard DisplayWidth.of(line) > 72 else { return false }
            let isLoneURL = line.hasPrefix("https://") && !line.contains(" ")
            return !isLoneURL
        }
    }

    @Test("no line is wider than 72 columns, CJK counted double")
    func width() throws {
        let text = try Fixtures.renderer().text(Fixtures.issue(), for: nil)
        #expect(Self.overlongLines(text).isEmpty, "\(Self.overlongLines(text))")
        for line in text.split(separator: "\n") where independentColumns(String(line)) > 72 {
            #expect(line.hasPrefix("https://"), "too wide: \(line)")
        }
    }

    @Test("every story URL is a numbered footnote, and its headline carries the number")
    func footnotes() throws {
        let text = try Fixtures.renderer().text(Fixtures.issue(), for: nil)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let linksStart = try #require(lines.firstIndex(of: "LINKS"))
        let footer = lines[linksStart...].joined(separator: "\n")
        for url in Fixtures.storyURLs {
            let unwrapped = footer.replacingOccurrences(of: "\n", with: " ")
            let pattern = try #require(unwrapped.range(of: url), "no footnote for \(url)")
            let before = unwrapped[..<pattern.lowerBound].suffix(8)
            #expect(before.contains("]"), "footnote for \(url) has no [n]: \(before)")
        }
        // The top story is number 1 and keeps it (not listed again under Japan).
        #expect(text.contains("[1] https://www.nikkei.example/article/boj-holds-rates"))
        #expect(text.contains("小動き [1]"))
        #expect(text.contains("* China's retail sales grow 3.1% as Singles' Day discounts fade [2]"))
        // The story without a link gets no number.
        #expect(text.contains("* Shenzhen opens a second cross-border rail link\n"))
    }

    @Test("a URL longer than the line stands alone, unsplit; shorter ones are never split")
    func urls() throws {
        let text = try Fixtures.renderer().text(Fixtures.issue(), for: nil)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains(Fixtures.longURL))
        for url in Fixtures.storyURLs where url.count <= 72 {
            #expect(lines.contains { $0.contains(url) }, "split: \(url)")
        }
    }

    @Test("text is not HTML-escaped; sections are upper-cased and underlined")
    func content() throws {
        let text = try Fixtures.renderer().text(Fixtures.issue(), for: nil)
        #expect(text.contains("Q&A: What <script> tags"))
        #expect(!text.contains("&amp;"))
        #expect(!text.contains("&lt;"))
        #expect(text.contains("KOREAN PENINSULA\n================\n"))
        #expect(text.contains("SOUTHEAST ASIA\n==============\n"))
        #expect(text.contains("We will not let Q&A sessions replace real oversight."))
    }

    @Test("bullet lines wrap with a hanging indent")
    func hangingIndent() throws {
        let text = try Fixtures.renderer().text(Fixtures.issue(), for: nil)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("* Vietnam's coffee harvest") })
        #expect(lines[start + 1].hasPrefix("  ") && !lines[start + 1].hasPrefix("   "))
        #expect(lines[start + 1].trimmingCharacters(in: .whitespaces).count > 0)
    }

    @Test(
        "the wrapper keeps URLs whole and folds CJK without breaking before 、。",
        arguments: [20, 30, 41, 72])
    func wrapper(width: Int) {
        let line = "- 日本銀行が金利を据え置き、円相場は小動き。See https://example.com/a/b/c for more, 詳しくは。"
        let wrapped = PlainTextLayout.format(line, width: width)
        for row in wrapped.split(separator: "\n") {
            #expect(DisplayWidth.of(row) <= width || row == "https://example.com/a/b/c")
            #expect(!row.trimmingCharacters(in: .whitespaces).hasPrefix("、"))
            #expect(!row.trimmingCharacters(in: .whitespaces).hasPrefix("。"))
        }
        #expect(wrapped.contains("https://example.com/a/b/c"))
        #expect(wrapped.replacingOccurrences(of: "\n  ", with: "").contains("円相場は小動き。"))
    }
}
