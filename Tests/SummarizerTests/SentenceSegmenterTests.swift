import Testing

@testable import Summarizer

@Suite("Splitting news text into sentences")
struct SentenceSegmenterTests {
    let segmenter = SentenceSegmenter()

    @Test(
        "sentence boundaries in news text",
        arguments: [
            ("Mr. Tan arrived. He spoke briefly.", ["Mr. Tan arrived.", "He spoke briefly."]),
            ("Dr. Lim and Prof. Ng agreed. Talks ended.", ["Dr. Lim and Prof. Ng agreed.", "Talks ended."]),
            ("Exports to the U.S. fell 3.5 per cent. Imports rose.", ["Exports to the U.S. fell 3.5 per cent.", "Imports rose."]),
            ("It sold for US$1.2 billion. Shares rose.", ["It sold for US$1.2 billion.", "Shares rose."]),
            ("The vote is on Nov. 21 in Hanoi. Results follow.", ["The vote is on Nov. 21 in Hanoi.", "Results follow."]),
            ("Trading opens at 9 a.m. local time. It closes at 3 p.m.", ["Trading opens at 9 a.m. local time.", "It closes at 3 p.m."]),
            ("\u{201C}We are ready.\u{201D} She left.", ["\u{201C}We are ready.\u{201D}", "She left."]),
            ("\"Is it over?\" he asked. Nobody knew.", ["\"Is it over?\" he asked.", "Nobody knew."]),
            ("Wait... what happened? It rained!", ["Wait... what happened?", "It rained!"]),
            ("See www.example.org/a.html for details. Or mail desk@example.org now.", ["See www.example.org/a.html for details.", "Or mail desk@example.org now."]),
            ("J. K. Lee led the team. It won.", ["J. K. Lee led the team.", "It won."]),
            ("Samsung Electronics Co. said profit rose. Analysts cheered.", ["Samsung Electronics Co. said profit rose.", "Analysts cheered."]),
            ("He moved to the U.S. The move was quiet.", ["He moved to the U.S.", "The move was quiet."]),
            ("Version 2.1.3 shipped. Bugs remain (see note 4.). Fixes follow.", ["Version 2.1.3 shipped.", "Bugs remain (see note 4.).", "Fixes follow."]),
            ("first line\nsecond line", ["first line", "second line"]),
            ("the yen fell . the nikkei rose .", ["the yen fell .", "the nikkei rose ."]),
            ("東京で会議が開かれた。結果は明日発表される。", ["東京で会議が開かれた。", "結果は明日発表される。"]),
            ("no full stop at all", ["no full stop at all"]),
            ("", []),
        ])
    func boundaries(text: String, expected: [String]) {
        #expect(segmenter.sentences(in: text) == expected)
    }
}
