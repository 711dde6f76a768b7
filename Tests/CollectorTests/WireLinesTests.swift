import Foundation
import Testing

@testable import Collector

/// Wire copy sent as bare lines inside one `<p>`: summary points and crossheads without stops, pictures'
/// captions run into the paragraph after them, a newsletter box repeated under the story. The words are our own.
@Suite("Wire copy sent as bare lines")
struct WireLinesTests {
    @Test("a long summary point, or a crosshead where a unit starts, ends its paragraph; a wrapped line is joined")
    func lineUnits() {
        let html = """
            <p>Harbour Line said on Tuesday it would add two night crossings from Busan to Fukuoka from December.
            Here are the details:
            The company blamed the delay on a shortage of trained crew and on repairs to two of its older vessels at the Geoje yard last month
            It said fares would rise by about 5% from January to cover the higher cost of fuel and of the new crews it hired for the winter
            FARES AND ROUTES
            The night crossings leave Busan at 11 p.m., the port authority said.
            New Routes
            Fukuoka will get four more sailings a week from March, the operator said.</p>
            <p>Talks between the two port authorities and
            the ferry operators resumed on Monday, officials said.</p>
            <p>The yen weakened after
            Bank of Japan
            Governor Kazuo Ueda said rates would stay low.</p>
            <p>A studio sued the ferry operator in a Busan court on Thursday, saying the animated film it made last year was based on the operator's
            "Night Ferry" series and broke its trademarks.</p>
            <p>The port's chief executive gave the figures for the first time on Tuesday in a long interview, and his deputy told
            Reuters in Busan that the fares would rise.</p>
            <p>Fares rose for a third month in October as fuel costs climbed, the port authority's monthly survey of ten operators showed. FERRYWATCH
            Operators expect fares to rise again in the spring, the survey said.</p>
            <p>Harbour Line will start the night service in December, subject to the port authority's approval of its safety plan for the route
            If approved, the service would be the first overnight crossing since 2019, the company said</p>
            <p>Die Europäische Zentralbank erhöhte die Leitzinsen
            Ende Juli um einen Viertelpunkt.</p>
            <p>SK하이닉스의 HBM 매출이
            크게 늘었다.</p>
            <p>What does a fair handover look like? Ask the shareholders.
            THIS WEEK IN ASIA [USN:X1 TEXT:"Ferry fares rise as fuel costs climb"]
            [USN:X2 TEXT:"Busan opens its new cruise terminal"]
            Talks between the two ports [USN:X3 TEXT:"resumed on Monday"], officials said.</p>
            <p>한국은행은 17일 기준금리를
            연 2.5%로 동결했다고
            밝혔다.</p>
            <p>17 Aug 2026 06:18PM
            (Updated: 18 Aug 2026 03:12AM)</p>
            """
        let blocks = HTMLFragment.blocks(of: html)
        #expect(
            blocks == [
                "Harbour Line said on Tuesday it would add two night crossings from Busan to Fukuoka from December.",
                // The summary points get their stops back.
                "Here are the details: The company blamed the delay on a shortage of trained crew and on repairs to "
                    + "two of its older vessels at the Geoje yard last month.",
                "It said fares would rise by about 5% from January to cover the higher cost of fuel and of the new crews "
                    + "it hired for the winter.",
                "FARES AND ROUTES",
                "The night crossings leave Busan at 11 p.m., the port authority said.",
                "New Routes",
                "Fukuoka will get four more sailings a week from March, the operator said.",
                "Talks between the two port authorities and the ferry operators resumed on Monday, officials said.",
                // A link on a line of its own in the middle of a sentence is not a crosshead.
                "The yen weakened after Bank of Japan Governor Kazuo Ueda said rates would stay low.",
                // A long line broken before a quoted name, after a possessive, is one sentence.
                "A studio sued the ferry operator in a Busan court on Thursday, saying the animated film it made last "
                    + "year was based on the operator's \"Night Ferry\" series and broke its trademarks.",
                // A verb that wants its object does not end a point.
                "The port's chief executive gave the figures for the first time on Tuesday in a long interview, and his "
                    + "deputy told Reuters in Busan that the fares would rise.",
                // A point that ends on a tag, not prose, gets no stop.
                "Fares rose for a third month in October as fuel costs climbed, the port authority's monthly survey of "
                    + "ten operators showed. FERRYWATCH",
                "Operators expect fares to rise again in the spring, the survey said.",
                // The last point of a block: the line after it ends the block.
                "Harbour Line will start the night service in December, subject to the port authority's approval of its "
                    + "safety plan for the route.",
                "If approved, the service would be the first overnight crossing since 2019, the company said",
                // A sentence's first line is no crosshead, in German either; Korean with an acronym has no capitals.
                "Die Europäische Zentralbank erhöhte die Leitzinsen Ende Juli um einen Viertelpunkt.",
                "SK하이닉스의 HBM 매출이 크게 늘었다.",
                "What does a fair handover look like? Ask the shareholders.",
                "Talks between the two ports [USN:X3 TEXT:\"resumed on Monday\"], officials said.",
                // A script without capitals has no crossheads in capitals.
                "한국은행은 17일 기준금리를 연 2.5%로 동결했다고 밝혔다.",
                "17 Aug 2026 06:18PM (Updated: 18 Aug 2026 03:12AM)",
            ])
    }

    @Test("a time stamp on a line of its own goes, the bare `(Updated: …)` one too")
    func updatedStamp() {
        #expect(TextCleaner.isTimestamp("(Updated: 18 Aug 2026 03:12AM)"))
        #expect(TextCleaner.isTimestamp("17 Aug 2026 06:18PM (Updated: 18 Aug 2026 03:12AM)"))
        #expect(!TextCleaner.isTimestamp("(Updated with minister's comments in paragraph 4)"))
    }

    @Test("a caption and its credit at the head of a paragraph go, the story after them stays")
    func headCaptions() {
        let cleaner = TextCleaner()
        let paragraphs = [
            "Harbour Line opened its new terminal in Busan on Tuesday.",
            "A ferry leaves the new terminal in Busan, South Korea, November 17, 2026. REUTERS/Jane Doe The terminal "
                + "can handle 4,000 passengers a day, the operator said.",
            // The slash lost, and a crosshead with the next picture after the first.
            "Passengers queue at the gate in Busan, South Korea, November 16. REUTERSMin Lee NEW ROUTES A ferry docks "
                + "in Fukuoka, Japan, November 16, 2026. REUTERS/Kenji Sato/File Photo Fukuoka will get four more "
                + "sailings a week from March.",
            // A caption alone is `captionText`'s, and goes whole.
            "A ferry at sea off Busan, South Korea, November 17, 2026. REUTERS/Jane Doe",
            // Prose that only names an agency is left alone, even after a date (`EPA Administrator`, `Yonhap News`).
            "The agency said the ferries were full. REUTERS reported the figures first on Monday, citing the port.",
            "The new limits on soot take effect Monday, Jan. 5. EPA Administrator Lee Zeldin said the agency would "
                + "enforce them.",
            "The North fired a missile on Tuesday, Aug. 18. Yonhap News Agency, citing the South's military, said it "
                + "flew 300 km.",
            // A photographer's third name, and the `//File Photo` mark.
            // A third name and a body that opens on a name look alike: the paragraph is left whole.
            "A ferry in Busan, South Korea, November 17, 2026. REUTERS/Kim Min Jun Ferry operators said on Monday that "
                + "fares would rise.",
            "A ferry in Busan, South Korea, November 17, 2026. REUTERS/Kim Min-Su North Korea fired a missile on "
                + "Monday, the military said.",
            "A ferry in Busan, South Korea, November 17, 2026. REUTERS/Jane Doe//File Photo The terminal opened "
                + "in 2019 and cost $200 million.",
        ]
        #expect(
            cleaner.clean(paragraphs).paragraphs == [
                "Harbour Line opened its new terminal in Busan on Tuesday.",
                "The terminal can handle 4,000 passengers a day, the operator said.",
                "Fukuoka will get four more sailings a week from March.",
                "The agency said the ferries were full. REUTERS reported the figures first on Monday, citing the port.",
                "The new limits on soot take effect Monday, Jan. 5. EPA Administrator Lee Zeldin said the agency would "
                    + "enforce them.",
                "The North fired a missile on Tuesday, Aug. 18. Yonhap News Agency, citing the South's military, said "
                    + "it flew 300 km.",
                "A ferry in Busan, South Korea, November 17, 2026. REUTERS/Kim Min Jun Ferry operators said on Monday "
                    + "that fares would rise.",
                "A ferry in Busan, South Korea, November 17, 2026. REUTERS/Kim Min-Su North Korea fired a missile on "
                    + "Monday, the military said.",
                "The terminal opened in 2019 and cost $200 million.",
            ])
    }

    @Test("a caption whose credit repeats its File Photo mark is still a caption")
    func repeatedFileMark() {
        let caption = "The harbour office in Busan, South Korea, March 8, 2016. REUTERS/Min Lee/File Photo/File Photo"
        #expect(TextCleaner.captionText(caption) == "The harbour office in Busan, South Korea, March 8, 2016.")
    }

    @Test("a newsletter box repeated under the story goes, headings and all; a story's own lines stay")
    func repeatedFooter() {
        let story = [
            "Harbour Line opened its new terminal in Busan on Tuesday.",
            "The terminal can handle 4,000 passengers a day, the operator said.",
        ]
        let box = "Our editors pick the week's best reads for you every Sunday."
        let cleaner = TextCleaner()
        #expect(
            cleaner.clean(story + [box, "The Week in Ports", box, "Morning Brief"]).paragraphs == story)
        // Nothing repeated: a short last line stays (it may be the story's).
        #expect(cleaner.clean(story + ["Morning Brief"]).paragraphs == story + ["Morning Brief"])
        // A line repeated inside the story, not at its foot, stays.
        let quoted = "\"We had travellers sleeping in the terminal,\" he said."
        let body = [story[0], quoted, story[1], quoted, "Fares start at 89,000 won, the operator said."]
        #expect(cleaner.clean(body).paragraphs == body)
        // A list of results at the foot, a name in it twice, is the story's.
        let results = ["The results of the by-elections:", "Jongno", "Harbour Party", "Busan Jin", "Harbour Party"]
        #expect(cleaner.clean(story + results).paragraphs == story + results)
    }

    @Test("a line of wire links under a heading in capitals is a list; prose in a script without case is not")
    func linkLines() {
        #expect(TextCleaner.isLinkLine("THIS WEEK IN ASIA [USN:X1 TEXT:\"Ferry fares rise\"]"))
        #expect(TextCleaner.isLinkLine("[ID:nX2]"))
        #expect(!TextCleaner.isLinkLine("日銀はGDP見通しを据え置いた[ID:nX3]"))
        #expect(!TextCleaner.isLinkLine("Talks resumed [USN:X4 TEXT:\"on Monday\"], officials said."))
    }

    @Test("Further Reading starts the page's footer")
    func furtherReading() {
        #expect(TextCleaner.isTrailerStart("Further Reading"))
    }
}
