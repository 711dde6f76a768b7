import Testing

@testable import Summarizer

private let article = """
    The central bank of Sri Lanka cut its policy rate by 50 basis points on Wednesday to support a slowing recovery.
    The bank said inflation had stayed below its 5 per cent target for six months.
    Governor-appointed economists expect one more cut before the middle of next year.
    The rupee was steady after the decision.
    The central bank of Sri Lanka cut its policy rate by 50 basis points, the bank said on Wednesday.
    Tea exports rose in October.
    """

@Suite("Picking key sentences")
struct SummarizerTests {
    @Test("a summary has at most the budget, in reading order, without repeating itself")
    func budgetOrderRedundancy() {
        let summary = Summarizer().summarize(article, title: "Sri Lanka cuts policy rate", sentences: 3)
        #expect(summary.count == 3)
        #expect(summary.first == "The central bank of Sri Lanka cut its policy rate by 50 basis points on Wednesday to support a slowing recovery.")
        #expect(!summary.contains("The central bank of Sri Lanka cut its policy rate by 50 basis points, the bank said on Wednesday."))
        let sentences = SentenceSegmenter().sentences(in: article)
        let positions = summary.compactMap { sentences.firstIndex(of: $0) }
        #expect(positions == positions.sorted())
    }

    @Test("lead keeps the first sentences")
    func lead() {
        let summary = Summarizer(scorer: LeadScorer()).summarize(article, sentences: 2)
        #expect(summary == Array(SentenceSegmenter().sentences(in: article).prefix(2)))
    }

    @Test("the same input gives the same output")
    func deterministic() {
        let runs = (0..<5).map { _ in Summarizer().summarize(article, title: "Rates", sentences: 2) }
        #expect(Set(runs.map { $0.joined(separator: "|") }).count == 1)
    }

    @Test("edge cases give sensible output", arguments: ["", "One sentence only", "短い記事です。", String(repeating: "word ", count: 20_000)])
    func edgeCases(text: String) {
        let summary = Summarizer().summarize(text, sentences: 3)
        #expect(summary.count <= 3)
        #expect(text.trimmingCharacters(in: .whitespaces).isEmpty == summary.isEmpty)
    }
}
