import ArgumentParser
import Collector
import Foundation
import Summarizer

struct SummarizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarize",
        abstract: "Print the key sentences of an article, summarise a JSONL batch, or show the sentence split.",
        discussion: """
            digest summarize FILE [--sentences N] [--algorithm A]
            digest summarize --batch IN.jsonl --output OUT.jsonl [--sentences N]   ({"id","text"} in, {"id","summary"} out)
            digest summarize --split FILE                                         (one sentence a line)
            """
    )

    enum Algorithm: String, ExpressibleByArgument, CaseIterable {
        case lead, centroid

        var scorer: any SentenceScorer {
            switch self {
            case .lead: LeadScorer()
            case .centroid: CentroidScorer()
            }
        }
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "An article file (.txt, .md, .html).")
    var source: String?

    @Option(help: "How many sentences to keep.")
    var sentences = 3

    @Option(help: "The sentence scorer: \(Algorithm.allCases.map(\.rawValue).joined(separator: ", ")).")
    var algorithm: Algorithm = .centroid

    @Option(help: ArgumentHelp("Summarise every {\"id\",\"text\"} line of this JSONL file.", valueName: "in.jsonl"))
    var batch: String?

    @Option(help: ArgumentHelp("Where --batch writes its JSONL.", valueName: "out.jsonl"))
    var output: String?

    @Option(help: ArgumentHelp("Print the sentences of this file, one a line.", valueName: "file"))
    var split: String?

    func validate() throws {
        guard sentences > 0 else { throw ValidationError("--sentences must be at least 1") }
        let modes = [source != nil, batch != nil, split != nil].filter { $0 }.count
        guard modes == 1 else { throw ValidationError("give one of: a file, --batch IN.jsonl, --split FILE") }
        if batch != nil && output == nil { throw ValidationError("--batch needs --output OUT.jsonl") }
    }

    func run() throws {
        let summarizer = Summarizer(scorer: algorithm.scorer)
        if let split {
            let text = try readText(split)
            for sentence in SentenceSegmenter().sentences(in: text) { print(sentence) }
        } else if let batch, let output {
            try summarizeBatch(batch, output: output, summarizer: summarizer)
        } else if let source {
            let article = try Collector(store: global.newsletter.articles)
                .readFile(URL(fileURLWithPath: source), displayName: source)
            for sentence in summarizer.summarize(article.paragraphs.joined(separator: "\n"), title: article.title, sentences: sentences) {
                print(sentence)
            }
        }
    }

    private func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("\(path): cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw CommandFailure("\(path): text is not valid UTF-8") }
        return text
    }

    private struct Input: Decodable {
        var id: String
        var text: String
    }

    private struct Output: Encodable {
        var id: String
        var summary: String
    }

    private func summarizeBatch(_ path: String, output: String, summarizer: Summarizer) throws {
        let text = try readText(path)
        var inputs: [Input] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            do {
                inputs.append(try JSONDecoder().decode(Input.self, from: Data(line.utf8)))
            } catch {
                throw CommandFailure("\(path):\(number + 1): not an {\"id\", \"text\"} JSON line")
            }
        }
        // Articles are independent: summarise them on every core, write them in input order.
        let results = ResultSlots(count: inputs.count)
        let count = sentences
        let texts = inputs.map(\.text)
        DispatchQueue.concurrentPerform(iterations: texts.count) { index in
            let summary = summarizer.summarize(texts[index], sentences: count).joined(separator: "\n")
            results.set(index, summary)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines = ""
        for (index, input) in inputs.enumerated() {
            lines += String(decoding: try encoder.encode(Output(id: input.id, summary: results.get(index))), as: UTF8.self)
            lines += "\n"
        }
        try AtomicFile.write(Data(lines.utf8), to: URL(fileURLWithPath: output))
        printError("summarised \(inputs.count) articles to \(output)")
    }
}

/// Slots filled from many threads, one index each.
private final class ResultSlots: @unchecked Sendable {
    private var values: [String]
    private let lock = NSLock()

    init(count: Int) {
        values = Array(repeating: "", count: count)
    }

    func set(_ index: Int, _ value: String) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    func get(_ index: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }
}
