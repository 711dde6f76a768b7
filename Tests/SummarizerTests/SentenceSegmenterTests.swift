import Foundation
import Testing

@testable import Summarizer

/// One segmentation case: a text and the sentences it must split into.
struct SegmentationCase: CustomTestStringConvertible, Sendable {
    let text: String
    let sentences: [String]

    init(_ text: String, _ sentences: [String]) {
        self.text = text
        self.sentences = sentences
    }

    var testDescription: String { String(text.prefix(60)) }
}

/// The table: news prose, abbreviations, numbers, quotations, tokenised corpora, other scripts.
let segmentationTable: [SegmentationCase] = [
    // Titles and abbreviations.
    .init("Mr. Tan arrived. He spoke briefly.", ["Mr. Tan arrived.", "He spoke briefly."]),
    .init("Dr. Lim and Prof. Ng agreed. Talks ended.", ["Dr. Lim and Prof. Ng agreed.", "Talks ended."]),
    .init("Mrs. Ono met Ms. Park. They talked.", ["Mrs. Ono met Ms. Park.", "They talked."]),
    .init("Gen. Prayuth and Sen. Warren spoke.", ["Gen. Prayuth and Sen. Warren spoke."]),
    .init("Lt. Col. Reyes led the unit. It held.", ["Lt. Col. Reyes led the unit.", "It held."]),
    .init("Rev. King spoke at St. Paul's. Crowds came.", ["Rev. King spoke at St. Paul's.", "Crowds came."]),
    .init("Sammy Davis Jr. sang. The crowd cheered.", ["Sammy Davis Jr. sang.", "The crowd cheered."]),
    .init(
        "Samsung Electronics Co. said profit rose. Analysts cheered.",
        ["Samsung Electronics Co. said profit rose.", "Analysts cheered."]),
    .init("Apple Inc. The company said sales grew.", ["Apple Inc.", "The company said sales grew."]),
    .init(
        "Exports to the U.S. fell 3.5 per cent. Imports rose.",
        ["Exports to the U.S. fell 3.5 per cent.", "Imports rose."]),
    .init("He moved to the U.S. The move was quiet.", ["He moved to the U.S.", "The move was quiet."]),
    .init("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
    .init("The U.N. Security Council met on Monday.", ["The U.N. Security Council met on Monday."]),
    .init("Apples, pears, etc. The list goes on.", ["Apples, pears, etc.", "The list goes on."]),
    .init("Fruit, e.g. apples, sold well. Prices fell.", ["Fruit, e.g. apples, sold well.", "Prices fell."]),
    .init("Smith et al. found a link. Others did not.", ["Smith et al. found a link.", "Others did not."]),
    .init("Team A beat Team B, i.e. the champions.", ["Team A beat Team B, i.e. the champions."]),
    .init("It was Liverpool vs. Everton. Liverpool won.", ["It was Liverpool vs. Everton.", "Liverpool won."]),
    .init("He lives at No. 10 Downing St. now.", ["He lives at No. 10 Downing St. now."]),
    .init(
        "The Sr. Silva e a Dra. Costa chegaram. Foi rápido.", ["The Sr. Silva e a Dra. Costa chegaram.", "Foi rápido."]),
    // Dates and times.
    .init("The vote is on Nov. 21 in Hanoi. Results follow.", ["The vote is on Nov. 21 in Hanoi.", "Results follow."]),
    .init("It began on Jan. 5, 2026, in Seoul.", ["It began on Jan. 5, 2026, in Seoul."]),
    .init(
        "Trading opens at 9 a.m. local time. It closes at 3 p.m.",
        ["Trading opens at 9 a.m. local time.", "It closes at 3 p.m."]),
    .init("The market shut at 4 p.m. Shares had fallen.", ["The market shut at 4 p.m.", "Shares had fallen."]),
    .init("Talks start at 10 a.m. Friday in Jakarta.", ["Talks start at 10 a.m. Friday in Jakarta."]),
    .init("Flights resume at 6 a.m. GMT on Sunday.", ["Flights resume at 6 a.m. GMT on Sunday."]),
    // Initials.
    .init("J. K. Lee led the team. It won.", ["J. K. Lee led the team.", "It won."]),
    .init("Robert E. Lee surrendered. The war ended.", ["Robert E. Lee surrendered.", "The war ended."]),
    .init("George W. Bush visited Tokyo. He left on Sunday.", ["George W. Bush visited Tokyo.", "He left on Sunday."]),
    // Numbers, money, versions.
    .init("It sold for US$1.2 billion. Shares rose.", ["It sold for US$1.2 billion.", "Shares rose."]),
    .init("Growth was 2.5%. The yen fell.", ["Growth was 2.5%.", "The yen fell."]),
    .init(
        "The index fell 0.7 points to 3,215.44. Bonds rose.", ["The index fell 0.7 points to 3,215.44.", "Bonds rose."]),
    .init("It cost S$4.50. That was cheap.", ["It cost S$4.50.", "That was cheap."]),
    .init("Version 2.1.3 shipped. Bugs remain.", ["Version 2.1.3 shipped.", "Bugs remain."]),
    .init("Rates rose 25 bp. to 5.5 per cent.", ["Rates rose 25 bp. to 5.5 per cent."]),
    .init("He came 3rd. His rival won.", ["He came 3rd.", "His rival won."]),
    .init("In 2024. The year after, it fell.", ["In 2024.", "The year after, it fell."]),
    // URLs and e-mail.
    .init(
        "See www.example.org/a.html for details. Or mail desk@example.org now.",
        ["See www.example.org/a.html for details.", "Or mail desk@example.org now."]),
    .init(
        "Visit https://news.example.com/x?id=1. Then reload.",
        ["Visit https://news.example.com/x?id=1.", "Then reload."]),
    .init("Write to tips@paper.co.uk. We reply.", ["Write to tips@paper.co.uk.", "We reply."]),
    .init("Amazon.com Inc. grew. eBay did not.", ["Amazon.com Inc. grew.", "eBay did not."]),
    // Quotations.
    .init("\u{201C}We are ready.\u{201D} She left.", ["\u{201C}We are ready.\u{201D}", "She left."]),
    .init("\"Is it over?\" he asked. Nobody knew.", ["\"Is it over?\" he asked.", "Nobody knew."]),
    .init("\"Go!\" she shouted. They ran.", ["\"Go!\" she shouted.", "They ran."]),
    .init(
        "He said: \"It is over. We lost.\" Then he left.", ["He said: \"It is over.", "We lost.\"", "Then he left."]),
    .init("'We won,' he said. 'Again.'", ["'We won,' he said.", "'Again.'"]),
    .init(
        "\u{201C}Why?\u{201D} asked Kim. \u{201C}Because.\u{201D}",
        ["\u{201C}Why?\u{201D} asked Kim.", "\u{201C}Because.\u{201D}"]),
    .init("«Vamos.» Ele saiu.", ["«Vamos.»", "Ele saiu."]),
    // Ellipses and runs.
    .init("Wait... what happened? It rained!", ["Wait... what happened?", "It rained!"]),
    .init("He paused... Then he left.", ["He paused...", "Then he left."]),
    .init("It was\u{2026} odd. Very odd.", ["It was\u{2026} odd.", "Very odd."]),
    .init("Really?! Yes. Wow!!! Fine.", ["Really?!", "Yes.", "Wow!!!", "Fine."]),
    .init("Yahoo! said profit rose.", ["Yahoo! said profit rose."]),
    // Brackets.
    .init("Bugs remain (see note 4.). Fixes follow.", ["Bugs remain (see note 4.).", "Fixes follow."]),
    .init("He won. (The vote was close.) She conceded.", ["He won.", "(The vote was close.)", "She conceded."]),
    .init(
        "Profit rose (up 5.2 per cent) in March. Sales fell.",
        ["Profit rose (up 5.2 per cent) in March.", "Sales fell."]),
    // Lists and lines.
    .init("1. Buy rice\n2. Sell bonds", ["1. Buy rice", "2. Sell bonds"]),
    .init("a. First point\nb. Second point", ["a. First point", "b. Second point"]),
    .init("- Rates held.\n- Yen fell.", ["- Rates held.", "- Yen fell."]),
    .init("first line\nsecond line", ["first line", "second line"]),
    .init("One.\r\nTwo.\r\n\r\nThree.", ["One.", "Two.", "Three."]),
    .init("Para one.\u{2029}Para two.", ["Para one.", "Para two."]),
    // Datelines stay in the sentence (the summarizer drops them).
    .init(
        "SEOUL, Jan. 5 (Yonhap) -- Exports rose. Imports fell.",
        ["SEOUL, Jan. 5 (Yonhap) -- Exports rose.", "Imports fell."]),
    .init("(CNN)A man was arrested. Police said so.", ["(CNN)A man was arrested.", "Police said so."]),
    // Lower-cased, tokenised text (the CNN/DailyMail test release).
    .init("the yen fell . the nikkei rose .", ["the yen fell .", "the nikkei rose ."]),
    .init("-lrb- cnn -rrb- the yen fell . bonds rose .", ["-lrb- cnn -rrb- the yen fell .", "bonds rose ."]),
    .init("`` we won , '' he said . `` again . ''", ["`` we won , '' he said .", "`` again . ''"]),
    .init("`` it is over . '' he left .", ["`` it is over . ''", "he left ."]),
    .init("`` is it over ? '' he asked . nobody knew .", ["`` is it over ? '' he asked .", "nobody knew ."]),
    .init("he moved to the u.s. last year . it rained .", ["he moved to the u.s. last year .", "it rained ."]),
    .init("mr. smith arrived . he spoke .", ["mr. smith arrived .", "he spoke ."]),
    .init("said peter m.f . mbithi in a statement .", ["said peter m.f . mbithi in a statement ."]),
    .init("shares rose 3.5 % . bonds fell .", ["shares rose 3.5 % .", "bonds fell ."]),
    .init(
        "it ended -lrb- see below . -rrb- then it rained .", ["it ended -lrb- see below . -rrb-", "then it rained ."]),
    .init("mr. tan arrived. he spoke briefly.", ["mr. tan arrived.", "he spoke briefly."]),
    .init("it rained ... heavily ! we left .", ["it rained ... heavily !", "we left ."]),
    .init("wait ... the roof fell !", ["wait ...", "the roof fell !"]),
    // Other scripts.
    .init("東京で会議が開かれた。結果は明日発表される。", ["東京で会議が開かれた。", "結果は明日発表される。"]),
    .init("「行く」と彼は言った。皆が笑った！本当？", ["「行く」と彼は言った。", "皆が笑った！", "本当？"]),
    .init("北京消息。会议结束", ["北京消息。", "会议结束"]),
    .init("O Banco Central cortou a taxa. A inflação caiu.", ["O Banco Central cortou a taxa.", "A inflação caiu."]),
    .init("Él llegó. ¿Por qué? No sé.", ["Él llegó.", "¿Por qué?", "No sé."]),
    .init("Die Bank senkte den Zins. Der Euro fiel.", ["Die Bank senkte den Zins.", "Der Euro fiel."]),
    .init("Привет. Как дела?", ["Привет.", "Как дела?"]),
    // Edges.
    .init("no full stop at all", ["no full stop at all"]),
    .init("", []),
    .init("   \n\n  ", []),
    .init("...", ["..."]),
    .init("End.", ["End."]),
    .init("A sentence.   Another one.", ["A sentence.", "Another one."]),
]

@Suite("Splitting news text into sentences")
struct SentenceSegmenterTests {
    let segmenter = SentenceSegmenter()

    @Test("sentence boundaries in news text", arguments: segmentationTable)
    func boundaries(_ item: SegmentationCase) {
        #expect(segmenter.sentences(in: item.text) == item.sentences)
    }

    @Test("the table is broad")
    func tableSize() {
        #expect(segmentationTable.count >= 80)
    }

    @Test("a text with no full stops is cut into pieces no longer than the limit, at spaces")
    func longSentence() {
        let text = String(repeating: "word ", count: 2_000)
        let pieces = SentenceSegmenter(maximumLength: 200).sentences(in: text)
        #expect(pieces.count > 40)
        #expect(pieces.allSatisfy { $0.utf8.count <= 200 && !$0.hasPrefix(" ") && !$0.hasSuffix(" ") })
        #expect(pieces.joined(separator: " ") == text.trimmingCharacters(in: .whitespaces))
    }

    @Test("an unspaced script without punctuation is cut at the limit, never inside a character")
    func longJapanese() {
        let text = String(repeating: "会議", count: 500)
        let pieces = SentenceSegmenter(maximumLength: 100).sentences(in: text)
        #expect(pieces.count == 31)
        #expect(pieces.allSatisfy { $0.utf8.count <= 100 })
        #expect(pieces.joined() == text)
    }

    @Test(
        "paragraphs keep their own sentences",
        arguments: [("One. Two.\nThree.", [["One.", "Two."], ["Three."]]), ("\nA.\n\nB.\n", [["A."], ["B."]])])
    func paragraphs(text: String, expected: [[String]]) {
        #expect(segmenter.sentencesByParagraph(in: text) == expected)
    }

    @Test(
        "a leading dateline is removed",
        arguments: [
            ("LONDON (Reuters) - Shares fell.", "Shares fell."),
            ("(CNN)A man was arrested.", "A man was arrested."),
            ("nairobi , kenya ( cnn ) university students fled .", "university students fled ."),
            ("-lrb- cnn -rrb- -- the yen fell .", "the yen fell ."),
            ("WASHINGTON \u{2014} The Senate voted.", "The Senate voted."),
            ("SÃO PAULO, Brazil - Prices rose.", "Prices rose."),
            ("[SEOUL] Exports rose.", "Exports rose."),
            ("SEOUL, Jan. 5 (Yonhap) -- Exports rose.", "Exports rose."),
            ("Washington - the city - is calm.", "Washington - the city - is calm."),
            ("The firm (Reuters said) grew.", "The firm (Reuters said) grew."),
            ("He said the plan (by CNN) failed.", "He said the plan (by CNN) failed."),
            ("(CNN)", "(CNN)"),
            ("SHANGHAI/BEIJING: Shares in the robot maker jumped.", "Shares in the robot maker jumped."),
            ("ZANDVOORT, Netherlands, Aug 21 : The champion took pole.", "The champion took pole."),
            ("Washington (CNN) \u{2014} The Senate voted.", "The Senate voted."),
            ("NATO: Allies agree to spend more.", "NATO: Allies agree to spend more."),
            ("US: Allies agree.", "US: Allies agree."),
            ("Shares of the carmaker (AP) fell.", "Shares of the carmaker (AP) fell."),
            ("Aug 18: Talks collapse.", "Aug 18: Talks collapse."),
        ])
    func dateline(sentence: String, expected: String) {
        #expect(SentenceSegmenter.removingDateline(from: sentence) == expected)
    }
}
