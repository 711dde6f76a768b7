import Testing

@testable import Renderer

@Suite("Long words")
struct LongWordTests {
    /// A crafted headline of one 200,000-character word took minutes to wrap (each character copied
    /// the word so far); it must wrap in one pass. The limit only guards against a hang.
    @Test("a word far longer than the line is cut into full lines, in one pass", .timeLimit(.minutes(1)))
    func hugeWord() {
        let word = String(repeating: "A", count: 200_000)
        let lines = LineWrapper(width: 72).wrap(Cell.cells("Seoul " + word + " rally"))
        #expect(lines.allSatisfy { LineWrapper.width(of: $0) <= 72 })
        #expect(lines.map { $0.filter { $0.character == "A" }.count }.reduce(0, +) == 200_000)
        let first = String(lines.first.map { $0.map(\.character) } ?? [])
        let last = String(lines.last.map { $0.map(\.character) } ?? [])
        #expect(first == "Seoul", "the long word starts a line of its own")
        #expect(last.hasSuffix(" rally"))
    }
}
