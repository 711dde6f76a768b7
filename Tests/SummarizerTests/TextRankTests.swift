import Testing

@testable import Summarizer

@Suite("TextRank's links and length weight")
struct TextRankTests {
    @Test("sentences that share only a figure are not linked; sharing a word links them")
    func figuresDoNotLink() {
        let scorer = TextRankScorer(lengthWeight: 0)
        let byFigure = SentenceFeatures(sentences: [
            "Harbour cranes unloaded 2041 containers overnight.",
            "Orchard growers picked 2041 baskets of plums.",
            "Lantern makers painted silk shades.",
        ])
        let unlinked = scorer.scores(for: byFigure)
        #expect(unlinked.count == 3)
        #expect(unlinked.allSatisfy { abs($0 - unlinked[0]) < 1e-9 })

        let byWord = SentenceFeatures(sentences: [
            "Harbour cranes unloaded containers overnight.",
            "Orchard growers unloaded baskets of plums.",
            "Lantern makers painted silk shades.",
        ])
        let linked = scorer.scores(for: byWord)
        #expect(linked[0] > linked[2] + 0.1)
        #expect(abs(linked[0] - linked[1]) < 1e-9)
    }

    @Test("shared terms leave figures out when asked, on small articles' bit sets and large ones' lists")
    func sharedTermsWithoutFigures() {
        let pair = ["Cranes unloaded 2041 boxes at Haiphong.", "Cranes loaded 2041 crates near Haiphong."]
        // Thousands of distinct made-up words ("Zqklmn.") turn the bit sets off.
        let filler = (1000..<3000).map { number in
            "Zq" + String(number).map { String(UnicodeScalar(UInt8(ascii: "k") + UInt8(String($0))!)) }.joined() + "."
        }
        for sentences in [pair, pair + filler] {
            let features = SentenceFeatures(sentences: sentences)
            #expect(features.sharedTermCount(0, 1) == 3)
            #expect(features.sharedTermCount(0, 1, countingFigures: false) == 2)
        }
        #expect(SentenceFeatures(sentences: pair + filler).termSetWords == 0)
    }

    @Test("of two equally central sentences the fuller one ranks first, unless the weight is 0")
    func fullerSentenceFirst() {
        let features = SentenceFeatures(sentences: [
            "Monsoon ferries resumed.",
            "Monsoon ferries resumed crossings between island villages after calmer weather returned.",
        ])
        let plain = TextRankScorer(lengthWeight: 0).scores(for: features)
        #expect(abs(plain[0] - plain[1]) < 1e-9)
        let weighed = TextRankScorer().scores(for: features)
        #expect(weighed[1] > weighed[0])
    }

    @Test("length counts every word a reader reads, not only the content terms")
    func lengthInWords() {
        // The same three content terms; the second says them in a full sentence.
        let features = SentenceFeatures(sentences: [
            "Ferries resumed crossings.",
            "The ferries had resumed all of their crossings.",
        ])
        let plain = TextRankScorer(lengthWeight: 0, titleWeight: 0).scores(for: features)
        #expect(abs(plain[0] - plain[1]) < 1e-9)
        let weighed = TextRankScorer().scores(for: features)
        #expect(weighed[1] > weighed[0] + 0.05)
    }

    @Test("the headline's subject breaks a near tie, and only by a little")
    func titleBreaksTies() {
        let sentences = [
            "Harbour cranes unloaded containers at the river port overnight.",
            "Orchard growers unloaded baskets of plums at the river port.",
        ]
        let untitled = TextRankScorer().scores(for: SentenceFeatures(sentences: sentences))
        #expect(abs(untitled[0] - untitled[1]) < 0.05)
        let titled = TextRankScorer().scores(for: SentenceFeatures(sentences: sentences, titles: ["Plum growers"]))
        #expect(titled[1] > titled[0])
        #expect(titled[1] - untitled[1] <= 0.1 + 1e-9)
        let unweighted = TextRankScorer(titleWeight: 0).scores(
            for: SentenceFeatures(sentences: sentences, titles: ["Plum growers"]))
        #expect(zip(unweighted, untitled).allSatisfy { abs($0 - $1) < 1e-9 })
    }
}
