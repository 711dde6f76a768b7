import Testing

@testable import Renderer

@Suite("Display width")
struct DisplayWidthTests {
    @Test(
        "one grapheme cluster takes the columns a terminal gives it",
        arguments: [
            ("a", 1), ("é", 1), ("e\u{301}", 1), ("\u{301}", 0), ("日", 2), ("が", 2), ("、", 2), ("한", 2),
            ("\u{1100}\u{1161}\u{11A8}", 2), ("ｱ", 1), ("Ａ", 2), ("￥", 2), ("😀", 2), ("🇯🇵", 2),
            ("👨‍👩‍👧", 2), ("👍🏽", 2), ("☀\u{FE0F}", 2), ("☀", 1), ("1\u{FE0F}\u{20E3}", 2), ("\u{200B}", 0),
            ("─", 1), ("·", 1), ("—", 1), ("\u{1B}", 0), ("𠮷", 2),
        ] as [(String, Int)])
    func grapheme(text: String, columns: Int) throws {
        let character = try #require(text.first)
        #expect(text.count == 1)
        #expect(DisplayWidth.of(character) == columns)
    }

    @Test("a string's width is the sum of its clusters")
    func string() {
        #expect(DisplayWidth.of("日本銀行が金利を据え置き、円相場は小動き") == 40)
        #expect(DisplayWidth.of("Q&A 🇰🇷") == 6)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test("escape sequences are stripped before measuring")
    func stripping() {
        let styled =
            "\u{1B}[0;1;38;2;179;38;30mHello\u{1B}[0m \u{1B}]8;;https://a.example/x\u{1B}\\日本\u{1B}]8;;\u{1B}\\"
        #expect(DisplayWidth.strippingEscapes(styled) == "Hello 日本")
        #expect(DisplayWidth.of(DisplayWidth.strippingEscapes(styled)) == 10)
        #expect(DisplayWidth.strippingEscapes("bell \u{1B}]8;;u\u{07}t") == "bell t")
    }
}
