import Foundation
import Testing

@testable import Summarizer

@Suite("Summarising a JSONL batch")
struct SummaryBatchTests {
    static let article = """
        The city council approved a new budget for public parks on Monday. The plan adds three parks in the \
        north of the city. Critics said the money should go to buses instead. The mayor said work starts in \
        spring. Residents will be asked to name the parks.
        """

    @Test("lines are read with their ids (numbers kept as digits), blank lines passed over, a bad line named by number")
    func parse() throws {
        let text = "{\"id\":7,\"text\":\"A.\"}\n\n  \r\n{\"id\":\"b\",\"text\":\"B.\",\"title\":\"T\"}\n"
        let batch = try SummaryBatch(jsonLines: Data(text.utf8), source: "in.jsonl")
        #expect(batch.items == [.init(id: "7", text: "A."), .init(id: "b", text: "B.", title: "T")])
        do {
            _ = try SummaryBatch(jsonLines: Data("{\"id\":1,\"text\":\"A.\"}\n\nnot json\n".utf8), source: "in.jsonl")
            Issue.record("a line that is not JSON must be an error")
        } catch {
            #expect(error.code == .malformedLine)
            #expect(error.description == "in.jsonl:3: not an {\"id\", \"text\"} JSON line")
        }
        do {
            _ = try SummaryBatch(contentsOf: "/nonexistent/batch.jsonl")
            Issue.record("a missing file must be an error")
        } catch {
            #expect(error.description == "/nonexistent/batch.jsonl: cannot read the file")
        }
    }

    @Test("summaries come back in input order whatever the threads, each as the summarizer gives it")
    func order() throws {
        let items = (0..<24).map { SummaryBatch.Item(id: "\($0)", text: Self.article + " Item \($0) is here.") }
        let batch = SummaryBatch(items: items)
        let summarizer = Summarizer()
        let alone = batch.summaries(by: summarizer, budget: .sentences(2), threads: 1)
        let parallel = batch.summaries(by: summarizer, budget: .sentences(2), threads: 4)
        #expect(parallel == alone)
        #expect(alone[5] == summarizer.summarize(items[5].text, budget: .sentences(2)).joined(separator: "\n"))
        #expect(batch.threads(jobs: 100) == 24)
        #expect(SummaryBatch(items: []).threads(jobs: 8) == 1)
        let lines = String(decoding: try batch.jsonLines(summaries: alone), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 24)
        #expect(lines[0].hasPrefix("{\"id\":\"0\",\"summary\":\""))
    }

    @Test("a timed run reports its count, time per article and threads")
    func outcome() {
        let batch = SummaryBatch(items: [.init(id: "1", text: Self.article), .init(id: "2", text: Self.article)])
        let outcome = batch.summarize(by: Summarizer(), budget: .sentences(1), jobs: 1)
        #expect(outcome.summaries.count == 2)
        #expect(outcome.threads == 1)
        let fixed = SummaryBatch.Outcome(summaries: ["a", "b"], threads: 2, seconds: 0.5)
        #expect(
            fixed.report(output: "out.jsonl")
                == "summarised 2 articles to out.jsonl in 0.500 s (250.000 ms/article, 2 threads)")
        let none = SummaryBatch.Outcome(summaries: [], threads: 1, seconds: 0)
        #expect(none.report(output: "o") == "summarised 0 articles to o in 0.000 s (0.000 ms/article, 1 thread)")
    }
}
